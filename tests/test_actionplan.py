"""Action items move only along allowed transitions and only decisions approve them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import cica_cbm as cbm
from cica_cbm.core.implementation import (
    TRANSITIONS,
    ApprovalError,
    Implementation,
    approval_subject,
    drop_subject,
)
from cica_cbm.edges.strategies._actionplan import implementations, member_codes

SEED_NOTE = cbm.samples.nct_g_1501_note()
SEED_DRAFT = cbm.samples.nct_g_1501_draft()


PROC = cbm.samples.nct_g_1501()
PLAN = SEED_DRAFT.action_plan
MEMBERS = [s.code for s in cbm.member_states(on=SEED_NOTE.date)]
DEADLINE = PROC.terms.instant
LEAD = [i.id for i in PLAN.items if i.kind is cbm.ItemKind.LEAD_MEASURE]
FURTHER = [i.id for i in PLAN.items if i.kind is cbm.ItemKind.FURTHER_STEP]
LATER = DEADLINE + timedelta(days=30)


def adopted(*items: str) -> cbm.Decision:
    return cbm.consensus({}, MEMBERS, subject=approval_subject(items))


def dropping(item: str, at: datetime) -> cbm.Decision:
    """A decision of all the CICA Member States of ``at``'s day that drops ``item``."""
    return cbm.consensus(
        {}, body="CICA", on=at.astimezone(cbm.ASTANA).date(), subject=drop_subject([item])
    )


def fresh() -> Implementation:
    return Implementation.of(PLAN)


# --- approval by the silence procedure --------------------------------------------------------


def test_approving_the_seed_approves_its_lead_measures_and_only_them() -> None:
    impl = fresh().approve_covered(by=PROC, at=DEADLINE)
    assert [i.id for i in impl.with_status(cbm.ItemStatus.APPROVED)] == LEAD
    assert [i.id for i in impl.awaiting_approval] == FURTHER
    approval = impl.approval_of("i.lead")
    assert approval is not None
    assert approval.basis is cbm.ApprovalBasis.SILENCE_PROCEDURE
    assert approval.reference == "Note NCT/G/1501"
    assert approval.decided_at == DEADLINE


@pytest.mark.parametrize("item", FURTHER)
def test_the_approved_seed_procedure_does_not_approve_a_further_step(item: str) -> None:
    with pytest.raises(ApprovalError, match="lead measures only"):
        fresh().approve(item, by=PROC, at=LATER)


def test_a_pending_procedure_approves_nothing() -> None:
    before = DEADLINE - timedelta(microseconds=1)
    with pytest.raises(ApprovalError, match="pending"):
        fresh().approve("i.lead", by=PROC, at=before)


def test_a_broken_procedure_approves_nothing() -> None:
    broken = PROC.object(by="IND", at=DEADLINE - timedelta(days=1), text="We object.")
    with pytest.raises(ApprovalError, match="silence_broken"):
        fresh().approve("i.lead", by=broken, at=LATER)


def test_an_outcome_without_its_procedure_is_refused_with_the_reason() -> None:
    outcome = PROC.outcome(at=DEADLINE)
    with pytest.raises(ApprovalError, match="pass its SilenceProcedure"):
        fresh().approve("i.lead", by=outcome, at=LATER)  # type: ignore[arg-type]


def test_a_procedure_on_another_action_plan_approves_nothing() -> None:
    other_plan = cbm.ActionPlan("Another plan", (), PLAN.sections)
    with pytest.raises(ApprovalError, match="another Action Plan"):
        Implementation.of(other_plan).approve("i.lead", by=PROC, at=LATER)


@pytest.mark.parametrize("basis", ["KAZ", None, 42, "approve action plan items: i.1"])
def test_anything_but_a_decision_or_procedure_is_refused(basis: object) -> None:
    with pytest.raises(cbm.CbmError, match="neither an adopted consensus Decision"):
        fresh().approve("i.1", by=basis, at=LATER)  # type: ignore[arg-type]


# --- approval by consensus ---------------------------------------------------------------------


