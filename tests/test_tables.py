"""Records, the agenda, the DataFrame and the calendar file: what analysts take away."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm import strategies as cst
from cica_cbm.core.agenda import REVIEW_CLAUSE, Due, DueKind, upcoming
from cica_cbm.core.records import EFFECTS, RECORD_KINDS, records
from cica_cbm.core.reviews import Recurrence, Review, ReviewBody, ReviewSchedule
from cica_cbm.views.html import effect

GOLDEN = Path(__file__).resolve().parent / "golden"
PLAIN = (str, int, bool, type(None), datetime, date)


@st.composite
def procedures_and_instants(draw: st.DrawFn) -> tuple[cbm.SilenceProcedure, datetime]:
    proc = draw(cst.procedures(max_events=6))
    offset = draw(st.integers(min_value=-2 * 86400, max_value=120 * 86400))
    return proc, proc.opening.at + timedelta(seconds=offset)


def _render(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        for key, value in row.items():
            shown = value.isoformat() if isinstance(value, datetime | date) else repr(value)
            lines.append(f"{key}: {shown}")
        lines.append("")
    return "\n".join(lines)


# --- records -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(procedures_and_instants())
def test_one_event_record_per_event_with_the_status_at_the_instant(
    pair: tuple[cbm.SilenceProcedure, datetime],
) -> None:
    proc, at = pair
    rows = records([proc], at=at)
    assert len(rows) == len(proc.events)
    ctx = proc.context(at)
    for index, (row, event) in enumerate(zip(rows, proc.events, strict=True)):
        assert tuple(row) == RECORD_KINDS["event"]
        assert row["index"] == index
        assert row["type"] == type(event).__name__
        assert row["status"] == proc.status(at).value
        assert row["decided_at"] == ctx.decided_at
        assert row["effect"] == effect(event, ctx)
        assert row["effect"] in EFFECTS
        assert row["at"] == event.at
        assert row["at"].utcoffset() == timedelta(0)
        assert row["at_local"] == event.at
        assert row["at_local"].tzinfo is not None
        assert row["procedure"] == proc.key
        assert row["body"] == proc.body.id
        assert all(isinstance(value, PLAIN) for value in row.values())


@settings(max_examples=25, deadline=None)
@given(st.from_type(cbm.Implementation), cst.decisions(), st.from_type(cbm.Activity))
def test_every_kind_of_row_has_its_keys_and_plain_values(
    impl: cbm.Implementation, decision: cbm.Decision, activity: cbm.Activity
) -> None:
    at = datetime(2030, 1, 1, tzinfo=cbm.UTC)
    rows = records([decision, impl, activity], at=at)
    assert len([r for r in rows if r["record"] == "position"]) == len(decision.members)
    assert len([r for r in rows if r["record"] == "action_item"]) == len(impl.plan.items)
    assert len([r for r in rows if r["record"] == "participant"]) == len(
        activity.states | activity.bodies
    )
    for row in rows:
        assert tuple(row) == RECORD_KINDS[row["record"]]
        assert all(isinstance(value, PLAIN) for value in row.values())
    # far in the future every change has happened: the status is the current one
    for row in rows:
        if row["record"] == "action_item":
            assert row["status"] == impl.status(row["item"]).value


def test_an_item_before_its_change_has_its_earlier_status() -> None:
    proc = cbm.samples.nct_g_1501()
    impl = cbm.Implementation.of(cbm.samples.nct_g_1501_draft().action_plan).approve_covered(
        by=proc, at=proc.deadline
    )
    before, after = (
        {r["item"]: r for r in records([impl], at=when)}
        for when in (proc.deadline - timedelta(seconds=1), proc.deadline)
    )
    assert before["i.lead"]["status"] == "proposed"
    assert before["i.lead"]["changed_at"] is None
    assert after["i.lead"]["status"] == "approved"
    assert after["i.lead"]["changed_at"] == proc.deadline


def test_records_refuse_what_they_do_not_know() -> None:
    with pytest.raises(cbm.InvalidValueError):
        records(["NCT/G/1501"], at=cbm.samples.nct_g_1501().deadline)  # type: ignore[list-item]


def test_the_seeds_rows_are_the_golden_ones() -> None:
    proc = cbm.samples.nct_g_1501()
    story = proc.comment("KAZ", proc.opened_at + timedelta(days=3), "We support the draft.")
    story = story.object("IND", proc.opened_at + timedelta(days=5), "We object to para 2.")
    rows = records([proc, story], at=proc.deadline)
    golden = (GOLDEN / "nct_g_1501.records.txt").read_text(encoding="utf-8")
    assert _render(rows) == golden


# --- the agenda ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    procedures_and_instants(),
    st.from_type(ReviewSchedule),
    st.from_type(Recurrence),
    st.integers(min_value=1, max_value=400),
)
def test_upcoming_is_in_time_order_and_within_the_window(
    pair: tuple[cbm.SilenceProcedure, datetime],
    schedule: ReviewSchedule,
    seminars: Recurrence,
    days: int,
) -> None:
    proc, at = pair
    within = timedelta(days=days)
    entries = upcoming([proc, schedule, seminars], at=at, within=within)
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    for entry in entries:
        assert isinstance(entry, Due)
        if entry.overdue:
            assert entry.kind is DueKind.REVIEW
            assert entry.at <= at
        else:
            assert at <= entry.at < at + within
        assert entry.local == entry.at
        assert entry.at.utcoffset() == timedelta(0)
    deadlines = [e for e in entries if e.kind is DueKind.DEADLINE]
    pending = proc.status(at) is cbm.Status.PENDING and proc.opening.at <= at
    if pending and at <= proc.context(at).deadline.instant < at + within:
        [entry] = deadlines
        assert set(entry.silent) == proc.outcome(at=at).silent
        assert entry.uid.endswith("-deadline@cica-cbm")
    else:
        assert deadlines == []
    assert len({e.uid for e in entries}) == len(entries)


def test_a_deadline_keeps_its_uid_when_extended() -> None:
    proc = cbm.samples.nct_g_1501()
    at = proc.deadline - timedelta(days=2)
    longer = proc.extend(date(2024, 1, 13), at - timedelta(days=1))
    [before] = upcoming([proc], at=at)
    [after] = upcoming([longer], at=at)
    assert before.uid == after.uid
    assert (before.sequence, after.sequence) == (0, 1)
    assert after.at == before.at + timedelta(days=2)


def test_reviews_overdue_are_listed_and_marked() -> None:
    schedule = ReviewSchedule(date(2024, 1, 12), (Review(ReviewBody.SOC, date(2024, 6, 1)),))
    at = datetime(2026, 1, 5, tzinfo=cbm.UTC)
    entries = upcoming([schedule], at=at, within=timedelta(days=10))
    assert [(e.title.split()[0], e.overdue) for e in entries] == [
        ("SWG", True),
        ("SWG", False),
        ("SOC", False),
    ]
    assert all(e.clause == REVIEW_CLAUSE for e in entries)


def test_upcoming_refuses_an_empty_window() -> None:
    with pytest.raises(cbm.InvalidValueError):
        upcoming([], at=datetime(2024, 1, 1, tzinfo=cbm.UTC), within=timedelta(0))


# --- the DataFrame and the calendar file ---------------------------------------------------


def test_the_frame_has_typed_columns() -> None:
    pd = pytest.importorskip("pandas")
    proc = cbm.samples.nct_g_1501()
    story = proc.object("IND", proc.opened_at + timedelta(days=5), "We object.")
    impl = cbm.Implementation.of(cbm.samples.nct_g_1501_draft().action_plan)
    frame = cbm.to_frame([proc, story, impl], at=proc.deadline)
    assert len(frame) == len(records([proc, story, impl], at=proc.deadline))
    assert str(frame["at"].dtype) == "datetime64[ns, UTC]"
    assert str(frame["decided_at"].dtype) == "datetime64[ns, UTC]"
    assert str(frame["at_local"].dtype) == "datetime64[ns]"
    for name in ("record", "type", "kind", "effect", "status", "by", "body", "section"):
        assert isinstance(frame[name].dtype, pd.CategoricalDtype), name
    assert str(frame["index"].dtype) == "Int64"
    assert frame["status"].value_counts()["approved"] == 1
    assert frame.loc[frame["record"] == "event", "effect"].notna().all()


@settings(max_examples=20, deadline=None)
@given(procedures_and_instants())
def test_the_frame_holds_the_records(pair: tuple[cbm.SilenceProcedure, datetime]) -> None:
    pytest.importorskip("pandas")
    proc, at = pair
    frame = cbm.to_frame([proc], at=at)
    rows = records([proc], at=at)
    assert list(frame["effect"]) == [row["effect"] for row in rows]
    assert list(frame["status"]) == [row["status"] for row in rows]
    assert [t.to_pydatetime() for t in frame["at"]] == [row["at"] for row in rows]


def _seed_agenda() -> list[Due]:
    proc = cbm.samples.nct_g_1501()
    # a plan in force since 12 January 2023 owes its first reviews by 11 January 2024
    schedule = ReviewSchedule(date(2023, 1, 12))
    seminars = cbm.twice_yearly_seminars(date(2024, 1, 15))
    return upcoming([proc, schedule, seminars], at=proc.deadline - timedelta(days=3))


def test_the_seeds_calendar_is_the_golden_one() -> None:
    pytest.importorskip("icalendar")
    text = cbm.to_ical(_seed_agenda())
    assert isinstance(text, bytes)
    golden = (GOLDEN / "nct_g_1501.ics").read_bytes()
    assert text == golden


def test_the_calendar_reads_back_with_stable_uids_in_utc() -> None:
    icalendar = pytest.importorskip("icalendar")
    entries = _seed_agenda()
    calendar = icalendar.Calendar.from_ical(cbm.to_ical(entries))
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [e.uid for e in entries]
    assert [e.decoded("DTSTART") for e in events] == [e.at for e in entries]
    assert all(e["DTSTART"].to_ical().endswith(b"Z") for e in events)


def test_importing_the_package_loads_neither_pandas_nor_icalendar() -> None:
    code = "import sys, cica_cbm; print('pandas' in sys.modules, 'icalendar' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
