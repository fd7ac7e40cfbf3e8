"""Calendars run in Astana time, travel as RFC 5545, and say when reviews are due."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import YEARLY, rrule
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.reviews import Recurrence, ReviewSchedule
from cica_cbm.edges.strategies._actionplan import recurrences, review_schedules

DAYS = st.integers(0, 4 * 366).map(lambda n: date(2024, 1, 1) + timedelta(days=n))
SEED_START = date(2024, 1, 12)  # the seed's procedure approved it at 00:00 that day, Astana time


# --- recurrences -------------------------------------------------------------------------------


def test_a_yearly_calendar_keeps_midnight_in_astana_across_the_change_to_utc_plus_5() -> None:
    calendar = cbm.yearly(SEED_START)
    first, second = calendar.between(date(2024, 1, 1), date(2026, 1, 1))
    assert (first.hour, second.hour) == (0, 0)
    assert first.utcoffset() == timedelta(hours=6)
    assert second.utcoffset() == timedelta(hours=5)
    assert second.astimezone(cbm.UTC) == datetime(2025, 1, 11, 19, 0, tzinfo=cbm.UTC)


def test_the_rfc_5545_text_names_the_astana_zone() -> None:
    assert cbm.yearly(SEED_START).text == (
        "DTSTART;TZID=Asia/Almaty:20240112T000000\nRRULE:FREQ=YEARLY"
    )
    assert str(cbm.yearly(SEED_START)) == cbm.yearly(SEED_START).text


@settings(max_examples=60, deadline=None)
@given(recurrence=recurrences())
def test_a_recurrence_round_trips_as_text_and_as_json(recurrence: Recurrence) -> None:
    assert Recurrence(recurrence.text) == recurrence
    assert Recurrence.of(recurrence.rule) == recurrence
    assert cbm.from_json(cbm.to_json(recurrence), Recurrence) == recurrence
    assert recurrence.text.startswith("DTSTART;TZID=Asia/Almaty:")


@settings(max_examples=60, deadline=None)
@given(first=DAYS)
def test_twice_yearly_seminars_fall_twice_in_every_year_six_months_apart(first: date) -> None:
    seminars = cbm.twice_yearly_seminars(first, count=8)
    days = [d.date() for d in seminars.occurrences()]
    assert len(days) == 8
    assert days[0] == first
    for a, b in itertools.pairwise(days):
        months = (b.year - a.year) * 12 + b.month - a.month
        assert months == 6
        assert b.day == first.day or b.day < first.day  # a shorter month ends earlier
    assert all(d.hour == 0 and d.tzinfo is cbm.ASTANA for d in seminars.occurrences())
    for year in range(first.year + 1, first.year + 4):
        assert len(seminars.between(date(year, 1, 1), date(year + 1, 1, 1))) == 2


@settings(max_examples=60, deadline=None)
@given(start=DAYS)
def test_a_yearly_calendar_never_skips_a_year(start: date) -> None:
    days = [d.date() for d in cbm.yearly(start, count=6).occurrences()]
    assert [d.year for d in days] == list(range(start.year, start.year + 6))
    assert all(d.month == start.month for d in days)


def test_29_february_recurs_on_the_last_day_of_february() -> None:
    days = [d.date() for d in cbm.yearly(date(2024, 2, 29), count=5).occurrences()]
    assert days == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "RRULE:FREQ=YEARLY",
        "DTSTART:20240112T000000\nRRULE:FREQ=YEARLY",
        "DTSTART;TZID=Europe/Paris:20240112T000000\nRRULE:FREQ=YEARLY",
        "DTSTART;TZID=Asia/Almaty:20240112T000000\nRRULE:FREQ=SOMETIMES",
        "DTSTART;TZID=Asia/Almaty:20241312T000000\nRRULE:FREQ=YEARLY",
        "",
    ],
)
def test_text_that_is_not_an_astana_rfc_5545_rule_is_refused(text: str) -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"Recurrence\.text"):
        Recurrence(text)


def test_a_rule_without_a_zone_is_refused() -> None:
    with pytest.raises(cbm.InvalidValueError, match="aware start"):
        Recurrence.of(rrule(YEARLY, dtstart=datetime(2024, 1, 12)))


def test_a_bad_count_or_day_is_refused() -> None:
    with pytest.raises(cbm.InvalidValueError, match="count"):
        cbm.yearly(SEED_START, count=0)
    with pytest.raises(cbm.InvalidValueError, match="calendar day"):
        cbm.twice_yearly_seminars(datetime(2024, 1, 1, tzinfo=cbm.ASTANA))


def test_next_after_gives_the_following_occurrence() -> None:
    calendar = cbm.twice_yearly_seminars(date(2024, 4, 16), count=2)
    after_first = calendar.next_after(datetime(2024, 4, 16, tzinfo=cbm.ASTANA))
    assert after_first == datetime(2024, 10, 16, tzinfo=cbm.ASTANA)
    assert calendar.next_after(datetime(2024, 10, 16, tzinfo=cbm.ASTANA)) is None
    assert calendar.start == datetime(2024, 4, 16, tzinfo=cbm.ASTANA)


# --- the yearly review -------------------------------------------------------------------------


def test_the_seeds_first_review_is_due_within_a_year_of_its_approval() -> None:
    schedule = ReviewSchedule(SEED_START)
    assert cbm.review_due(schedule, on=date(2024, 6, 1)) == date(2025, 1, 11)
    assert cbm.overdue_reviews(schedule, on=date(2025, 1, 11)) == ()
    late = cbm.overdue_reviews(schedule, on=date(2025, 1, 12))
    assert [(r.body, r.year, r.due) for r in late] == [
        (cbm.ReviewBody.SWG, 1, date(2025, 1, 11)),
        (cbm.ReviewBody.SOC, 1, date(2025, 1, 11)),
    ]


def test_once_both_bodies_reviewed_the_next_review_is_a_year_later() -> None:
    schedule = ReviewSchedule(SEED_START).record(cbm.Review("swg", date(2024, 11, 1)))
    assert cbm.review_due(schedule, on=date(2024, 12, 1)) == date(2025, 1, 11)
    assert [r.body for r in schedule.due(date(2024, 12, 1))] == [cbm.ReviewBody.SOC]
    schedule = schedule.record(cbm.Review("soc", date(2024, 12, 10)))
    assert cbm.review_due(schedule, on=date(2024, 12, 11)) == date(2026, 1, 11)
    assert schedule.due(date(2024, 12, 11)) == ()


def test_a_late_review_counts_for_the_year_it_was_held_in() -> None:
    schedule = ReviewSchedule(SEED_START).record(cbm.Review("soc", date(2025, 2, 1)))
    overdue = schedule.overdue(date(2026, 2, 1))
    assert [(r.body.value, r.year) for r in overdue] == [("swg", 1), ("soc", 1), ("swg", 2)]


def test_a_review_before_the_plan_took_effect_is_refused() -> None:
    with pytest.raises(cbm.InvalidValueError, match="on or after 2024-01-12"):
        ReviewSchedule(SEED_START, [cbm.Review("swg", date(2024, 1, 11))])


def model_overdue(schedule: ReviewSchedule, on: date) -> set[tuple[str, int]]:
    """Brute force: walk the plan's years day by day."""
    owed: set[tuple[str, int]] = set()
    k = 1
    while True:
        year = schedule.starts.year + k - 1
        opens = schedule.calendar.between(date(year, 1, 1), date(year + 2, 1, 1))
        start = opens[0].date()
        end = opens[1].date()
        if end > on:
            return owed
        for body in cbm.ReviewBody:
            if not any(r.body is body and start <= r.held_on < end for r in schedule.reviews):
                owed.add((body.value, k))
        k += 1


