"""A review schedule is its acts: the Secretariat starts it, the SWG and the SOC hold reviews."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.review_acts import ReviewHeld, ReviewScheduleStarted
from cica_cbm.edges import strategies as cst
from cica_cbm.edges.strategies._actionplan import review_schedules

START = date(2024, 1, 12)


@given(review_schedules())
def test_a_schedule_is_the_fold_of_its_acts(schedule: cbm.ReviewSchedule) -> None:
    assert cbm.ReviewSchedule.from_acts(schedule.acts) == schedule
    first, *held = schedule.acts
    assert first == ReviewScheduleStarted(schedule.starts, cbm.SECRETARIAT)
    assert [(act.by, act.on) for act in held] == [
        (review.body, review.held_on) for review in schedule.reviews
    ]


@given(review_schedules())
def test_the_fold_equals_recording_each_review(schedule: cbm.ReviewSchedule) -> None:
    recorded = cbm.ReviewSchedule(schedule.starts)
    folded = cbm.ReviewSchedule.from_acts(schedule.acts[:1])
    for review in schedule.reviews:
        recorded = recorded.record(review)
        folded = folded.then(ReviewHeld(review.body, review.held_on))
    assert folded == recorded == schedule
    assert folded.due(START) == schedule.due(START)


@given(review_schedules(), st.sampled_from(["KAZ", "swg", "SOC", "PGA"]))
def test_only_the_secretariat_starts_a_schedule(schedule: cbm.ReviewSchedule, actor: str) -> None:
    first = ReviewScheduleStarted(schedule.starts, actor)
    with pytest.raises(cbm.NotAuthorizedError, match=r"acts\[0\]: .*Secretariat"):
        cbm.ReviewSchedule.from_acts((first, *schedule.acts[1:]))


@given(review_schedules(), st.sampled_from(["KAZ", "SECRETARIAT", "CICA_SWG", "", 7]))
def test_a_review_held_by_anyone_but_the_swg_or_the_soc_is_refused(
    schedule: cbm.ReviewSchedule, actor: object
) -> None:
    before = cbm.to_json(schedule)
    with pytest.raises(cbm.InvalidValueError, match=r"ReviewHeld\.by"):
        schedule.then(ReviewHeld(actor, schedule.starts))
    assert cbm.to_json(schedule) == before


@given(review_schedules(), st.integers(1, 400))
def test_a_review_before_the_schedule_started_is_refused_with_its_index(
    schedule: cbm.ReviewSchedule, days: int
) -> None:
    early = ReviewHeld(cbm.ReviewBody.SOC, schedule.starts - timedelta(days=days))
    acts = (*schedule.acts, early)
    with pytest.raises(cbm.InvalidValueError, match=rf"acts\[{len(acts) - 1}\]: Review\.held_on"):
        cbm.ReviewSchedule.from_acts(acts)
    with pytest.raises(cbm.InvalidValueError):
        schedule.then(early)


def test_a_stream_must_open_with_the_schedule_started() -> None:
    held = ReviewHeld("swg", START)
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[0\]"):
        cbm.ReviewSchedule.from_acts([held])
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[1\]"):
        cbm.ReviewSchedule.from_acts([ReviewScheduleStarted(START), ReviewScheduleStarted(START)])
    with pytest.raises(cbm.InvalidValueError, match="acts"):
        cbm.ReviewSchedule.from_acts("acts")  # type: ignore[arg-type]


@given(st.one_of(cst.review_schedule_starts(), cst.review_acts_held()))
def test_every_review_act_round_trips_through_json(act: object) -> None:
    assert cbm.from_json(cbm.to_json(act), type(act)) == act


@given(review_schedules())
def test_a_schedule_travels_as_its_acts(schedule: cbm.ReviewSchedule) -> None:
    document = json.loads(cbm.to_json(schedule))
    assert list(document["data"]) == ["acts"]
    assert cbm.from_json(cbm.to_json(schedule), cbm.ReviewSchedule) == schedule


@given(review_schedules())
def test_a_mutated_schedule_document_is_refused(schedule: cbm.ReviewSchedule) -> None:
    document = json.loads(cbm.to_json(schedule))
    document["data"]["acts"][0]["by"] = "KAZ"
    with pytest.raises(cbm.DeserializationError, match="Secretariat"):
        cbm.from_json(json.dumps(document), cbm.ReviewSchedule)
    document = json.loads(cbm.to_json(schedule))
    document["data"]["acts"].append({"type": "ReviewHeld", "by": "kaz", "on": "2025-01-01"})
    with pytest.raises(cbm.DeserializationError):
        cbm.from_json(json.dumps(document), cbm.ReviewSchedule)
    document["data"]["acts"][-1].update(by="soc", on="1999-01-01")
    with pytest.raises(cbm.DeserializationError, match=r"acts\[\d+\]: Review\.held_on"):
        cbm.from_json(json.dumps(document), cbm.ReviewSchedule)
