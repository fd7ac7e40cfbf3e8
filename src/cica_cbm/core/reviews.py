"""The yearly review of the Action Plan by the SWG and the SOC, and the reviews held.

"The implementation of the activities outlined in this Action Plan will be reviewed every year
by Special Working Group and Senior Officials Committee" (Action Plan preamble). The plan's
calendar is a :class:`~cica_cbm.core.recurrence.Recurrence` (see that module, which also holds
the twice-yearly seminars of section ii.1; both are re-exported here). The seed gives no month
or day for the review, so none is assumed: the review year runs from the day the plan was
approved.

**The review rule.** The plan's years run from the day it took effect: year *k* is
``[start + (k-1) years, start + k years)``. Each of the two bodies, the SWG and the SOC, owes
one review in each year; a year's review is due no later than the year's last day, and
overdue from the next day on if that body held none within the year. A review held late counts
for the year in which it was held.

References:
    Action Plan preamble (yearly review by the SWG and the SOC); Action Plan ii.1 (twice
    yearly seminars).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import MAXYEAR, date, timedelta
from typing import ClassVar

import attrs

from ._convert import as_enum, as_instance, as_tuple, as_whole_number
from .authority import SECRETARIAT
from .clock import require_day
from .errors import InvalidValueError, NotAuthorizedError
from .recurrence import Recurrence, twice_yearly_seminars, yearly
from .replay import replay
from .review_acts import ReviewAct, ReviewBody, ReviewHeld, ReviewScheduleStarted

__all__ = [
    "Recurrence",  # these three live in cica_cbm.core.recurrence; re-exported for a release
    "Review",
    "ReviewBody",
    "ReviewDue",
    "ReviewSchedule",
    "overdue_reviews",
    "review_due",
    "twice_yearly_seminars",
    "yearly",
]


def _day(value: object, field: str) -> date:
    return require_day(value, field, "a datetime.date (a calendar day)")


def _to_body(value: object) -> ReviewBody:
    return as_enum(ReviewBody, "Review.body", value)


@attrs.frozen(slots=True)
class Review:
    """A review of the plan's implementation held by ``body`` on ``held_on``."""

    body: ReviewBody = attrs.field(converter=_to_body)
    held_on: date = attrs.field(validator=lambda _, __, v: _day(v, "Review.held_on"))


@attrs.frozen(slots=True)
class ReviewDue:
    """A review that ``body`` owes for the plan's year ``year`` (1 for the first).

    The year runs from ``opens`` to ``due`` inclusive: the review is due no later than ``due``.
    """

    body: ReviewBody
    year: int
    opens: date
    due: date


def _schedule_reviews(value: object) -> tuple[Review, ...]:
    reviews = as_tuple("ReviewSchedule.reviews", value)
    for review in reviews:
        if not isinstance(review, Review):
            raise InvalidValueError("ReviewSchedule.reviews", review, "Review values")
    return tuple(sorted(reviews, key=lambda r: (r.held_on, r.body.value)))