def test_an_adopted_decision_that_names_a_further_step_approves_it() -> None:
    impl = fresh().approve("i.2", by=adopted("i.2", "i.3"), at=LATER)
    assert impl.status("i.2") is cbm.ItemStatus.APPROVED
    assert impl.status("i.3") is cbm.ItemStatus.PROPOSED
    approval = impl.approval_of("i.2")
    assert approval is not None
    assert approval.basis is cbm.ApprovalBasis.CONSENSUS
    assert approval.reference == "approve action plan items: i.2, i.3"


def test_a_blocked_decision_approves_nothing_and_says_who_objected() -> None:
    blocked = cbm.consensus(
        {"CHN": cbm.Position.OBJECT}, MEMBERS, subject=approval_subject(["i.1"])
    )
    with pytest.raises(ApprovalError, match=r"not adopted \(CHN\)"):
        fresh().approve("i.1", by=blocked, at=LATER)


def test_a_decision_on_another_subject_approves_nothing() -> None:
    decision = cbm.consensus({}, MEMBERS, subject="the budget")
    with pytest.raises(ApprovalError, match="does not name it"):
        fresh().approve("i.1", by=decision, at=LATER)


@settings(max_examples=60, deadline=None)
@given(
    named=st.lists(st.sampled_from([i.id for i in PLAN.items]), min_size=1, unique=True),
    objector=st.none() | member_codes(),
    target=st.sampled_from([i.id for i in PLAN.items]),
)
def test_a_decision_approves_an_item_exactly_when_adopted_and_naming_it(
    named: list[str], objector: str | None, target: str
) -> None:
    positions = {objector: cbm.Position.OBJECT} if objector else {}
    decision = cbm.consensus(positions, MEMBERS, subject=approval_subject(named))
    impl = fresh()
    snapshot = cbm.to_json(impl)
    if decision.adopted and target in named:
        assert impl.approve(target, by=decision, at=LATER).status(target) is cbm.ItemStatus.APPROVED
    else:
        with pytest.raises(ApprovalError):
            impl.approve(target, by=decision, at=LATER)
    assert cbm.to_json(impl) == snapshot


@settings(max_examples=60, deadline=None)
@given(at=st.integers(-5, 5).map(lambda d: DEADLINE + timedelta(days=d)))
def test_the_seed_procedure_covers_lead_measures_only_once_approved(at: datetime) -> None:
    for item in PLAN.items:
        covered = item.kind is cbm.ItemKind.LEAD_MEASURE and at >= DEADLINE
        if covered:
            assert fresh().covers(item.id, PROC, at).decided_at == DEADLINE
        else:
            with pytest.raises(ApprovalError):
                fresh().covers(item.id, PROC, at)


# --- transitions -------------------------------------------------------------------------------


STATUSES = list(cbm.ItemStatus)


def move(impl: Implementation, item: str, target: cbm.ItemStatus, at: datetime) -> Implementation:
    if target is cbm.ItemStatus.APPROVED:
        return impl.approve(item, by=adopted(item), at=at)
    if target is cbm.ItemStatus.IN_PROGRESS:
        return impl.start(item, at=at, by="TUR")
    if target is cbm.ItemStatus.IMPLEMENTED:
        return impl.complete(item, at=at, by=cbm.SECRETARIAT)
    if target is cbm.ItemStatus.DROPPED:
        return impl.drop(item, by=dropping(item, at), at=at, reason="overtaken by events")
    raise cbm.TransitionError(f"action item {item}", "?", target.value, "cannot re-propose")


@settings(max_examples=80, deadline=None)
@given(impl=implementations(), data=st.data())
def test_an_item_moves_exactly_along_the_allowed_transitions(
    impl: Implementation, data: st.DataObject
) -> None:
    item = data.draw(st.sampled_from(impl.plan.items))
    target = data.draw(st.sampled_from(STATUSES))
    at = max((c.at for c in impl.history), default=LATER) + timedelta(days=1)
    snapshot = cbm.to_json(impl)
    if target in TRANSITIONS[item.status]:
        moved = move(impl, item.id, target, at)
        assert moved.status(item.id) is target
        assert moved.history[-1] == moved.history_of(item.id)[-1]
        assert len(moved.history) == len(impl.history) + 1
        others = [i for i in moved.plan.items if i.id != item.id]
        assert others == [i for i in impl.plan.items if i.id != item.id]
    else:
        with pytest.raises(cbm.TransitionError):
            move(impl, item.id, target, at)
    assert cbm.to_json(impl) == snapshot


