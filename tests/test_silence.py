"""The silence procedure, rule by rule as SPEC.md section 2 states it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.silence import CLAUSE_WITHDRAWAL
from cica_cbm.edges import strategies as cst

SEED_NOTE = cbm.samples.nct_g_1501_note()


SEED = cbm.samples.nct_g_1501()
OPENED = SEED.opened_at.astimezone(UTC)  # 2023-12-12 18:00 UTC: 13 December, 00:00 in Astana
DEADLINE = datetime(2024, 1, 11, 18, 0, tzinfo=UTC)
TICK = timedelta(microseconds=1)
SEED_PARTIES = sorted(SEED.parties)
CLAUSE = "Note NCT/G/1501 para 3"

seed_parties = st.sampled_from(SEED_PARTIES)
in_time = cst.instants(OPENED, DEADLINE - OPENED - TICK, zones=cst.time_zones())
too_late = cst.instants(DEADLINE, timedelta(days=90), zones=cst.time_zones())
before_opening = cst.instants(OPENED - timedelta(days=400), timedelta(days=400) - TICK)
anytime = cst.instants(OPENED, timedelta(days=120), zones=cst.time_zones())
texts = cst.texts(max_size=30)
submit = st.sampled_from(["comment", "amend", "object"])


def at_utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def opened_under(policy: cbm.SilencePolicy, deadline: Any) -> cbm.SilenceProcedure:
    """The seed's note and draft, opened at its instant under another policy."""
    return cbm.SilenceProcedure.open(
        SEED_NOTE, SEED.draft, deadline=deadline, policy=policy, body="CICA"
    )


def decisive(out: cbm.Outcome) -> cbm.Finding:
    found = [f for f in out.findings if f.decisive]
    assert len(found) == 1, out.findings
    return found[0]


# --- opening ---------------------------------------------------------------------------------


def test_the_seed_is_opened_by_its_note_for_the_28_members_on_its_date() -> None:
    assert len(SEED.parties) == 28
    assert SEED.parties == frozenset(s.code for s in cbm.member_states(on=date(2023, 12, 13)))
    assert SEED.opening.requested_by == "TUR"
    assert SEED.policy is cbm.CICA_PRACTICE
    assert SEED.terms == cbm.Deadline.no_later_than(date(2024, 1, 11))
    assert SEED.opened_at == datetime(2023, 12, 13, tzinfo=cbm.ASTANA)
    assert len(SEED) == 1


def test_an_observer_or_a_non_member_cannot_be_made_a_party() -> None:
    for code in ("USA", "SAU", "XXX"):
        with pytest.raises(cbm.NotAPartyError, match=code):
            cbm.SilenceProcedure.open(
                SEED_NOTE,
                SEED.draft,
                deadline=date(2024, 1, 11),
                parties={"TUR", code},
            )


def test_only_a_party_may_request_the_procedure() -> None:
    with pytest.raises(cbm.NotAPartyError, match="IND"):
        cbm.SilenceProcedure.open(
            SEED_NOTE,
            SEED.draft,
            deadline=date(2024, 1, 11),
            parties={"TUR"},
            requested_by="IND",
        )


@given(cst.instants(OPENED - timedelta(days=30), timedelta(days=30)))
def test_a_deadline_not_after_the_opening_is_refused(deadline: datetime) -> None:
    with pytest.raises(cbm.InvalidValueError, match="deadline"):
        opened_under(cbm.CICA_PRACTICE, deadline)


# --- nothing before the opening --------------------------------------------------------------


@given(when=before_opening, by=seed_parties, kind=submit)
def test_no_submission_is_accepted_before_the_opening(when: datetime, by: str, kind: str) -> None:
    with pytest.raises(cbm.EventOrderError, match="before the procedure was opened"):
        getattr(SEED, kind)(by=by, at=when, text="early")
    assert len(SEED) == 1


