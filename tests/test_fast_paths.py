"""The fast paths give the same answers as the straightforward code they replaced.

The fold, the wording of instants, the findings of an outcome and the JSON reader and writer
were rewritten for speed (see docs/performance.md). Each is checked here against a plain
version: the fold as it was first written, the converter from make_converter(), json.dumps.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.clock import to_astana
from cica_cbm.core.silence import (
    SILENCE_RULES,
    AmendmentProposed,
    CommentSubmitted,
    Deadline,
    DeadlineBroughtForward,
    DeadlineExtended,
    Event,
    LateSubmission,
    ObjectionRaised,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilenceContext,
    SilenceProcedure,
    Status,
    Submission,
)
from cica_cbm.core.silence._time import END_OF_TIME as _END_OF_TIME
from cica_cbm.core.silence._time import describe_instant as _describe_instant
from cica_cbm.core.silence.events import SUBMISSION_TYPES as _SUBMISSIONS
from cica_cbm.core.silence.fold import fold as _fold
from cica_cbm.core.silence.outcome import _resolve_clause
from cica_cbm.core.silence.outcome import findings_of as _findings
from cica_cbm.edges import serialization
from cica_cbm.edges.strategies import instants

ROOT = Path(__file__).resolve().parent.parent


@attrs.frozen(slots=True)
class _LoudComment(CommentSubmitted):
    """A subclass of an event type, which the fold handles on its general path."""


def _reference_fold(
    opening: ProcedureOpened, ordered: Iterable[Event], at: datetime
) -> SilenceContext:
    """The fold as it was first written: one loop, an isinstance chain.

    With two later rules: objections in time after the break are in time too, and a deadline
    brought forward (where the policy allows it) takes effect like an extension.
    """
    breaking = opening.policy.breaks_silence
    status = Status.PENDING
    decided_at: datetime | None = None
    deadline = opening.deadline
    decisive: Event | None = None
    extensions: list[tuple[DeadlineExtended | DeadlineBroughtForward, Deadline]] = []
    in_time: list[Submission] = []
    late: list[LateSubmission] = []
    without_effect: list[DeadlineExtended | DeadlineBroughtForward | ProcedureWithdrawn] = []
    for event in ordered:
        when = event.at
        if when > at:
            break
        if status is Status.PENDING and when >= deadline.instant:
            status, decided_at = Status.APPROVED, deadline.instant
        if isinstance(event, _SUBMISSIONS):
            if (
                status is Status.SILENCE_BROKEN
                and event.kind in breaking
                and when < deadline.instant
            ):
                in_time.append(event)
            elif status is not Status.PENDING:
                assert decided_at is not None
                late.append(LateSubmission(event, decided_at, status))
            elif event.kind in breaking:
                status, decided_at, decisive = Status.SILENCE_BROKEN, when, event
                in_time.append(event)
            else:
                in_time.append(event)
        elif isinstance(event, DeadlineExtended):
            if status is Status.PENDING and event.to.instant > deadline.instant:
                extensions.append((event, deadline))
                deadline = event.to
            else:
                without_effect.append(event)
        elif isinstance(event, DeadlineBroughtForward):
            if (
                status is Status.PENDING
                and opening.policy.may_bring_forward
                and when <= event.to.instant < deadline.instant
            ):
                extensions.append((event, deadline))
                deadline = event.to
            else:
                without_effect.append(event)
        elif isinstance(event, ProcedureWithdrawn):
            if status is Status.PENDING:
                status, decided_at, decisive = Status.WITHDRAWN, when, event
            else:
                without_effect.append(event)
    if status is Status.PENDING and at >= deadline.instant:
        status, decided_at = Status.APPROVED, deadline.instant
    return SilenceContext(
        at=at,
        opening=opening,
        status=status,
        decided_at=decided_at,
        deadline=deadline,
        decisive=decisive,
        extensions=tuple(extensions),
        in_time=tuple(in_time),
        late=tuple(late),
        without_effect=tuple(without_effect),
    )


_SEED = cbm.samples.nct_g_1501().opening
_PARTIES = sorted(_SEED.parties)
_moments = st.one_of(instants(), instants().map(lambda t: t.replace(microsecond=0)))
_texts = st.text(max_size=12)


def _submissions(cls: type[Submission]) -> st.SearchStrategy[Event]:
    return st.builds(cls, at=_moments, by=st.sampled_from(_PARTIES), text=_texts)


_events: st.SearchStrategy[Event] = st.one_of(
    _submissions(CommentSubmitted),
    _submissions(AmendmentProposed),
    _submissions(ObjectionRaised),
    st.builds(DeadlineExtended, at=_moments, to=instants().map(Deadline.exactly)),
    st.builds(ProcedureWithdrawn, at=_moments, reason=_texts),
)
# JSON has no tag for a subclass of an event type; the fold and the rules take it as its base
_any_events = st.one_of(_events, _submissions(_LoudComment))


@st.composite
def _procedures(
    draw: st.DrawFn, events: st.SearchStrategy[Event] = _events, min_size: int = 0
) -> SilenceProcedure:
    policy = draw(st.sampled_from(list(cbm.POLICIES.values())))
    deadline = _SEED.deadline
    if policy.deadline_form is cbm.DeadlineForm.INSTANT:  # the OSCE and UN set exact times
        deadline = cbm.Deadline.exactly(deadline.instant)
    opening = attrs.evolve(_SEED, policy=attrs.evolve(policy, body="CICA"), deadline=deadline)
    return SilenceProcedure([opening, *draw(st.lists(events, min_size=min_size, max_size=25))])


@settings(max_examples=150, deadline=None)
@given(_procedures(_any_events), st.one_of(instants(), st.just(_END_OF_TIME)))
def test_the_fold_decides_as_the_first_fold_did(proc: SilenceProcedure, at: datetime) -> None:
    ordered = sorted(proc.events, key=lambda e: e.at)
    assert _fold(proc.opening, ordered, at) == _reference_fold(proc.opening, ordered, at)


@given(st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.just(UTC)))
def test_instants_are_worded_as_strftime_words_them(instant: datetime) -> None:
    expected = (
        f"{to_astana(instant):%Y-%m-%d %H:%M} Astana time "
        f"({instant.astimezone(UTC):%Y-%m-%d %H:%M} UTC)"
    )
    assert _describe_instant(instant) == expected


def _extra(ctx: SilenceContext) -> Iterable[str]:
    yield f"{len(ctx.in_time)} in time"


@settings(max_examples=50, deadline=None)
@given(
    _procedures(_any_events), instants(), st.sampled_from(["Note {note} para 9", "My own clause"])
)
def test_findings_are_those_of_the_rules_with_their_clauses_filled_in(
    proc: SilenceProcedure, at: datetime, clause: str
) -> None:
    ctx = proc.context(at)
    for rules in (SILENCE_RULES, SILENCE_RULES + cbm.Rule("MINE", clause, _extra)):
        expected = tuple(_resolve_clause(f, ctx) for f in rules.evaluate(ctx))
        assert _findings(rules, ctx) == expected
        assert proc.outcome(at, rules=rules).findings == expected


def _plain_document(proc: SilenceProcedure, indent: int | None = None) -> str:
    data = cbm.make_converter().unstructure(proc, SilenceProcedure)
    document = {"format": "cica_cbm", "schema": 1, "type": "SilenceProcedure", "data": data}
    return json.dumps(document, ensure_ascii=False, indent=indent)


@settings(max_examples=25, deadline=None)
@given(_procedures())
def test_to_json_writes_what_json_dumps_writes(proc: SilenceProcedure) -> None:
    assert cbm.to_json(proc) == _plain_document(proc)
    assert cbm.to_json(proc, indent=2) == _plain_document(proc, indent=2)


def test_to_json_writes_odd_strings_and_whole_seconds_as_json_dumps_does() -> None:
    proc = cbm.samples.nct_g_1501()
    at = proc.opening.at + timedelta(days=1)
    # a lone surrogate is refused on the way out (no UTF-8 text holds one); an astral character
    # and the other odd strings are written as json.dumps writes them
    proc = proc.comment("IND", at, 'quote " backslash \\ newline \n \u2028 ünï \x00 \U0001f600')
    proc = proc.amend("CHN", at.replace(microsecond=0), "")
    assert cbm.to_json(proc) == _plain_document(proc)


def test_to_json_writes_early_years_and_other_offsets_as_json_dumps_does() -> None:
    opening = attrs.evolve(_SEED, at=datetime(5, 1, 1, tzinfo=UTC))
    events: list[Event] = [
        opening,
        CommentSubmitted(at=datetime(999, 12, 31, 23, 59, tzinfo=UTC), by="IND", text="old"),
        ObjectionRaised(at=datetime(1000, 1, 1, 0, 0, 0, 1, tzinfo=UTC), by="CHN", text="new"),
    ]
    proc = SilenceProcedure(events)
    assert cbm.to_json(proc) == _plain_document(proc)
    # an event whose instant is not in UTC can only be made around the constructor
    odd = CommentSubmitted(at=datetime(2024, 1, 1, tzinfo=UTC), by="IND", text="x")
    object.__setattr__(odd, "at", to_astana(odd.at))
    proc = SilenceProcedure([_SEED, odd])
    assert cbm.to_json(proc) == _plain_document(proc)


@settings(max_examples=25, deadline=None)
@given(_procedures())
def test_from_json_reads_what_the_plain_converter_reads(proc: SilenceProcedure) -> None:
    text = cbm.to_json(proc)
    plain = cbm.make_converter().structure(json.loads(text)["data"], SilenceProcedure)
    assert cbm.from_json(text, SilenceProcedure) == plain == proc


def _corrupt(event: dict[str, Any], how: str) -> Any:
    bad = dict(event)
    if how == "naive":
        bad["at"] = "2024-01-01T00:00:00"
    elif how == "number":
        bad["at"] = 3
    elif how == "missing":
        bad.pop("by", None)
    elif how == "extra":
        bad["extra"] = 1
    elif how == "empty":
        bad["by"] = ""
    elif how == "observer":
        bad["by"] = "USA"
    elif how == "type":
        bad["type"] = "Nope"
    elif how == "text":
        bad["text"] = 5
    elif how == "list":
        return [bad]
    return bad


_HOW = ["naive", "number", "missing", "extra", "empty", "observer", "type", "text", "list"]


@settings(max_examples=40, deadline=None)
@given(
    _procedures(st.one_of(_submissions(CommentSubmitted), _submissions(ObjectionRaised)), 1),
    st.integers(0, 30),
    st.sampled_from(_HOW),
)
def test_from_json_refuses_bad_events_with_the_plain_converters_error(
    proc: SilenceProcedure, index: int, how: str
) -> None:
    document = json.loads(cbm.to_json(proc))
    events = document["data"]["events"]
    index = 1 + index % (len(events) - 1)
    events[index] = _corrupt(events[index], how)
    text = json.dumps(document)
    with pytest.raises(cbm.DeserializationError) as fast:
        cbm.from_json(text, SilenceProcedure)
    with (
        mock.patch.object(serialization, "shared_converter", cbm.make_converter),
        pytest.raises(cbm.DeserializationError) as plain,
    ):
        cbm.from_json(text, SilenceProcedure)
    assert str(fast.value) == str(plain.value)


def _refusing(ctx: SilenceContext) -> Iterable[str]:
    raise ValueError("a rule that fails")


def test_bulk_steps_leave_the_garbage_collector_as_they_found_it() -> None:
    proc = cbm.samples.nct_g_1501()
    text = cbm.to_json(proc)
    assert gc.isenabled()
    cbm.from_json(text, SilenceProcedure)
    proc.outcome(proc.deadline)
    with pytest.raises(cbm.DeserializationError):
        cbm.from_json("[]", SilenceProcedure)
    failing = proc.outcome(proc.deadline, rules=SILENCE_RULES + cbm.Rule("BAD", "x", _refusing))
    with pytest.raises(ValueError, match="a rule that fails"):
        _ = failing.findings  # the rules run when the findings are first read
    assert gc.isenabled()
    with pytest.raises(ValueError, match="a rule that fails"):
        _ = failing.findings  # and the failure changed nothing: they run again
    assert proc.outcome(proc.deadline).findings
    gc.disable()
    try:
        cbm.to_json(proc)
        cbm.from_json(text, SilenceProcedure)
        assert proc.outcome(proc.deadline).findings
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_benchmark_script_runs_and_writes_its_table(tmp_path: Path) -> None:
    """Tiny sizes, one repeat: a check that the script works, not a measurement."""
    output = tmp_path / "performance.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = output.read_text(encoding="utf-8")
    for area in ("| outcome |", "| building |", "| json |", "| import |", "| memory |"):
        assert area in report
    assert "| command line |" in report
