"""Decisions by consensus: adopted when no Member State objects.

"All decisions ... are to be taken through consultations and by consensus" (Concept Paper
III.1). CICA's Rules of Procedure (Art. 1) say consensus is reached if no Member State raises
an objection, and set a quorum of two thirds. That abstaining, staying silent, or joining
with an interpretative statement or a reservation does not block, that unanimity is not
required, and that statements are kept with the decision, is the general practice of
consensus (UN Office of Legal Affairs, 2005; the OSCE), which this module follows. Only
Member States take part.

A decision names its body and its date: ``consensus(positions, body=BODIES["CICA"], on=day)``
is taken by the body's members on that day (``d.body``, ``d.on``: who decided, and when);
``consensus(positions, members)`` is the older, undated form among CICA Member States. A
:class:`Decision` checks itself when it is built, from code or from JSON: its objections and
whether it was adopted must follow from its positions (:func:`authorized` then says whether it
may act for all the CICA Member States).

References:
    Concept Paper III.1; CICA Rules of Procedure (2004, amended 2009), Art. 1;
    REFERENCE.md "Silence procedures elsewhere" (consensus as the absence of objection).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import attrs

from ._convert import as_enum, as_tuple
from .authority import why_not_member
from .bodies import Body
from .bodies import body as lookup_body
from .clock import require_day, to_utc
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
    "authorized",
    "consensus",
]

CLAUSE_CONSENSUS = "Concept Paper III.1; Rules of Procedure Art. 1"
CLAUSE_QUORUM = "Rules of Procedure Art. 1 (quorum of two thirds)"
CLAUSE_PRACTICE = "general consensus practice (UN Office of Legal Affairs, 2005; OSCE)"
CLAUSE_MEMBER_STATES = (
    "Concept Paper III.1; Action Plan preamble (subject to the approval by the Member States)"
)
CICA = "CICA"
"""The id of the Conference itself: its Member States decide for it."""


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
    quorum_of: frozenset[str] | None = None
    """Those the quorum counts (the body's members on the day); ``None``: ``members``."""
    body: str = CICA
    on: date | None = None

    @property
    def present(self) -> frozenset[str]:
        """The members who took a position (those present)."""
        return frozenset(code for code, _ in self.positions)

    @property
    def entitled(self) -> frozenset[str]:
        """Those entitled to attend, whom the quorum counts."""
        return self.members if self.quorum_of is None else self.quorum_of

    @property
    def quorum(self) -> int:
        """Two thirds of those entitled to attend, rounded up (Rules of Procedure Art. 1)."""
        return math.ceil(2 * len(self.entitled) / 3)

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
            f"Quorum met: {len(ctx.present)} of {len(ctx.entitled)} present "
            f"(at least {ctx.quorum})."
        )


