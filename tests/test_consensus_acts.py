"""A consensus decision is its acts: the chair puts the subject, each state takes its position."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.edges import strategies as cst

DAY = date(2024, 1, 11)
OBSERVERS = sorted(o.id for o in cbm.observers())


def _sought(**changes: Any) -> cbm.ConsensusSought:
    return attrs.evolve(cbm.ConsensusSought(by="SECRETARIAT", on=DAY), **changes)


@given(cst.decisions())
def test_a_decision_is_the_fold_of_its_acts(decision: cbm.Decision) -> None:
    assert cbm.Decision.from_acts(decision.acts) == decision
    assert isinstance(decision.acts[0], cbm.ConsensusSought)
    assert all(isinstance(act, cbm.PositionTaken) for act in decision.acts[1:])


@given(cst.decisions())
def test_one_act_at_a_time_makes_the_same_decision(decision: cbm.Decision) -> None:
    folded = cbm.Decision.from_acts(decision.acts[:1])
    for act in decision.acts[1:]:
        folded = folded.then(act)
    assert folded == decision


@given(cst.decisions())
def test_the_acts_say_what_the_api_said(decision: cbm.Decision) -> None:
    """Every position is the act of the state itself; the chair put the subject."""
    first = decision.acts[0]
    assert isinstance(first, cbm.ConsensusSought)
    assert first.by == cbm.BODIES[decision.body].chair
    assert (first.body, first.on, first.subject) == (decision.body, decision.on, decision.subject)
    assert first.quorum is (decision.quorum is not None)
    taken = {act.by: act.position for act in decision.acts[1:]}  # type: ignore[union-attr]
    assert tuple(sorted(taken.items())) == decision.positions


@given(cst.decisions(dated=st.just(True)), st.sampled_from([*OBSERVERS, "XXX", "kaz"]))
def test_a_position_by_a_non_member_is_refused_and_nothing_changes(
    decision: cbm.Decision, code: str
) -> None:
    before = cbm.to_json(decision)
    with pytest.raises(cbm.NotAMemberError, match=rf"acts\[{len(decision.acts)}\]"):
        decision.then(cbm.PositionTaken(code, cbm.Position.SUPPORT))
    assert cbm.to_json(decision) == before


@given(cst.decisions(), st.data())
def test_a_second_position_by_the_same_state_is_refused(
    decision: cbm.Decision, data: st.DataObject
) -> None:
    if not decision.positions:
        return
    code = data.draw(st.sampled_from([code for code, _ in decision.positions]))
    with pytest.raises(cbm.InvalidValueError, match="one each"):
        decision.then(cbm.PositionTaken(code, cbm.Position.OBJECT))


def test_a_state_takes_a_position_only_for_itself() -> None:
    decision = cbm.consensus({}, body="CICA", on=DAY)
    assert decision.take("KAZ", "object").objections == {"KAZ"}
    with pytest.raises(cbm.NotAuthorizedError, match="KAZ may not take a position for IND"):
        decision.take("IND", "object", sent_by="KAZ")


@given(cst.decisions(), st.sampled_from(["KAZ", "PGA", "CHAIRMANSHIP", "USA"]))
def test_only_the_chair_puts_a_subject_to_a_body(decision: cbm.Decision, actor: str) -> None:
    first = attrs.evolve(decision.acts[0], by=actor)
    with pytest.raises(cbm.NotAuthorizedError, match=r"acts\[0\]: .* only its chair"):
        cbm.Decision.from_acts((first, *decision.acts[1:]))
    with pytest.raises(cbm.NotAuthorizedError):
        cbm.consensus({}, body="CICA", on=DAY, by=actor)


def test_another_body_is_put_a_subject_by_its_own_chair() -> None:
    decision = cbm.consensus({"FRA": cbm.Position.SUPPORT}, body="UNGA", on=DAY)
    assert decision.acts[0] == cbm.ConsensusSought(by="PGA", body="UNGA", on=DAY)
    with pytest.raises(cbm.NotAuthorizedError):
        cbm.consensus({}, body="UNGA", on=DAY, by="SECRETARIAT")


def test_a_stream_must_open_with_the_subject_put() -> None:
    taken = cbm.PositionTaken("KAZ", "support")
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[0\]"):
        cbm.Decision.from_acts([taken])
    with pytest.raises(cbm.InvalidValueError, match="acts"):
        cbm.Decision.from_acts([])
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[1\]"):
        cbm.Decision.from_acts([_sought(), _sought()])
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[1\]: PositionTaken.statement"):
        cbm.Decision.from_acts([_sought(), cbm.PositionTaken("KAZ", "join_with_statement")])


def test_members_asked_must_be_members_on_the_day() -> None:
    with pytest.raises(cbm.NotAMemberError, match=r"acts\[0\]: KWT"):
        cbm.Decision.from_acts([_sought(on=date(2020, 1, 1), members=frozenset({"KWT"}))])
    decision = cbm.Decision.from_acts([_sought(members=frozenset({"KAZ", "IND"}))])
    with pytest.raises(cbm.NotAMemberError, match="not among the members taking"):
        decision.then(cbm.PositionTaken("CHN", "support"))


@given(cst.decisions())
def test_a_decision_contradicting_its_acts_is_refused(decision: cbm.Decision) -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"Decision\.subject"):
        attrs.evolve(decision, subject="(something else)")
    with pytest.raises(cbm.InvalidValueError):
        attrs.evolve(decision, acts=decision.acts[:1] + decision.acts[:1])


# --- JSON: the acts, read back only as the API would accept them ----------------------------


@given(st.one_of(cst.consensus_sought(), cst.positions_taken()))
def test_every_act_round_trips_through_json(act: object) -> None:
    assert cbm.from_json(cbm.to_json(act), type(act)) == act


@given(cst.decisions(dated=st.just(True)), st.data())
def test_a_json_position_moved_to_an_observer_is_refused(
    decision: cbm.Decision, data: st.DataObject
) -> None:
    document = json.loads(cbm.to_json(decision))
    acts = document["data"]["acts"]
    acts.append({"type": "PositionTaken", "by": data.draw(st.sampled_from(OBSERVERS))})
    acts[-1].update(position="support", statement=None)
    with pytest.raises(cbm.DeserializationError, match=rf"acts\[{len(acts) - 1}\]"):
        cbm.from_json(json.dumps(document), cbm.Decision)


@given(cst.decisions())
def test_a_json_decision_without_its_chair_or_its_first_act_is_refused(
    decision: cbm.Decision,
) -> None:
    document = json.loads(cbm.to_json(decision))
    document["data"]["acts"][0]["by"] = "KAZ"
    with pytest.raises(cbm.DeserializationError, match="only its chair"):
        cbm.from_json(json.dumps(document), cbm.Decision)
    document["data"]["acts"] = document["data"]["acts"][1:]
    with pytest.raises(cbm.DeserializationError):
        cbm.from_json(json.dumps(document), cbm.Decision)


def test_the_schema_of_a_decision_is_its_acts() -> None:
    schema = cbm.json_schema(cbm.Decision)
    data = schema["$defs"]["Decision"]
    assert data["required"] == ["acts"]
    variants = {v["title"] for v in schema["$defs"]["DecisionAct"]["oneOf"]}
    assert variants == {"ConsensusSought", "PositionTaken"}
