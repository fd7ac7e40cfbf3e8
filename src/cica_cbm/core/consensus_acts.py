"""The acts a consensus decision is made of: a subject put to a body, and each position taken.

A :class:`~cica_cbm.core.consensus.Decision` is the fold of its acts:

* :class:`ConsensusSought`, the founding act: the body's chair (for CICA and its organs, the
  Secretariat; whoever the shipped bodies name as ``chair``) puts ``subject`` to the body on
  ``on``, asking for a quorum or not, and naming the members asked when fewer than all;
* :class:`PositionTaken`: a member takes its position, with its words on record if any. A state
  acts only for itself, so ``by`` is the state whose position it is; only a member asked, on
  the day, takes one, and only once.

:func:`check_acts` replays a stream through these checks and says what it found (the first bad
act is refused, its index named); ``Decision.from_acts`` folds the result.

References:
    Concept Paper III.1 and III.3 (each state acts for itself); CICA Rules of Procedure Art. 1
    (only Member States take part); ``data/bodies.json`` (who chairs each body).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any, TypeAlias

import attrs

from ._convert import as_enum, as_tuple
from .authority import why_not_member
from .bodies import Body
from .bodies import body as lookup_body
from .clock import require_day
from .errors import CbmError, InvalidValueError, NotAMemberError, NotAuthorizedError
from .replay import indexed, stream_of
from .states import all_member_states

__all__ = [
    "CICA",
    "ConsensusSought",
    "Deciding",
    "DecisionAct",
    "Position",
    "PositionTaken",
    "Stance",
    "check_acts",
    "deciding",
    "member_codes",
    "stance_of",
    "why_not_taking",
]

CICA = "CICA"
"""The id of the Conference itself: its Member States decide for it."""


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


def _stance_position(value: Any) -> Position:
    return as_enum(Position, "Stance.position", value)


@attrs.frozen(slots=True)
class Stance:
    """A position with words on record: a statement, reservation or explanation."""

    position: Position = attrs.field(converter=_stance_position)
    statement: str | None = None


def stance_of(code: str, value: object) -> Stance:
    """``value`` (a Position or a Stance) as the Stance of ``code``, or an error naming it."""
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


def _actor(act: Any, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidValueError(
            f"{type(act).__name__}.{attribute.name}", value, "the code of whoever acts"
        )


def _sought_body(value: object) -> str:
    if isinstance(value, Body):
        return value.id
    if not isinstance(value, str) or not value:
        raise InvalidValueError("ConsensusSought.body", value, "the id of the body deciding")
    return value


def _sought_on(value: object) -> date | None:
    return None if value is None else require_day(value, "ConsensusSought.on")


def _sought_subject(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidValueError("ConsensusSought.subject", value, "a string, or None")
    return value


def _sought_quorum(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError("ConsensusSought.quorum", value, "true or false")
    return value


def _sought_members(value: object) -> frozenset[str] | None:
    return None if value is None else member_codes(value, "ConsensusSought.members")


def member_codes(value: object, field: str = "members") -> frozenset[str]:
    """``value`` as a frozenset of codes, refusing a bare string or a code that is not text."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError(field, value, "a collection of Member State codes")
    given = as_tuple(field, value)
    # each code is checked before the frozenset, which fails on an unhashable one
    for code in given:
        if not isinstance(code, str):
            raise InvalidValueError(field, code, "a Member State's code")
    return frozenset(given)


@attrs.frozen(slots=True)
class ConsensusSought:
    """The founding act: ``by`` (the body's chair) puts ``subject`` to ``body`` on ``on``.

    ``quorum`` says whether two thirds must be present; ``members`` names the members asked
    when fewer than all (``None``: all the body's members on the day). ``on`` is ``None`` only
    for the older, undated form, in which ``members`` are CICA Member States and must be given.
    """

    by: str = attrs.field(validator=_actor)
    body: str = attrs.field(default=CICA, converter=_sought_body)
    on: date | None = attrs.field(default=None, converter=_sought_on)
    subject: str | None = attrs.field(default=None, converter=_sought_subject)
    quorum: bool = attrs.field(default=False, converter=_sought_quorum)
    members: frozenset[str] | None = attrs.field(default=None, converter=_sought_members)


def _taken_position(value: object) -> Position:
    return as_enum(Position, "PositionTaken.position", value)


