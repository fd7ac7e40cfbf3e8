"""Recurring calendars: a ``dateutil.rrule`` kept as RFC 5545 text, starting in Astana time.

A calendar is a :class:`Recurrence`: a ``dateutil.rrule`` whose start is a wall-clock time in
Astana (IANA ``Asia/Almaty``, from the pinned zone data), kept as its RFC 5545 text, e.g.::

    DTSTART;TZID=Asia/Almaty:20240112T000000
    RRULE:FREQ=YEARLY

:func:`yearly` builds the calendar of the Action Plan's yearly review, and
:func:`twice_yearly_seminars` that of the "twice yearly seminars on law enforcement related
issues" (Action Plan ii.1). The seed gives no months or days for either, so none is assumed.

References:
    Action Plan preamble (yearly review); Action Plan ii.1 (twice yearly seminars); RFC 5545
    section 3.3.10 (recurrence rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

import attrs
from dateutil.rrule import MONTHLY, YEARLY, rrule, rrulestr

from .clock import ASTANA, ASTANA_ZONE_KEY, require_day, to_astana
from .errors import InvalidValueError

__all__ = ["Recurrence", "twice_yearly_seminars", "yearly"]

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