def _no_quorum(ctx: ConsensusContext) -> Iterable[str]:
    if ctx.quorum_required and not ctx.quorum_met:
        yield (
            f"No quorum: {len(ctx.present)} of {len(ctx.entitled)} present, "
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


def _decision_members(value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("Decision.members", value, "a collection of codes")
    members = frozenset(value)
    if not members or not all(isinstance(code, str) and code for code in members):
        raise InvalidValueError("Decision.members", sorted(members, key=str), "codes, at least one")
    return members


def _decision_positions(value: object) -> tuple[tuple[str, Position], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("Decision.positions", value, "(code, position) pairs")
    pairs = []
    for pair in value:
        if isinstance(pair, str) or not isinstance(pair, Iterable) or len(tuple(pair)) != 2:
            raise InvalidValueError("Decision.positions", pair, "a (code, position) pair")
        code, position = tuple(pair)
        pairs.append((code, as_enum(Position, f"Decision.positions[{code!r}]", position)))
    return tuple(pairs)


def _decision_objections(value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("Decision.objections", value, "a collection of codes")
    return frozenset(value)


def _decision_statements(value: object) -> tuple[Statement, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("Decision.statements", value, "a sequence of Statements")
    return tuple(value)


def _decision_findings(value: object) -> tuple[Finding, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("Decision.findings", value, "a sequence of Findings")
    found = tuple(value)
    for finding in found:
        if not isinstance(finding, Finding):
            raise InvalidValueError("Decision.findings", finding, "a Finding")
    return found


def _decision_on(value: object) -> date | None:
    return None if value is None else require_day(value, "Decision.on")


def _decision_body(value: object) -> str:
    if isinstance(value, Body):
        return value.id
    if not isinstance(value, str) or not value:
        raise InvalidValueError("Decision.body", value, "the id of the body that decided")
    return value


def _decision_quorum(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValueError("Decision.quorum", value, "a positive whole number, or None")
    return value


@attrs.frozen(slots=True)
class Decision:
    """The result of taking a decision by consensus.

    ``objections`` are the codes that objected; ``statements`` the words put on record;
    ``positions`` every position taken, sorted by code; ``findings`` explain it all. ``body``
    is the id of the body that decided and ``on`` the day it did (``None`` for a decision
    taken the older way, with ``members`` and no date); ``quorum`` how many had to be present
    when a quorum was asked for (``None`` when it was not).

    A Decision checks itself whenever it is built, by :func:`consensus`, by hand or from
    JSON: the positions are sorted, one each, by members; the objections are exactly the
    members that objected; it is adopted only if nobody objected and any quorum asked for was
    met. A record saying otherwise (``"adopted": true`` over an objection) is refused.
    """

    adopted: bool
    members: frozenset[str] = attrs.field(converter=_decision_members)
    positions: tuple[tuple[str, Position], ...] = attrs.field(converter=_decision_positions)
    objections: frozenset[str] = attrs.field(converter=_decision_objections)
    statements: tuple[Statement, ...] = attrs.field(converter=_decision_statements)
    findings: tuple[Finding, ...] = attrs.field(converter=_decision_findings)
    subject: str | None = None
    body: str = attrs.field(default=CICA, converter=_decision_body)
    on: date | None = attrs.field(default=None, converter=_decision_on)
    quorum: int | None = attrs.field(default=None, converter=_decision_quorum)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.adopted, bool):
            raise InvalidValueError("Decision.adopted", self.adopted, "true or false")
        codes = [code for code, _ in self.positions]
        if codes != sorted(set(codes), key=str):
            raise InvalidValueError("Decision.positions", codes, "one position per code, sorted")
        strangers = sorted(set(codes) - self.members, key=str)
        if strangers:
            raise InvalidValueError(
                "Decision.positions", strangers, "positions taken by the decision's members"
            )
        objected = frozenset(code for code, position in self.positions if position.blocks)
        if self.objections != objected:
            raise InvalidValueError(
                "Decision.objections",
                sorted(self.objections, key=str),
                f"exactly the members whose position is an objection ({sorted(objected)})",
            )
        taken = dict(self.positions)
        for statement in self.statements:
            if not isinstance(statement, Statement) or taken.get(statement.by) is not (
                statement.position
            ):
                raise InvalidValueError(
                    "Decision.statements", statement, "statements by members, as they took them"
                )
        quorum_met = self.quorum is None or len(codes) >= self.quorum
        if self.adopted and (objected or not quorum_met):
            why = (
                f"{', '.join(sorted(objected))} objected"
                if objected
                else f"{len(codes)} present, {self.quorum} needed"
            )
            raise InvalidValueError(
                "Decision.adopted", True, f"false: {why}, so consensus was not reached"
            )
        if not self.adopted and not objected and self.quorum is not None and quorum_met:
            raise InvalidValueError(
                "Decision.adopted", False, "true: nobody objected and the quorum was met"
            )

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


def _member_codes(members: Iterable[str]) -> frozenset[str]:
    given = as_tuple("members", members)
    # each code is checked before the frozenset, which fails on an unhashable one
    for code in given:
        if not isinstance(code, str):
            raise InvalidValueError("members", code, "a Member State's code")
    return frozenset(given)


def _deciding(
    members: Iterable[str] | None, body: Body | str | None, on: date | None
) -> tuple[Body | None, date | None, frozenset[str], frozenset[str] | None]:
    """(the body, the day, the members deciding, those the quorum counts) or an error."""
    if members is not None and (isinstance(members, str) or not isinstance(members, Iterable)):
        raise InvalidValueError("members", members, "a collection of Member State codes")
    day = None if on is None else require_day(on, "on")
    if body is None and day is None:
        if members is None:
            raise InvalidValueError(
                "members", None, 'the members deciding, or body=BODIES["CICA"] and on=the day'
            )
        chosen = _member_codes(members)
        known = {state.code for state in all_member_states()}
        for code in sorted(chosen, key=str):
            if code not in known:
                raise NotAMemberError(str(code), f"members: {why_not_member(code)}")
        return None, None, chosen, None
    deciding = lookup_body(CICA if body is None else body)
    if day is None:
        raise InvalidValueError("on", None, f"the day {deciding.id} decides (a datetime.date)")
    everyone = deciding.members(on=day)
    if members is None:
        return deciding, day, everyone, everyone
    chosen = _member_codes(members)
    for code in sorted(chosen, key=str):
        if not deciding.is_member(code, day, certain=False):
            raise NotAMemberError(str(code), f"members: {deciding.why_not_member(code, day)}")
    return deciding, day, chosen, everyone


def consensus(
    positions: Mapping[str, Position | Stance],
    members: Iterable[str] | None = None,
    *,
    body: Body | str | None = None,
    on: date | None = None,
    quorum: bool = False,
    subject: str | None = None,
    rules: RuleSet[ConsensusContext] = CONSENSUS_RULES,
) -> Decision:
    """Take a decision by consensus from the ``positions`` the members took.

    With ``body`` and ``on`` (the day), the body's members on that day decide (``body``
    defaults to CICA when only ``on`` is given); ``members`` may name fewer of them, but the
    quorum still counts all of them. Without a day, ``members`` are Member States of CICA
    (codes of the shipped registry; an observer or any other code is refused) and the decision
    is undated. A member missing from ``positions`` stayed silent, which does not block. A
    position from anyone else is refused (:class:`NotAMemberError`, saying who and why). With
    ``quorum=True`` at least two thirds must have taken a position (Rules of Procedure Art.
    1), or nothing is adopted.

    >>> positions = {"KAZ": Position.SUPPORT, "IND": Position.OBJECT}
    >>> d = consensus(positions, members={"KAZ", "IND", "CHN"})
    >>> d.adopted, sorted(d.objections), d.body, d.on
    (False, ['IND'], 'CICA', None)
    >>> from datetime import date
    >>> d = consensus({"KAZ": Position.SUPPORT}, body="CICA", on=date(2024, 1, 11))
    >>> d.adopted, d.body, d.on, len(d.members)
    (True, 'CICA', datetime.date(2024, 1, 11), 28)
    """
    if not isinstance(rules, RuleSet):
        raise InvalidValueError("rules", rules, "a RuleSet, e.g. CONSENSUS_RULES + my_rule")
    if not isinstance(quorum, bool):
        raise InvalidValueError("quorum", quorum, "True or False")
    deciding, day, chosen, entitled = _deciding(members, body, on)
    if not isinstance(positions, Mapping):
        raise InvalidValueError(
            "positions", positions, "a mapping of Member State code to Position"
        )
    stances: dict[str, Stance] = {}
    for code, value in positions.items():
        if code not in chosen:
            if deciding is not None and day is not None:
                why = (
                    deciding.why_not_member(code, day)
                    if not deciding.is_member(code, day, certain=False)
                    else f"it is not among the members taking this decision on {day}"
                )
            else:
                why = "only the Member States taking the decision may take a position"
            raise NotAMemberError(str(code), why)
        stances[code] = _stance(code, value)
    ordered = tuple(sorted((code, s.position) for code, s in stances.items()))
    statements = tuple(
        Statement(code, s.position, s.statement)
        for code, s in sorted(stances.items())
        if s.statement
    )
    objections = frozenset(code for code, pos in ordered if pos.blocks)
    body_id = CICA if deciding is None else deciding.id
    context = ConsensusContext(
        subject, chosen, ordered, statements, objections, quorum, entitled, body_id, day
    )
    adopted = not objections and (not quorum or context.quorum_met)
    return Decision(
        adopted=adopted,
        members=chosen,
        positions=ordered,
        objections=objections,
        statements=statements,
        findings=rules.evaluate(context),
        subject=subject,
        body=body_id,
        on=day,
        quorum=context.quorum if quorum else None,
    )


def authorized(decision: object, at: datetime | date | None = None) -> str | None:
    """Why ``decision`` cannot act for all the CICA Member States at ``at``; ``None`` if it can.

    Approving Action Plan items and admitting international bodies to its events is the act
    of the CICA Member States, never of a smaller circle (Concept Paper III.1; Action Plan
    preamble). So the decision must be a :class:`Decision` of CICA or one of its organs (the
    Summit, the Ministerial Council, the SOC, the SWG: all the Member States sit in each),
    taken by all the Member States of its day and no one else, and not dated after ``at``
    (an instant, or a day in Astana). An undated decision (taken with ``members=``) must have
    all the Member States of the day of ``at``. Whether it was adopted, and on what, is for
    the caller to check.

    >>> from datetime import date
    >>> print(authorized(consensus({}, body="CICA", on=date(2024, 1, 11)), date(2024, 1, 12)))
    None
    >>> authorized(consensus({}, members={"KAZ"}), date(2024, 1, 12))[:46]
    'it was taken by KAZ, not by all the 28 Member '
    """
    if not isinstance(decision, Decision):
        return f"{decision!r} is not a consensus Decision"
    try:
        deciding = lookup_body(decision.body)
    except LookupError:
        return f"it was taken by {decision.body!r}, which is not a shipped body"
    if deciding.id != CICA and deciding.organ_of != CICA:
        return (
            f"it was taken in {deciding.id}, not by the CICA Member States; only they decide "
            f"this ({CLAUSE_MEMBER_STATES})"
        )
    when: date | None
    if at is None:
        when = None
    elif isinstance(at, datetime):
        when = to_utc(at, "at").astimezone(deciding.zone).date()
    else:
        when = require_day(at, "at")
    if decision.on is not None and when is not None and decision.on > when:
        return f"it is dated {decision.on}, after {when}, when it is relied on"
    day = decision.on if decision.on is not None else when
    if day is None:
        return "it is undated, and no day was given to check its members against"
    cica = lookup_body(CICA)
    everyone = cica.members(on=day)
    outsiders = sorted(c for c in decision.members if not cica.is_member(c, day, certain=False))
    if outsiders:
        return (
            f"{', '.join(outsiders)} took part in it, but {cica.why_not_member(outsiders[0], day)}"
            f" ({CLAUSE_MEMBER_STATES})"
        )
    missing = sorted(everyone - decision.members)
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        taken_by = ", ".join(sorted(decision.members)[:5])
        if len(decision.members) > 5:
            taken_by += f" and {len(decision.members) - 5} more"
        return (
            f"it was taken by {taken_by}, not by all the {len(everyone)} Member States of "
            f"{day} (missing {shown}); a smaller circle does not decide for them "
            f"({CLAUSE_MEMBER_STATES})"
        )
    return None