def _taken_statement(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidValueError("PositionTaken.statement", value, "a string, or None")
    return value


@attrs.frozen(slots=True)
class PositionTaken:
    """Member State ``by`` takes ``position``, with ``statement`` (its words) on record if any.

    A state acts only for itself: ``by`` is the state whose position it is.
    """

    by: str = attrs.field(validator=_actor)
    position: Position = attrs.field(converter=_taken_position)
    statement: str | None = attrs.field(default=None, converter=_taken_statement)


DecisionAct: TypeAlias = ConsensusSought | PositionTaken
"""Any act of a consensus decision."""


@attrs.frozen(slots=True)
class Deciding:
    """Who decides, as the founding act sets it: the body (``None`` undated), day, members.

    ``members`` are those asked; ``entitled`` those the quorum counts (``None``: ``members``).
    """

    body: Body | None
    on: date | None
    members: frozenset[str]
    entitled: frozenset[str] | None


def deciding(act: ConsensusSought) -> Deciding:
    """Who decides under ``act``, or an error: the actor must chair the body.

    Its members must be members too: CICA Member States when undated, the body's members on
    the day when dated.

    >>> deciding(ConsensusSought(by="KAZ", on=date(2024, 1, 11)))
    Traceback (most recent call last):
    ...
    cica_cbm.core.errors.NotAuthorizedError: KAZ may not put a subject to its members for ...
    """
    if not isinstance(act, ConsensusSought):
        raise InvalidValueError("act", type(act).__name__, "a ConsensusSought act")
    where = lookup_body(act.body)
    if act.by != where.chair:
        raise NotAuthorizedError(
            act.by,
            where.id,
            "put a subject to its members",
            f"only its chair, {where.chair}, puts a subject to a body (data/bodies.json)",
        )
    if act.on is None:
        if where.id != CICA:
            raise InvalidValueError("on", None, f"the day {where.id} decides (a datetime.date)")
        if act.members is None:
            raise InvalidValueError(
                "members", None, 'the members deciding, or body=BODIES["CICA"] and on=the day'
            )
        known = {state.code for state in all_member_states()}
        for code in sorted(act.members, key=str):
            if code not in known:
                raise NotAMemberError(str(code), f"members: {why_not_member(code)}")
        return Deciding(None, None, act.members, None)
    everyone = where.members(on=act.on)
    if act.members is None:
        return Deciding(where, act.on, everyone, everyone)
    for code in sorted(act.members, key=str):
        if not where.is_member(code, act.on, certain=False):
            raise NotAMemberError(str(code), f"members: {where.why_not_member(code, act.on)}")
    return Deciding(where, act.on, act.members, everyone)


def why_not_taking(circle: Deciding, code: str) -> str | None:
    """Why ``code`` may not take a position in the decision ``circle`` takes; ``None`` if it may."""
    if code in circle.members:
        return None
    if circle.body is not None and circle.on is not None:
        if not circle.body.is_member(code, circle.on, certain=False):
            return circle.body.why_not_member(code, circle.on)
        return f"it is not among the members taking this decision on {circle.on}"
    return "only the Member States taking the decision may take a position"


def _check_position(circle: Deciding, taken: dict[str, PositionTaken], act: object) -> None:
    if not isinstance(act, PositionTaken):
        raise InvalidValueError(
            "act", type(act).__name__, "a PositionTaken (only the first act is ConsensusSought)"
        )
    why = why_not_taking(circle, act.by)
    if why is not None:
        raise NotAMemberError(act.by, why)
    if act.by in taken:
        raise InvalidValueError(
            "PositionTaken.by", act.by, "a member that has not taken a position yet (one each)"
        )
    if act.position is Position.JOIN_WITH_STATEMENT and not (
        act.statement and act.statement.strip()
    ):
        raise InvalidValueError(
            "PositionTaken.statement",
            act.statement,
            "the text of the interpretative statement or reservation",
        )


def check_acts(
    acts: object,
) -> tuple[ConsensusSought, Deciding, dict[str, PositionTaken]]:
    """Replay ``acts`` through the checks: the founding act, who decides, each position.

    Refuses the first bad act, naming its index (``acts[2]: ...``).
    """
    stream = stream_of(acts, ConsensusSought, "a ConsensusSought act")
    first = stream[0]
    try:
        circle = deciding(first)
    except CbmError as error:
        raise indexed(0, error) from None
    taken: dict[str, PositionTaken] = {}
    for index, act in enumerate(stream[1:], start=1):
        try:
            _check_position(circle, taken, act)
        except CbmError as error:
            raise indexed(index, error) from None
        taken[act.by] = act
    return first, circle, taken
