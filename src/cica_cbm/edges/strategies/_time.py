"""Strategies for days, zones and instants: the calendar every other strategy draws from."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

from hypothesis import strategies as st

from ...core.clock import ASTANA, UTC

__all__ = ["EARLIEST_DAY", "LATEST_DAY", "aware_datetimes", "days", "instants", "time_zones"]

# the days drawn by default; their docstrings are in the package's __init__, where the
# reference documents them as public names
EARLIEST_DAY = date(1999, 9, 14)
LATEST_DAY = date(2040, 12, 31)

_EPOCH = datetime(2023, 12, 12, 18, 0, tzinfo=UTC)  # 13 December 2023, 00:00 in Astana
_MICRO = timedelta(microseconds=1)


def days(min_value: date = EARLIEST_DAY, max_value: date = LATEST_DAY) -> st.SearchStrategy[date]:
    """Calendar days from ``min_value`` to ``max_value``; shrinks towards ``min_value``."""
    # st.dates() shrinks towards 2000-01-01; an offset from min_value shrinks towards it
    return st.integers(0, (max_value - min_value).days).map(lambda n: min_value + timedelta(days=n))


def time_zones() -> st.SearchStrategy[tzinfo]:
    """Zones an instant may be written in; shrinks towards UTC.

    UTC, Astana (the pinned zone), and fixed offsets from UTC-12:00 to UTC+14:00 in quarter
    hours, so that nothing may depend on the zone an instant happens to be written in.
    """
    offsets = st.integers(-48, 56).map(lambda q: timezone(timedelta(minutes=15 * q)))
    return st.one_of(st.just(UTC), st.just(ASTANA), offsets)


def _after(start: datetime, micro: int) -> st.SearchStrategy[datetime]:
    """Instants from ``start`` to ``micro`` microseconds after it; shrinks towards ``start``."""
    return st.integers(0, micro).map(lambda us: start + timedelta(microseconds=us))


def instants(
    start: datetime = _EPOCH,
    span: timedelta = timedelta(days=60),
    *,
    zones: st.SearchStrategy[tzinfo] | None = None,
) -> st.SearchStrategy[datetime]:
    """Aware instants from ``start`` to ``start + span``, to the microsecond.

    Each is written in a zone drawn from ``zones`` (by default UTC only). Shrinks towards
    ``start`` in UTC.
    """
    moments = _after(start, int(span / _MICRO))
    if zones is None:
        return moments.map(lambda t: t.astimezone(UTC))
    return st.tuples(moments, zones).map(lambda pair: pair[0].astimezone(pair[1]))


def aware_datetimes(
    min_value: date = EARLIEST_DAY, max_value: date = LATEST_DAY
) -> st.SearchStrategy[datetime]:
    """Aware datetimes between two days, in any zone of :func:`time_zones`.

    Shrinks towards midnight UTC at the start of ``min_value``.
    """
    start = datetime.combine(min_value, datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(max_value, datetime.min.time(), tzinfo=UTC)
    return instants(start, end - start, zones=time_zones())


def _instants_around(
    start: datetime, end: datetime, deadline: datetime
) -> st.SearchStrategy[datetime]:
    """Instants from ``start`` to ``end``, often exactly at or just before ``deadline``."""
    anywhere = _after(start, int((end - start) / _MICRO))
    edges = st.sampled_from([deadline - _MICRO, deadline, deadline + _MICRO])
    return st.tuples(anywhere | edges, time_zones()).map(lambda p: p[0].astimezone(p[1]))