def test_implemented_and_dropped_are_final() -> None:
    assert TRANSITIONS[cbm.ItemStatus.IMPLEMENTED] == frozenset()
    assert TRANSITIONS[cbm.ItemStatus.DROPPED] == frozenset()
    impl = fresh().drop("i.3", by=dropping("i.3", LATER), at=LATER, reason="merged into i.5")
    with pytest.raises(cbm.TransitionError, match="nothing"):
        impl.approve("i.3", by=adopted("i.3"), at=LATER)


def test_a_change_dated_before_the_items_last_change_is_refused() -> None:
    impl = fresh().approve("i.1", by=adopted("i.1"), at=LATER)
    with pytest.raises(cbm.TransitionError, match="before its last change"):
        impl.start("i.1", at=LATER - timedelta(seconds=1), by="TUR")


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(cbm.NaiveDatetimeError):
        fresh().approve("i.1", by=adopted("i.1"), at=datetime(2024, 2, 1))


def test_an_unknown_item_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"'v\.9'.*i\.lead"):
        fresh().approve("v.9", by=adopted("v.9"), at=LATER)


def test_dropping_needs_a_reason() -> None:
    with pytest.raises(cbm.InvalidValueError, match="reason"):
        fresh().drop("i.1", by=dropping("i.1", LATER), at=LATER, reason=" ")


# --- new CBMs -------------------------------------------------------------------------------


def test_a_new_cbm_is_proposed_into_a_section_and_needs_its_own_approval() -> None:
    impl = fresh().approve_covered(by=PROC, at=DEADLINE)
    impl = impl.propose(
        "iv", "iv.1", "Exchange of national export-control lists.", at=LATER, by="KAZ"
    )
    item = impl.item("iv.1")
    assert item.kind is cbm.ItemKind.NEW_CBM
    assert item.status is cbm.ItemStatus.PROPOSED
    assert impl.plan.section("iv").further_steps[-1] == item
    assert impl.history_of("iv.1")[0].before is None
    with pytest.raises(ApprovalError, match="new cbm needs a decision"):
        impl.approve("iv.1", by=PROC, at=LATER)
    approved = impl.approve("iv.1", by=adopted("iv.1"), at=LATER)
    assert approved.status("iv.1") is cbm.ItemStatus.APPROVED


@pytest.mark.parametrize(
    ("section", "id", "text", "field"),
    [
        ("v", "v.1", "x", "action plan section"),
        ("iv", "i.1", "x", "id"),
        ("iv", "iv 1", "x", "id"),
        ("iv", "iv.1", "  ", "text"),
    ],
)
def test_a_bad_proposal_is_refused(section: str, id: str, text: str, field: str) -> None:
    with pytest.raises(cbm.InvalidValueError, match=field):
        fresh().propose(section, id, text, at=LATER, by="KAZ")


# --- the record --------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(impl=implementations())
def test_an_implementation_round_trips_through_json(impl: Implementation) -> None:
    assert cbm.from_json(cbm.to_json(impl), Implementation) == impl


@settings(max_examples=40, deadline=None)
@given(impl=implementations())
def test_every_approval_on_record_rests_on_a_decision_or_the_procedure(
    impl: Implementation,
) -> None:
    for change in impl.history:
        if change.after is cbm.ItemStatus.APPROVED:
            assert change.approval is not None
            item = impl.item(change.item)
            if change.approval.basis is cbm.ApprovalBasis.SILENCE_PROCEDURE:
                assert item.kind is cbm.ItemKind.LEAD_MEASURE
            else:
                assert change.item in cbm.items_named(change.approval.reference)


def test_a_start_without_an_approval_is_refused_on_load_naming_its_index() -> None:
    acts = (cbm.PlanOpened(PLAN), cbm.ItemStarted("i.1", LATER, "TUR"))
    with pytest.raises(cbm.TransitionError, match=r"^acts\[1\]: action item i.1: .*proposed"):
        Implementation.from_acts(acts)


