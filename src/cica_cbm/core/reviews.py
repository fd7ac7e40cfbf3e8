"""Calendars of the Action Plan: the yearly review, the twice-yearly seminars.

"The implementation of the activities outlined in this Action Plan will be reviewed every year
by Special Working Group and Senior Officials Committee" (Action Plan preamble), and section ii
foresees "a calendar for twice yearly seminars on law enforcement related issues" (ii.1).

A calendar is a :class:`Recurrence`: a ``dateutil.rrule`` whose start is a wall-clock time in
Astana (IANA ``Asia/Almaty``, from the pinned zone data), kept as its RFC 5545 text, e.g.::

    DTSTART;TZID=Asia/Almaty:20240112T000000
    RRULE:FREQ=YEARLY

The seed gives no months or days for either calendar, so none is assumed: the yearly review
runs from the day the plan was approved, the seminars from the day of the first one.

**The review rule.** The plan's years run from the day it took effect: year *k* is
``[start + (k-1) years, start + k years)``. Each of the two bodies, the SWG and the SOC, owes
one review in each year; a year's review is due no later than the year's last day, and
overdue from the next day on if that body held none within the year. A review held late counts
for the year in which it was held.

References:
    Action Plan preamble (yearly review by the SWG and the SOC); Action Plan ii.1 (twice
    yearly seminars); RFC 5545 section 3.3.10 (recurrence rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import MAXYEAR, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

import attrs
from dateutil.rrule import MONTHLY, YEARLY, rrule, rrulestr

from ._convert import as_enum, as_instance, as_tuple, as_whole_number
from .clock import ASTANA, ASTANA_ZONE_KEY, require_day, to_astana
from .errors import InvalidValueError

__all__ = [
    "Recurrence",
    "Review",
    "ReviewBody",
    "ReviewDue",
    "ReviewSchedule",
    "overdue_reviews",
    "review_due",
    "twice_yearly_seminars",
    "yearly",
]

_DTSTART = re.compile(rf"^DTSTART;TZID={re.escape(ASTANA_ZONE_KEY)}:(\d{{8}}T\d{{6}})$")
_RRULE = re.compile(r"^RRULE:([A-Z0-9=;,+\-]+)$")


def _parse(text: str) -> rrule:
    lines = text.strip().splitlines() if isinstance(text, str) else []
    start = _DTSTART.match(lines[0].strip()) if len(lines) == 2 else None
    rule = _RRULE.match(lines[1].strip()) if start is not None else None
    if start is None or rule is None:
        raise InvalidValueError(
            "Recurrence.text",
            text,
            f"two RFC 5545 lines: 'DTSTART;TZID={ASTANA_ZONE_KEY}:YYYYMMDDTHHMMSS' and 'RRULE:...'",
        )
    try:
        dtstart = datetime.strptime(start[1], "%Y%m%dT%H%M%S").replace(tzinfo=ASTANA)
        parsed = rrulestr(rule[1], dtstart=dtstart)
    except (ValueError, TypeError) as exc:
        raise InvalidValueError("Recurrence.text", text, f"a valid RFC 5545 rule ({exc})") from None
    if not isinstance(parsed, rrule):  # pragma: no cover - one RRULE line gives one rrule
        raise InvalidValueError("Recurrence.text", text, "a single recurrence rule")
    return parsed


def _text(rule: rrule) -> str:
    start: datetime | None = rule._dtstart  # type: ignore[attr-defined]  # kept only here
    if start is None or start.tzinfo is None:
        raise InvalidValueError("rule.dtstart", start, "an aware start in Astana time")
    local = start.astimezone(ASTANA)
    _, _, body = str(rule).partition("RRULE:")
    if not body:
        raise InvalidValueError("rule", str(rule), "a rule with an RRULE part")
    return f"DTSTART;TZID={ASTANA_ZONE_KEY}:{local:%Y%m%dT%H%M%S}\nRRULE:{body.strip()}"


def _canonical(text: str) -> str:
    return _text(_parse(text))


@attrs.frozen(slots=True)
class Recurrence:
    """A recurring calendar: a ``dateutil.rrule`` starting at a wall-clock time in Astana.

    ``text`` is the RFC 5545 form (a ``DTSTART`` line with ``TZID=Asia/Almaty`` and an
    ``RRULE`` line), stored in a canonical form; :attr:`rule` is the rule itself.

    >>> r = Recurrence.of(rrule(YEARLY, dtstart=datetime(2024, 1, 12, tzinfo=ASTANA)))
    >>> print(r.text)
    DTSTART;TZID=Asia/Almaty:20240112T000000
    RRULE:FREQ=YEARLY
    >>> [d.isoformat() for d in r.between(date(2024, 1, 1), date(2026, 1, 1))]
    ['2024-01-12T00:00:00+06:00', '2025-01-12T00:00:00+05:00']
    """

    text: str = attrs.field(converter=_canonical)

    @classmethod
    def of(cls, rule: rrule) -> Recurrence:
        """The recurrence of ``rule``, whose start must be aware (it is shown in Astana)."""
        if not isinstance(rule, rrule):
            raise InvalidValueError("rule", rule, "a dateutil.rrule.rrule")
        return cls(_text(rule))

    @property
    def rule(self) -> rrule:
        """The ``dateutil.rrule`` (a new object each time; rules are not immutable)."""
        return _parse(self.text)

    @property
    def start(self) -> datetime:
        """The first instant the rule counts from, in Astana time."""
        start: datetime = self.rule._dtstart  # type: ignore[attr-defined]  # kept only here
        return start

    def occurrences(self) -> Iterator[datetime]:
        """Every occurrence in order, in Astana time (endless unless the rule ends)."""
        return iter(self.rule)

    def between(self, start: date, end: date) -> tuple[datetime, ...]:
        """The occurrences from 00:00 on ``start`` up to, not including, 00:00 on ``end``.

        Days are Astana days.
        """
        after = datetime.combine(_day(start, "start"), time(0), tzinfo=ASTANA)
        before = datetime.combine(_day(end, "end"), time(0), tzinfo=ASTANA)
        return tuple(d for d in self.rule.between(after, before, inc=True) if d < before)

    def next_after(self, instant: datetime) -> datetime | None:
        """The first occurrence strictly after ``instant``, or ``None`` if the rule has ended."""
        found: datetime | None = self.rule.after(to_astana(instant, "instant"), inc=False)
        return found

    def __str__(self) -> str:
        return self.text


def _day(value: object, field: str) -> date:
    return require_day(value, field, "a datetime.date (a calendar day)")


def _by_month_day(day: int) -> dict[str, Any]:
    # A day that some months lack (29 to 31) becomes "the last of 28..day that exists", so that
    # no month is skipped: 31 August is followed by 28 or 29 February, then 31 August.
    if day <= 28:
        return {"bymonthday": day}
    return {"bymonthday": tuple(range(28, day + 1)), "bysetpos": -1}


def yearly(start: date, *, count: int | None = None) -> Recurrence:
    """Every year from ``start`` (00:00 Astana time), on the same day; 29 February -> 28th.

    >>> print(yearly(date(2024, 2, 29)).text)
    DTSTART;TZID=Asia/Almaty:20240229T000000
    RRULE:FREQ=YEARLY;BYSETPOS=-1;BYMONTH=2;BYMONTHDAY=28,29
    """
    day = _day(start, "start")
    options = _by_month_day(day.day) if day.day > 28 else {}
    if options:
        options["bymonth"] = day.month
    dtstart = datetime.combine(day, time(0), tzinfo=ASTANA)
    return Recurrence.of(rrule(YEARLY, dtstart=dtstart, count=_count(count), **options))


def twice_yearly_seminars(first: date, *, count: int | None = None) -> Recurrence:
    """Seminars twice a year, every six months from the day of the ``first`` (Action Plan ii.1).

    The seed fixes no months; they follow from the first seminar. A day that a month lacks
    falls on that month's last day.

    >>> print(twice_yearly_seminars(date(2024, 4, 15)).text)
    DTSTART;TZID=Asia/Almaty:20240415T000000
    RRULE:FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=15
    """
    day = _day(first, "first")
    dtstart = datetime.combine(day, time(0), tzinfo=ASTANA)
    return Recurrence.of(
        rrule(MONTHLY, interval=6, dtstart=dtstart, count=_count(count), **_by_month_day(day.day))
    )


def _count(count: int | None) -> int | None:
    if count is not None and (type(count) is not int or count < 1):
        raise InvalidValueError("count", count, "a positive whole number or None")
    return count


# --- the yearly review -------------------------------------------------------------------------


class ReviewBody(StrEnum):
    """The bodies that review the Action Plan every year."""

    SWG = "swg"
    """The Special Working Group (reports to the SOC)."""
    SOC = "soc"
    """The Senior Officials Committee."""


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
    approved it); see the module doc for the rule.
    """

    starts: date = attrs.field(validator=lambda _, __, v: _day(v, "ReviewSchedule.starts"))
    reviews: tuple[Review, ...] = attrs.field(default=(), converter=_schedule_reviews)

    def __attrs_post_init__(self) -> None:
        for review in self.reviews:
            if review.held_on < self.starts:
                raise InvalidValueError(
                    "Review.held_on", review.held_on, f"a day on or after {self.starts}"
                )

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


def review_due(schedule: ReviewSchedule, on: date) -> date:
    """When the next review of the plan is due, seen on ``on`` (:meth:`ReviewSchedule.next_due`).

    >>> review_due(ReviewSchedule(date(2024, 1, 12)), on=date(2024, 6, 1))
    datetime.date(2025, 1, 11)
    """
    return as_instance(ReviewSchedule, "schedule", schedule).next_due(on)


def overdue_reviews(schedule: ReviewSchedule, on: date) -> tuple[ReviewDue, ...]:
    """The reviews overdue on ``on`` (see :meth:`ReviewSchedule.overdue`)."""
    return as_instance(ReviewSchedule, "schedule", schedule).overdue(on)
