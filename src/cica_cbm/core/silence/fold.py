"""The fold: the facts of a procedure at an instant, from its events in order."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from itertools import chain

import attrs

from ..errors import InvalidValueError
from .deadlines import Deadline
from .events import (
    EVENT_TYPES,
    SUBMISSION_TYPES,
    DeadlineBroughtForward,
    DeadlineExtended,
    Event,
    ProcedureOpened,
    ProcedureWithdrawn,
    Submission,
)
from .policies import SubmissionKind


class Status(StrEnum):
    """Where a silence procedure stands."""

    PENDING = "pending"
    APPROVED = "approved"
    SILENCE_BROKEN = "silence_broken"
    WITHDRAWN = "withdrawn"


@attrs.frozen(slots=True)
class LateSubmission:
    """A submission received once the procedure was decided: kept, and without effect."""

    event: Submission
    closed_at: datetime
    closed_as: Status


@attrs.frozen(slots=True)
class SilenceContext:
    """The facts of a procedure at an instant: what the silence rules look at."""

    at: datetime
    opening: ProcedureOpened
    status: Status
    decided_at: datetime | None
    deadline: Deadline
    decisive: Event | None
    extensions: tuple[tuple[DeadlineExtended | DeadlineBroughtForward, Deadline], ...]
    in_time: tuple[Submission, ...]
    late: tuple[LateSubmission, ...]
    without_effect: tuple[DeadlineExtended | DeadlineBroughtForward | ProcedureWithdrawn, ...]

    @property
    def clause(self) -> str:
        """The policy's clause for this procedure."""
        note = self.opening.note
        return self.opening.policy.cite(None if note is None else note.number)

    def effect(self, event: Event) -> str:
        """What ``event`` did to the procedure, as the fold saw it at :attr:`at`.

        One of ``"opened"``, ``"in time"``, ``"breaks the silence"``, ``"withdraws"``,
        ``"extends the deadline"``, ``"late: no effect"``, ``"no effect"``, or
        ``"after the instant shown"`` for events later than :attr:`at`. The tables
        (:func:`cica_cbm.views.html.effect`) and the records (:mod:`cica_cbm.core.records`)
        both say it in these words.
        """
        if not isinstance(event, EVENT_TYPES):
            raise InvalidValueError("event", event, "an event of a silence procedure")
        if event.at > self.at:
            return "after the instant shown"
        if isinstance(event, ProcedureOpened):
            return "opened"
        if self.decisive is event:
            return "withdraws" if self.status is Status.WITHDRAWN else "breaks the silence"
        if any(item.event is event for item in self.late):
            return "late: no effect"
        if any(item is event for item in self.without_effect):
            return "no effect"
        if any(ext is event for ext, _ in self.extensions):
            return "extends the deadline"
        return "in time"


# How the fold sees each event type: a submission that keeps or breaks the silence (by the
# policy), an extension, a withdrawal, or the opening (which only starts the clock). Looking the
# exact type up in a dict costs about as much as a tuple loop comparing small integers; the
# isinstance chain it replaces cost twice that, and ``event.kind in breaking`` hashed an enum in
# Python for every event. Subclasses of the event types take the slow path, with the same result.
_KEEPS, _BREAKS, _EXTENDS, _WITHDRAWS, _OPENS, _FORWARDS = range(6)
_DISPATCH: dict[frozenset[SubmissionKind], dict[type, int]] = {}


def _dispatch(breaking: frozenset[SubmissionKind]) -> dict[type, int]:
    table = _DISPATCH.get(breaking)
    if table is None:
        table = {cls: _BREAKS if cls.kind in breaking else _KEEPS for cls in SUBMISSION_TYPES}
        table.update({DeadlineExtended: _EXTENDS, ProcedureWithdrawn: _WITHDRAWS})
        table[DeadlineBroughtForward] = _FORWARDS
        table[ProcedureOpened] = _OPENS
        table = _DISPATCH.setdefault(breaking, table)
    return table