@given(when=before_opening)
def test_no_extension_or_withdrawal_is_accepted_before_the_opening(when: datetime) -> None:
    with pytest.raises(cbm.EventOrderError):
        SEED.extend(to=date(2024, 1, 25), at=when)
    with pytest.raises(cbm.EventOrderError):
        SEED.withdraw(at=when, reason="early")


# --- who may act -----------------------------------------------------------------------------


outsiders = st.sampled_from([o.id for o in cbm.observers()]) | st.text(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3
).filter(lambda code: code not in SEED.parties)


@given(by=outsiders, when=anytime, kind=submit)
def test_an_observer_or_non_member_is_refused_and_nothing_is_recorded(
    by: str, when: datetime, kind: str
) -> None:
    with pytest.raises(cbm.NotAPartyError) as info:
        getattr(SEED, kind)(by=by, at=when, text="x")
    assert info.value.code == by
    assert by in str(info.value)
    assert len(SEED) == 1
    assert SEED.events == (SEED.opening,)


@given(by=st.sampled_from([o.id for o in cbm.observers()]), when=anytime)
def test_the_refusal_of_an_observer_says_it_is_an_observer(by: str, when: datetime) -> None:
    with pytest.raises(cbm.NotAPartyError, match="observer"):
        SEED.object(by=by, at=when, text="x")


def test_a_member_admitted_after_the_opening_is_no_party() -> None:
    """Opened on a day before Kuwait joined (13 October 2022), Kuwait may not object."""
    note = cbm.Note(
        number="NCT/G/900",
        date=date(2022, 10, 12),
        place=SEED_NOTE.place,
        sender=SEED_NOTE.sender,
        addressees=SEED_NOTE.addressees,
    )
    proc = cbm.SilenceProcedure.open(note, SEED.draft, deadline=date(2022, 11, 1))
    assert "KWT" not in proc.parties
    assert len(proc.parties) == 27
    with pytest.raises(cbm.NotAPartyError, match="KWT"):
        proc.object(by="KWT", at=at_utc(2022, 10, 20), text="x")


@given(pair=st.lists(seed_parties, min_size=2, max_size=2, unique=True), when=anytime, kind=submit)
def test_a_state_cannot_act_for_another(pair: list[str], when: datetime, kind: str) -> None:
    by, sender = pair
    with pytest.raises(cbm.NotAuthorizedError) as info:
        getattr(SEED, kind)(by=by, at=when, text="x", sent_by=sender)
    assert (info.value.actor, info.value.subject) == (sender, by)
    assert sender in str(info.value)
    assert by in str(info.value)
    assert len(SEED) == 1


@given(by=seed_parties, when=anytime, kind=submit)
def test_a_state_acting_for_itself_is_recorded(by: str, when: datetime, kind: str) -> None:
    after = getattr(SEED, kind)(by=by, at=when, text="x", sent_by=by)
    assert len(after) == 2
    assert after.events[-1].by == by
    assert len(SEED) == 1


# --- objections, comments, amendments --------------------------------------------------------


@given(by=seed_parties, when=in_time, text=texts)
def test_an_objection_in_time_breaks_the_silence_at_that_instant(
    by: str, when: datetime, text: str
) -> None:
    proc = SEED.object(by=by, at=when, text=text)
    assert proc.outcome(at=when - TICK).status is cbm.Status.PENDING
    for at in (when, DEADLINE, DEADLINE + timedelta(days=365)):
        out = proc.outcome(at=at)
        assert out.status is cbm.Status.SILENCE_BROKEN
        assert out.decided_at == when
        reason = decisive(out)
        assert reason.rule == "SILENCE-BROKEN"
        assert reason.clause == CLAUSE
        assert by in reason.message


