"""The real cases of docs/cases/ run through the library, asserting what happened.

Each case in ``docs/cases/cases.json`` is one of three things here, and
:func:`test_every_case_is_run_refused_or_listed` checks that together they are all of them:

- run: its facts suffice (the body, the deadline, the outcome, and the objectors where the
  silence was broken) and the library builds it; the test asserts the recorded outcome;
- refused: its facts suffice but the library will not build it as recorded (:data:`REFUSED`,
  each with the error and why); the test is the same as for a run case, marked as an expected
  failure with that error only, so it starts failing the day the library accepts the case;
- not runnable: the facts do not suffice (:data:`NOT_RUNNABLE`, each with what is missing).

What the data knows only to the day is placed at one instant of that day, and the tests
assert only what every instant of that day would give (see :func:`start_of`).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import cica_cbm as cbm

CASES_JSON = Path(__file__).resolve().parents[1] / "docs" / "cases" / "cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_JSON.read_text(encoding="utf-8"))
BY_SLUG: dict[str, dict[str, Any]] = {case["slug"]: case for case in CASES}

STATUS = {
    "adopted": cbm.Status.APPROVED,
    "silence_broken": cbm.Status.SILENCE_BROKEN,
    "withdrawn": cbm.Status.WITHDRAWN,
}

# What each paper under silence is; the data gives only its title and symbol.
KIND = {
    "unga-74-270-global-solidarity": cbm.PaperKind.DRAFT_RESOLUTION,
    "unga-74-274-access-to-medicines": cbm.PaperKind.DRAFT_RESOLUTION,
    "unga-2020-russian-solidarity-declaration": cbm.PaperKind.DRAFT_DECLARATION,
    "unga-2020-un75-declaration": cbm.PaperKind.DRAFT_DECLARATION,
    "unga-2020-un75-declaration-revised": cbm.PaperKind.DRAFT_DECLARATION,
    "nato-2003-turkey-planning-silence": cbm.PaperKind.DRAFT_DECISION,
    "osce-2013-hcnm-appointment": cbm.PaperKind.DRAFT_DECISION,
    "osce-2014-smm-mandate-extension": cbm.PaperKind.DRAFT_DECISION,
    "osce-2017-senior-appointments": cbm.PaperKind.DRAFT_DECISION,
}

# Members of the body that were not parties to a decision, as the case itself records.
NOT_PARTIES = {
    # "Consensus among the members of the DPC only; France ... was not a party" (the case's
    # notes): the Defence Planning Committee was NATO without France, 18 Allies in 2003.
    "nato-2003-dpc-turkey-planning": frozenset({"FRA"}),
}

# Where the opening is unknown, the tests open the silence this long before the deadline; every
# opening before the deadline gives the same outcome (the body's members do not change between).
UNKNOWN_OPENING_LEAD = timedelta(days=1)

_UN_72_HOURS = (
    cbm.PolicyViolationError,
    "the UN General Assembly policy (decision 74/544) asks for at least 72 hours; this silence, "
    "set by the co-facilitators on the declaration's text, ran shorter, and the library has no "
    "policy for negotiation silences",
)

REFUSED: dict[str, tuple[type[Exception], str]] = {
    "unga-2020-un75-declaration": (
        _UN_72_HOURS[0],
        _UN_72_HOURS[1] + " (opened 17 June, deadline 18:00 on 19 June: at most 66 hours). "
        "Even if opened, the objection dated 24 June would come after the stated deadline and "
        "be late: the sources do not describe the extension that kept the silence open",
    ),
    "unga-2020-un75-declaration-revised": (
        _UN_72_HOURS[0],
        _UN_72_HOURS[1] + " (opened 25 June, deadline 18:00 on 26 June: at most 42 hours)",
    ),
}
"""Cases whose facts suffice but which the library refuses, with the error and why."""

NOT_RUNNABLE: dict[str, str] = {
    "unga-74-544-silence-procedure": "neither the opening nor the deadline is known",
    "unga-2020-russian-solidarity-declaration-revised": (
        "neither the opening, the deadline nor the objectors are known"
    ),
    "unga-2019-un75-modalities": (
        "the first deadline is unknown, so the extension to 31 May cannot be recorded against it; "
        "the silence concluding on 6 June after a deadline of 31 May is also unexplained"
    ),
    "unga-2020-ocean-conference-accreditation": (
        "neither the opening nor the first deadline is known, and the outcome is unknown"
    ),
    "eu-council-2020-430-written-procedure-derogation": (
        "not a silence procedure (a decision on the Council's rules of procedure), and neither "
        "deadline nor votes are known"
    ),
    "eu-council-2020-1043-written-procedure": (
        "an ordinary written procedure (a vote in writing, Art. 12(1)), not a silence; neither "
        "deadline nor replies are known"
    ),
    "cica-nct-g-1501": "neither the objectors nor the outcome are known",
    "cica-soc-2024-06-two-week-silence": (
        "the deadline is stated only as a duration (two weeks), and the outcome is unknown"
    ),
}
"""Cases whose facts do not suffice to assert an outcome, with what is missing."""


def sufficient(case: dict[str, Any]) -> bool:
    """Whether the case's facts suffice to build it and assert its outcome."""
    outcome = case["outcome"]["value"]
    objectors = case["objectors"]["value"]
    if outcome == "unknown" or case["outcome"]["decided"]["value"] is None:
        return False
    if case["kind"] == "consensus":
        return objectors is not None
    return (
        case["procedure"] == "silence_procedure"
        and case["deadline"]["value"] is not None
        and (objectors is not None or outcome == "adopted")
    )


