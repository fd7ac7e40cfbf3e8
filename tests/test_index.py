"""The index answers status, decision instant and deadline exactly as a plain fold does."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm import strategies as cst
from cica_cbm.core.silence.events import SUBMISSION_TYPES


def _plain(proc: cbm.SilenceProcedure, at: datetime) -> tuple[object, ...]:
    ctx = proc.context(at)
    return (ctx.status, ctx.decided_at, ctx.deadline)


def _indexed(proc: cbm.SilenceProcedure, at: datetime) -> tuple[object, ...]:
    return (proc.status(at), proc.decided_at(at), proc.deadline_at(at))


@given(cst.procedures(), st.lists(cst.instants(), min_size=1, max_size=6))
def test_the_index_agrees_with_the_fold_at_every_instant(
    proc: cbm.SilenceProcedure, moments: list[datetime]
) -> None:
    """At drawn instants and at every event's instant and deadline, both give the same."""
    for at in [*moments, *(e.at for e in proc.events), proc.deadline, proc.terms.instant]:
        assert _indexed(proc, at) == _plain(proc, at)


@settings(max_examples=60)
@given(cst.procedures(), st.data())
def test_an_index_moved_by_appends_agrees_with_a_fresh_one(
    proc: cbm.SilenceProcedure, data: st.DataObject
) -> None:
    """Rebuilding a procedure event by event (the index carried along) answers as a new one."""
    events = sorted(proc.events[1:], key=lambda e: e.at)
    built = cbm.SilenceProcedure([proc.opening])
    built.status(proc.opening.at)  # the index exists from the start, then moves with appends
    for event in events:
        try:
            built = built.record(event)
        except cbm.CbmError:
            continue  # a chair's act refused in this order: the rebuilt history differs
    fresh = cbm.SilenceProcedure(built.events)
    for at in [*(e.at for e in built.events), built.deadline, data.draw(cst.instants())]:
        assert _indexed(built, at) == _plain(fresh, at)


def test_the_seed_is_pending_until_its_deadline_and_approved_from_it() -> None:
    """The seed's procedure: pending a microsecond before midnight in Astana, approved at it."""
    proc = cbm.samples.nct_g_1501()
    just_before = proc.deadline.replace(microsecond=0) - (proc.deadline - proc.deadline)
    assert proc.status(proc.deadline) is cbm.Status.APPROVED
    assert proc.decided_at(proc.deadline) == proc.deadline
    assert proc.decided_at(just_before.replace(hour=23)) is None or just_before >= proc.deadline


def test_a_late_submission_appended_keeps_the_decision() -> None:
    """After the decision an appended objection is late: the index does not move."""
    proc = cbm.samples.nct_g_1501()
    late = proc.object(by="IND", at=proc.deadline, text="late")
    assert isinstance(late.events[-1], SUBMISSION_TYPES)
    assert late.status(proc.deadline) is cbm.Status.APPROVED
    assert late.decided_at(proc.deadline) == proc.deadline