@given(by=seed_parties, when=too_late, text=texts)
def test_an_objection_at_or_after_the_deadline_is_late_and_changes_nothing(
    by: str, when: datetime, text: str
) -> None:
    proc = SEED.object(by=by, at=when, text=text)
    out = proc.outcome(at=when)
    assert out.status is cbm.Status.APPROVED
    assert out.decided_at == DEADLINE
    late = proc.context(at=when).late
    assert [item.event for item in late] == [proc.events[-1]]
    assert late[0].closed_as is cbm.Status.APPROVED
    assert late[0].closed_at == DEADLINE
    assert [f for f in out.findings if f.rule == "SILENCE-LATE" and by in f.message]


def test_an_objection_one_microsecond_before_the_deadline_is_in_time() -> None:
    proc = SEED.object(by="IND", at=DEADLINE - TICK, text="just in time")
    assert proc.outcome(at=DEADLINE).status is cbm.Status.SILENCE_BROKEN


def test_an_objection_exactly_at_the_deadline_is_late() -> None:
    proc = SEED.object(by="IND", at=DEADLINE, text="too late")
    assert proc.outcome(at=DEADLINE).status is cbm.Status.APPROVED


@given(st.lists(st.tuples(seed_parties, in_time, st.sampled_from(["comment", "amend"]))))
def test_comments_and_amendments_do_not_break_silence_under_cica_practice(
    submissions: list[tuple[str, datetime, str]],
) -> None:
    proc = SEED
    for by, when, kind in submissions:
        proc = getattr(proc, kind)(by=by, at=when, text="suggestion")
    assert proc.outcome(at=DEADLINE - TICK).status is cbm.Status.PENDING
    out = proc.outcome(at=DEADLINE)
    assert out.status is cbm.Status.APPROVED
    assert out.decided_at == DEADLINE
    reported = [f for f in out.findings if f.rule == "SILENCE-COMMENT"]
    assert len(reported) == len(submissions)


@given(by=seed_parties, when=in_time)
def test_a_comment_breaks_silence_when_the_procedure_was_opened_so(by: str, when: datetime) -> None:
    proc = opened_under(cbm.CICA_STRICT, date(2024, 1, 11)).comment(by=by, at=when, text="x")
    out = proc.outcome(at=DEADLINE)
    assert out.status is cbm.Status.SILENCE_BROKEN
    assert out.decided_at == when
    # the seed's note says comments do not break silence: the strict policy cites itself
    assert decisive(out).clause == cbm.CICA_STRICT.clause


@given(by=seed_parties, when=in_time)
def test_under_the_osce_an_amendment_breaks_silence(by: str, when: datetime) -> None:
    proc = opened_under(cbm.OSCE, DEADLINE)
    assert proc.comment(by=by, at=when, text="x").outcome(at=DEADLINE).status is (
        cbm.Status.APPROVED
    )
    out = proc.amend(by=by, at=when, text="x").outcome(at=DEADLINE)
    assert out.status is cbm.Status.SILENCE_BROKEN
    assert out.decided_at == when
    assert decisive(out).clause == cbm.OSCE.clause


def test_the_osce_and_the_un_take_only_exact_deadlines() -> None:
    for policy in (cbm.OSCE, cbm.UN_GENERAL_ASSEMBLY):
        with pytest.raises(cbm.PolicyViolationError, match="exact"):
            opened_under(policy, date(2024, 1, 11))


@given(short=st.integers(1, 72 * 3600 * 10**6 - 1))
def test_the_un_general_assembly_allows_no_silence_shorter_than_72_hours(short: int) -> None:
    with pytest.raises(cbm.PolicyViolationError, match="UN General Assembly"):
        opened_under(cbm.UN_GENERAL_ASSEMBLY, OPENED + timedelta(hours=72, microseconds=-short))
    exactly = opened_under(cbm.UN_GENERAL_ASSEMBLY, OPENED + timedelta(hours=72))
    assert exactly.terms.instant == OPENED + timedelta(hours=72)


# --- approval at the deadline ----------------------------------------------------------------


