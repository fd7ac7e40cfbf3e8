"""Decisions by consensus: adopted when no Member State objects.

"All decisions ... are to be taken through consultations and by consensus" (Concept Paper
III.1). CICA's Rules of Procedure (Art. 1) say consensus is reached if no Member State raises
an objection, and set a quorum of two thirds. That abstaining, staying silent, or joining
with an interpretative statement or a reservation does not block, that unanimity is not
required, and that statements are kept with the decision, is the general practice of
consensus (UN Office of Legal Affairs, 2005; the OSCE), which this module follows. Only
Member States take part.

References:
    Concept Paper III.1; CICA Rules of Procedure (2004, amended 2009), Art. 1;
    REFERENCE.md "Silence procedures elsewhere" (consensus as the absence of objection).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

import attrs

from ._convert import as_enum, as_tuple
from .authority import why_not_member
from .errors import InvalidValueError, NotAMemberError
from .rules import Finding, Rule, RuleSet
from .states import all_member_states

__all__ = [
    "CONSENSUS_RULES",
    "ConsensusContext",
    "Decision",
    "Position",
    "Stance",
    "Statement",
    "consensus",
]

CLAUSE_CONSENSUS = "Concept Paper III.1; Rules of Procedure Art. 1"
CLAUSE_QUORUM = "Rules of Procedure Art. 1 (quorum of two thirds)"
CLAUSE_PRACTICE = "general consensus practice (UN Office of Legal Affairs, 2005; OSCE)"


def _stance_position(value: Any) -> Position:
    return as_enum(Position, "Stance.position", value)


class Position(StrEnum):
    """A Member State's position on a proposed decision."""

    SUPPORT = "support"
    NO_OBJECTION = "no_objection"
    ABSTAIN = "abstain"
    JOIN_WITH_STATEMENT = "join_with_statement"
    """Joins the consensus with an interpretative statement or a reservation on record."""
    OBJECT = "object"

    @property
    def blocks(self) -> bool:
        """Whether this position blocks consensus (only an objection does)."""
        return self is Position.OBJECT


@attrs.frozen(slots=True)
class Stance:
    """A position with words on record: a statement, reservation or explanation."""

    position: Position = attrs.field(converter=_stance_position)
    statement: str | None = None


@attrs.frozen(slots=True)
class Statement:
    """Words a Member State put on record with its position, kept on the decision."""

    by: str
    position: Position
    text: str


@attrs.frozen(slots=True)
class ConsensusContext:
    """The facts a consensus rule looks at."""

    subject: str | None
    members: frozenset[str]
    positions: tuple[tuple[str, Position], ...]
    statements: tuple[Statement, ...]
    objections: frozenset[str]
    quorum_required: bool

    @property
    def present(self) -> frozenset[str]:
        """The members who took a position (those present)."""
        return frozenset(code for code, _ in self.positions)

    @property
    def quorum(self) -> int:
        """Two thirds of the members, rounded up."""
        return math.ceil(2 * len(self.members) / 3)

    @property
    def quorum_met(self) -> bool:
        """Whether at least two thirds of the members are present."""
        return len(self.present) >= self.quorum


def _objections(ctx: ConsensusContext) -> Iterable[str]:
    for code in sorted(ctx.objections):
        yield f"{code} objects: consensus is not reached."


def _adopted(ctx: ConsensusContext) -> Iterable[str]:
    if ctx.objections or (ctx.quorum_required and not ctx.quorum_met):
        return
    silent = len(ctx.members) - len(ctx.present)
    yield (
        f"No Member State objects ({len(ctx.present)} took a position, {silent} stayed silent): "
        "the decision is adopted by consensus."
    )


def _statements(ctx: ConsensusContext) -> Iterable[str]:
    for statement in ctx.statements:
        yield f"{statement.by} ({statement.position.value}) put on record: {statement.text}"


def _abstentions(ctx: ConsensusContext) -> Iterable[str]:
    abstaining = sorted(code for code, pos in ctx.positions if pos is Position.ABSTAIN)
    if abstaining:
        yield f"{', '.join(abstaining)} abstained; abstention does not block consensus."


def _quorum(ctx: ConsensusContext) -> Iterable[str]:
    if ctx.quorum_required and ctx.quorum_met:
        yield (
            f"Quorum met: {len(ctx.present)} of {len(ctx.members)} present (at least {ctx.quorum})."
        )


def _no_quorum(ctx: ConsensusContext) -> Iterable[str]:
    if ctx.quorum_required and not ctx.quorum_met:
        yield (
            f"No quorum: {len(ctx.present)} of {len(ctx.members)} present, "
            f"at least {ctx.quorum} needed; no decision can be adopted."
        )