@settings(max_examples=60, deadline=None)
@given(schedule=review_schedules(), offset=st.integers(0, 6 * 366))
def test_overdue_reviews_are_exactly_the_years_that_ended_without_one(
    schedule: ReviewSchedule, offset: int
) -> None:
    on = schedule.starts + timedelta(days=offset)
    found = {(r.body.value, r.year) for r in schedule.overdue(on)}
    assert found == model_overdue(schedule, on)


@settings(max_examples=60, deadline=None)
@given(schedule=review_schedules(), offset=st.integers(-30, 6 * 366))
def test_the_next_review_is_due_on_the_last_day_of_a_plan_year_not_before_today(
    schedule: ReviewSchedule, offset: int
) -> None:
    on = schedule.starts + timedelta(days=offset)
    due = schedule.next_due(on)
    assert due >= on
    year = schedule.year_of(due)
    assert schedule.year(year)[1] == due
    assert not all(schedule.held(body, year) for body in cbm.ReviewBody)
    assert cbm.review_due(schedule, on) == due


@settings(max_examples=40, deadline=None)
@given(schedule=review_schedules())
def test_the_plan_years_are_the_occurrences_of_its_yearly_calendar(
    schedule: ReviewSchedule,
) -> None:
    opens = list(itertools.islice(schedule.calendar.occurrences(), 5))
    for k, start in enumerate(opens, start=1):
        assert schedule.year(k)[0] == start.date()
        assert start.timetz() == time(0, tzinfo=cbm.ASTANA)


@settings(max_examples=40, deadline=None)
@given(schedule=review_schedules())
def test_a_review_schedule_round_trips_through_json(schedule: ReviewSchedule) -> None:
    assert cbm.from_json(cbm.to_json(schedule), ReviewSchedule) == schedule
