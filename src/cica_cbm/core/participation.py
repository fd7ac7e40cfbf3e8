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
  replaces or withdraws only its own focal point (:mod:`cica_cbm.core.focal_points`).

An activity is the record of its acts (:mod:`cica_cbm.core.activity_acts`): the host's
volunteering first, then each state's joining and leaving, the host's arrangements and each
admission, each checked on the way in. Who takes part is what the acts fold to; no
constructor, JSON document or store states it apart from them.

Participation never decides anything: nothing here takes or changes a decision or a silence
procedure, and the outcome of either is the same whoever takes part.

References:
    Concept Paper III.3 and III.4; Action Plan sections i (lead measure, i.1, i.2), ii (lead
    measure, ii.4) and iii (lead measure).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import attrs

from ._convert import as_tuple
from .activity_acts import (
    ActivityAct,
    ActivityFacts,
    ActivityKind,
    Admitted,
    Arranged,
    Arrangements,
    Joined,
    Left,
    ParticipationError,
    Volunteered,
    admission_subject,
    apply,
    bodies_named,
    found,
    replay,
)
from .authority import acting_for_itself, why_not_member
from .clock import ASTANA, require_day, to_utc
from .consensus import Decision
from .drafts import ActionItem, ItemStatus
from .errors import InvalidValueError, NotAMemberError, NotAuthorizedError
from .focal_points import FocalArea, FocalPoint, FocalPointsNetwork
from .states import is_member