def _code(event: Event, breaking: frozenset[SubmissionKind]) -> int:
    if isinstance(event, SUBMISSION_TYPES):
        return _BREAKS if event.kind in breaking else _KEEPS
    if isinstance(event, DeadlineExtended):
        return _EXTENDS
    if isinstance(event, ProcedureWithdrawn):
        return _WITHDRAWS
    if isinstance(event, DeadlineBroughtForward):
        return _FORWARDS
    return _OPENS


def fold(opening: ProcedureOpened, ordered: Iterable[Event], at: datetime) -> SilenceContext:
    """Decide the procedure at ``at`` from its events in (instant, sequence) order.

    Two loops: the first runs while the procedure is pending, the second once it is decided,
    when every extension or withdrawal is without effect and every submission is late, except
    that once the silence is broken, further objections before the deadline in force are in
    time: several states often break a silence together, and each is an objector.
    """
    breaking = opening.policy.breaks_silence
    table = _dispatch(breaking)
    status = Status.PENDING
    decided_at: datetime | None = None
    deadline = opening.deadline
    limit = deadline.instant
    decisive: Event | None = None
    extensions: list[tuple[DeadlineExtended | DeadlineBroughtForward, Deadline]] = []
    in_time: list[Submission] = []
    late: list[LateSubmission] = []
    without_effect: list[DeadlineExtended | DeadlineBroughtForward | ProcedureWithdrawn] = []
    events = iter(ordered)
    pending_event: Event | None = None  # the event that found the deadline passed
    for event in events:
        when = event.at
        if when > at:
            break
        if when >= limit:
            status, decided_at, pending_event = Status.APPROVED, limit, event
            break
        code = table.get(type(event))
        if code is None:
            code = _code(event, breaking)
        if code == _KEEPS:
            in_time.append(event)  # type: ignore[arg-type]
        elif code == _BREAKS:
            status, decided_at, decisive = Status.SILENCE_BROKEN, when, event
            in_time.append(event)  # type: ignore[arg-type]
            break
        elif code == _EXTENDS:
            to = event.to  # type: ignore[union-attr]
            if to.instant > limit:
                extensions.append((event, deadline))  # type: ignore[arg-type]
                deadline, limit = to, to.instant
            else:
                without_effect.append(event)  # type: ignore[arg-type]
        elif code == _WITHDRAWS:
            status, decided_at, decisive = Status.WITHDRAWN, when, event
            break
        elif code == _FORWARDS:
            to = event.to  # type: ignore[union-attr]
            if opening.policy.may_bring_forward and when <= to.instant < limit:
                extensions.append((event, deadline))  # type: ignore[arg-type]
                deadline, limit = to, to.instant
            else:
                without_effect.append(event)  # type: ignore[arg-type]
    if status is not Status.PENDING:
        assert decided_at is not None
        broken = status is Status.SILENCE_BROKEN
        for event in events if pending_event is None else chain((pending_event,), events):
            if event.at > at:
                break
            code = table.get(type(event))
            if code is None:
                code = _code(event, breaking)
            if code == _BREAKS and broken and event.at < limit:
                # every objection in time is an objection on the record, not only the first
                in_time.append(event)  # type: ignore[arg-type]
            elif code <= _BREAKS:
                late.append(LateSubmission(event, decided_at, status))  # type: ignore[arg-type]
            elif code != _OPENS:
                without_effect.append(event)  # type: ignore[arg-type]
    elif at >= limit:
        status, decided_at = Status.APPROVED, limit
    return SilenceContext(
        at=at,
        opening=opening,
        status=status,
        decided_at=decided_at,
        deadline=deadline,
        decisive=decisive,
        extensions=tuple(extensions),
        in_time=tuple(in_time),
        late=tuple(late),
        without_effect=tuple(without_effect),
    )