def test_a_plan_given_with_other_statuses_is_refused_not_normalized() -> None:
    approved = Implementation.of(PLAN).approve("i.1", by=adopted("i.1"), at=LATER).plan
    with pytest.raises(cbm.InvalidValueError, match=r"i\.1\.status.*proposed"):
        Implementation.of(approved)
    with pytest.raises(cbm.InvalidValueError, match="only acts move its items"):
        cbm.PlanOpened(approved)


def test_a_forged_json_approval_is_refused_with_a_path() -> None:
    text = cbm.to_json(fresh().approve("i.1", by=adopted("i.1"), at=LATER))
    forged = text.replace('"evidence": {', '"evidence": null, "x": {', 1)
    with pytest.raises(cbm.DeserializationError):
        cbm.from_json(forged, Implementation)


def test_approval_subjects_name_items_and_nothing_else() -> None:
    assert cbm.items_named(approval_subject(["ii.4", "i.1"])) == {"i.1", "ii.4"}
    assert cbm.items_named(None) == frozenset()
    assert cbm.items_named("approve action plan items: a b") == frozenset()
    for bad in ([], ["a b"], ["a,b"], "i.1"):
        with pytest.raises(cbm.InvalidValueError):
            approval_subject(bad)


# --- the lifecycle, checked against a trivially correct model ---------------------------------


class ItemLifecycle(RuleBasedStateMachine):
    """Random acts on the seed's plan, against a dict of statuses."""

    def __init__(self) -> None:
        super().__init__()
        self.impl = fresh()
        self.model = {item.id: cbm.ItemStatus.PROPOSED for item in PLAN.items}
        self.kinds = {item.id: item.kind for item in PLAN.items}
        self.at = DEADLINE
        self.new = 0

    def _try(self, act: object, ok: bool, target: cbm.ItemStatus, item: str) -> None:
        before = self.impl
        if ok:
            self.impl = act()  # type: ignore[operator]
            self.model[item] = target
        else:
            with pytest.raises(cbm.CbmError):
                act()  # type: ignore[operator]
            assert self.impl == before

    @rule(item=st.sampled_from([i.id for i in PLAN.items]), days=st.integers(0, 30))
    def silence_approves(self, item: str, days: int) -> None:
        self.at += timedelta(days=days)
        ok = (
            self.model[item] is cbm.ItemStatus.PROPOSED
            and self.kinds[item] is cbm.ItemKind.LEAD_MEASURE
        )
        self._try(
            lambda: self.impl.approve(item, by=PROC, at=self.at), ok, cbm.ItemStatus.APPROVED, item
        )

    @rule(data=st.data(), adopt=st.booleans(), names=st.booleans())
    def decision_approves(self, data: st.DataObject, adopt: bool, names: bool) -> None:
        item = data.draw(st.sampled_from(sorted(self.model)))
        subject = approval_subject([item] if names else ["elsewhere.1"])
        positions = {} if adopt else {"IND": cbm.Position.OBJECT}
        decision = cbm.consensus(positions, MEMBERS, subject=subject)
        ok = adopt and names and self.model[item] is cbm.ItemStatus.PROPOSED
        self._try(
            lambda: self.impl.approve(item, by=decision, at=self.at),
            ok,
            cbm.ItemStatus.APPROVED,
            item,
        )

    @rule(data=st.data())
    def start(self, data: st.DataObject) -> None:
        item = data.draw(st.sampled_from(sorted(self.model)))
        ok = self.model[item] is cbm.ItemStatus.APPROVED
        self._try(
            lambda: self.impl.start(item, at=self.at, by="TUR"),
            ok,
            cbm.ItemStatus.IN_PROGRESS,
            item,
        )

    @rule(data=st.data())
    def complete(self, data: st.DataObject) -> None:
        item = data.draw(st.sampled_from(sorted(self.model)))
        ok = self.model[item] is cbm.ItemStatus.IN_PROGRESS
        self._try(
            lambda: self.impl.complete(item, at=self.at, by=cbm.SECRETARIAT),
            ok,
            cbm.ItemStatus.IMPLEMENTED,
            item,
        )

    @rule(data=st.data())
    def drop(self, data: st.DataObject) -> None:
        item = data.draw(st.sampled_from(sorted(self.model)))
        ok = self.model[item] not in (cbm.ItemStatus.IMPLEMENTED, cbm.ItemStatus.DROPPED)
        self._try(
            lambda: self.impl.drop(item, by=dropping(item, self.at), at=self.at, reason="dropped"),
            ok,
            cbm.ItemStatus.DROPPED,
            item,
        )

    @precondition(lambda self: self.new < 3)
    @rule(section=st.sampled_from([s.id for s in PLAN.sections]))
    def propose(self, section: str) -> None:
        self.new += 1
        item = f"{section}.new{self.new}"
        self.impl = self.impl.propose(section, item, "A new CBM.", at=self.at, by="IND")
        self.model[item] = cbm.ItemStatus.PROPOSED
        self.kinds[item] = cbm.ItemKind.NEW_CBM

    @invariant()
    def statuses_match_the_model(self) -> None:
        assert {i.id: i.status for i in self.impl.plan.items} == self.model

    @invariant()
    def awaiting_approval_is_what_is_proposed(self) -> None:
        expected = {k for k, v in self.model.items() if v is cbm.ItemStatus.PROPOSED}
        assert {i.id for i in self.impl.awaiting_approval} == expected


