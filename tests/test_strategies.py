"""The public strategies: registered with no setup, valid, varied, and shrinking as documented."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.edges import _hypothesis_plugin
from cica_cbm.edges import strategies as cst

PUBLIC_TYPES = sorted(
    (obj for name in cbm.__all__ if isinstance(obj := getattr(cbm, name), type)),
    key=lambda cls: cls.__name__,
)


def test_from_type_works_downstream_with_no_setup(tmp_path: Path) -> None:
    """A fresh interpreter that never imports the strategies module still gets them."""
    code = (
        "from hypothesis import strategies as st\n"
        "import cica_cbm\n"
        "note = st.from_type(cica_cbm.Note).example()\n"
        "proc = st.from_type(cica_cbm.SilenceProcedure).example()\n"
        "assert isinstance(note, cica_cbm.Note), note\n"
        "assert isinstance(proc, cica_cbm.SilenceProcedure), proc\n"
        "print('ok')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYPOTHESIS")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_setup_hook_may_run_again() -> None:
    _hypothesis_plugin._hypothesis_setup_hook()
    _hypothesis_plugin._hypothesis_setup_hook()
    assert isinstance(find(st.from_type(cbm.NoteNumber), lambda n: True), cbm.NoteNumber)


STRATEGY_FUNCTIONS = [
    name
    for name in cst.__all__
    if inspect.isfunction(getattr(cst, name)) and name not in {"register", "member_states_on"}
]


@pytest.mark.parametrize("name", STRATEGY_FUNCTIONS)
def test_every_strategy_says_what_it_shrinks_towards(name: str) -> None:
    doc = inspect.getdoc(getattr(cst, name)) or ""
    assert "hrinks" in doc, name


SEED = cbm.samples.nct_g_1501()
SHRINK = settings(phases=[Phase.generate, Phase.shrink], database=None, derandomize=True)
SEARCH = settings(phases=[Phase.generate], max_examples=2000, database=None, derandomize=True)


@pytest.mark.parametrize(
    ("strategy", "simplest"),
    [
        (cst.note_numbers(), cbm.NoteNumber("A", 1)),
        (cst.notes(), SEED.note),
        (cst.drafts(), SEED.draft),
        (cst.procedures(), SEED),
        (cst.member_states(), cbm.member_state("AFG")),
        (cst.silence_policies(shipped_only=False), cbm.CICA_PRACTICE),
        (cst.positions(), cbm.Position.SUPPORT),
        (cst.stances(), cbm.Stance(cbm.Position.SUPPORT)),
        (cst.localized_texts(), cbm.LocalizedText("0")),
        (cst.priority_areas(), cbm.priority_area("nct-general")),
        (cst.catalogues(), cbm.catalogue()),
        (cst.observers(), cbm.observer("BLR")),
        (cst.deadlines(), cbm.Deadline.no_later_than(date(2023, 12, 13))),
        (cst.enclosures(), cbm.Enclosure(cbm.LocalizedText("0"), None)),
        (cst.rule_sets(), cbm.RuleSet(())),
        (cst.decisions(), cbm.consensus({}, members={"AFG"})),
        (cst.comments(), cbm.CommentSubmitted(SEED.opening.at, "AFG", "0")),
        (
            cst.extensions(),
            cbm.DeadlineExtended(SEED.opening.at, cbm.Deadline.no_later_than(date(2023, 12, 13))),
        ),
        (
            cst.late_submissions(),
            cbm.LateSubmission(
                cbm.CommentSubmitted(SEED.opening.at, "AFG", "0"),
                SEED.opening.at,
                cbm.Status.APPROVED,
            ),
        ),
        (cst.admissions(), cbm.Admission.on(cst.EARLIEST_DAY)),
        (cst.action_items(), cbm.ActionItem("0", cbm.ItemKind.LEAD_MEASURE, "0")),
        (cst.errors(), cbm.CbmError("0")),
        (cst.time_zones(), cbm.UTC),
    ],
    ids=lambda value: type(value).__name__,
)
def test_each_strategy_shrinks_towards_what_its_docstring_says(
    strategy: st.SearchStrategy[Any], simplest: Any
) -> None:
    found = find(strategy, lambda value: True, settings=SHRINK)
    if isinstance(simplest, BaseException):  # errors compare by identity
        assert (type(found), found.args) == (type(simplest), simplest.args)
    else:
        assert found == simplest


def test_an_outcome_shrinks_towards_the_seed_pending_at_its_opening() -> None:
    out = find(cst.outcomes(), lambda value: True, settings=SHRINK)
    assert out == SEED.outcome(at=SEED.opened_at)


@pytest.mark.parametrize(
    "property_",
    [
        lambda p: len(p) > 6,
        lambda p: bool(p.context(p.terms.instant + timedelta(days=400)).late),
        lambda p: bool(p.context(p.terms.instant + timedelta(days=400)).extensions),
        lambda p: p.status(p.terms.instant + timedelta(days=400)) is cbm.Status.WITHDRAWN,
        lambda p: p.status(p.terms.instant + timedelta(days=400)) is cbm.Status.SILENCE_BROKEN,
        lambda p: list(p.events) != sorted(p.events, key=lambda e: e.at),  # out of time order
        lambda p: p.policy is cbm.UN_GENERAL_ASSEMBLY and len(p) > 2,
        lambda p: p.note != SEED.note,
        lambda p: p.draft != SEED.draft,
        lambda p: len(p.parties) < 10,
    ],
    ids=[
        "many-events",
        "late",
        "extended",
        "withdrawn",
        "broken",
        "out-of-order",
        "un-policy",
        "made-up-note",
        "made-up-draft",
        "few-parties",
    ],
)
def test_procedures_cover_every_kind_of_history(property_: Any) -> None:
    """Each kind of history is found, so the properties that use procedures() exercise it."""
    assert property_(find(cst.procedures(), property_, settings=SEARCH))


@given(cst.procedures())
def test_a_drawn_procedure_is_a_valid_stream_of_its_events(proc: cbm.SilenceProcedure) -> None:
    assert cbm.SilenceProcedure(proc.events) == proc
    members = {s.code for s in cbm.member_states(on=proc.opening.day, certain=False)}
    assert proc.parties <= members
    assert proc.terms.instant > proc.opening.at
    for event in proc.events[1:]:
        assert event.at >= proc.opening.at
        if isinstance(event, cbm.CommentSubmitted | cbm.AmendmentProposed | cbm.ObjectionRaised):
            assert event.by in proc.parties


@given(cst.errors())
def test_drawn_errors_are_cbm_errors_with_a_message(error: cbm.CbmError) -> None:
    assert isinstance(error, cbm.CbmError)
    assert str(error)


@given(cst.instants(zones=cst.time_zones()))
def test_drawn_instants_are_aware(moment: Any) -> None:
    assert moment.utcoffset() is not None