def test_with_no_objection_the_draft_is_approved_at_the_deadline_instant() -> None:
    assert SEED.outcome(at=DEADLINE - TICK).status is cbm.Status.PENDING
    assert SEED.outcome(at=DEADLINE - TICK).decided_at is None
    out = SEED.outcome(at=DEADLINE)
    assert out.status is cbm.Status.APPROVED
    assert out.decided_at == DEADLINE
    reason = decisive(out)
    assert reason.clause == CLAUSE
    assert "Note NCT/G/1501: no objection by 11 January 2024" in reason.message


def test_a_pending_outcome_has_no_decisive_finding_but_says_when_silence_ends() -> None:
    out = SEED.outcome(at=at_utc(2024, 1, 1))
    assert out.reason is None
    assert not out.decided
    assert [f.rule for f in out.findings] == ["SILENCE-OPENED", "SILENCE-PENDING"]
    assert "2024-01-12 00:00 Astana time" in out.findings[-1].message


# --- extension -------------------------------------------------------------------------------


@given(when=in_time, days_later=st.integers(1, 60), note=st.none() | cst.note_numbers())
def test_a_pending_procedure_may_be_extended_to_a_later_date(
    when: datetime, days_later: int, note: cbm.NoteNumber | None
) -> None:
    to = date(2024, 1, 11) + timedelta(days=days_later)
    proc = SEED.extend(to=to, at=when, note=note)
    assert proc.terms == cbm.Deadline.no_later_than(to)
    assert proc.deadline == cbm.end_of_day(to)
    assert SEED.deadline == DEADLINE
    # an objection after the old deadline and before the new one is now in time
    objected = proc.object(by="IND", at=DEADLINE + TICK, text="x")
    assert objected.outcome(at=proc.deadline).status is cbm.Status.SILENCE_BROKEN
    extended = [f for f in proc.outcome(at=when).findings if f.rule == "SILENCE-EXTENDED"]
    assert len(extended) == 1
    assert (f"Note {note}" in extended[0].message) == (note is not None)


@given(when=in_time, days_earlier=st.integers(0, 20))
def test_a_deadline_cannot_be_extended_to_the_same_or_an_earlier_one(
    when: datetime, days_earlier: int
) -> None:
    with pytest.raises(cbm.InvalidValueError, match="later than"):
        SEED.extend(to=date(2024, 1, 11) - timedelta(days=days_earlier), at=when)


@given(when=too_late)
def test_an_approved_procedure_cannot_be_extended(when: datetime) -> None:
    with pytest.raises(cbm.ProcedureClosedError, match="approved"):
        SEED.extend(to=date(2024, 12, 31), at=when)


@given(broken=in_time, data=st.data())
def test_a_broken_silence_cannot_be_extended_or_withdrawn(
    broken: datetime, data: st.DataObject
) -> None:
    proc = SEED.object(by="IND", at=broken, text="x")
    later = data.draw(cst.instants(broken, DEADLINE - broken))
    with pytest.raises(cbm.ProcedureClosedError, match="silence_broken"):
        proc.extend(to=date(2024, 2, 1), at=later)
    with pytest.raises(cbm.ProcedureClosedError):
        proc.withdraw(at=later, reason="x")


def test_an_exact_instant_may_extend_a_dated_deadline_under_cica_practice() -> None:
    to = DEADLINE + timedelta(hours=5)
    proc = SEED.extend(to=to, at=at_utc(2024, 1, 5))
    assert proc.terms == cbm.Deadline.exactly(to)
    assert proc.terms.stated is None


# --- withdrawal ------------------------------------------------------------------------------


@given(when=in_time, reason=texts)
def test_a_pending_procedure_may_be_withdrawn(when: datetime, reason: str) -> None:
    proc = SEED.withdraw(at=when, reason=reason)
    assert proc.outcome(at=when - TICK).status is cbm.Status.PENDING
    out = proc.outcome(at=DEADLINE + timedelta(days=1))
    assert out.status is cbm.Status.WITHDRAWN
    assert out.decided_at == when
    assert decisive(out).rule == "SILENCE-WITHDRAWN"
    assert reason in decisive(out).message