def body_of(case: dict[str, Any]) -> cbm.Body:
    return cbm.BODIES[case["body"]]


def start_of(day: date, body: cbm.Body) -> datetime:
    """The first instant of ``day`` at the body's seat: where a fact known to the day is placed.

    It is the library's own reading of a dated note (``at`` defaults to the start of the note's
    day). The tests using it assert only what every instant of that day (before the deadline in
    force, for an objection the case says broke the silence) would give.
    """
    return datetime.combine(day, datetime.min.time(), tzinfo=body.zone)


def instant_or_day(fact: dict[str, Any]) -> datetime | date:
    value = fact["value"]
    if fact["precision"] == "instant":
        return datetime.fromisoformat(value)
    assert fact["precision"] == "day", fact
    return date.fromisoformat(value)


def deadline_of(case: dict[str, Any]) -> datetime | date | cbm.Deadline:
    """The deadline as the case states it: an instant, a date ("no later than"), or a day.

    A deadline the record gives only to its day (not as "no later than") is kept with that
    precision: ``Deadline.on_day``.
    """
    fact = case["deadline"]
    value = instant_or_day(fact)
    stated = (fact.get("as_stated") or "").lower()
    if isinstance(value, date) and not isinstance(value, datetime) and "no later" not in stated:
        return cbm.Deadline.on_day(value, fact["zone"] or body_of(case).zone_key)
    return value


def opened_at(case: dict[str, Any]) -> datetime:
    """The opening: exact, the start of its known day, or a day before a deadline."""
    body = body_of(case)
    fact = case["opened"]
    if fact["precision"] == "instant":
        return datetime.fromisoformat(fact["value"])
    if fact["precision"] == "day":
        return start_of(date.fromisoformat(fact["value"]), body)
    ends = cbm.Deadline.of(deadline_of(case), body.zone_key).instant
    return ends - UNKNOWN_OPENING_LEAD


def paper_of(case: dict[str, Any]) -> cbm.Paper:
    return cbm.Paper(case["title"], KIND[case["slug"]], case["draft_symbol"])


def build(case: dict[str, Any], revises: str | None = None) -> cbm.SilenceProcedure:
    """The case's silence procedure with every recorded act on it."""
    body = body_of(case)
    at = opened_at(case)
    proc = cbm.SilenceProcedure.open(
        None,
        paper_of(case),
        deadline=deadline_of(case),
        at=at,
        parties=body.members(on=at.astimezone(body.zone).date()),
        body=body,
        revises=revises,
    )
    objectors = case["objectors"]["value"] or []
    if objectors:
        decided = case["outcome"]["decided"]
        when = instant_or_day(decided)
        when = when if isinstance(when, datetime) else start_of(when, body)
        for code in objectors:
            proc = proc.object(by=code, at=when, text=f"{code} breaks the silence.")
    return proc


def decided_on(case: dict[str, Any]) -> date:
    return date.fromisoformat(case["outcome"]["decided"]["value"][:10])


LATER = datetime(2040, 1, 1, tzinfo=cbm.UTC)  # an outcome is final once decided (monotone)


def _param(slug: str) -> Any:
    if slug in REFUSED:
        error, reason = REFUSED[slug]
        return pytest.param(slug, marks=pytest.mark.xfail(raises=error, strict=True, reason=reason))
    return slug


SILENCE = [c["slug"] for c in CASES if c["kind"] == "silence" and c["slug"] not in NOT_RUNNABLE]
CONSENSUS = [c["slug"] for c in CASES if c["kind"] == "consensus" and c["slug"] not in NOT_RUNNABLE]


