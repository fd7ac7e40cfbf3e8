"""Voluntary participation in the events of the Action Plan: hosts, joining, leaving, requests.

"The participation of the Member States in the specific events within the Action Plan shall be
on voluntarily basis" (III.3), and each makes its contribution "by voluntary choice of the
venue, form, terms and modalities of implementation" (III.4). So:

* an :class:`Activity` (a meeting, a seminar, a training seminar) is tied to an approved
  action item and hosted by a Member State that volunteers; the host alone sets its venue,
  form, terms and modalities (:class:`Arrangements`);
* a Member State joins or leaves only by its own act, and only before the activity begins;
  anyone else's attempt raises :class:`~cica_cbm.core.errors.NotAuthorizedError` and changes
  nothing; observers and non-members are refused;
* training seminars are organised "upon request" (section i.2): such an activity names the
  requesting Member State;
* representatives of international bodies take part only when the Member States agreed to it
  by an adopted consensus decision of all the CICA Member States of its day, not dated after
  the admission, whose subject names them (see :func:`admission_subject` and
  :func:`~cica_cbm.core.consensus.authorized`);
* a :class:`FocalPointsNetwork` (sections i.1, ii.4, iii) where each Member State nominates,
  replaces or withdraws only its own focal point.

Participation never decides anything: nothing here takes or changes a decision or a silence
procedure, and the outcome of either is the same whoever takes part.

References:
    Concept Paper III.3 and III.4; Action Plan sections i (lead measure, i.1, i.2), ii (lead
    measure, ii.4) and iii (lead measure).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import attrs

from ._convert import as_enum, as_tuple
from .authority import acting_for_itself, why_not_member
from .clock import ASTANA, require_day, to_utc
from .consensus import Decision, authorized
from .drafts import ActionItem, ItemStatus
from .errors import CbmError, InvalidValueError, NotAMemberError, NotAuthorizedError
from .states import is_member

__all__ = [
    "Activity",
    "ActivityKind",
    "Arrangements",
    "FocalArea",
    "FocalPoint",
    "FocalPointsNetwork",
    "ParticipationError",
    "TrainingRequest",
    "admission_subject",
    "bodies_named",
]


class ParticipationError(CbmError, ValueError):
    """An act of participation that the rules do not allow: ``reason`` says why."""

    def __init__(self, activity: str, reason: str) -> None:
        self.activity = activity
        self.reason = reason
        super().__init__(f"{activity}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.activity, self.reason))


def _require_member(code: object, on: date, role: str) -> str:
    if not isinstance(code, str) or not code:
        raise InvalidValueError(role, code, "a Member State's code")
    if is_member(code, on):
        return code
    raise NotAMemberError(code, f"{why_not_member(code, on)} (as {role})")


# --- what a decision names ---------------------------------------------------------------------

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


# --- requests ----------------------------------------------------------------------------------


def _request_day(value: object) -> date:
    return require_day(value, "TrainingRequest.made_on")


@attrs.frozen(slots=True)
class TrainingRequest:
    """A Member State's request for a training seminar under action item ``item`` (i.2).

    Build one with :meth:`make`, which refuses a request made for another state.
    """

    by: str
    item: str
    topic: str
    made_on: date = attrs.field(validator=lambda _, __, v: _request_day(v))

    def __attrs_post_init__(self) -> None:
        _require_member(self.by, self.made_on, "requesting state")
        if not isinstance(self.topic, str) or not self.topic.strip():
            raise InvalidValueError("TrainingRequest.topic", self.topic, "what the training is on")

    @classmethod
    def make(
        cls, by: str, *, item: str, topic: str, on: date, sent_by: str | None = None
    ) -> TrainingRequest:
        """``by`` requests a training seminar on ``topic``; only for itself (``sent_by``)."""
        acting_for_itself(by, sent_by, "request a training seminar")
        return cls(by, item, topic, on)


# --- activities --------------------------------------------------------------------------------


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


def _to_kind(value: object) -> ActivityKind:
    return as_enum(ActivityKind, "Activity.kind", value)


def _starts(value: datetime) -> datetime:
    return to_utc(value, "starts")


def _texts(field: str, value: object, allowed: str) -> frozenset[str]:
    """``value`` (a collection of texts, not one text) as a frozenset; else refused."""
    items = as_tuple(field, value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidValueError(field, item, allowed)
    return frozenset(items)


def _activity_participants(value: object) -> frozenset[str]:
    return _texts("Activity.participants", value, "Member State codes")


def _activity_bodies(value: object) -> frozenset[str]:
    return _texts("Activity.bodies", value, "names of international bodies")


@attrs.frozen(slots=True)
class Activity:
    """An event of the Action Plan, hosted by a Member State that volunteered.

    ``item`` is the id of the action item it implements; ``starts`` when it begins;
    ``participants`` the Member States that joined by their own act (the host takes part as
    host and is not listed); ``bodies`` the international bodies the Member States agreed by
    consensus to admit; ``requested_by`` the Member State that requested a training seminar.
    Build one with :meth:`volunteer`.
    """

    id: str
    kind: ActivityKind = attrs.field(converter=_to_kind)
    title: str
    item: str
    host: str
    starts: datetime = attrs.field(converter=_starts)
    arrangements: Arrangements = Arrangements()
    requested_by: str | None = None
    participants: frozenset[str] = attrs.field(
        default=frozenset(), converter=_activity_participants
    )
    bodies: frozenset[str] = attrs.field(default=frozenset(), converter=_activity_bodies)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ACTIVITY_ID.match(self.id):
            raise InvalidValueError("Activity.id", self.id, "an id without spaces, commas, colons")
        on = self.day
        _require_member(self.host, on, "host")
        if self.kind is ActivityKind.TRAINING_SEMINAR and self.requested_by is None:
            raise InvalidValueError(
                "Activity.requested_by",
                None,
                'the requesting Member State: training seminars are organised "upon request"',
            )
        if self.requested_by is not None:
            _require_member(self.requested_by, on, "requesting state")
        for code in sorted(self.participants):
            _require_member(code, on, "participant")
        if self.host in self.participants:
            raise InvalidValueError(
                "Activity.participants", self.host, "states other than the host"
            )
        for body in sorted(self.bodies):
            if not isinstance(body, str) or not _BODY.match(body):
                raise InvalidValueError("Activity.bodies", body, "names of international bodies")

    @classmethod
    def volunteer(
        cls,
        host: str,
        *,
        id: str,
        kind: ActivityKind | str,
        title: str,
        item: ActionItem,
        starts: datetime,
        arrangements: Arrangements | None = None,
        requested_by: str | None = None,
    ) -> Activity:
        """``host`` volunteers to host an activity under ``item``, which must be approved.

        >>> import cica_cbm as cbm
        >>> item = cbm.ActionItem("ii.lead", cbm.ItemKind.LEAD_MEASURE, "Chiefs of Police")
        >>> Activity.volunteer("KAZ", id="cop-1", kind="meeting", title="Chiefs of Police",
        ...                    item=item, starts=datetime(2024, 9, 1, tzinfo=cbm.ASTANA))
        Traceback (most recent call last):
        ...
        cica_cbm.core.participation.ParticipationError: cop-1: item ii.lead is proposed; ...
        """
        if not isinstance(item, ActionItem):
            raise InvalidValueError("item", item, "the ActionItem (with its current status)")
        if item.status not in (ItemStatus.APPROVED, ItemStatus.IN_PROGRESS):
            raise ParticipationError(
                str(id),
                f"item {item.id} is {item.status.value}; activities are held only under "
                "approved items (or items in progress)",
            )
        return cls(
            id=id,
            kind=kind,
            title=title,
            item=item.id,
            host=host,
            starts=starts,
            arrangements=arrangements if arrangements is not None else Arrangements(),
            requested_by=requested_by,
        )

    @classmethod
    def upon_request(
        cls,
        request: TrainingRequest,
        host: str,
        *,
        id: str,
        title: str,
        item: ActionItem,
        starts: datetime,
        arrangements: Arrangements | None = None,
    ) -> Activity:
        """``host`` volunteers to organise the training seminar that ``request`` asks for.

        The seminar is under the request's item and begins after the day of the request.
        """
        if not isinstance(request, TrainingRequest):
            raise InvalidValueError("request", request, "a TrainingRequest")
        if not isinstance(item, ActionItem) or item.id != request.item:
            raise InvalidValueError(
                "item", getattr(item, "id", item), f"the requested item {request.item}"
            )
        activity = cls.volunteer(
            host,
            id=id,
            kind=ActivityKind.TRAINING_SEMINAR,
            title=title,
            item=item,
            starts=starts,
            arrangements=arrangements,
            requested_by=request.by,
        )
        if activity.day <= request.made_on:
            raise ParticipationError(
                activity.id,
                f"it begins on {activity.day}, not after the request of {request.made_on}",
            )
        return activity

    @property
    def day(self) -> date:
        """The day it starts, in Astana time."""
        return self.starts.astimezone(ASTANA).date()

    @property
    def states(self) -> frozenset[str]:
        """Every Member State taking part: the host and the participants."""
        return self.participants | {self.host}

    def _before_start(self, at: datetime, action: str) -> datetime:
        when = to_utc(at, "at")
        if when >= self.starts:
            raise ParticipationError(
                self.id,
                f"cannot {action} at {when.isoformat()}: the activity began at "
                f"{self.starts.isoformat()}",
            )
        return when

    def join(self, state: str, *, at: datetime, by: str | None = None) -> Activity:
        """``state`` joins by its own act (``by``, if given, must be ``state``) before it starts."""
        acting_for_itself(state, by, f"join {self.id}")
        _require_member(state, self.day, "participant")
        self._before_start(at, "join")
        if state == self.host:
            raise ParticipationError(self.id, f"{state} hosts it and takes part as host")
        if state in self.participants:
            raise ParticipationError(self.id, f"{state} has already joined")
        return attrs.evolve(self, participants=self.participants | {state})

    def leave(self, state: str, *, at: datetime, by: str | None = None) -> Activity:
        """``state`` leaves, by its own act, at any time before it starts."""
        acting_for_itself(state, by, f"leave {self.id}")
        self._before_start(at, "leave")
        if state not in self.participants:
            raise ParticipationError(self.id, f"{state} is not a participant")
        return attrs.evolve(self, participants=self.participants - {state})

    def arrange(
        self,
        *,
        by: str,
        venue: str | None = None,
        form: str | None = None,
        terms: str | None = None,
        modalities: str | None = None,
    ) -> Activity:
        """The host (``by``) sets the venue, form, terms or modalities; nobody else may.

        Only the values given change; the others stay as they were.
        """
        if by != self.host:
            raise NotAuthorizedError(
                str(by), self.host, f"set the venue, form, terms or modalities of {self.id}"
            )
        given = {"venue": venue, "form": form, "terms": terms, "modalities": modalities}
        changes = {k: v for k, v in given.items() if v is not None}
        for key, value in changes.items():
            if not isinstance(value, str) or not value.strip():
                raise InvalidValueError(key, value, "a non-empty text")
        return attrs.evolve(self, arrangements=attrs.evolve(self.arrangements, **changes))

    def admit(self, body: str, *, by: Decision, at: datetime | None = None) -> Activity:
        """Representatives of ``body`` take part: needs an adopted decision that names them.

        The decision must be of all the CICA Member States of its day, and dated no later than
        ``at`` (the instant of admission; by default the start of the activity). An undated
        decision must have all the Member States of that day.
        """
        if not isinstance(by, Decision):
            raise ParticipationError(
                self.id,
                f"{body} may take part only after a consensus Decision agreeing to it, not {by!r}",
            )
        when = self.starts if at is None else to_utc(at, "at")
        why = authorized(by, when)
        if why is not None:
            raise ParticipationError(
                self.id,
                f"the decision to admit {body} does not speak for the Member States: {why}",
            )
        if not by.adopted:
            objections = ", ".join(sorted(by.objections)) or "no quorum"
            raise ParticipationError(
                self.id, f"the decision to admit {body} was not adopted ({objections})"
            )
        if body not in bodies_named(by.subject, self.id):
            raise ParticipationError(
                self.id,
                f"the decision's subject {by.subject!r} does not admit {body}; take it on "
                f"{admission_subject(self.id, [body])!r}",
            )
        if body in self.bodies:
            raise ParticipationError(self.id, f"{body} is already admitted")
        return attrs.evolve(self, bodies=self.bodies | {body})


# --- the focal-points network ------------------------------------------------------------------


class FocalArea(StrEnum):
    """The areas of the Action Plan that call for a CICA focal-points network."""

    BORDER_CONTROL = "border_control"
    """Section i, further step i.1."""
    LAW_ENFORCEMENT = "law_enforcement"
    """Section ii, further step ii.4."""
    ECONOMIC_CRIMES = "economic_crimes"
    """Section iii, its lead measure."""


@attrs.frozen(slots=True)
class FocalPoint:
    """A Member State's focal point: who to contact (as the state words it), from when."""

    state: str
    contact: str
    since: date


