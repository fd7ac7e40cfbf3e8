"""Astana time from pinned zone data, and the deadlines of Secretariat notes.

The Secretariat sits in Astana, whose IANA zone is ``Asia/Almaty``: UTC+6 until 2024-03-01
00:00 local time, UTC+5 since (tzdata 2024a). The zone is read from the ``tzdata`` package that
cica_cbm depends on, never from the machine, so every result is the same on every machine,
whatever its own zone data says (``PYTHONTZPATH`` is ignored on purpose).

References:
    Note NCT/G/1501 para 3: comments "no later than 11 January 2024".
"""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from .errors import InvalidValueError, NaiveDatetimeError

__all__ = [
    "ASTANA",
    "ASTANA_ZONE_KEY",
    "UTC",
    "end_of_day",
    "english_date",
    "place_of",
    "require_aware",
    "require_day",
    "to_astana",
    "to_utc",
    "zone",
]

UTC = UTC
"""Coordinated Universal Time (the standard library's): the canonical zone of instants."""
ASTANA_ZONE_KEY = "Asia/Almaty"


def _load_pinned(key: str) -> ZoneInfo:
    """Read ``key`` from the tzdata package's files, bypassing the machine's zone data.

    The file is read as a resource of the package through the package's own loader
    (``get_data``, what ``importlib.resources`` reads with too, zips included), so the package
    need not import ``importlib.resources``, which costs more than the rest of this module
    (Astana's zone is read when cica_cbm is imported). A loader without it falls back to
    ``importlib.resources``.
    """
    import tzdata  # type: ignore[import-untyped]  # the pinned zone data: a package of files

    parts = ("zoneinfo", *key.split("/"))
    loader: Any = getattr(getattr(tzdata, "__spec__", None), "loader", None)
    where = getattr(tzdata, "__file__", None)
    if where is not None and hasattr(loader, "get_data"):
        data = loader.get_data(os.path.join(os.path.dirname(where), *parts))
        return ZoneInfo.from_file(io.BytesIO(data), key=key)
    from importlib import resources

    with resources.files("tzdata").joinpath(*parts).open("rb") as handle:
        return ZoneInfo.from_file(handle, key=key)


class PinnedZone(tzinfo):
    """A time zone read from the pinned ``tzdata`` package, which pickles by its key.

    ``ZoneInfo.from_file`` zones cannot be pickled, and ``ZoneInfo(key)`` reads the machine's
    zone data first; this wrapper has neither problem.
    """

    __slots__ = ("_key", "_zone")

    def __init__(self, key: str) -> None:
        self._key = key
        self._zone = _load_pinned(key)

    @property
    def key(self) -> str:
        """The IANA key of the zone, e.g. ``"Asia/Almaty"``."""
        return self._key

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        """The offset from UTC at local time ``dt``."""
        return self._zone.utcoffset(dt)

    def dst(self, dt: datetime | None) -> timedelta | None:
        """The daylight-saving part of the offset at local time ``dt``."""
        return self._zone.dst(dt)

    def tzname(self, dt: datetime | None) -> str | None:
        """The abbreviation in force at local time ``dt`` (e.g. ``"+06"``)."""
        return self._zone.tzname(dt)

    def fromutc(self, dt: datetime) -> datetime:
        """Convert ``dt`` (UTC fields, tzinfo=self) to local time in this zone."""
        local = self._zone.fromutc(dt.replace(tzinfo=self._zone))
        return local.replace(tzinfo=self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_zone_for_key, (self._key,))

    def __repr__(self) -> str:
        return f"PinnedZone({self._key!r})"

    def __str__(self) -> str:
        return self._key


_ZONES: dict[str, PinnedZone] = {}


def _zone_for_key(key: str) -> PinnedZone:
    zone = _ZONES.get(key)
    if zone is None:
        zone = _ZONES[key] = PinnedZone(key)
    return zone


ASTANA: PinnedZone = _zone_for_key(ASTANA_ZONE_KEY)
"""Astana time (IANA ``Asia/Almaty``) from the pinned ``tzdata`` package."""


