"""An Implementation is the fold of its acts: no constructor, JSON or store goes round a rule."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.implementation import Implementation, approval_subject, drop_subject
from cica_cbm.edges.strategies._actionplan import implementation_acts, implementations

PROC = cbm.samples.nct_g_1501()
PLAN = cbm.samples.nct_g_1501_draft().action_plan
DEADLINE = PROC.terms.instant
LATER = DEADLINE + timedelta(days=30)
LEAD = [i.id for i in PLAN.items if i.kind is cbm.ItemKind.LEAD_MEASURE]
FURTHER = [i.id for i in PLAN.items if i.kind is cbm.ItemKind.FURTHER_STEP]


def day_of(at: datetime) -> Any:
    return at.astimezone(cbm.ASTANA).date()


def decision(subject: str, at: datetime = LATER, body: str = "CICA") -> cbm.Decision:
    return cbm.consensus({}, body=body, on=day_of(at), subject=subject)


def approved(*items: str) -> Implementation:
    return Implementation.of(PLAN).approve_covered(by=decision(approval_subject(items)), at=LATER)


def document(impl: Implementation) -> dict[str, Any]:
    return json.loads(cbm.to_json(impl))  # type: ignore[no-any-return]


def read(doc: dict[str, Any]) -> Implementation:
    return cbm.from_json(json.dumps(doc), Implementation)


# --- the protocol ------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(impl=implementations())
def test_replaying_the_acts_gives_the_same_implementation(impl: Implementation) -> None:
    assert isinstance(impl.acts[0], cbm.PlanOpened)
    assert Implementation.from_acts(impl.acts) == impl
    assert Implementation(impl.acts) == impl
    rebuilt = Implementation.from_acts(impl.acts[:1])
    for act in impl.acts[1:]:
        rebuilt = rebuilt.then(act)
    assert rebuilt == impl
    assert rebuilt.plan == impl.plan
    assert rebuilt.history == impl.history


@settings(max_examples=40, deadline=None)
@given(impl=implementations())
def test_an_implementation_and_its_acts_round_trip_through_json(impl: Implementation) -> None:
    back = cbm.from_json(cbm.to_json(impl), Implementation)
    assert back == impl
    assert back.plan == impl.plan
    assert back.history == impl.history
    for act in impl.acts:
        assert cbm.from_json(cbm.to_json(act), type(act)) == act


@settings(max_examples=30, deadline=None)
@given(act=implementation_acts())
def test_every_act_names_its_actor(act: Any) -> None:
    assert isinstance(act.by, str)
    assert act.by


@settings(max_examples=40, deadline=None)
@given(impl=implementations())
def test_the_plan_is_derived_from_the_acts_an_item_with_no_act_is_proposed(
    impl: Implementation,
) -> None:
    drafted = {item.id for item in impl.drafted.items}
    assert {item.status for item in impl.drafted.items} == {cbm.ItemStatus.PROPOSED}
    for item in impl.plan.items:
        changes = impl.history_of(item.id)
        if not changes:
            assert item.status is cbm.ItemStatus.PROPOSED
            assert item.id in drafted
        else:
            assert item.status is changes[-1].after
        if item.id not in drafted:
            assert item.kind is cbm.ItemKind.NEW_CBM
            assert changes[0].before is None


@settings(max_examples=40, deadline=None)
@given(impl=implementations())
def test_every_change_names_who_acted_and_an_approval_carries_its_evidence(
    impl: Implementation,
) -> None:
    for change in impl.history:
        assert change.by
        if change.after is cbm.ItemStatus.APPROVED:
            assert change.approval is not None
            assert isinstance(change.approval.evidence, cbm.Decision | cbm.SilenceProcedure)
            assert change.by == "CICA"


# --- mutated documents are refused, and nothing changes ----------------------------------------


def _approval_acts(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [act for act in doc["data"]["acts"] if act["type"] == "ItemsApproved"]


def _refused(impl: Implementation, doc: dict[str, Any]) -> None:
    snapshot = cbm.to_json(impl)
    with pytest.raises(cbm.CbmError):
        read(doc)
    assert cbm.to_json(impl) == snapshot


@settings(max_examples=40, deadline=None)
@given(impl=implementations(), data=st.data())
def test_a_status_edited_in_the_document_is_refused(
    impl: Implementation, data: st.DataObject
) -> None:
    doc = document(impl)
    sections = doc["data"]["acts"][0]["plan"]["sections"]
    items = [item for section in sections for item in section["lead"] + section["further_steps"]]
    item = data.draw(st.sampled_from(items))
    status = data.draw(st.sampled_from([s.value for s in cbm.ItemStatus if s.value != "proposed"]))
    item["status"] = status
    _refused(impl, doc)


@settings(max_examples=40, deadline=None)
@given(impl=implementations(), data=st.data())
def test_an_approvals_instant_edited_is_refused(impl: Implementation, data: st.DataObject) -> None:
    doc = document(impl)
    acts = _approval_acts(doc)
    if not acts:
        return
    act = data.draw(st.sampled_from(acts))
    at = datetime.fromisoformat(act["at"])
    if "events" in act["evidence"]:
        moved = DEADLINE - timedelta(minutes=data.draw(st.integers(1, 60 * 24 * 30)))
    else:
        moved = at - timedelta(days=data.draw(st.integers(2, 60)))  # before the decision's day
    act["at"] = moved.isoformat()
    _refused(impl, doc)


@settings(max_examples=60, deadline=None)
@given(impl=implementations(), data=st.data())
def test_an_approvals_evidence_or_actor_edited_is_refused(
    impl: Implementation, data: st.DataObject
) -> None:
    doc = document(impl)
    acts = _approval_acts(doc)
    if not acts:
        return
    act = data.draw(st.sampled_from(acts))
    evidence = act["evidence"]
    by_silence = "events" in evidence
    hows = ["by", "swap", "basis", "reference"] + ([] if by_silence else ["subject", "members"])
    how = data.draw(st.sampled_from(hows))
    if how == "by":
        act["by"] = data.draw(st.sampled_from(("SECRETARIAT", "KAZ", "SOC")))
    elif how == "subject":
        evidence["subject"] = approval_subject(["elsewhere.1"])
    elif how == "members":
        # a smaller circle: one Member State taking the decision alone
        evidence.update(members=["KAZ"], positions=[], statements=[], objections=[])
    elif how == "swap" and by_silence:
        # a decision that names another item in place of the procedure
        act["evidence"] = document(approved("i.1"))["data"]["acts"][1]["evidence"]
    elif how == "swap":
        # the seed's procedure in place of a decision that approved a further step or new CBM
        if all(item in LEAD for item in act["items"]):
            return
        act["evidence"] = document(approved_by_silence())["data"]["acts"][1]["evidence"]
    else:
        act[how] = "consensus" if how == "basis" else "Note NCT/G/1"  # read from the evidence
    _refused(impl, doc)


def approved_by_silence() -> Implementation:
    return Implementation.of(PLAN).approve_covered(by=PROC, at=DEADLINE)


@pytest.mark.parametrize("item", FURTHER)
def test_a_further_step_approved_by_silence_is_refused_however_it_arrives(item: str) -> None:
    impl = approved_by_silence()
    forged_act = cbm.ItemsApproved((item,), DEADLINE, PROC)
    with pytest.raises(cbm.ApprovalError, match=r"^acts\[2\]: .*lead measures only"):
        Implementation.from_acts((*impl.acts, forged_act))
    with pytest.raises(cbm.ApprovalError, match=r"^acts\[2\]: .*lead measures only"):
        impl.then(forged_act)
    doc = document(impl)
    doc["data"]["acts"][1]["items"].append(item)
    _refused(impl, doc)


def test_a_new_cbm_approved_by_silence_is_refused() -> None:
    impl = approved_by_silence().propose("iv", "iv.1", "A new CBM.", at=LATER, by="KAZ")
    with pytest.raises(cbm.ApprovalError, match="new cbm needs a decision"):
        impl.then(cbm.ItemsApproved(("iv.1",), LATER, PROC))


def test_a_decision_of_a_smaller_circle_or_dated_later_is_refused_as_evidence() -> None:
    few = cbm.consensus({}, members={"KAZ", "TUR"}, subject=approval_subject(["i.1"]))
    late = decision(approval_subject(["i.1"]), at=LATER + timedelta(days=2))
    for evidence in (few, late):
        with pytest.raises(cbm.ApprovalError, match=r"acts\[1\]: .*does not speak"):
            Implementation.from_acts(
                (cbm.PlanOpened(PLAN), cbm.ItemsApproved(("i.1",), LATER, evidence))
            )


def test_an_approval_record_checks_its_evidence() -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"ItemApproval\.decided_at"):
        cbm.ItemApproval(PROC, DEADLINE - timedelta(hours=1))
    blocked = cbm.consensus(
        {"IND": cbm.Position.OBJECT},
        body="CICA",
        on=day_of(LATER),
        subject=approval_subject(["i.1"]),
    )
    with pytest.raises(cbm.InvalidValueError, match="not adopted"):
        cbm.ItemApproval(blocked, LATER)
    approval = cbm.ItemApproval(PROC, DEADLINE)
    assert approval.basis is cbm.ApprovalBasis.SILENCE_PROCEDURE
    assert approval.reference == "Note NCT/G/1501"


def test_an_approvals_actor_is_the_body_of_its_evidence() -> None:
    soc = decision(approval_subject(["i.1"]), body="CICA_SOC")
    assert cbm.ItemsApproved(("i.1",), LATER, soc).by == "CICA_SOC"
    with pytest.raises(cbm.InvalidValueError, match=r"ItemsApproved\.by"):
        cbm.ItemsApproved(("i.1",), LATER, soc, by="KAZ")


# --- the founding act and the new CBMs ---------------------------------------------------------


def test_the_founding_act_comes_first_and_only_once() -> None:
    start = cbm.ItemStarted("i.1", LATER, "TUR")
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[0\]"):
        Implementation.from_acts((start,))
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[0\]"):
        Implementation.from_acts(())
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[1\]: act"):
        Implementation.from_acts((cbm.PlanOpened(PLAN), cbm.PlanOpened(PLAN)))
    with pytest.raises(cbm.InvalidValueError, match=r"PlanOpened\.by"):
        cbm.PlanOpened(PLAN, by="USA")


def test_an_approved_plan_is_refused_at_the_door() -> None:
    plan = approved("i.1").plan
    with pytest.raises(cbm.InvalidValueError, match="only acts move its items"):
        Implementation.of(plan)
    doc = document(Implementation.of(PLAN))
    doc["data"]["acts"][0]["plan"] = json.loads(cbm.to_json(plan))["data"]
    with pytest.raises(cbm.DeserializationError, match="only acts move its items"):
        read(doc)


def test_a_new_cbm_enters_only_by_a_proposal_act_of_kind_new_cbm() -> None:
    further = cbm.ActionItem("iv.1", cbm.ItemKind.FURTHER_STEP, "Smuggled in.")
    with pytest.raises(cbm.InvalidValueError, match="new_cbm"):
        cbm.CbmProposed("iv", further, LATER, "KAZ")
    approved_cbm = cbm.ActionItem("iv.1", cbm.ItemKind.NEW_CBM, "x", cbm.ItemStatus.APPROVED)
    with pytest.raises(cbm.InvalidValueError, match="proposed"):
        cbm.CbmProposed("iv", approved_cbm, LATER, "KAZ")
    with pytest.raises(cbm.NotAMemberError, match="USA"):
        cbm.CbmProposed("iv", cbm.ActionItem("iv.1", "new_cbm", "x"), LATER, "USA")
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[1\]: id"):
        Implementation.from_acts(
            (
                cbm.PlanOpened(PLAN),
                cbm.CbmProposed("iv", cbm.ActionItem("i.1", "new_cbm", "x"), LATER, "KAZ"),
            )
        )


def test_a_state_not_yet_a_member_on_the_day_may_not_propose() -> None:
    # Kuwait was no Member State on 1 January 2020 (see why_not_member)
    early = datetime(2020, 1, 1, tzinfo=cbm.ASTANA)
    with pytest.raises(cbm.NotAMemberError, match="not a Member State on 2020-01-01"):
        cbm.CbmProposed("iv", cbm.ActionItem("iv.1", "new_cbm", "x"), early, "KWT")


@pytest.mark.parametrize("by", ["USA", "XXX", "kaz"])
def test_only_a_member_state_or_the_secretariat_records_a_start(by: str) -> None:
    impl = approved("i.1")
    with pytest.raises(cbm.CbmError):
        impl.start("i.1", at=LATER, by=by)
    assert impl.start("i.1", at=LATER, by="SECRETARIAT").history[-1].by == "SECRETARIAT"
    with pytest.raises(cbm.NotAuthorizedError, match="each state acts only for itself"):
        impl.start("i.1", at=LATER, by="KAZ", sent_by="TUR")


# --- dropping is the Member States' decision ---------------------------------------------------


def test_dropping_takes_a_decision_of_all_the_member_states_that_names_it() -> None:
    impl = approved("i.1")
    good = decision(drop_subject(["i.1"]))
    assert impl.drop("i.1", by=good, at=LATER, reason="done elsewhere").status("i.1") is (
        cbm.ItemStatus.DROPPED
    )
    assert impl.drop("i.1", by=good, at=LATER, reason="x").history[-1].by == "CICA"
    wrong_subject = decision(approval_subject(["i.1"]))
    blocked = cbm.consensus(
        {"IND": cbm.Position.OBJECT}, body="CICA", on=day_of(LATER), subject=drop_subject(["i.1"])
    )
    few = cbm.consensus({}, members={"KAZ"}, subject=drop_subject(["i.1"]))
    for bad in (wrong_subject, blocked, few):
        with pytest.raises(cbm.TransitionError, match="only the Member States drop an item"):
            impl.drop("i.1", by=bad, at=LATER, reason="x")
    with pytest.raises(cbm.InvalidValueError, match=r"ItemDropped\.decision"):
        impl.drop("i.1", by="KAZ", at=LATER, reason="x")  # type: ignore[arg-type]


def test_an_act_refused_by_then_changes_nothing() -> None:
    impl = approved("i.1")
    before = cbm.to_json(impl)
    with pytest.raises(cbm.TransitionError, match=r"^acts\[2\]: "):
        impl.then(cbm.ItemCompleted("i.1", LATER, "TUR"))
    assert cbm.to_json(impl) == before
    assert attrs.evolve(impl) == impl


@pytest.mark.parametrize(
    "acts",
    ["acts", None, 5, [None], [PLAN], [cbm.PlanOpened(PLAN), 5], [cbm.PlanOpened(PLAN), "x"]],
)
def test_hostile_acts_are_refused_with_a_cbm_error_naming_where(acts: Any) -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"acts"):
        Implementation.from_acts(acts)


def test_then_refuses_anything_but_an_act() -> None:
    impl = Implementation.of(PLAN)
    for bad in (None, "ItemStarted", cbm.StatusChange(LATER, "i.1", None, "proposed")):
        with pytest.raises(cbm.InvalidValueError, match=r"acts\[1\]: act"):
            impl.then(bad)  # type: ignore[arg-type]