ItemLifecycle.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
TestItemLifecycle = ItemLifecycle.TestCase


def test_the_seed_plan_starts_with_every_item_proposed() -> None:
    assert {i.status for i in fresh().plan.items} == {cbm.ItemStatus.PROPOSED}


def test_approve_covered_says_why_when_it_covers_nothing() -> None:
    with pytest.raises(ApprovalError, match="covers none of the items"):
        fresh().approve_covered(by=adopted("elsewhere.1"), at=LATER)
    everything = fresh().approve_covered(by=PROC, at=DEADLINE)
    with pytest.raises(ApprovalError, match="covers none"):
        everything.approve_covered(by=PROC, at=LATER)


def test_acts_that_go_back_in_time_are_refused_on_load() -> None:
    impl = fresh().approve("i.1", by=adopted("i.1"), at=LATER)
    backwards = (*impl.acts, cbm.ItemStarted("i.1", LATER - timedelta(days=1), "TUR"))
    with pytest.raises(cbm.TransitionError, match=r"acts\[2\]: .*before its last change"):
        Implementation.from_acts(backwards)


REGISTERED = (
    Implementation,
    cbm.Activity,
    cbm.FocalPointsNetwork,
    cbm.Recurrence,
    cbm.ReviewSchedule,
    cbm.SharedItem,
    cbm.TrainingRequest,
)


@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_the_strategies_register_for_from_type(data: st.DataObject) -> None:
    from cica_cbm.edges.strategies import _actionplan as _strategies_actionplan

    _strategies_actionplan.register()
    for cls in REGISTERED:
        assert isinstance(data.draw(st.from_type(cls)), cls)