def require_aware(value: object, field: str) -> datetime:
    """Return ``value`` if it is a timezone-aware datetime; refuse anything else.

    >>> require_aware(datetime(2024, 1, 5, 12, 0), "at")
    Traceback (most recent call last):
    ...
    cica_cbm...NaiveDatetimeError: at: datetime.datetime(2024, 1, 5, 12, 0) is not allowed; ...
    """
    if not isinstance(value, datetime):
        raise InvalidValueError(field, value, "a timezone-aware datetime (an instant)")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(field, value)
    return value


def _converted(value: object, field: str, zone: tzinfo) -> datetime:
    instant = require_aware(value, field)
    try:
        return instant.astimezone(zone)
    except OverflowError:
        raise InvalidValueError(
            field, value, "an instant between the years 1 and 9999 in every time zone"
        ) from None


def to_utc(value: object, field: str = "instant") -> datetime:
    """The instant ``value`` in UTC; refuses naive datetimes."""
    return _converted(value, field, UTC)


def to_astana(value: object, field: str = "instant") -> datetime:
    """The instant ``value`` shown in Astana time.

    >>> to_astana(datetime(2024, 1, 12, 1, 0, tzinfo=UTC)).isoformat()
    '2024-01-12T07:00:00+06:00'
    >>> to_astana(datetime(2024, 6, 1, 1, 0, tzinfo=UTC)).isoformat()
    '2024-06-01T06:00:00+05:00'
    """
    return _converted(value, field, ASTANA)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def english_date(day: date, *, short: bool = False) -> str:
    """``day`` as CICA's English documents write it, whatever the process's locale.

    ``strftime("%B")`` follows ``LC_TIME``; this does not.

    >>> english_date(date(2023, 12, 13))
    '13 December 2023'
    >>> english_date(date(2023, 12, 13), short=True)
    '13 Dec 2023'
    """
    day = require_day(day, "day", "a datetime.date (a calendar day)")
    month = _MONTHS[day.month - 1]
    return f"{day.day} {month[:3] if short else month} {day.year}"


def require_day(value: object, field: str, allowed: str = "a datetime.date") -> date:
    """``value`` if it is a calendar day (a ``date``, not a ``datetime``); else an error.

    >>> require_day(date(2024, 1, 11), "on")
    datetime.date(2024, 1, 11)
    """
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidValueError(field, value, allowed)
    return value


def end_of_day(day: date, zone: tzinfo = ASTANA) -> datetime:
    """The instant at which "no later than ``day``" ends: 00:00 on the next day in ``zone``.

    ``zone`` is Astana's unless a body sits elsewhere. Returned in UTC, the canonical form of
    instants in cica_cbm.

    >>> end_of_day(date(2024, 1, 11)).isoformat()
    '2024-01-11T18:00:00+00:00'
    >>> end_of_day(date(2020, 4, 2), zone("America/New_York")).isoformat()
    '2020-04-03T04:00:00+00:00'
    """
    require_day(day, "deadline date", "a datetime.date (a calendar day)")
    if day >= date.max:
        raise InvalidValueError("deadline date", day, f"a day before {date.max}")
    local = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone)
    return local.astimezone(UTC)


def zone(key: str) -> PinnedZone:
    """The zone ``key`` (IANA, e.g. ``"Europe/Vienna"``) from the pinned tzdata package.

    >>> zone("Asia/Almaty") is ASTANA
    True
    """
    if not isinstance(key, str) or not key or key.startswith(("/", ".")) or ".." in key:
        raise InvalidValueError("zone", key, "an IANA zone key such as 'Europe/Vienna'")
    try:
        return _zone_for_key(key)
    except (OSError, ValueError):
        raise InvalidValueError("zone", key, "an IANA zone key that tzdata ships") from None


def place_of(key: str) -> str:
    """The place a zone's instants are named after: Astana for ``Asia/Almaty``, else its city.

    >>> place_of("Asia/Almaty"), place_of("America/New_York")
    ('Astana', 'New York')
    """
    if key == ASTANA_ZONE_KEY:
        return "Astana"
    return key.rpartition("/")[2].replace("_", " ")
