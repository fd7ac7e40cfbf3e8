"""Strategies for consensus and rules: positions, decisions, findings and rule sets."""

from __future__ import annotations

import string
from collections.abc import Sequence
from datetime import date
from typing import Any

from hypothesis import strategies as st

from ...core.bodies import BODIES
from ...core.consensus import ConsensusContext, Decision, Position, Stance, Statement, consensus
from ...core.consensus_acts import ConsensusSought, PositionTaken
from ...core.rules import Finding, Rule, RuleSet
from ._states import member_codes
from ._text import texts
from ._time import days

_FIRST_DAY = date(1999, 9, 14)  # the first Ministerial Meeting and the Declaration on Principles
_LAST_DAY = date(2030, 12, 31)

__all__ = [
    "consensus_contexts",
    "consensus_sought",
    "decisions",
    "findings",
    "positions",
    "positions_taken",
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


def decisions(
    *,
    quorum: st.SearchStrategy[bool] | None = None,
    dated: st.SearchStrategy[bool] | None = None,
    circle: st.SearchStrategy[bool] | None = None,
) -> st.SearchStrategy[Decision]:
    """Decisions taken by :func:`~cica_cbm.core.consensus.consensus`, undated or dated.

    An undated decision (``dated`` draws ``False``) is taken the older way among a non-empty
    set of the shipped codes. A dated one is taken in CICA or one of its organs on a day from
    1999 to 2030, by all its Member States of that day or, when ``circle`` draws ``True``, by
    some of them. Some members take positions (plain or with words), others stay silent.
    Shrinks towards AFG alone, undated, silent, with no quorum check (adopted).
    """

    def taking(draw: st.DrawFn, members: frozenset[str]) -> dict[str, Position | Stance]:
        taken = draw(
            st.dictionaries(
                st.sampled_from(sorted(members)), positions() | stances(), max_size=len(members)
            )
        )
        return {
            code: Stance(Position.JOIN_WITH_STATEMENT, "(statement)")
            if value is Position.JOIN_WITH_STATEMENT
            else value
            for code, value in taken.items()
        }

    @st.composite
    def build(draw: st.DrawFn) -> Decision:
        if draw(dated if dated is not None else st.booleans()):
            organ = draw(st.sampled_from(_CICA_BODIES))
            day = draw(days(_FIRST_DAY, _LAST_DAY))
            everyone = BODIES[organ].members(on=day)
            chosen: frozenset[str] | None = None
            if draw(circle if circle is not None else st.booleans()):
                chosen = frozenset(draw(st.sets(st.sampled_from(sorted(everyone)), min_size=1)))
            return consensus(
                taking(draw, chosen if chosen is not None else everyone),
                chosen,
                body=organ,
                on=day,
                quorum=draw(quorum if quorum is not None else st.booleans()),
                subject=draw(st.none() | texts(max_size=40)),
            )
        members = frozenset(draw(st.sets(member_codes(), min_size=1, max_size=28)))
        return consensus(
            taking(draw, members),
            members=members,
            quorum=draw(quorum if quorum is not None else st.booleans()),
            subject=draw(st.none() | texts(max_size=40)),
        )

    return build()


def consensus_sought() -> st.SearchStrategy[ConsensusSought]:
    """The founding acts of drawn decisions; shrinks towards the Secretariat asking AFG alone."""
    return decisions().map(lambda d: d.acts[0]).filter(lambda act: isinstance(act, ConsensusSought))  # type: ignore[return-value]


def positions_taken() -> st.SearchStrategy[PositionTaken]:
    """A state's position as an act, with words on record or none (always for a statement).

    Shrinks towards AFG's SUPPORT with no statement.
    """
    return st.builds(
        lambda code, stance: PositionTaken(code, stance.position, stance.statement),
        member_codes(),
        stances(),
    )


_CICA_BODIES = ("CICA", "CICA_SUMMIT", "CICA_MINISTERIAL", "CICA_SOC", "CICA_SWG")


def consensus_contexts() -> st.SearchStrategy[ConsensusContext]:
    """The facts a consensus rule looks at, from a drawn decision; shrinks as decisions do."""

    def context(quorum: bool) -> st.SearchStrategy[ConsensusContext]:
        return decisions(quorum=st.just(quorum)).map(
            lambda d: ConsensusContext(
                d.subject,
                d.members,
                d.positions,
                d.statements,
                d.objections,
                quorum,
                BODIES[d.body].members(on=d.on) if d.on is not None else None,
                d.body,
                d.on,
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