def _to_area(value: object) -> FocalArea:
    return as_enum(FocalArea, "FocalPointsNetwork.area", value)


def _network_points(value: object) -> tuple[FocalPoint, ...]:
    points = as_tuple("FocalPointsNetwork.points", value)
    for point in points:
        if not isinstance(point, FocalPoint):
            raise InvalidValueError("FocalPointsNetwork.points", point, "FocalPoint values")
    return tuple(sorted(points, key=lambda p: str(p.state)))


@attrs.frozen(slots=True)
class FocalPointsNetwork:
    """A network of focal points in one area, at most one per Member State.

    Each state nominates, replaces or withdraws only its own focal point.
    """

    area: FocalArea = attrs.field(converter=_to_area)
    item: str
    points: tuple[FocalPoint, ...] = attrs.field(default=(), converter=_network_points)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for point in self.points:
            if point.state in seen:
                raise InvalidValueError("FocalPointsNetwork.points", point.state, "one per state")
            seen.add(point.state)
            _require_member(point.state, point.since, "focal point's state")

    def focal_point(self, state: str) -> FocalPoint | None:
        """The focal point of ``state``, or ``None`` if it has nominated none."""
        return next((p for p in self.points if p.state == state), None)

    @property
    def states(self) -> frozenset[str]:
        """The Member States in the network."""
        return frozenset(p.state for p in self.points)

    def nominate(
        self, state: str, contact: str, *, on: date, by: str | None = None
    ) -> FocalPointsNetwork:
        """``state`` nominates its focal point on ``on``, replacing any earlier one."""
        acting_for_itself(state, by, f"nominate a focal point ({self.area.value})")
        require_day(on, "on")
        _require_member(state, on, "focal point's state")
        if not isinstance(contact, str) or not contact.strip():
            raise InvalidValueError("contact", contact, "the focal point's contact, as text")
        current = self.focal_point(state)
        if current is not None and on < current.since:
            raise InvalidValueError(
                "on", on, f"a day on or after {current.since}, when {state} last nominated"
            )
        kept = tuple(p for p in self.points if p.state != state)
        return attrs.evolve(self, points=(*kept, FocalPoint(state, contact, on)))

    def withdraw(self, state: str, *, by: str | None = None) -> FocalPointsNetwork:
        """``state`` withdraws its focal point from the network."""
        acting_for_itself(state, by, f"withdraw a focal point ({self.area.value})")
        if self.focal_point(state) is None:
            raise InvalidValueError("state", state, "a state with a focal point in the network")
        return attrs.evolve(self, points=tuple(p for p in self.points if p.state != state))
