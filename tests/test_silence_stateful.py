"""The silence procedure driven by random commands, checked against a trivially correct model.

The model is a plain list of ``(instant, sequence, kind, detail)`` and a brute-force status
function that replays it from scratch; the machine checks every command's acceptance or
refusal, every outcome, and that pickling and JSON give back the same procedure at each step.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import cica_cbm as cbm
from cica_cbm.edges import strategies as cst

TICK = timedelta(microseconds=1)
SUBMISSIONS = {"comment": "comment", "amend": "amendment", "object": "objection"}
OUTSIDERS = ["USA", "SAU", "OSCE", "XXX"]


class Model:
    """What a silence procedure should say, computed the slow, obvious way."""

    def __init__(self, proc: cbm.SilenceProcedure) -> None:
        self.opened_at = proc.opening.at
        self.first_deadline = proc.terms.instant
        self.parties = proc.parties
        self.policy = proc.policy
        self.breaking = {kind.value for kind in proc.policy.breaks_silence}
        self.log: list[tuple[datetime, int, str, Any]] = []

    def record(self, at: datetime, kind: str, detail: Any) -> None:
        self.log.append((at, len(self.log), kind, detail))

    def _replay(
        self, events: list[tuple[datetime, int, str, Any]]
    ) -> tuple[cbm.Status, datetime | None, datetime]:
        """Replay ``events`` in (instant, sequence) order: status, decided at, deadline."""
        state, decided, deadline = cbm.Status.PENDING, None, self.first_deadline
        for when, _, kind, detail in sorted(events):
            if state is cbm.Status.PENDING and when >= deadline:
                state, decided = cbm.Status.APPROVED, deadline
            if state is not cbm.Status.PENDING:
                continue  # late, or without effect: kept and ignored
            if kind in self.breaking:
                state, decided = cbm.Status.SILENCE_BROKEN, when
            elif kind == "extension" and detail > deadline:
                deadline = detail
            elif kind == "withdrawal":
                state, decided = cbm.Status.WITHDRAWN, when
        return state, decided, deadline

    def status(self, at: datetime) -> tuple[cbm.Status, datetime | None, datetime]:
        """Where the procedure stands at ``at``, from the events at or before it."""
        state, decided, deadline = self._replay([e for e in self.log if e[0] <= at])
        if state is cbm.Status.PENDING and at >= deadline:
            state, decided = cbm.Status.APPROVED, deadline
        return state, decided, deadline

    def late(self) -> list[datetime]:
        """The instants of the submissions received once the procedure was decided.

        Once the silence is broken, a further objection before the deadline is in time.
        """
        late = []
        for when, seq, kind, _ in sorted(self.log):
            if kind in SUBMISSIONS.values():
                state, _, deadline = self._replay([e for e in self.log if e[:2] < (when, seq)])
                broken = state is cbm.Status.SILENCE_BROKEN
                if broken and kind in self.breaking and when < deadline:
                    continue  # a further objection in time: on the record, not late
                if state is not cbm.Status.PENDING or when >= deadline:
                    late.append(when)
        return late


class SilenceMachine(RuleBasedStateMachine):
    """Random commands on a procedure; the model says what must happen."""

    proc: cbm.SilenceProcedure
    model: Model

    @initialize(proc=cst.procedures(max_events=0))
    def open(self, proc: cbm.SilenceProcedure) -> None:
        self.proc = proc
        self.model = Model(proc)

    def _instant(self, data: st.DataObject) -> datetime:
        """Before the opening, in time, at the deadline in force, late, far later."""
        extended = [detail for _, _, kind, detail in self.model.log if kind == "extension"]
        anchors = [self.model.opened_at, self.model.first_deadline, *extended]
        anchor: datetime = data.draw(st.sampled_from(anchors))
        offset: timedelta = data.draw(
            st.sampled_from([-TICK, timedelta(0), TICK])
            | st.integers(-3 * 86_400, 60 * 86_400).map(lambda s: timedelta(seconds=s))
        )
        zone = data.draw(cst.time_zones())
        moment: datetime = (anchor + offset).astimezone(zone)
        return moment

    def _attempt(self, command: Any, expected: type[Exception] | None) -> bool:
        before = self.proc
        if expected is not None:
            with pytest.raises(expected):
                command()
            assert self.proc is before
            assert self.proc.events == before.events
            return False
        self.proc = command()
        assert before.events == self.proc.events[:-1]
        return True

    @rule(kind=st.sampled_from(sorted(SUBMISSIONS)), data=st.data())
    def submit(self, kind: str, data: st.DataObject) -> None:
        by = data.draw(st.sampled_from(sorted(self.model.parties) + OUTSIDERS))
        sender = data.draw(st.none() | st.just(by) | st.sampled_from(sorted(self.model.parties)))
        at = self._instant(data)
        expected: type[Exception] | None = None
        if sender is not None and sender != by:
            expected = cbm.NotAuthorizedError
        elif at < self.model.opened_at:
            expected = cbm.EventOrderError
        elif by not in self.model.parties:
            expected = cbm.NotAPartyError
        command = getattr(self.proc, kind)
        if self._attempt(lambda: command(by=by, at=at, text="words", sent_by=sender), expected):
            self.model.record(at, SUBMISSIONS[kind], by)

    @rule(data=st.data())
    def extend(self, data: st.DataObject) -> None:
        at = self._instant(data)
        state, _, deadline = self.model.status(at)
        if data.draw(st.booleans()):
            to: date | datetime = data.draw(
                st.dates(deadline.date() - timedelta(days=2), deadline.date() + timedelta(days=40))
            )
            target = cbm.end_of_day(to)
            form_ok = self.model.policy.deadline_form is not cbm.DeadlineForm.INSTANT
        else:
            to = deadline + data.draw(
                st.sampled_from([-TICK, timedelta(0), TICK])
                | st.integers(-86_400, 40 * 86_400).map(lambda s: timedelta(seconds=s))
            )
            target = to
            form_ok = self.model.policy.deadline_form is not cbm.DeadlineForm.DATE
        expected: type[Exception] | None = None
        if at < self.model.opened_at:
            expected = cbm.EventOrderError
        elif state is not cbm.Status.PENDING:
            expected = cbm.ProcedureClosedError
        elif target <= deadline:
            expected = cbm.InvalidValueError
        elif not form_ok:
            expected = cbm.PolicyViolationError
        if self._attempt(lambda: self.proc.extend(to=to, at=at), expected):
            self.model.record(at, "extension", target)

    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        at = self._instant(data)
        expected: type[Exception] | None = None
        if at < self.model.opened_at:
            expected = cbm.EventOrderError
        elif self.model.status(at)[0] is not cbm.Status.PENDING:
            expected = cbm.ProcedureClosedError
        if self._attempt(lambda: self.proc.withdraw(at=at, reason="a revised draft"), expected):
            self.model.record(at, "withdrawal", None)

    def _probes(self) -> list[datetime]:
        moments = {self.model.opened_at, self.model.first_deadline}
        moments |= {when for when, *_ in self.model.log}
        moments |= {detail for _, _, kind, detail in self.model.log if kind == "extension"}
        return sorted(moments | {m - TICK for m in moments} | {m + TICK for m in moments})

    @precondition(lambda self: hasattr(self, "proc"))
    @invariant()
    def outcomes_agree_with_the_model(self) -> None:
        assert len(self.proc) == len(self.model.log) + 1
        for at in self._probes():
            out = self.proc.outcome(at=at)
            assert (out.status, out.decided_at, out.deadline.instant) == self.model.status(at)
            assert (out.reason is None) == (out.status is cbm.Status.PENDING)

    @precondition(lambda self: hasattr(self, "proc"))
    @invariant()
    def late_submissions_are_kept_and_reported(self) -> None:
        far = max([self.model.first_deadline, *(e[0] for e in self.model.log)]) + timedelta(
            days=3650
        )
        ctx = self.proc.context(at=far)
        expected = self.model.late()
        assert len(ctx.late) == len(expected)
        assert [item.event.at for item in ctx.late] == expected

    @precondition(lambda self: hasattr(self, "proc"))
    @invariant()
    def pickling_and_json_give_back_the_same_procedure(self) -> None:
        pickled = pickle.loads(pickle.dumps(self.proc))
        read = cbm.from_json(cbm.to_json(self.proc), cbm.SilenceProcedure)
        assert pickled == self.proc == read
        at = self.model.first_deadline
        assert pickled.outcome(at=at) == read.outcome(at=at) == self.proc.outcome(at=at)


SilenceMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=20)
test_the_silence_procedure_behaves_as_its_model = SilenceMachine.TestCase
