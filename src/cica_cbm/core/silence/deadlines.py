"""A procedure's deadline: "no later than" a day, or an exact instant."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import attrs

from ..clock import ASTANA_ZONE_KEY, end_of_day, place_of, to_utc, zone
from ..errors import InvalidValueError
from ._time import describe_instant, long_date, utc_instant

_TICK = timedelta(microseconds=1)


def _day_end(deadline: Deadline) -> datetime:
    assert deadline.stated is not None
    end = end_of_day(deadline.stated, zone(deadline.zone))
    return end - _TICK if deadline.known_to_day else end


def _flag(_: Any, __: Any, value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidValueError("Deadline.known_to_day", value, "true or false")


def _zone_key(_: Any, __: Any, value: object) -> None:
    zone(value)  # type: ignore[arg-type]  # refuses anything that is not a shipped zone key


@attrs.frozen(slots=True)
class Deadline:
    """When a silence ends: an instant, and the date as the note states it, if it does.

    "No later than D" ends at 00:00 on D+1 in the body's zone (``zone``, Astana's for CICA); a
    submission strictly before that is in time. A deadline may instead be an exact instant (the
    UN General Assembly's 72-hour silences, the OSCE's exact expiry time); then ``stated`` is
    ``None``. ``zone`` is the IANA key of the zone the deadline is worded in.
    """

    instant: datetime = attrs.field(converter=utc_instant)
    stated: date | None = None
    zone: str = attrs.field(default=ASTANA_ZONE_KEY, validator=_zone_key)
    known_to_day: bool = attrs.field(default=False, validator=_flag)
    """Whether the record gives the deadline only to its day (``stated``): the silence ended at
    an hour not on record that day, and ``instant`` is the latest it can have been."""

    def __attrs_post_init__(self) -> None:
        if self.known_to_day and self.stated is None:
            raise InvalidValueError(
                "Deadline.stated", None, "the day, for a deadline known only to its day"
            )
        if self.stated is not None and _day_end(self) != self.instant:
            what = "the last instant" if self.known_to_day else "the end"
            raise InvalidValueError(
                "Deadline.instant",
                self.instant,
                f"{what} of {self.stated} in {place_of(self.zone)} time",
            )

    @classmethod
    def no_later_than(cls, day: date, zone_key: str = ASTANA_ZONE_KEY) -> Deadline:
        """The deadline of "no later than ``day``", in the zone ``zone_key`` (Astana's).

        >>> Deadline.no_later_than(date(2024, 1, 11)).instant.isoformat()
        '2024-01-11T18:00:00+00:00'
        >>> Deadline.no_later_than(date(2020, 4, 2), "America/New_York").instant.isoformat()
        '2020-04-03T04:00:00+00:00'
        """
        return cls(end_of_day(day, zone(zone_key)), day, zone_key)

    @classmethod
    def on_day(cls, day: date, zone_key: str = ASTANA_ZONE_KEY) -> Deadline:
        """A deadline a historical record gives only to its day: some hour of ``day``.

        Kept with that precision: a submission on an earlier day was in time, one on a later
        day late; ``instant`` is the last instant of ``day`` in the zone, the latest the
        silence can have ended, so a submission during that day counts as in time, and the
        deadline's description says the hour is not on record.

        >>> d = Deadline.on_day(date(2017, 7, 18), "Europe/Vienna")
        >>> d.instant.isoformat(), d.describe()
        ('2017-07-18T21:59:59.999999+00:00', 'on 18 July 2017 (the hour is not on record)')
        """
        last = end_of_day(day, zone(zone_key)) - _TICK
        return cls(last, day, zone_key, known_to_day=True)

    @classmethod
    def exactly(cls, instant: datetime, zone_key: str = ASTANA_ZONE_KEY) -> Deadline:
        """A deadline at an exact aware instant, worded in the zone ``zone_key``."""
        return cls(instant, None, zone_key)

    @classmethod
    def of(
        cls,
        value: Deadline | date | datetime | timedelta,
        zone_key: str = ASTANA_ZONE_KEY,
        start: datetime | None = None,
    ) -> Deadline:
        """A deadline from a date ("no later than"), an aware datetime, a Deadline, or a period.

        A ``timedelta`` (a "two-week silence") counts from ``start``, the opening instant; it
        must be positive. Dates end at midnight in ``zone_key``.

        >>> from datetime import timezone
        >>> start = datetime(2020, 3, 30, 22, 0, tzinfo=timezone.utc)
        >>> Deadline.of(timedelta(hours=72), "America/New_York", start).instant.isoformat()
        '2020-04-02T22:00:00+00:00'
        """
        if isinstance(value, Deadline):
            return value
        if isinstance(value, datetime):
            return cls.exactly(value, zone_key)
        if isinstance(value, date):
            return cls.no_later_than(value, zone_key)
        if isinstance(value, timedelta):
            if value <= timedelta(0):
                raise InvalidValueError("deadline", value, "a positive period (a timedelta > 0)")
            if start is None:
                raise InvalidValueError("deadline", value, "a period only with the opening instant")
            try:
                return cls.exactly(to_utc(start, "at") + value, zone_key)
            except OverflowError:
                raise InvalidValueError(
                    "deadline", value, "a period that ends before year 9999"
                ) from None
        raise InvalidValueError(
            "deadline", value, "a date, an aware datetime, a positive timedelta or a Deadline"
        )

    @property
    def local(self) -> datetime:
        """The instant in the deadline's zone (Astana time for CICA)."""
        return self.instant.astimezone(zone(self.zone))

    def by(self) -> str:
        """The deadline after "by": "11 January 2024" or the exact instant."""
        if self.stated is not None:
            return long_date(self.stated)
        return describe_instant(self.instant, self.zone)  # an exact instant

    def describe(self) -> str:
        """The deadline in words: "no later than 11 January 2024" or the exact instant."""
        if self.known_to_day and self.stated is not None:
            return f"on {long_date(self.stated)} (the hour is not on record)"
        if self.stated is not None:
            return f"no later than {long_date(self.stated)}"
        return f"at {describe_instant(self.instant, self.zone)}"