@given(when=too_late)
def test_an_approved_procedure_cannot_be_withdrawn(when: datetime) -> None:
    with pytest.raises(cbm.ProcedureClosedError, match="approved"):
        SEED.withdraw(at=when, reason="too late")


# --- the fold --------------------------------------------------------------------------------


def _keep_ties(shuffled: list[Any], original: tuple[Any, ...]) -> list[Any]:
    """``shuffled``, with events at one instant put back in their original recording order."""
    by_instant: dict[datetime, list[Any]] = {}
    for event in original:
        by_instant.setdefault(event.at, []).append(event)
    return [by_instant[event.at].pop(0) for event in shuffled]


def _probes(proc: cbm.SilenceProcedure) -> list[datetime]:
    moments = {e.at for e in proc.events} | {proc.terms.instant}
    return sorted(moments | {m - TICK for m in moments} | {m + TICK for m in moments})


@given(cst.procedures(), st.data())
def test_recording_out_of_time_order_gives_the_same_result(
    proc: cbm.SilenceProcedure, data: st.DataObject
) -> None:
    rest = proc.events[1:]
    in_order = cbm.SilenceProcedure([proc.opening, *sorted(rest, key=lambda e: e.at)])
    shuffled = _keep_ties(data.draw(st.permutations(rest)), rest)
    mixed = cbm.SilenceProcedure([proc.opening, *shuffled])
    for at in _probes(proc):
        assert mixed.outcome(at=at) == in_order.outcome(at=at) == proc.outcome(at=at)


@given(cst.procedures(), st.data())
def test_an_outcome_uses_only_the_events_at_or_before_its_instant(
    proc: cbm.SilenceProcedure, data: st.DataObject
) -> None:
    at = data.draw(st.sampled_from(_probes(proc)))
    known = cbm.SilenceProcedure([e for e in proc.events if e is proc.opening or e.at <= at])
    assert proc.outcome(at=at) == known.outcome(at=at)


@given(cst.procedures())
def test_the_outcome_is_monotone(proc: cbm.SilenceProcedure) -> None:
    decided: cbm.Outcome | None = None
    for at in [*_probes(proc), proc.terms.instant + timedelta(days=3650)]:
        out = proc.outcome(at=at)
        if decided is not None:
            assert (out.status, out.decided_at) == (decided.status, decided.decided_at)
        elif out.decided:
            decided = out
            assert out.decided_at is not None
            assert out.decided_at <= at
    assert decided is not None  # every procedure is decided by its final deadline


@given(cst.procedures())
def test_nothing_received_is_ever_dropped(proc: cbm.SilenceProcedure) -> None:
    """Every submission is reported: in time, or late; extensions and withdrawals too."""
    ctx = proc.context(at=max(e.at for e in proc.events) + timedelta(days=3650))
    kinds = (cbm.CommentSubmitted, cbm.AmendmentProposed, cbm.ObjectionRaised)
    submissions = [e for e in proc.events if isinstance(e, kinds)]
    reported = list(ctx.in_time) + [item.event for item in ctx.late]
    assert sorted(map(id, reported)) == sorted(map(id, submissions))
    acts = [e for e in proc.events[1:] if not isinstance(e, kinds)]
    acted = [e for e, _ in ctx.extensions] + list(ctx.without_effect)
    if isinstance(ctx.decisive, cbm.ProcedureWithdrawn):
        acted.append(ctx.decisive)
    assert sorted(map(id, acted)) == sorted(map(id, acts))
    assert ctx.decided_at is not None
    for item in ctx.late:
        assert item.event.at >= ctx.decided_at
        assert item.closed_at == ctx.decided_at
        assert item.closed_as is ctx.status
    out = proc.outcome(at=ctx.at)
    assert len([f for f in out.findings if f.rule == "SILENCE-LATE"]) == len(ctx.late)