@pytest.mark.parametrize("slug", [_param(s) for s in SILENCE])
def test_silence_case(slug: str) -> None:
    """The recorded status, objectors and decision day of a silence procedure.

    Where the case knows the decision only to the day, the objections are placed at the start of
    that day (before the deadline), and the test asserts the day the library decides on, not
    its instant; where it knows the instant, the instant. An unknown opening is placed a day
    before the deadline: the outcome does not depend on it.
    """
    case = BY_SLUG[slug]
    earlier = BY_SLUG[case["revises"]] if case["revises"] else None
    proc = build(case, revises=build(earlier).key if earlier else None)
    body = body_of(case)
    out = proc.outcome(at=LATER)

    assert out.status is STATUS[case["outcome"]["value"]]
    assert out.objectors == frozenset(case["objectors"]["value"] or ())
    assert out.silent == proc.parties - out.objectors
    assert out.late == ()
    assert out.decided_at is not None
    assert out.decided_at.astimezone(body.zone).date() == decided_on(case)
    if case["outcome"]["decided"]["precision"] == "instant":
        assert out.decided_at == datetime.fromisoformat(case["outcome"]["decided"]["value"])
    if out.status is cbm.Status.APPROVED:
        assert out.decided_at == proc.terms.instant
    # no run case records an extension or a bringing forward (see test_what_the_run_cases_hold)
    assert proc.terms == proc.opening.deadline
    assert proc.body is body
    assert proc.revises == (build(earlier).key if earlier else None)


@pytest.mark.parametrize("slug", [_param(s) for s in CONSENSUS])
def test_consensus_case(slug: str) -> None:
    """Adopted or not, by consensus of the body's members on the day of the decision.

    The objectors are those whose objection stood at the decision (earlier objections that
    were dropped are not positions). A withdrawn text is one not adopted: the library models
    no withdrawal of a consensus.
    """
    case = BY_SLUG[slug]
    members = body_of(case).members(on=decided_on(case)) - NOT_PARTIES.get(slug, frozenset())
    positions = dict.fromkeys(case["objectors"]["value"], cbm.Position.OBJECT)
    decision = cbm.consensus(
        positions, body=body_of(case), on=decided_on(case), members=members, subject=case["title"]
    )
    assert decision.body == body_of(case).id
    assert decision.on == decided_on(case)
    assert decision.adopted is (case["outcome"]["value"] == "adopted")
    assert decision.objections == frozenset(case["objectors"]["value"])


def test_a_late_objection_to_74_274_changes_nothing() -> None:
    """AFP: the United States tried to block resolution 74/274 after the silence had ended.

    The sources give no instant; the objection is placed at the deadline itself, the first
    instant after the silence, so what is asserted holds for any later one.
    """
    case = BY_SLUG["unga-74-274-access-to-medicines"]
    proc = build(case)
    out = proc.object(by="USA", at=proc.terms.instant, text="Objection.").outcome(at=LATER)
    assert out.status is cbm.Status.APPROVED
    assert out.objectors == frozenset()
    assert [late.by for late in out.late] == ["USA"]


def test_every_case_is_run_refused_or_listed() -> None:
    slugs = set(BY_SLUG)
    assert len(slugs) == len(CASES) == 24
    assert set(REFUSED) <= slugs
    assert set(NOT_RUNNABLE) <= slugs
    assert not set(REFUSED) & set(NOT_RUNNABLE)
    assert set(SILENCE) | set(CONSENSUS) | set(NOT_RUNNABLE) == slugs


@pytest.mark.parametrize("slug", sorted(BY_SLUG))
def test_a_case_is_listed_as_not_runnable_exactly_when_its_facts_do_not_suffice(slug: str) -> None:
    assert (slug in NOT_RUNNABLE) is not sufficient(BY_SLUG[slug]), NOT_RUNNABLE.get(slug)


def test_what_the_run_cases_hold() -> None:
    """The run silences record no extension and no bringing forward, and revise nothing run."""
    run = [BY_SLUG[s] for s in SILENCE if s not in REFUSED]
    assert len(run) == 7
    assert all(not c["extended_to"] and c["brought_forward_to"] is None for c in run)
    for case in run:
        if case["draft_symbol"] is not None:
            body_of(case).check_symbol(case["draft_symbol"])


def test_the_other_symbols_are_admitted() -> None:
    """Every draft symbol in the cases has the form of its body's symbols."""
    for case in CASES:
        if case["draft_symbol"] is not None:
            assert body_of(case).check_symbol(case["draft_symbol"]) == case["draft_symbol"]
