"""An outcome's findings are worked out when first read, and are those of a plain fold."""

from __future__ import annotations

import pickle
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm import strategies as cst
from cica_cbm.core.silence._time import describe_instant
from cica_cbm.core.silence.outcome import findings_of

EXTRA: cbm.Rule[cbm.SilenceContext] = cbm.Rule(
    "X-COUNT", "my clause", lambda ctx: [f"{len(ctx.in_time)} in time"]
)


def _plain(
    proc: cbm.SilenceProcedure,
    at: datetime,
    rules: cbm.RuleSet[cbm.SilenceContext] = cbm.SILENCE_RULES,
) -> cbm.Outcome:
    ctx = proc.context(at)
    return cbm.Outcome.of(ctx, findings_of(rules, ctx))


def _fields(out: cbm.Outcome) -> tuple[object, ...]:
    return (
        out.at,
        out.status,
        out.decided_at,
        out.deadline,
        out.findings,
        out.objectors,
        out.late,
        out.silent,
        out.context,
    )


def _instants(proc: cbm.SilenceProcedure, moments: list[datetime]) -> list[datetime]:
    return [*moments, *(e.at for e in proc.events), proc.deadline, proc.terms.instant]


@given(cst.procedures(), st.lists(cst.instants(), min_size=1, max_size=4), st.booleans())
def test_an_outcome_on_demand_is_the_outcome_of_a_plain_fold(
    proc: cbm.SilenceProcedure, moments: list[datetime], extra: bool
) -> None:
    """Every field, the sentences in both languages, equality, hash and JSON agree."""
    rules = cbm.SILENCE_RULES + EXTRA if extra else cbm.SILENCE_RULES
    for at in _instants(proc, moments):
        plain = _plain(proc, at, rules)
        lazy = proc.outcome(at, rules=rules)
        assert (lazy.at, lazy.status, lazy.decided_at, lazy.deadline) == (
            plain.at,
            plain.status,
            plain.decided_at,
            plain.deadline,
        )
        assert _fields(lazy) == _fields(plain)
        assert lazy == plain
        assert hash(lazy) == hash(plain)
        assert repr(lazy) == repr(plain)
        assert lazy.explain() == plain.explain()
        assert lazy.explain("ru") == plain.explain("ru")
        assert cbm.to_json(proc.outcome(at, rules=rules)) == cbm.to_json(plain)


@settings(max_examples=50)
@given(cst.procedures(), st.data())
def test_an_outcome_on_demand_survives_pickling_and_comparing_before_it_is_read(
    proc: cbm.SilenceProcedure, data: st.DataObject
) -> None:
    """Pickling, hashing or comparing an unread outcome fills it, with the same values."""
    at = data.draw(st.sampled_from(_instants(proc, [])))
    plain = _plain(proc, at)
    assert pickle.loads(pickle.dumps(proc.outcome(at))) == plain
    assert hash(proc.outcome(at)) == hash(plain)
    assert proc.outcome(at) == proc.outcome(at)
    assert _fields(pickle.loads(pickle.dumps(proc.outcome(at)))) == _fields(plain)


@settings(max_examples=60)
@given(cst.procedures(), st.data())
def test_an_outcome_on_a_version_just_appended_to_is_the_plain_one(
    proc: cbm.SilenceProcedure, data: st.DataObject
) -> None:
    """Rebuilt event by event with the index carried along, each version answers as a fold."""
    built = cbm.SilenceProcedure([proc.opening])
    built.status(proc.opening.at)  # the index exists from the start and moves with appends
    for event in sorted(proc.events[1:], key=lambda e: e.at):
        try:
            built = built.record(event)
        except cbm.CbmError:
            continue  # a chair's act refused in this order: the rebuilt history differs
        at = data.draw(st.sampled_from(_instants(built, [])))
        assert _fields(built.outcome(at)) == _fields(_plain(built, at))


def test_an_outcome_waits_to_word_its_findings_until_they_are_read() -> None:
    """Asking for the outcome runs no rule; reading a finding runs each rule once."""
    calls: list[int] = []

    def counted(ctx: cbm.SilenceContext) -> list[str]:
        calls.append(1)
        return ["called"]

    rule: cbm.Rule[cbm.SilenceContext] = cbm.Rule("X-CALLS", "my clause", counted)
    proc = cbm.samples.nct_g_1501()
    out = proc.outcome(proc.deadline, rules=cbm.SILENCE_RULES + rule)
    assert out.status is cbm.Status.APPROVED
    assert out.decided_at == proc.terms.instant
    assert calls == []
    assert out.findings[-1].message == "called"
    assert out.silent == proc.parties
    assert out.context is not None
    assert out.context.status is out.status
    assert calls == [1]


def test_an_outcome_has_no_other_attributes() -> None:
    """An unknown attribute is still an AttributeError naming it, read or not."""
    proc = cbm.samples.nct_g_1501()
    out = proc.outcome(proc.deadline)
    with pytest.raises(AttributeError, match="verdict"):
        _ = out.verdict  # type: ignore[attr-defined]
    _ = out.findings
    with pytest.raises(AttributeError, match="verdict"):
        _ = out.verdict  # type: ignore[attr-defined]


def _reference_comments(ctx: cbm.SilenceContext) -> list[str]:
    """SILENCE-COMMENT's sentences as first written: one f-string an event."""
    policy = ctx.opening.policy
    out = []
    for event in ctx.in_time:
        if event.kind not in policy.breaks_silence:
            kind = event.kind.value
            what = {"comment": "a comment", "amendment": "an amendment"}.get(kind, "an objection")
            sent = {"comment": "submitted a comment", "amendment": "proposed an amendment"}
            out.append(
                f"{event.by} {sent.get(kind, 'raised an objection')} at "
                f"{describe_instant(event.at, ctx.deadline.zone)}, in time; "
                f"under {policy.name} {what} does not break the silence."
            )
    return out


def _reference_late(ctx: cbm.SilenceContext) -> list[str]:
    """SILENCE-LATE's sentences as first written."""
    zone = ctx.deadline.zone
    return [
        f"Late: {item.event.by}'s {item.event.kind.value} at "
        f"{describe_instant(item.event.at, zone)} came after the procedure was decided "
        f"({item.closed_as.value} at {describe_instant(item.closed_at, zone)}); "
        "it is kept on record and changes nothing."
        for item in ctx.late
    ]


@settings(max_examples=80)
@given(cst.procedures(), st.data())
def test_the_sentences_written_from_patterns_are_those_of_the_plain_f_strings(
    proc: cbm.SilenceProcedure, data: st.DataObject
) -> None:
    """Submissions in time and late ones, in every shipped body's zone, word for word."""
    at = data.draw(st.sampled_from(_instants(proc, [])))
    out = proc.outcome(at)
    assert out.context is not None
    mine = {rule: [f.message for f in out.findings if f.rule == rule] for rule in RULES}
    assert mine["SILENCE-COMMENT"] == _reference_comments(out.context)
    assert mine["SILENCE-LATE"] == _reference_late(out.context)


RULES = ("SILENCE-COMMENT", "SILENCE-LATE")


def test_reading_the_decision_first_keeps_the_same_values_once_the_findings_are_read() -> None:
    """decided_at and deadline read from the index stay the very objects after the fold."""
    proc = cbm.samples.nct_g_1501()
    out = proc.outcome(proc.deadline)
    decided_at, deadline = out.decided_at, out.deadline
    assert out.findings
    assert out.decided_at is decided_at
    assert out.deadline is deadline
