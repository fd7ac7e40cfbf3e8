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
from typing import Any, ClassVar

import attrs

from ._convert import as_enum, as_tuple
from .authority import acting_for_itself
from .bodies import Body
from .bodies import body as lookup_body
from .clock import require_day, to_utc
from .consensus_acts import (
    CICA,
    ConsensusSought,
    Deciding,
    DecisionAct,
    Position,
    PositionTaken,
    Stance,
    check_acts,
    deciding,
    member_codes,
    stance_of,
    why_not_taking,
)
from .errors import InvalidValueError, NotAMemberError
from .rules import Finding, Rule, RuleSet

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


def _decision_acts(value: object) -> tuple[DecisionAct, ...]:
    return as_tuple("Decision.acts", value)


@attrs.frozen(slots=True)
class Decision:
    """The result of taking a decision by consensus.

    ``objections`` are the codes that objected; ``statements`` the words put on record;
    ``positions`` every position taken, sorted by code; ``findings`` explain it all. ``body``
    is the id of the body that decided and ``on`` the day it did (``None`` for a decision
    taken the older way, with ``members`` and no date); ``quorum`` how many had to be present
    when a quorum was asked for (``None`` when it was not).

    A Decision is the fold of its :attr:`acts` (see :mod:`cica_cbm.core.consensus_acts`): the
    chair's :class:`~cica_cbm.core.consensus_acts.ConsensusSought`, then each state's
    :class:`~cica_cbm.core.consensus_acts.PositionTaken`. :meth:`from_acts` folds them,
    :meth:`then` adds one, and its JSON is its acts. It checks itself whenever it is built, by
    :func:`consensus`, by hand or from JSON: every field but ``findings`` (which its rules
    explain) must be what its acts give; the positions are sorted, one each, by members; the
    objections are exactly the members that objected; it is adopted only if nobody objected
    and any quorum asked for was met.
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
    acts: tuple[DecisionAct, ...] = attrs.field(kw_only=True, converter=_decision_acts)
    """Every act that made it, in the order recorded, the chair's ConsensusSought first."""

    ACT_TYPES: ClassVar[tuple[type, ...]] = (ConsensusSought, PositionTaken)
    """The types of its acts, the founding act first."""

    @classmethod
    def from_acts(
        cls, acts: Iterable[DecisionAct], *, rules: RuleSet[ConsensusContext] = CONSENSUS_RULES
    ) -> Decision:
        """The decision its ``acts`` make, explained by ``rules``; the first bad act refused.

        >>> from datetime import date
        >>> d = Decision.from_acts([
        ...     ConsensusSought(by="SECRETARIAT", body="CICA_SOC", on=date(2024, 1, 11)),
        ...     PositionTaken(by="IND", position=Position.OBJECT),
        ... ])
        >>> d.adopted, sorted(d.objections), d.acts[1].by
        (False, ['IND'], 'IND')
        >>> Decision.from_acts([*d.acts, PositionTaken(by="USA", position="support")])
        Traceback (most recent call last):
        ...
        cica_cbm.core.errors.NotAMemberError: acts[2]: USA may not take part: ...
        """
        if not isinstance(rules, RuleSet):
            raise InvalidValueError("rules", rules, "a RuleSet, e.g. CONSENSUS_RULES + my_rule")
        stream = as_tuple("acts", acts)
        return _decide(*check_acts(stream), rules, stream)

    def then(
        self, act: DecisionAct, *, rules: RuleSet[ConsensusContext] = CONSENSUS_RULES
    ) -> Decision:
        """The decision with one more act, checked as :meth:`from_acts` checks every act."""
        return Decision.from_acts((*self.acts, act), rules=rules)

    def take(
        self,
        by: str,
        position: Position | str,
        statement: str | None = None,
        *,
        sent_by: str | None = None,
        rules: RuleSet[ConsensusContext] = CONSENSUS_RULES,
    ) -> Decision:
        """Member State ``by`` takes ``position``; ``sent_by`` another state is refused."""
        acting_for_itself(by, sent_by, "take a position")
        return self.then(PositionTaken(by, position, statement), rules=rules)

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
        facts = _facts(*check_acts(self.acts))
        for name, value in facts.items():
            if getattr(self, name) != value:
                raise InvalidValueError(
                    f"Decision.{name}", getattr(self, name), f"what its acts give: {value!r}"
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


def consensus(
    positions: Mapping[str, Position | Stance],
    members: Iterable[str] | None = None,
    *,
    body: Body | str | None = None,
    on: date | None = None,
    quorum: bool = False,
    subject: str | None = None,
    rules: RuleSet[ConsensusContext] = CONSENSUS_RULES,
    by: str | None = None,
) -> Decision:
    """Take a decision by consensus from the ``positions`` the members took.

    With ``body`` and ``on`` (the day), the body's members on that day decide (``body``
    defaults to CICA when only ``on`` is given); ``members`` may name fewer of them, but the
    quorum still counts all of them. Without a day, ``members`` are Member States of CICA
    (codes of the shipped registry; an observer or any other code is refused) and the decision
    is undated. A member missing from ``positions`` stayed silent, which does not block. A
    position from anyone else is refused (:class:`NotAMemberError`, saying who and why). With
    ``quorum=True`` at least two thirds must have taken a position (Rules of Procedure Art.
    1), or nothing is adopted. ``by`` is who put the subject to the body: its chair (the
    default; for CICA and its organs, the Secretariat); anyone else is refused
    (:class:`~cica_cbm.core.errors.NotAuthorizedError`).

    The decision is the fold of its acts (:meth:`Decision.from_acts`): the chair's
    ``ConsensusSought``, then one ``PositionTaken`` for each position, in the order of the
    states' codes.

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
    if members is not None and (isinstance(members, str) or not isinstance(members, Iterable)):
        raise InvalidValueError("members", members, "a collection of Member State codes")
    day = None if on is None else require_day(on, "on")
    where = lookup_body(CICA if body is None else body)
    if body is not None and day is None:
        raise InvalidValueError("on", None, f"the day {where.id} decides (a datetime.date)")
    founding = ConsensusSought(
        by=where.chair if by is None else by,
        body=where.id,
        on=day,
        subject=subject,
        quorum=quorum,
        members=None if members is None else member_codes(members),
    )
    circle = deciding(founding)
    if not isinstance(positions, Mapping):
        raise InvalidValueError(
            "positions", positions, "a mapping of Member State code to Position"
        )
    stances: dict[str, Stance] = {}
    for code, value in positions.items():
        why = why_not_taking(circle, code)
        if why is not None:
            raise NotAMemberError(str(code), why)
        stances[code] = stance_of(code, value)
    taken = [PositionTaken(code, s.position, s.statement) for code, s in sorted(stances.items())]
    return Decision.from_acts((founding, *taken), rules=rules)


def _facts(
    first: ConsensusSought, circle: Deciding, taken: dict[str, PositionTaken]
) -> dict[str, Any]:
    """The fields of a decision that its acts give (all but whether adopted, and findings)."""
    ordered = tuple(sorted((code, act.position) for code, act in taken.items()))
    statements = tuple(
        Statement(code, act.position, act.statement)
        for code, act in sorted(taken.items())
        if act.statement
    )
    entitled = circle.members if circle.entitled is None else circle.entitled
    return {
        "members": circle.members,
        "positions": ordered,
        "objections": frozenset(code for code, position in ordered if position.blocks),
        "statements": statements,
        "subject": first.subject,
        "body": first.body,
        "on": first.on,
        "quorum": math.ceil(2 * len(entitled) / 3) if first.quorum else None,
    }


def _decide(
    first: ConsensusSought,
    circle: Deciding,
    taken: dict[str, PositionTaken],
    rules: RuleSet[ConsensusContext],
    acts: tuple[DecisionAct, ...],
) -> Decision:
    """The decision the checked acts make, its findings by ``rules``."""
    facts = _facts(first, circle, taken)
    context = ConsensusContext(
        first.subject,
        circle.members,
        facts["positions"],
        facts["statements"],
        facts["objections"],
        first.quorum,
        circle.entitled,
        first.body,
        first.on,
    )
    adopted = not context.objections and (not first.quorum or context.quorum_met)
    return Decision(adopted=adopted, findings=rules.evaluate(context), acts=acts, **facts)


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