def test_the_action_plan_modules_import_no_optional_dependency() -> None:
    code = (
        "import sys, cica_cbm.core.implementation, cica_cbm.core.participation, "
        "cica_cbm.core.reviews, "
        "cica_cbm.core.exchange; "
        "print(sorted({'hypothesis', 'sqlite3', 'argparse', 'babel'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- only all the CICA Member States of the day approve ----------------------------------------

CICA = cbm.BODIES["CICA"]
DAY = DEADLINE.astimezone(cbm.ASTANA).date()
EVERYONE = sorted(CICA.members(on=DAY))


def dated(*items: str, body: str = "CICA", on: date = DAY, members: object = None) -> cbm.Decision:
    return cbm.consensus(
        {},
        members,  # type: ignore[arg-type]
        body=body,
        on=on,
        subject=approval_subject(items),
    )


def test_a_dated_decision_of_all_the_member_states_approves() -> None:
    impl = fresh().approve(FURTHER[0], by=dated(FURTHER[0]), at=DEADLINE)
    assert impl.status(FURTHER[0]) is cbm.ItemStatus.APPROVED


@pytest.mark.parametrize("organ", ["CICA_SUMMIT", "CICA_MINISTERIAL", "CICA_SOC", "CICA_SWG"])
def test_an_organ_of_all_the_member_states_approves(organ: str) -> None:
    impl = fresh().approve(FURTHER[0], by=dated(FURTHER[0], body=organ), at=DEADLINE)
    assert impl.status(FURTHER[0]) is cbm.ItemStatus.APPROVED


@pytest.mark.parametrize("dated_form", [False, True])
def test_a_consensus_of_kazakhstan_alone_cannot_approve_further_steps(dated_form: bool) -> None:
    """The hostile case: a "consensus" of members={"KAZ"} is adopted, and approves nothing."""
    if dated_form:
        alone = dated(*FURTHER, members={"KAZ"})
    else:
        alone = cbm.consensus(
            {"KAZ": cbm.Position.SUPPORT}, {"KAZ"}, subject=approval_subject(FURTHER)
        )
    assert alone.adopted
    for item in FURTHER:
        with pytest.raises(ApprovalError, match=r"taken by KAZ, not by all the \d+ Member States"):
            fresh().approve(item, by=alone, at=DEADLINE)
    with pytest.raises(ApprovalError, match="KAZ"):
        fresh().approve_covered(by=alone, at=DEADLINE)


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(EVERYONE), min_size=1, max_size=len(EVERYONE) - 1))
def test_no_smaller_circle_approves(circle: set[str]) -> None:
    decision = dated(FURTHER[0], members=circle)
    with pytest.raises(ApprovalError, match="smaller circle"):
        fresh().approve(FURTHER[0], by=decision, at=DEADLINE)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 400))
def test_a_decision_dated_after_the_approval_is_refused(days_later: int) -> None:
    later = dated(FURTHER[0], on=DAY + timedelta(days=days_later))
    with pytest.raises(ApprovalError, match="after"):
        fresh().approve(FURTHER[0], by=later, at=DEADLINE)


def test_a_decision_of_the_same_day_approves_whatever_the_zone_of_at() -> None:
    """The day is the decision's own, at CICA's seat: Astana, not the zone ``at`` is written in."""
    late_in_astana = datetime(2024, 1, 11, 23, 30, tzinfo=cbm.ASTANA)
    impl = fresh().approve(
        FURTHER[0], by=dated(FURTHER[0], on=date(2024, 1, 11)), at=late_in_astana
    )
    assert impl.status(FURTHER[0]) is cbm.ItemStatus.APPROVED


@pytest.mark.parametrize("other", ["UNGA", "OSCE", "EU_COUNCIL", "NATO"])
def test_another_bodys_decision_is_refused(other: str) -> None:
    decision = dated(FURTHER[0], body=other)
    with pytest.raises(ApprovalError, match=f"taken in {other}, not by the CICA Member States"):
        fresh().approve(FURTHER[0], by=decision, at=DEADLINE)


def test_a_json_decision_adopted_over_an_objection_never_reaches_approval() -> None:
    blocked = cbm.consensus(
        {"IND": cbm.Position.OBJECT}, body=CICA, on=DAY, subject=approval_subject(FURTHER)
    )
    document = json.loads(cbm.to_json(blocked))
    document["data"]["adopted"] = True
    with pytest.raises(cbm.CbmError, match="adopted"):
        cbm.from_json(json.dumps(document), cbm.Decision)
    with pytest.raises(ApprovalError, match=r"not adopted \(IND\)"):
        fresh().approve(FURTHER[0], by=blocked, at=DEADLINE)


def test_a_decision_with_an_outsider_is_refused() -> None:
    """A record that slipped an observer among the members does not speak for the Member States."""
    decision = attrs.evolve(dated(FURTHER[0]), members=frozenset({*EVERYONE, "USA"}))
    with pytest.raises(ApprovalError, match="USA took part in it"):
        fresh().approve(FURTHER[0], by=decision, at=DEADLINE)
