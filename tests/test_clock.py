"""Time: instants are aware, Astana time comes from pinned data, "no later than D" is exact."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.clock import require_aware, to_utc
from cica_cbm.edges import strategies as cst

EST = timezone(timedelta(hours=-5), "EST")
SWITCH = datetime(2024, 2, 29, 18, 0, tzinfo=UTC)  # 2024-03-01 00:00 at UTC+6: clocks go to 23:00


@given(st.datetimes())
def test_a_naive_datetime_is_refused_everywhere_an_instant_is_needed(naive: datetime) -> None:
    proc = cbm.samples.nct_g_1501()
    attempts: list[Callable[[], object]] = [
        lambda: require_aware(naive, "at"),
        lambda: to_utc(naive),
        lambda: cbm.to_astana(naive),
        lambda: proc.outcome(at=naive),
        lambda: proc.comment(by="CHN", at=naive, text="x"),
        lambda: proc.object(by="IND", at=naive, text="x"),
        lambda: proc.extend(to=date(2024, 1, 25), at=naive),
        lambda: proc.extend(to=naive, at=datetime(2024, 1, 2, tzinfo=UTC)),
        lambda: proc.withdraw(at=naive, reason="x"),
        lambda: cbm.Deadline.exactly(naive),
    ]
    for attempt in attempts:
        with pytest.raises(cbm.NaiveDatetimeError) as info:
            attempt()
        assert isinstance(info.value, cbm.CbmError)
        assert isinstance(info.value, ValueError)
        assert "timezone-aware" in str(info.value)
    assert len(proc.events) == 1


@given(cst.days())
def test_no_later_than_d_ends_at_midnight_in_astana_on_the_next_day(day: date) -> None:
    end = cbm.end_of_day(day)
    local = end.astimezone(cbm.ASTANA)
    assert (local.date(), local.hour, local.minute, local.second) == (
        day + timedelta(days=1),
        0,
        0,
        0,
    )
    assert local.microsecond == 0
    assert end.tzinfo is UTC


@given(cst.days(min_value=date(2004, 11, 1), max_value=date(2024, 2, 28)))
def test_from_the_end_of_summer_time_in_2004_to_1_march_2024_astana_is_utc_plus_6(
    day: date,
) -> None:
    assert cbm.end_of_day(day).astimezone(cbm.ASTANA).utcoffset() == timedelta(hours=6)


@given(cst.days(min_value=date(2024, 2, 29)))
def test_since_1_march_2024_astana_is_utc_plus_5(day: date) -> None:
    assert cbm.end_of_day(day).astimezone(cbm.ASTANA).utcoffset() == timedelta(hours=5)


def test_the_seed_deadline_is_18_00_utc_on_11_january_2024() -> None:
    assert cbm.end_of_day(date(2024, 1, 11)) == datetime(2024, 1, 11, 18, 0, tzinfo=UTC)


def test_the_switch_of_1_march_2024_makes_29_february_25_hours_long() -> None:
    """Astana moved from UTC+6 to UTC+5 at 00:00 on 1 March 2024 (tzdata 2024a)."""
    assert cbm.end_of_day(date(2024, 2, 28)) == datetime(2024, 2, 28, 18, tzinfo=UTC)
    assert cbm.end_of_day(date(2024, 2, 29)) == datetime(2024, 2, 29, 19, tzinfo=UTC)
    assert cbm.end_of_day(date(2024, 3, 1)) == datetime(2024, 3, 1, 19, tzinfo=UTC)
    before = cbm.to_astana(SWITCH - timedelta(microseconds=1))
    after = cbm.to_astana(SWITCH)
    assert before.utcoffset() == timedelta(hours=6)
    assert after.utcoffset() == timedelta(hours=5)
    assert (after.date(), after.hour) == (date(2024, 2, 29), 23)


def test_an_objection_from_new_york_at_8_pm_on_11_january_is_late() -> None:
    """SPEC's example: 20:00 EST on 11 January 2024 is 07:00 on 12 January in Astana."""
    proc = cbm.samples.nct_g_1501()
    sent = datetime(2024, 1, 11, 20, 0, tzinfo=EST)
    local = cbm.to_astana(sent)
    assert (local.date(), local.hour, local.minute) == (date(2024, 1, 12), 7, 0)
    out = proc.object(by="IND", at=sent, text="We object.").outcome(at=sent)
    assert out.status is cbm.Status.APPROVED
    assert out.decided_at == proc.deadline
    assert any(f.rule == "SILENCE-LATE" and "IND" in f.message for f in out.findings)


def test_the_same_objection_at_noon_in_new_york_is_in_time() -> None:
    proc = cbm.samples.nct_g_1501()
    sent = datetime(2024, 1, 11, 12, 59, tzinfo=EST)  # 23:59 in Astana
    out = proc.object(by="IND", at=sent, text="We object.").outcome(at=sent)
    assert out.status is cbm.Status.SILENCE_BROKEN
    assert out.decided_at == sent


@given(cst.aware_datetimes())
def test_an_instant_means_the_same_in_whatever_zone_it_is_written(moment: datetime) -> None:
    assert cbm.to_astana(moment) == moment
    assert to_utc(moment) == moment
    assert to_utc(moment).tzinfo is UTC


def test_astana_is_the_pinned_asia_almaty_zone_and_pickles_by_key() -> None:
    assert str(cbm.ASTANA) == "Asia/Almaty"
    assert pickle.loads(pickle.dumps(cbm.ASTANA)) is cbm.ASTANA
    moment = datetime(2024, 1, 12, 0, 0, tzinfo=cbm.ASTANA)
    assert pickle.loads(pickle.dumps(moment)) == moment


@pytest.mark.parametrize("value", ["2024-01-11", 1704996000, date(2024, 1, 11), None])
def test_something_that_is_not_a_datetime_is_refused_as_an_instant(value: object) -> None:
    with pytest.raises(cbm.InvalidValueError, match="at"):
        require_aware(value, "at")


@pytest.mark.parametrize("value", [datetime(2024, 1, 11, tzinfo=UTC), "2024-01-11", 5])
def test_end_of_day_takes_only_a_calendar_day(value: object) -> None:
    with pytest.raises(cbm.InvalidValueError):
        cbm.end_of_day(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "instant",
    [
        datetime.max.replace(tzinfo=timezone(timedelta(hours=-12))),
        datetime.min.replace(tzinfo=timezone(timedelta(hours=1))),
    ],
)
def test_instants_beyond_the_calendar_are_a_clear_error(instant: datetime) -> None:
    """Python cannot show them in UTC: an InvalidValueError says so, not an OverflowError."""
    with pytest.raises(cbm.InvalidValueError, match="between the years 1 and 9999"):
        to_utc(instant, "at")
    with pytest.raises(cbm.InvalidValueError):
        cbm.samples.nct_g_1501().outcome(at=instant)


def test_the_last_day_of_the_calendar_has_no_end_of_day() -> None:
    """The end of "no later than 31 December 9999" would be in the year 10000: refused."""
    with pytest.raises(cbm.InvalidValueError, match="a day before"):
        cbm.end_of_day(date.max)