CONSENSUS_RULES: RuleSet[ConsensusContext] = RuleSet(
    (
        Rule("CONSENSUS-QUORUM", CLAUSE_QUORUM, _quorum, summary="Two thirds present, if asked."),
        Rule(
            "CONSENSUS-NO-QUORUM",
            CLAUSE_QUORUM,
            _no_quorum,
            decisive=True,
            summary="Without a quorum, when one is asked for, nothing is adopted.",
        ),
        Rule(
            "CONSENSUS-OBJECTION",
            CLAUSE_CONSENSUS,
            _objections,
            decisive=True,
            summary="Any Member State's objection blocks consensus.",
        ),
        Rule(
            "CONSENSUS-ADOPTED",
            CLAUSE_CONSENSUS,
            _adopted,
            decisive=True,
            summary="With no objection the decision is adopted; unanimity is not required.",
        ),
        Rule(
            "CONSENSUS-ABSTENTION",
            CLAUSE_PRACTICE,
            _abstentions,
            summary="Abstaining does not block.",
        ),
        Rule(
            "CONSENSUS-STATEMENT",
            CLAUSE_PRACTICE + ": interpretative statements and reservations",
            _statements,
            summary="Statements and reservations are kept with the decision.",
        ),
    )
)
"""The rules of consensus, in order."""


@attrs.frozen(slots=True)
class Decision:
    """The result of taking a decision by consensus.

    ``objections`` are the codes that objected; ``statements`` the words put on record;
    ``positions`` every position taken, sorted by code; ``findings`` explain it all.
    """

    adopted: bool
    members: frozenset[str]
    positions: tuple[tuple[str, Position], ...]
    objections: frozenset[str]
    statements: tuple[Statement, ...]
    findings: tuple[Finding, ...]
    subject: str | None = None

    def position_of(self, code: str) -> Position | None:
        """The position ``code`` took, or ``None`` if it stayed silent."""
        if not isinstance(code, str):
            raise InvalidValueError("code", code, "a Member State's code")
        return dict(self.positions).get(code)

    @property
    def silent(self) -> frozenset[str]:
        """Members who took no position; silence does not block."""
        return self.members - {code for code, _ in self.positions}

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.decision_html(self)


def _stance(code: str, value: object) -> Stance:
    if isinstance(value, Stance):
        stance = value
    else:
        try:
            stance = Stance(Position(str(value)))
        except ValueError:
            raise InvalidValueError(
                f"positions[{code!r}]", value, "a Position or a Stance"
            ) from None
    if stance.position is Position.JOIN_WITH_STATEMENT and not (
        stance.statement and stance.statement.strip()
    ):
        raise InvalidValueError(
            f"positions[{code!r}].statement",
            stance.statement,
            "the text of the interpretative statement or reservation",
        )
    return stance


def consensus(
    positions: Mapping[str, Position | Stance],
    members: Iterable[str],
    *,
    quorum: bool = False,
    subject: str | None = None,
    rules: RuleSet[ConsensusContext] = CONSENSUS_RULES,
) -> Decision:
    """Take a decision by consensus among ``members`` from the ``positions`` they took.

    ``members`` are the Member States taking the decision (codes of the shipped registry; an
    observer or any other code is refused). A member missing from ``positions`` stayed silent,
    which does not block. A position from a non-member is refused. With ``quorum=True`` at
    least two thirds of the members must have taken a position, or nothing is adopted.

    >>> positions = {"KAZ": Position.SUPPORT, "IND": Position.OBJECT}
    >>> d = consensus(positions, members={"KAZ", "IND", "CHN"})
    >>> d.adopted, sorted(d.objections)
    (False, ['IND'])
    """
    if not isinstance(rules, RuleSet):
        raise InvalidValueError("rules", rules, "a RuleSet, e.g. CONSENSUS_RULES + my_rule")
    given = as_tuple("members", members)
    # each code is checked before the frozenset, which fails on an unhashable one
    for code in given:
        if not isinstance(code, str):
            raise InvalidValueError("members", code, "a Member State's code")
    body = frozenset(given)
    known = {state.code for state in all_member_states()}
    for code in sorted(body, key=str):
        if code not in known:
            raise NotAMemberError(str(code), f"members: {why_not_member(code)}")
    if not isinstance(positions, Mapping):
        raise InvalidValueError(
            "positions", positions, "a mapping of Member State code to Position"
        )
    stances: dict[str, Stance] = {}
    for code, value in positions.items():
        if code not in body:
            raise NotAMemberError(
                str(code), "only the Member States taking the decision may take a position"
            )
        stances[code] = _stance(code, value)
    ordered = tuple(sorted((code, s.position) for code, s in stances.items()))
    statements = tuple(
        Statement(code, s.position, s.statement)
        for code, s in sorted(stances.items())
        if s.statement
    )
    objections = frozenset(code for code, pos in ordered if pos.blocks)
    context = ConsensusContext(subject, body, ordered, statements, objections, quorum)
    adopted = not objections and (not quorum or context.quorum_met)
    return Decision(
        adopted=adopted,
        members=body,
        positions=ordered,
        objections=objections,
        statements=statements,
        findings=rules.evaluate(context),
        subject=subject,
    )
