"""The acts that make an activity of the Action Plan, and what they fold to.

An :class:`~cica_cbm.core.participation.Activity` is the record of its acts, the founding act
first:

* :class:`Volunteered`: a Member State (``by``) volunteers to host it, with its facts (id,
  kind, title, action item, start, the requesting state of a training seminar, the
  arrangements it set then);
* :class:`Joined` and :class:`Left`: a Member State joins or leaves, by its own act, before the
  activity begins; these acts of the states are recorded in time order;
* :class:`Arranged`: the host alone changes the venue, form, terms or modalities (III.4);
* :class:`Admitted`: an international body takes part, by an adopted consensus
  :class:`~cica_cbm.core.consensus.Decision` of all the CICA Member States of its day, not
  dated after the admission, whose subject names the body; ``by`` is the body that decided.

:func:`replay` folds acts into :class:`ActivityFacts` (who takes part, under what
arrangements), checking each act as the API does; :func:`apply` checks and folds one more.
Nothing about who takes part is ever stated: it is only what the acts fold to.

References:
    Concept Paper III.3 and III.4; Action Plan sections i (i.2) and ii.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeAlias

import attrs

from ._convert import as_enum, as_tuple
from .authority import why_not_member
from .clock import ASTANA, to_utc
from .consensus import Decision, authorized
from .errors import CbmError, InvalidValueError, NotAMemberError, NotAuthorizedError
from .states import is_member

__all__ = [
    "ActivityAct",
    "ActivityFacts",
    "ActivityKind",
    "Admitted",
    "Arranged",
    "Arrangements",
    "Joined",
    "Left",
    "ParticipationError",
    "Volunteered",
    "admission_subject",
    "apply",
    "bodies_named",
    "found",
    "replay",
]


class ParticipationError(CbmError, ValueError):
    """An act of participation that the rules do not allow: ``reason`` says why."""

    def __init__(self, activity: str, reason: str) -> None:
        self.activity = activity
        self.reason = reason
        super().__init__(f"{activity}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.activity, self.reason))


class ActivityKind(StrEnum):
    """What kind of event of the Action Plan an activity is."""

    MEETING = "meeting"
    """E.g. the meeting of national experts on border control and management (section i), or
    the CICA Chiefs of Police meeting (section ii)."""
    SEMINAR = "seminar"
    """E.g. one of the "twice yearly seminars on law enforcement related issues" (ii.1)."""
    TRAINING_SEMINAR = "training_seminar"
    """Organised "upon request" (i.2): names the requesting Member State."""


@attrs.frozen(slots=True)
class Arrangements:
    """What the host alone decides: venue, form, terms and modalities (III.4).

    ``None`` means the host has not said yet.
    """

    venue: str | None = None
    form: str | None = None
    terms: str | None = None
    modalities: str | None = None


_ACTIVITY_ID = re.compile(r"^[^\s,:]+$")
_BODY = re.compile(r"^[^\s,:][^,:]*[^\s,:]$|^[^\s,:]$")


def admission_subject(activity: str, bodies: Iterable[str]) -> str:
    """The subject of a consensus decision agreeing that ``bodies`` take part in ``activity``.

    >>> admission_subject("bcm-experts-1", ["UNODC", "IOM"])
    'admit international bodies to bcm-experts-1: IOM, UNODC'
    """
    given = as_tuple("bodies", bodies)
    # each name is checked before the set and the sort, which fail on unhashable or mixed values
    for name in given:
        if not isinstance(name, str) or not _BODY.match(name):
            raise InvalidValueError("bodies", name, "a name without commas or colons")
    names = sorted(set(given))
    if not names:
        raise InvalidValueError("bodies", names, "at least one international body")
    if not isinstance(activity, str) or not _ACTIVITY_ID.match(activity):
        raise InvalidValueError("activity", activity, "an activity id")
    return f"admit international bodies to {activity}: " + ", ".join(names)


def bodies_named(subject: str | None, activity: str) -> frozenset[str]:
    """The international bodies an admission subject names for ``activity``; else empty.

    >>> sorted(bodies_named("admit international bodies to m1: IOM, UNODC", "m1"))
    ['IOM', 'UNODC']
    >>> bodies_named("admit international bodies to m2: IOM", "m1")
    frozenset()
    """
    prefix = f"admit international bodies to {activity}: "
    if not isinstance(subject, str) or not subject.startswith(prefix):
        return frozenset()
    names = [part.strip() for part in subject[len(prefix) :].split(",")]
    if not all(_BODY.match(name) for name in names):
        return frozenset()
    return frozenset(names)


# --- the acts ----------------------------------------------------------------------------------


def _to_kind(value: object) -> ActivityKind:
    return as_enum(ActivityKind, "Volunteered.kind", value)


def _instant(value: object) -> datetime:
    return to_utc(value, "at")


def _starts(value: object) -> datetime:
    return to_utc(value, "starts")


def _optional_instant(value: object) -> datetime | None:
    return None if value is None else to_utc(value, "at")


@attrs.frozen(slots=True)
class Volunteered:
    """The founding act: Member State ``by`` volunteers to host the activity ``id``.

    ``item`` is the id of the action item it implements, ``starts`` when it begins,
    ``requested_by`` the Member State that requested a training seminar, ``arrangements``
    what the host set when it volunteered, ``at`` when it did (``None``: not recorded).
    """

    by: str
    id: str
    kind: ActivityKind = attrs.field(converter=_to_kind)
    title: str
    item: str
    starts: datetime = attrs.field(converter=_starts)
    arrangements: Arrangements = Arrangements()
    requested_by: str | None = None
    at: datetime | None = attrs.field(default=None, converter=_optional_instant)


@attrs.frozen(slots=True)
class Joined:
    """Member State ``by`` joins the activity, by its own act, at ``at``."""

    by: str
    at: datetime = attrs.field(converter=_instant)


@attrs.frozen(slots=True)
class Left:
    """Member State ``by``, a participant, leaves the activity, by its own act, at ``at``."""

    by: str
    at: datetime = attrs.field(converter=_instant)


@attrs.frozen(slots=True)
class Arranged:
    """The host (``by``) sets the venue, form, terms or modalities given (the others stay).

    ``at`` is when it did, or ``None`` when that is not recorded.
    """

    by: str
    at: datetime | None = attrs.field(default=None, converter=_optional_instant)
    venue: str | None = None
    form: str | None = None
    terms: str | None = None
    modalities: str | None = None

    @property
    def changes(self) -> dict[str, str]:
        """The arrangements this act sets, by name."""
        given = {
            "venue": self.venue,
            "form": self.form,
            "terms": self.terms,
            "modalities": self.modalities,
        }
        return {key: value for key, value in given.items() if value is not None}


def _decider(admitted: Admitted) -> str:
    body = getattr(admitted.decision, "body", None)
    return body if isinstance(body, str) else ""


@attrs.frozen(slots=True)
class Admitted:
    """Representatives of the international body ``body`` take part, from ``at``.

    ``decision`` is the adopted consensus decision of all the CICA Member States that agreed
    to it; ``by`` the id of the body that took it (CICA or one of its organs).
    """

    body: str
    at: datetime = attrs.field(converter=_instant)
    decision: Decision
    by: str = attrs.field(default=attrs.Factory(_decider, takes_self=True))


ActivityAct: TypeAlias = Volunteered | Joined | Left | Arranged | Admitted
"""Any act that makes an activity."""

_ACTS = (Volunteered, Joined, Left, Arranged, Admitted)


# --- what the acts fold to ---------------------------------------------------------------------


@attrs.frozen(slots=True)
class ActivityFacts:
    """What an activity's acts fold to: its founding facts and who takes part now.

    ``participants`` are the Member States that joined and did not leave (the host is not
    listed); ``bodies`` the international bodies admitted; ``last`` the instant of the
    latest act of a state (joining or leaving), which the next may not precede.
    """

    founding: Volunteered
    arrangements: Arrangements
    participants: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()
    last: datetime | None = None

    @property
    def id(self) -> str:
        """The activity's id."""
        return self.founding.id

    @property
    def host(self) -> str:
        """The Member State that volunteered to host it."""
        return self.founding.by

    @property
    def starts(self) -> datetime:
        """When it begins."""
        return self.founding.starts

    @property
    def day(self) -> date:
        """The day it starts, in Astana time."""
        return self.founding.starts.astimezone(ASTANA).date()


