"""Instants in the silence package: UTC on the way in, words for findings on the way out."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ..clock import ASTANA, ASTANA_ZONE_KEY, UTC, english_date, place_of, to_astana, to_utc, zone


def utc_instant(value: object, field: str = "at") -> datetime:
    """``value`` in UTC, refused unless it can also be shown in Astana time."""
    if type(value) is datetime and value.tzinfo is UTC and 1 < value.year < 9999:
        return value  # already an instant in UTC (the usual question): nothing to convert
    instant = to_utc(value, field)
    if instant.year in (1, 9999):  # only at the ends of the calendar can Astana overflow
        to_astana(instant, field)
    return instant


# Findings name one or two instants each, so this runs once per event in an outcome. The wall
# time comes from the pinned zone's own ZoneInfo (converting in C, where the PinnedZone wrapper
# converts in Python at about seven times the cost; both read the same zone data), and its
# digits are written with %-formatting, a quarter of the time of ``strftime`` for the same
# text. ``strftime`` does not pad years before 1000, so those keep it.
ASTANA_WALL: Any = getattr(ASTANA, "_zone", ASTANA)


def _wall(key: str) -> tuple[Any, str]:
    wall = _WALLS.get(key)
    if wall is None:
        pinned = zone(key)
        wall = _WALLS[key] = (getattr(pinned, "_zone", pinned), place_of(key))
    return wall


_WALLS: dict[str, tuple[Any, str]] = {ASTANA_ZONE_KEY: (ASTANA_WALL, "Astana")}


def minutes(moment: datetime) -> str:
    """An instant's wall time to the minute: "2024-01-12 00:00"."""
    if moment.year >= 1000:
        return "%04d-%02d-%02d %02d:%02d" % (  # noqa: UP031 - the fastest, see above
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
        )
    return f"{moment:%Y-%m-%d %H:%M}"


def wall_of(zone_key: str) -> tuple[Any, str]:
    """The fastest zone to convert instants to ``zone_key``'s wall time, and its place's name.

    ``(the ZoneInfo of Asia/Almaty, "Astana")``: the zone converts in C (see above).
    """
    return _WALLS.get(zone_key) or _wall(zone_key)


def describe_instant(instant: datetime, zone_key: str = ASTANA_ZONE_KEY) -> str:
    """An instant in the words of the findings: in the body's zone, then in UTC.

    "2024-01-12 00:00 Astana time (2024-01-11 18:00 UTC)"; a body seated elsewhere names its
    own place: "2020-04-02 18:00 New York time (2020-04-02 22:00 UTC)".
    """
    wall, place = _WALLS.get(zone_key) or _wall(zone_key)
    return (
        f"{minutes(instant.astimezone(wall))} {place} time ({minutes(instant.astimezone(UTC))} UTC)"
    )


def period(span: timedelta) -> str:
    """A duration in words: "72 hours", "90 minutes", "2 days 3:00:00"."""
    seconds = span.total_seconds()
    for unit, size in (("hours", 3600), ("minutes", 60), ("seconds", 1)):
        if seconds % size == 0:
            return f"{int(seconds // size)} {unit}"
    return str(span)


END_OF_TIME = datetime.max.replace(tzinfo=UTC)


long_date = english_date
"""A day in words: "11 January 2024"."""