__all__ = [
    "Activity",
    # these live in cica_cbm.core.activity_acts and cica_cbm.core.focal_points; re-exported
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


def _require_member(code: object, on: date, role: str) -> str:
    if not isinstance(code, str) or not code:
        raise InvalidValueError(role, code, "a Member State's code")
    if is_member(code, on):
        return code
    raise NotAMemberError(code, f"{why_not_member(code, on)} (as {role})")


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


def _activity_acts(value: object) -> tuple[ActivityAct, ...]:
    return as_tuple("Activity.acts", value)


@attrs.frozen(slots=True)
class Activity:
    """An event of the Action Plan, hosted by a Member State that volunteered: its acts.

    ``acts`` is the record, the host's :class:`~cica_cbm.core.activity_acts.Volunteered`
    first; everything else is what they fold to: ``item`` the id of the action item it
    implements, ``starts`` when it begins, ``participants`` the Member States that joined by
    their own act and did not leave (the host takes part as host and is not listed),
    ``bodies`` the international bodies the Member States agreed by consensus to admit,
    ``requested_by`` the Member State that requested a training seminar. Build one with
    :meth:`volunteer`; ``Activity(acts)`` and :meth:`from_acts` replay recorded acts through
    the same checks as the API, refusing the first bad one.
    """

    acts: tuple[ActivityAct, ...] = attrs.field(converter=_activity_acts)
    _facts: ActivityFacts = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_facts", replay(self.acts))

    @classmethod
    def from_acts(cls, acts: Iterable[ActivityAct]) -> Activity:
        """The activity that ``acts`` make, each checked; the first bad one is refused.

        The error is a :class:`ParticipationError` whose message starts with ``acts[i]:``.
        """
        return cls(as_tuple("acts", acts))

    def then(self, act: ActivityAct) -> Activity:
        """The activity after one more act, checked as the API checks it.

        :meth:`join`, :meth:`leave`, :meth:`arrange` and :meth:`admit` each make one act and
        call this; a refused act changes nothing.
        """
        return Activity._made((*self.acts, act), apply(self._facts, act))

    @classmethod
    def _made(cls, acts: tuple[ActivityAct, ...], facts: ActivityFacts) -> Activity:
        """An activity of ``acts`` already checked and folded to ``facts``: no replay."""
        new = object.__new__(cls)
        object.__setattr__(new, "acts", acts)
        object.__setattr__(new, "_facts", facts)
        return new

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
        at: datetime | None = None,
    ) -> Activity:
        """``host`` volunteers (at ``at``, if given) to host an activity under ``item``.

        The item must be approved (or in progress).

        >>> import cica_cbm as cbm
        >>> item = cbm.ActionItem("ii.lead", cbm.ItemKind.LEAD_MEASURE, "Chiefs of Police")
        >>> Activity.volunteer("KAZ", id="cop-1", kind="meeting", title="Chiefs of Police",
        ...                    item=item, starts=datetime(2024, 9, 1, tzinfo=cbm.ASTANA))
        Traceback (most recent call last):
        ...
        cica_cbm.core.activity_acts.ParticipationError: cop-1: item ii.lead is proposed; ...
        """
        if not isinstance(item, ActionItem):
            raise InvalidValueError("item", item, "the ActionItem (with its current status)")
        if item.status not in (ItemStatus.APPROVED, ItemStatus.IN_PROGRESS):
            raise ParticipationError(
                str(id),
                f"item {item.id} is {item.status.value}; activities are held only under "
                "approved items (or items in progress)",
            )
        founding = Volunteered(
            by=host,
            id=id,
            kind=kind,
            title=title,
            item=item.id,
            starts=starts,
            arrangements=arrangements if arrangements is not None else Arrangements(),
            requested_by=requested_by,
            at=at,
        )
        return cls._made((founding,), found(founding))

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
    def founding(self) -> Volunteered:
        """The founding act: the host's volunteering, with the activity's facts."""
        return self._facts.founding

    @property
    def id(self) -> str:
        """The activity's id (no spaces, commas or colons)."""
        return self._facts.founding.id

    @property
    def kind(self) -> ActivityKind:
        """A meeting, a seminar or a training seminar."""
        return self._facts.founding.kind

    @property
    def title(self) -> str:
        """Its title."""
        return self._facts.founding.title

    @property
    def item(self) -> str:
        """The id of the action item it implements."""
        return self._facts.founding.item

    @property
    def host(self) -> str:
        """The Member State that volunteered to host it."""
        return self._facts.founding.by

    @property
    def starts(self) -> datetime:
        """When it begins (in UTC)."""
        return self._facts.founding.starts

    @property
    def requested_by(self) -> str | None:
        """The Member State that requested a training seminar; else ``None``."""
        return self._facts.founding.requested_by

    @property
    def arrangements(self) -> Arrangements:
        """The venue, form, terms and modalities as the host last set them."""
        return self._facts.arrangements

    @property
    def participants(self) -> frozenset[str]:
        """The Member States that joined and did not leave (not the host)."""
        return self._facts.participants

    @property
    def bodies(self) -> frozenset[str]:
        """The international bodies admitted by a decision of the Member States."""
        return self._facts.bodies

    @property
    def day(self) -> date:
        """The day it starts, in Astana time."""
        return self.starts.astimezone(ASTANA).date()

    @property
    def states(self) -> frozenset[str]:
        """Every Member State taking part: the host and the participants."""
        return self.participants | {self.host}

    def join(self, state: str, *, at: datetime, by: str | None = None) -> Activity:
        """``state`` joins by its own act (``by``, if given, must be ``state``) before it starts.

        The acts of the states are recorded in time order: ``at`` is not before the last.
        """
        acting_for_itself(state, by, f"join {self.id}")
        return self.then(Joined(state, to_utc(at, "at")))

    def leave(self, state: str, *, at: datetime, by: str | None = None) -> Activity:
        """``state`` leaves, by its own act, at any time before it starts."""
        acting_for_itself(state, by, f"leave {self.id}")
        return self.then(Left(state, to_utc(at, "at")))

    def arrange(
        self,
        *,
        by: str,
        venue: str | None = None,
        form: str | None = None,
        terms: str | None = None,
        modalities: str | None = None,
        at: datetime | None = None,
    ) -> Activity:
        """The host (``by``) sets the venue, form, terms or modalities; nobody else may.

        Only the values given change; the others stay as they were. Given none, nothing
        changes (and no act is recorded), once ``by`` is seen to be the host.
        """
        act = Arranged(by, at, venue, form, terms, modalities)
        if not act.changes:
            if by != self.host:
                raise NotAuthorizedError(
                    str(by), self.host, f"set the venue, form, terms or modalities of {self.id}"
                )
            return self
        return self.then(act)

    def admit(self, body: str, *, by: Decision, at: datetime | None = None) -> Activity:
        """Representatives of ``body`` take part: needs an adopted decision that names them.

        The decision must be of all the CICA Member States of its day, and dated no later than
        ``at`` (the instant of admission, not after the start; by default the start of the
        activity). An undated decision must have all the Member States of that day.
        """
        if not isinstance(by, Decision):
            raise ParticipationError(
                self.id,
                f"{body} may take part only after a consensus Decision agreeing to it, not {by!r}",
            )
        when = self.starts if at is None else to_utc(at, "at")
        return self.then(Admitted(body, when, by))