@attrs.frozen(slots=True)
class ReviewSchedule:
    """The yearly review of an Action Plan by the SWG and the SOC, and the reviews held.

    ``starts`` is the day the plan took effect (for the seed, the day its silence procedure
    approved it); see the module doc for the rule. The schedule is the fold of its
    :attr:`acts` (:mod:`cica_cbm.core.review_acts`): the Secretariat's
    ``ReviewScheduleStarted``, then a ``ReviewHeld`` by the SWG or the SOC for each review, in
    the order of the days held; its JSON is its acts.

    >>> schedule = ReviewSchedule(date(2024, 1, 12)).then(ReviewHeld("swg", date(2024, 6, 1)))
    >>> ReviewSchedule.from_acts(schedule.acts) == schedule
    True
    """

    ACT_TYPES: ClassVar[tuple[type, ...]] = (ReviewScheduleStarted, ReviewHeld)
    """The types of its acts, the founding act first."""

    starts: date = attrs.field(validator=lambda _, __, v: _day(v, "ReviewSchedule.starts"))
    reviews: tuple[Review, ...] = attrs.field(default=(), converter=_schedule_reviews)

    def __attrs_post_init__(self) -> None:
        for review in self.reviews:
            if review.held_on < self.starts:
                raise InvalidValueError(
                    "Review.held_on", review.held_on, f"a day on or after {self.starts}"
                )

    @property
    def acts(self) -> tuple[ReviewAct, ...]:
        """Every act that made it: the Secretariat started it, then each review, by day."""
        held = (ReviewHeld(review.body, review.held_on) for review in self.reviews)
        return (ReviewScheduleStarted(self.starts, SECRETARIAT), *held)

    @classmethod
    def from_acts(cls, acts: Iterable[ReviewAct]) -> ReviewSchedule:
        """The schedule its ``acts`` make, through the checks of :meth:`then`.

        The first bad act is refused with its index (``acts[2]: ...``).
        """
        return replay(acts, ReviewScheduleStarted, "a ReviewScheduleStarted", _start, _step)

    def then(self, act: ReviewAct) -> ReviewSchedule:
        """The schedule with one more act: a review held by the SWG or the SOC."""
        return _step(self, act)

    @property
    def calendar(self) -> Recurrence:
        """The plan's years as a yearly recurrence: each occurrence opens a year."""
        return yearly(self.starts)

    def record(self, review: Review) -> ReviewSchedule:
        """A new schedule with ``review`` recorded."""
        if not isinstance(review, Review):
            raise InvalidValueError("review", review, "a Review")
        return ReviewSchedule(self.starts, (*self.reviews, review))

    def year(self, k: int) -> tuple[date, date]:
        """The first and last day of the plan's year ``k`` (1 for the first)."""
        # the year after k must still be a calendar year, or date() overflows
        as_whole_number("year", k, 1, MAXYEAR - self.starts.year)
        opens = self._opening(k)
        return opens, self._opening(k + 1) - timedelta(days=1)

    def _opening(self, k: int) -> date:
        # the k-th occurrence of :attr:`calendar`, computed directly (29 February -> 28th)
        year = self.starts.year + k - 1
        try:
            return self.starts.replace(year=year)
        except ValueError:
            return date(year, 2, 28)

    def year_of(self, on: date) -> int:
        """Which year of the plan ``on`` falls in (0 before it takes effect)."""
        day = _day(on, "on")
        if day < self.starts:
            return 0
        k = max(1, day.year - self.starts.year)
        while self._opening(k + 1) <= day:
            k += 1
        while self._opening(k) > day:
            k -= 1
        return k

    def held(self, body: ReviewBody, k: int) -> bool:
        """Whether ``body`` reviewed the plan in its year ``k``."""
        body = as_enum(ReviewBody, "body", body)
        opens, due = self.year(k)
        return any(r.body is body and opens <= r.held_on <= due for r in self.reviews)

    def due(self, on: date) -> tuple[ReviewDue, ...]:
        """The reviews owed in the year ``on`` falls in and not yet held, SWG first."""
        k = self.year_of(on)
        if k == 0:
            k = 1
        opens, due = self.year(k)
        return tuple(
            ReviewDue(body, k, opens, due) for body in ReviewBody if not self.held(body, k)
        )

    def next_due(self, on: date) -> date:
        """When the next review is due, seen on ``on``.

        The last day of the first year, from the current one on, in which a review is still
        owed (reviews overdue from past years are :meth:`overdue`).
        """
        k = max(1, self.year_of(on))
        while all(self.held(body, k) for body in ReviewBody):
            k += 1
        return self.year(k)[1]

    def overdue(self, on: date) -> tuple[ReviewDue, ...]:
        """Every review whose year ended before ``on`` without it, oldest first, SWG first."""
        current = self.year_of(on)
        result: list[ReviewDue] = []
        for k in range(1, current):
            opens, due = self.year(k)
            result.extend(
                ReviewDue(body, k, opens, due) for body in ReviewBody if not self.held(body, k)
            )
        return tuple(result)

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.review_schedule_html(self)


def _start(act: ReviewScheduleStarted) -> ReviewSchedule:
    if act.by != SECRETARIAT:
        raise NotAuthorizedError(
            act.by,
            "the Action Plan",
            "record its review schedule",
            f"the Secretariat ({SECRETARIAT}) records it",
        )
    return ReviewSchedule(act.on)


def _step(schedule: ReviewSchedule, act: object) -> ReviewSchedule:
    if not isinstance(act, ReviewHeld):
        raise InvalidValueError(
            "act", type(act).__name__, "a ReviewHeld (only the first act starts the schedule)"
        )
    return schedule.record(Review(act.by, act.on))


def review_due(schedule: ReviewSchedule, on: date) -> date:
    """When the next review of the plan is due, seen on ``on`` (:meth:`ReviewSchedule.next_due`).

    >>> review_due(ReviewSchedule(date(2024, 1, 12)), on=date(2024, 6, 1))
    datetime.date(2025, 1, 11)
    """
    return as_instance(ReviewSchedule, "schedule", schedule).next_due(on)


def overdue_reviews(schedule: ReviewSchedule, on: date) -> tuple[ReviewDue, ...]:
    """The reviews overdue on ``on`` (see :meth:`ReviewSchedule.overdue`)."""
    return as_instance(ReviewSchedule, "schedule", schedule).overdue(on)
