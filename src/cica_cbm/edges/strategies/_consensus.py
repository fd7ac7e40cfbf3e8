"""Strategies for consensus and rules: positions, decisions, findings and rule sets."""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from ...core.consensus import ConsensusContext, Decision, Position, Stance, Statement, consensus
from ...core.rules import Finding, Rule, RuleSet
from ._states import member_codes
from ._text import texts

__all__ = [
    "consensus_contexts",
    "decisions",
    "findings",
    "positions",
    "rule_sets",
    "rules",
    "stances",
    "statements",
]


def positions() -> st.SearchStrategy[Position]:
    """Positions on a proposed decision; shrinks towards SUPPORT."""
    return st.sampled_from(Position)


def stances() -> st.SearchStrategy[Stance]:
    """Positions with words on record or none; JOIN_WITH_STATEMENT always has its statement.

    Shrinks towards SUPPORT with no statement.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Stance:
        position = draw(positions())
        if position is Position.JOIN_WITH_STATEMENT:
            return Stance(position, draw(texts(max_size=80)))
        return Stance(position, draw(st.none() | texts(max_size=80)))

    return build()


def statements() -> st.SearchStrategy[Statement]:
    """Statements a Member State put on record; shrinks towards AFG's SUPPORT with ``"0"``."""
    return st.builds(Statement, member_codes(), positions(), texts(max_size=80))


def decisions(*, quorum: st.SearchStrategy[bool] | None = None) -> st.SearchStrategy[Decision]:
    """Decisions taken by :func:`~cica_cbm.core.consensus.consensus` among some Member States.

    The members are a non-empty set of the shipped codes; some take positions (plain or with
    words), others stay silent. Shrinks towards AFG alone, silent, with no quorum check
    (adopted).
    """

    @st.composite
    def build(draw: st.DrawFn) -> Decision:
        members = draw(st.sets(member_codes(), min_size=1, max_size=28))
        taken = draw(
            st.dictionaries(
                st.sampled_from(sorted(members)), positions() | stances(), max_size=len(members)
            )
        )
        fixed = {
            code: Stance(Position.JOIN_WITH_STATEMENT, "(statement)")
            if value is Position.JOIN_WITH_STATEMENT
            else value
            for code, value in taken.items()
        }
        return consensus(
            fixed,
            members=members,
            quorum=draw(quorum if quorum is not None else st.booleans()),
            subject=draw(st.none() | texts(max_size=40)),
        )

    return build()


def consensus_contexts() -> st.SearchStrategy[ConsensusContext]:
    """The facts a consensus rule looks at, from a drawn decision; shrinks as decisions do."""

    def context(quorum: bool) -> st.SearchStrategy[ConsensusContext]:
        return decisions(quorum=st.just(quorum)).map(
            lambda d: ConsensusContext(
                d.subject, d.members, d.positions, d.statements, d.objections, quorum
            )
        )

    return st.booleans().flatmap(context)


def findings() -> st.SearchStrategy[Finding]:
    """Findings with a rule id, a clause and a message.

    Shrinks towards a non-decisive finding of rule ``"0"`` citing ``"0"``.
    """
    return st.builds(
        Finding,
        rule=_rule_ids(),
        clause=texts(max_size=60),
        message=texts(max_size=120),
        decisive=st.booleans(),
    )


def _rule_ids() -> st.SearchStrategy[str]:
    return st.text(string.ascii_uppercase + string.digits + "-", min_size=1, max_size=20)


def rules(
    *, messages: st.SearchStrategy[Sequence[str]] | None = None
) -> st.SearchStrategy[Rule[Any]]:
    """Rules whose check yields a fixed list of messages whatever the context.

    Shrinks towards a non-decisive rule ``"0"`` that finds nothing.
    """
    found = messages if messages is not None else st.lists(texts(max_size=60), max_size=3)

    def make(rule_id: str, clause: str, said: Sequence[str], decisive: bool) -> Rule[Any]:
        fixed = tuple(said)
        return Rule(rule_id, clause, lambda _ctx: fixed, decisive=decisive, summary=clause)

    return st.builds(make, _rule_ids(), texts(max_size=60), found, st.booleans())


def rule_sets() -> st.SearchStrategy[RuleSet[Any]]:
    """Rule sets with distinct ids; shrinks towards the empty set."""
    return st.lists(rules(), max_size=5, unique_by=lambda r: r.id).map(RuleSet)
