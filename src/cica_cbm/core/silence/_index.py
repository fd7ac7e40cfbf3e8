"""The index of a procedure: what the fold decided over every event, kept for quick answers.

The fold is monotone in time: a procedure is pending until the instant ``decided_at`` of its
decision and decided, the same way, at every instant from then on. So the fold over all the
events answers the status at any instant by one comparison, and the deadline in force at any
instant by a bisection over the few changes of deadline. An event appended at or after every
recorded instant (the usual case) moves the index in O(1) without folding again.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime

from .deadlines import Deadline
from .events import (
    SUBMISSION_TYPES,
    DeadlineBroughtForward,
    DeadlineExtended,
    Event,
    ProcedureOpened,
    ProcedureWithdrawn,
)
from .fold import SilenceContext, Status

__all__ = ["Index"]


class Index:
    """The decision of a procedure over all its events, and when its deadline changed."""

    __slots__ = ("change_times", "deadlines", "decided_at", "latest", "opening", "status")

    def __init__(
        self,
        opening: ProcedureOpened,
        status: Status,
        decided_at: datetime,
        change_times: tuple[datetime, ...],
        deadlines: tuple[Deadline, ...],
        latest: datetime,
    ) -> None:
        self.opening = opening
        self.status = status
        self.decided_at = decided_at
        self.change_times = change_times
        self.deadlines = deadlines  # deadlines[i] is in force from change_times[i - 1] on
        self.latest = latest

    @classmethod
    def of(cls, final: SilenceContext, latest: datetime) -> Index:
        """The index of the fold ``final`` over every event, the latest at ``latest``."""
        assert final.decided_at is not None  # at the end of time every procedure is decided
        changes = final.extensions
        return cls(
            final.opening,
            final.status,
            final.decided_at,
            tuple(event.at for event, _ in changes),
            (final.opening.deadline, *(event.to for event, _ in changes)),
            latest,
        )

    def status_at(self, at: datetime) -> Status:
        """The status at ``at``: pending before the decision, the decision from then on."""
        return self.status if at >= self.decided_at else Status.PENDING

    def decided_at_(self, at: datetime) -> datetime | None:
        """The instant of the decision, if it was taken by ``at``."""
        return self.decided_at if at >= self.decided_at else None

    def decision_at(self, at: datetime) -> tuple[datetime | None, Deadline]:
        """The instant of the decision if taken by ``at``, and the deadline in force at ``at``."""
        return (
            self.decided_at if at >= self.decided_at else None,
            self.deadlines[bisect_right(self.change_times, at)],
        )

    def deadline_at(self, at: datetime) -> Deadline:
        """The deadline in force at ``at``."""
        return self.deadlines[bisect_right(self.change_times, at)]

    def appended(self, event: Event) -> Index | None:
        """The index once ``event`` is recorded last, or ``None`` when it must be folded again.

        Only an event at or after every recorded instant moves the index in O(1); one
        recorded out of time order may change what came after it.
        """
        when = event.at
        if when < self.latest:
            return None
        if when >= self.decided_at:
            # after the decision: kept, late or without effect, and it changes nothing
            return self._moved(self.status, self.decided_at, when)
        # pending at ``when``: the decision was the deadline passing
        policy = self.opening.policy
        limit = self.decided_at
        if isinstance(event, SUBMISSION_TYPES):
            if event.kind in policy.breaks_silence:
                return self._moved(Status.SILENCE_BROKEN, when, when)
            return self._moved(self.status, limit, when)
        if isinstance(event, ProcedureWithdrawn):
            return self._moved(Status.WITHDRAWN, when, when)
        if isinstance(event, DeadlineExtended):
            if event.to.instant > limit:
                return self._changed(event, event.to.instant, when)
            return self._moved(self.status, limit, when)
        if isinstance(event, DeadlineBroughtForward):
            if policy.may_bring_forward and when <= event.to.instant < limit:
                return self._changed(event, event.to.instant, when)
            return self._moved(self.status, limit, when)
        return None

    def _moved(self, status: Status, decided_at: datetime, latest: datetime) -> Index:
        return Index(self.opening, status, decided_at, self.change_times, self.deadlines, latest)

    def _changed(
        self, event: DeadlineExtended | DeadlineBroughtForward, limit: datetime, latest: datetime
    ) -> Index:
        return Index(
            self.opening,
            Status.APPROVED,
            limit,
            (*self.change_times, event.at),
            (*self.deadlines, event.to),
            latest,
        )