def _require_member(code: object, on: date, role: str) -> str:
    if not isinstance(code, str) or not code:
        raise InvalidValueError(role, code, "a Member State's code")
    if is_member(code, on):
        return code
    raise NotAMemberError(code, f"{why_not_member(code, on)} (as {role})")


def _texts(arrangements: Arrangements, field: str) -> None:
    for key in ("venue", "form", "terms", "modalities"):
        value = getattr(arrangements, key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise InvalidValueError(f"{field}.{key}", value, "a non-empty text, or None")


def found(act: Volunteered) -> ActivityFacts:
    """The facts of a new activity from its founding act, checked as the API checks them."""
    if not isinstance(act, Volunteered):
        raise InvalidValueError("Activity.acts", act, "the host's Volunteered act, first")
    if not isinstance(act.id, str) or not _ACTIVITY_ID.match(act.id):
        raise InvalidValueError("Activity.id", act.id, "an id without spaces, commas, colons")
    for name in ("title", "item"):
        value = getattr(act, name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidValueError(f"Activity.{name}", value, "a non-empty text")
    on = act.starts.astimezone(ASTANA).date()
    _require_member(act.by, on, "host")
    if act.kind is ActivityKind.TRAINING_SEMINAR and act.requested_by is None:
        raise InvalidValueError(
            "Activity.requested_by",
            None,
            'the requesting Member State: training seminars are organised "upon request"',
        )
    if act.requested_by is not None:
        _require_member(act.requested_by, on, "requesting state")
    if not isinstance(act.arrangements, Arrangements):
        raise InvalidValueError("Activity.arrangements", act.arrangements, "Arrangements")
    _texts(act.arrangements, "Activity.arrangements")
    if act.at is not None and act.at >= act.starts:
        raise ParticipationError(
            act.id,
            f"the host volunteered at {act.at.isoformat()}, not before the start at "
            f"{act.starts.isoformat()}",
        )
    return ActivityFacts(act, act.arrangements)


def _before_start(facts: ActivityFacts, at: datetime, action: str) -> None:
    if at >= facts.starts:
        raise ParticipationError(
            facts.id,
            f"cannot {action} at {at.isoformat()}: the activity began at "
            f"{facts.starts.isoformat()}",
        )
    _after_founding(facts, at, action)


def _after_founding(facts: ActivityFacts, at: datetime, action: str) -> None:
    opened = facts.founding.at
    if opened is not None and at < opened:
        raise ParticipationError(
            facts.id,
            f"cannot {action} at {at.isoformat()}: the host volunteered only at "
            f"{opened.isoformat()}",
        )


def _in_time_order(facts: ActivityFacts, at: datetime, action: str) -> None:
    if facts.last is not None and at < facts.last:
        raise ParticipationError(
            facts.id,
            f"cannot {action} at {at.isoformat()}: the acts of the states are recorded in time "
            f"order, and the last was at {facts.last.isoformat()}",
        )


def _joined(facts: ActivityFacts, act: Joined) -> ActivityFacts:
    state = _require_member(act.by, facts.day, "participant")
    _before_start(facts, act.at, "join")
    _in_time_order(facts, act.at, "join")
    if state == facts.host:
        raise ParticipationError(facts.id, f"{state} hosts it and takes part as host")
    if state in facts.participants:
        raise ParticipationError(facts.id, f"{state} has already joined")
    return attrs.evolve(facts, participants=facts.participants | {state}, last=act.at)


def _left(facts: ActivityFacts, act: Left) -> ActivityFacts:
    _before_start(facts, act.at, "leave")
    _in_time_order(facts, act.at, "leave")
    if act.by not in facts.participants:
        raise ParticipationError(facts.id, f"{act.by} is not a participant")
    return attrs.evolve(facts, participants=facts.participants - {act.by}, last=act.at)


def _arranged(facts: ActivityFacts, act: Arranged) -> ActivityFacts:
    if act.by != facts.host:
        raise NotAuthorizedError(
            str(act.by), facts.host, f"set the venue, form, terms or modalities of {facts.id}"
        )
    if act.at is not None:
        _after_founding(facts, act.at, "arrange it")
    changes = act.changes
    if not changes:
        raise InvalidValueError("Arranged", act, "at least one of venue, form, terms or modalities")
    for key, value in changes.items():
        if not isinstance(value, str) or not value.strip():
            raise InvalidValueError(key, value, "a non-empty text")
    return attrs.evolve(facts, arrangements=attrs.evolve(facts.arrangements, **changes))


def _admitted(facts: ActivityFacts, act: Admitted) -> ActivityFacts:
    body, decision = act.body, act.decision
    if not isinstance(body, str) or not _BODY.match(body):
        raise InvalidValueError("Admitted.body", body, "the name of an international body")
    if not isinstance(decision, Decision):
        raise ParticipationError(
            facts.id,
            f"{body} may take part only after a consensus Decision agreeing to it, "
            f"not {decision!r}",
        )
    if act.by != decision.body:
        raise NotAuthorizedError(
            str(act.by), decision.body, f"admit {body} to {facts.id} by its decision"
        )
    if act.at > facts.starts:
        raise ParticipationError(
            facts.id,
            f"cannot admit {body} at {act.at.isoformat()}, after the activity began at "
            f"{facts.starts.isoformat()}",
        )
    _after_founding(facts, act.at, f"admit {body}")
    why = authorized(decision, act.at)
    if why is not None:
        raise ParticipationError(
            facts.id, f"the decision to admit {body} does not speak for the Member States: {why}"
        )
    if not decision.adopted:
        objections = ", ".join(sorted(decision.objections)) or "no quorum"
        raise ParticipationError(
            facts.id, f"the decision to admit {body} was not adopted ({objections})"
        )
    if body not in bodies_named(decision.subject, facts.id):
        raise ParticipationError(
            facts.id,
            f"the decision's subject {decision.subject!r} does not admit {body}; take it on "
            f"{admission_subject(facts.id, [body])!r}",
        )
    if body in facts.bodies:
        raise ParticipationError(facts.id, f"{body} is already admitted")
    return attrs.evolve(facts, bodies=facts.bodies | {body})


def apply(facts: ActivityFacts, act: object) -> ActivityFacts:
    """``facts`` after one more ``act``, checked as the API checks it; else an error.

    The founding act comes only first: a second :class:`Volunteered` is refused.
    """
    if isinstance(act, Joined):
        return _joined(facts, act)
    if isinstance(act, Left):
        return _left(facts, act)
    if isinstance(act, Arranged):
        return _arranged(facts, act)
    if isinstance(act, Admitted):
        return _admitted(facts, act)
    if isinstance(act, Volunteered):
        raise ParticipationError(facts.id, "it was founded once: a second Volunteered act")
    raise InvalidValueError("act", act, "Joined, Left, Arranged or Admitted")


def replay(acts: object) -> ActivityFacts:
    """What ``acts`` fold to, the founding act first; the first bad act is refused.

    The error is a :class:`ParticipationError` whose message starts with the act's index
    (``acts[3]: ...``) and goes on with the message of the error that refused the act.
    """
    given = as_tuple("Activity.acts", acts)
    if not given:
        raise InvalidValueError("Activity.acts", given, "the acts, the host's Volunteered first")
    facts: ActivityFacts | None = None
    for index, act in enumerate(given):
        try:
            if not isinstance(act, _ACTS):
                raise InvalidValueError("act", act, "an act of an activity")
            facts = found(act) if facts is None else apply(facts, act)  # type: ignore[arg-type]
        except CbmError as refused:
            raise ParticipationError(f"acts[{index}]", str(refused)) from None
    assert facts is not None  # the loop ran at least once
    return facts