@given(cst.procedures())
def test_a_decided_outcome_has_one_decisive_finding_citing_its_clause(
    proc: cbm.SilenceProcedure,
) -> None:
    for at in _probes(proc):
        out = proc.outcome(at=at)
        if not out.decided:
            assert out.reason is None
            continue
        reason = decisive(out)
        assert reason is out.reason
        expected = {
            cbm.Status.APPROVED: "SILENCE-APPROVED",
            cbm.Status.SILENCE_BROKEN: "SILENCE-BROKEN",
            cbm.Status.WITHDRAWN: "SILENCE-WITHDRAWN",
        }[out.status]
        assert reason.rule == expected
        if out.status is cbm.Status.WITHDRAWN:
            # the note says nothing of withdrawal: the library's model is cited as such
            assert reason.clause == CLAUSE_WITHDRAWAL
        elif proc.policy.clause.startswith("Note {note}"):
            assert reason.clause == f"{proc.opening.source} para 3"
        else:
            assert reason.clause == proc.policy.clause
        for finding in out.findings:
            assert finding.clause
            assert "{" not in finding.clause


@given(cst.procedures(), st.data())
def test_commands_return_a_new_procedure_and_leave_the_old_one_as_it_was(
    proc: cbm.SilenceProcedure, data: st.DataObject
) -> None:
    before = proc.events
    by = data.draw(st.sampled_from(sorted(proc.parties)))
    when = data.draw(cst.instants(proc.opened_at, timedelta(days=90)))
    after = proc.comment(by=by, at=when, text="x")
    assert proc.events == before
    assert len(after) == len(proc) + 1
    assert after.events[: len(before)] == before
    assert after != proc


def test_the_procedure_is_the_fold_of_its_events() -> None:
    proc = SEED.comment(by="CHN", at=at_utc(2024, 1, 3), text="c").object(
        by="IND", at=at_utc(2024, 1, 2), text="o"
    )
    again = cbm.SilenceProcedure(proc.events)
    assert again == proc
    assert hash(again) == hash(proc)
    assert again.outcome(at=DEADLINE) == proc.outcome(at=DEADLINE)


@pytest.mark.parametrize("events", [[], "events", [SEED.opening, SEED.opening], [5]])
def test_a_stream_that_does_not_open_with_the_opening_is_refused(events: Any) -> None:
    with pytest.raises(cbm.InvalidValueError):
        cbm.SilenceProcedure(events)


def test_simultaneous_objections_are_ordered_by_recording_sequence() -> None:
    """The first recorded decides; the other, in time too, is an objection on the record."""
    when = at_utc(2024, 1, 5)
    proc = SEED.object(by="IND", at=when, text="first").object(by="CHN", at=when, text="second")
    ctx = proc.context(at=DEADLINE)
    assert ctx.decisive is proc.events[1]
    assert ctx.late == ()
    assert proc.outcome(at=DEADLINE).objectors == {"IND", "CHN"}


@pytest.mark.parametrize("clause", ["Rules {art. 5}", "{}", "Art. {1}", "Art {note", "", "  "])
def test_a_policy_clause_with_stray_braces_is_refused_when_the_policy_is_made(clause: str) -> None:
    """Otherwise the policy would fail only later, when an outcome cites it."""
    with pytest.raises(cbm.InvalidValueError, match=r"SilencePolicy\.clause"):
        attrs.evolve(cbm.CICA_PRACTICE, name="mine", clause=clause)


@given(cst.procedures(policies=cst.silence_policies(shipped_only=False)))
def test_made_up_policies_run_on_the_same_engine(proc: cbm.SilenceProcedure) -> None:
    for at in _probes(proc):
        out = proc.outcome(at=at)
        if out.decided:
            assert decisive(out).clause
        for finding in out.findings:
            assert "{note}" not in finding.clause
