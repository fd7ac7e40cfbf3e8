"""Consensus: adopted when no Member State objects (Concept Paper III.1, RoP Art. 1)."""

from __future__ import annotations

import json
import math
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.states import all_member_states
from cica_cbm.edges import strategies as cst

MEMBERS = frozenset(s.code for s in cbm.member_states(on=date(2023, 12, 13)))
NON_BLOCKING = [p for p in cbm.Position if p is not cbm.Position.OBJECT]

codes = st.sampled_from(sorted(MEMBERS))
plain = st.sampled_from(NON_BLOCKING).map(
    lambda p: cbm.Stance(p, "our reading") if p is cbm.Position.JOIN_WITH_STATEMENT else p
)
non_objecting = st.dictionaries(codes, plain)
anything = st.dictionaries(codes, plain | st.just(cbm.Position.OBJECT))


@given(non_objecting)
def test_a_decision_with_no_objection_is_adopted(positions: dict[str, object]) -> None:
    """Abstaining, staying silent or joining with a statement never blocks."""
    decision = cbm.consensus(positions, members=MEMBERS)  # type: ignore[arg-type]
    assert decision.adopted
    assert decision.objections == frozenset()
    assert decision.silent == MEMBERS - positions.keys()


@given(anything)
def test_a_decision_is_adopted_exactly_when_no_member_objects(
    positions: dict[str, object],
) -> None:
    decision = cbm.consensus(positions, members=MEMBERS)  # type: ignore[arg-type]
    objecting = {code for code, p in positions.items() if p is cbm.Position.OBJECT}
    assert decision.objections == objecting
    assert decision.adopted is (not objecting)


@given(anything, codes, plain)
def test_adding_a_non_objecting_position_never_blocks_an_adopted_decision(
    positions: dict[str, object], code: str, position: object
) -> None:
    before = cbm.consensus(positions, members=MEMBERS)  # type: ignore[arg-type]
    if positions.get(code) is cbm.Position.OBJECT:
        return  # replacing an objection is not adding a position
    after = cbm.consensus({**positions, code: position}, members=MEMBERS)  # type: ignore[dict-item]
    assert before.adopted <= after.adopted


@given(anything, codes)
def test_adding_an_objection_always_blocks(positions: dict[str, object], code: str) -> None:
    after = cbm.consensus({**positions, code: cbm.Position.OBJECT}, members=MEMBERS)  # type: ignore[dict-item]
    assert not after.adopted
    assert code in after.objections
    assert any(f.decisive and code in f.message for f in after.findings)


def test_unanimity_is_not_required() -> None:
    decision = cbm.consensus(
        {"KAZ": cbm.Position.SUPPORT, "IND": cbm.Position.ABSTAIN}, members=MEMBERS
    )
    assert decision.adopted
    assert len(decision.silent) == 26


@given(st.sampled_from([o.id for o in cbm.observers()]) | st.just("XXX"), plain)
def test_a_position_from_a_non_member_is_refused(code: str, position: object) -> None:
    with pytest.raises(cbm.NotAMemberError, match=code):
        cbm.consensus({code: position}, members=MEMBERS)  # type: ignore[dict-item]


def test_statements_and_reservations_are_kept_with_the_decision() -> None:
    decision = cbm.consensus(
        {
            "IND": cbm.Stance(cbm.Position.JOIN_WITH_STATEMENT, "An interpretative statement."),
            "CHN": cbm.Stance(cbm.Position.ABSTAIN, "An explanation of position."),
            "KAZ": cbm.Position.SUPPORT,
        },
        members=MEMBERS,
    )
    assert decision.adopted
    assert decision.statements == (
        cbm.Statement("CHN", cbm.Position.ABSTAIN, "An explanation of position."),
        cbm.Statement("IND", cbm.Position.JOIN_WITH_STATEMENT, "An interpretative statement."),
    )
    recorded = [f.message for f in decision.findings if f.rule == "CONSENSUS-STATEMENT"]
    assert recorded == [
        "CHN (abstain) put on record: An explanation of position.",
        "IND (join_with_statement) put on record: An interpretative statement.",
    ]


@pytest.mark.parametrize("statement", [None, "", "   "])
def test_joining_with_a_statement_needs_the_statement(statement: str | None) -> None:
    with pytest.raises(cbm.InvalidValueError, match="statement"):
        cbm.consensus(
            {"IND": cbm.Stance(cbm.Position.JOIN_WITH_STATEMENT, statement)}, members=MEMBERS
        )


@given(st.sets(codes, min_size=1), st.data())
def test_the_quorum_is_two_thirds_of_the_members_present(
    members: set[str], data: st.DataObject
) -> None:
    present = data.draw(st.sets(st.sampled_from(sorted(members))))
    decision = cbm.consensus(
        dict.fromkeys(present, cbm.Position.SUPPORT), members=members, quorum=True
    )
    met = 3 * len(present) >= 2 * len(members)
    assert decision.adopted is met
    rule = "CONSENSUS-QUORUM" if met else "CONSENSUS-NO-QUORUM"
    found = [f for f in decision.findings if f.rule == rule]
    assert len(found) == 1
    assert found[0].clause == "Rules of Procedure Art. 1 (quorum of two thirds)"
    assert f"at least {math.ceil(2 * len(members) / 3)}" in found[0].message


def test_without_a_quorum_check_no_quorum_finding_is_made() -> None:
    decision = cbm.consensus({}, members=MEMBERS)
    assert decision.adopted
    assert not [f for f in decision.findings if "QUORUM" in f.rule]


@given(cst.decisions())
def test_every_decision_is_explained_by_a_decisive_finding_that_cites_a_clause(
    decision: cbm.Decision,
) -> None:
    deciding = [f for f in decision.findings if f.decisive]
    if decision.adopted:
        assert [f.rule for f in deciding] == ["CONSENSUS-ADOPTED"]
    else:
        assert deciding
        assert {f.rule for f in deciding} <= {"CONSENSUS-OBJECTION", "CONSENSUS-NO-QUORUM"}
    for finding in decision.findings:
        assert finding.clause


@pytest.mark.parametrize("members", ["KAZ", 5])
def test_members_must_be_a_collection_of_codes(members: object) -> None:
    with pytest.raises(cbm.InvalidValueError, match="members"):
        cbm.consensus({}, members=members)  # type: ignore[arg-type]


def test_positions_must_be_a_mapping() -> None:
    with pytest.raises(cbm.InvalidValueError, match="positions"):
        cbm.consensus([("KAZ", cbm.Position.SUPPORT)], members=MEMBERS)  # type: ignore[arg-type]


def test_an_unknown_position_is_refused_with_the_values_allowed() -> None:
    with pytest.raises(cbm.InvalidValueError, match="Position"):
        cbm.consensus({"KAZ": "maybe"}, members=MEMBERS)  # type: ignore[dict-item]


def test_only_an_objection_blocks() -> None:
    assert [p for p in cbm.Position if p.blocks] == [cbm.Position.OBJECT]


@pytest.mark.parametrize("outsider", ["USA", "OSCE", "ZZZ", "kaz"])
def test_members_that_are_not_member_states_are_refused(outsider: str) -> None:
    """An observer, an organisation or an unknown code listed among members cannot block."""
    with pytest.raises(cbm.NotAMemberError, match=outsider):
        cbm.consensus({outsider: cbm.Position.OBJECT}, members=["KAZ", outsider])


# --- who decided, and when (SPEC section 4) ---------------------------------------------------

CICA = cbm.BODIES["CICA"]
DAYS = cst.days(date(1999, 9, 14), date(2030, 12, 31))


@given(DAYS)
def test_a_body_decides_with_its_members_of_the_day(day: date) -> None:
    """Members default to the body's members on ``on``; the decision names its body and day."""
    decision = cbm.consensus({}, body=CICA, on=day)
    assert (decision.body, decision.on) == ("CICA", day)
    assert decision.members == CICA.members(on=day)
    assert decision.adopted


def test_the_older_form_is_undated_and_of_cica() -> None:
    decision = cbm.consensus({"KAZ": cbm.Position.SUPPORT}, members={"KAZ", "IND"})
    assert (decision.body, decision.on, decision.quorum) == ("CICA", None, None)


def test_a_day_alone_means_cica() -> None:
    day = date(2024, 1, 11)
    assert cbm.consensus({}, on=day) == cbm.consensus({}, body="CICA", on=day)


@given(DAYS, st.sampled_from(sorted({s.code for s in all_member_states()} | {"USA", "XXX"})))
def test_a_position_from_a_non_member_of_the_day_is_refused(day: date, code: str) -> None:
    """Only those who decide there on that day take a position; the error says who and why."""
    if CICA.is_member(code, day, certain=False):
        return
    with pytest.raises(cbm.NotAMemberError) as caught:
        cbm.consensus({code: cbm.Position.SUPPORT}, body=CICA, on=day)
    assert caught.value.code == code
    assert caught.value.reason == CICA.why_not_member(code, day)


def test_an_observer_is_refused_as_an_observer() -> None:
    with pytest.raises(cbm.NotAMemberError, match="observer"):
        cbm.consensus({"USA": cbm.Position.OBJECT}, body=CICA, on=date(2024, 1, 11))


def test_a_state_before_its_accession_is_refused_with_the_day() -> None:
    with pytest.raises(cbm.NotAMemberError, match=r"KWT.*not a member of CICA on 2020-01-01"):
        cbm.consensus({"KWT": cbm.Position.SUPPORT}, body=CICA, on=date(2020, 1, 1))


def test_a_body_needs_its_day() -> None:
    with pytest.raises(cbm.InvalidValueError, match="on"):
        cbm.consensus({}, body=CICA)


def test_another_body_decides_among_its_own_members() -> None:
    day = date(2024, 1, 11)
    decision = cbm.consensus({"USA": cbm.Position.SUPPORT}, body="UNGA", on=day)
    assert decision.body == "UNGA"
    assert decision.members == cbm.BODIES["UNGA"].members(on=day)


@given(st.data())
def test_the_quorum_counts_every_member_of_the_day(data: st.DataObject) -> None:
    """Rules of Procedure Art. 1: two thirds of the Member States, even if fewer are named."""
    day = date(2024, 1, 11)
    everyone = sorted(CICA.members(on=day))
    present = data.draw(st.sets(st.sampled_from(everyone)))
    decision = cbm.consensus(
        dict.fromkeys(present, cbm.Position.SUPPORT), body=CICA, on=day, quorum=True
    )
    needed = math.ceil(2 * len(everyone) / 3)
    assert decision.quorum == needed
    assert decision.adopted == (len(present) >= needed)
    if not decision.adopted:
        decisive = [f for f in decision.findings if f.decisive]
        assert [f.rule for f in decisive] == ["CONSENSUS-NO-QUORUM"]


# --- a Decision checks itself, from code or from JSON -------------------------------------------


@given(cst.decisions())
def test_every_decision_round_trips_through_json(decision: cbm.Decision) -> None:
    assert cbm.from_json(cbm.to_json(decision), cbm.Decision) == decision


@given(cst.decisions())
def test_a_decision_travels_as_its_acts(decision: cbm.Decision) -> None:
    """Its JSON is its acts, the chair's first: nothing derived to contradict them."""
    document = json.loads(cbm.to_json(decision))
    assert list(document["data"]) == ["acts"]
    assert document["data"]["acts"][0]["type"] == "ConsensusSought"
    assert len(document["data"]["acts"]) == 1 + len(decision.positions)


def test_a_json_decision_adopted_over_an_objection_cannot_be_written() -> None:
    """The old forgery, "adopted": true over an objection, has no field left to sit in."""
    blocked = cbm.consensus({"IND": cbm.Position.OBJECT}, body=CICA, on=date(2024, 1, 11))
    document = json.loads(cbm.to_json(blocked))
    document["data"]["adopted"] = True
    with pytest.raises(cbm.DeserializationError, match="adopted"):
        cbm.from_json(json.dumps(document), cbm.Decision)
    del document["data"]["adopted"]
    document["data"]["acts"][1]["position"] = "support"  # a changed act is a different record
    assert cbm.from_json(json.dumps(document), cbm.Decision).adopted


def test_a_decision_built_by_hand_over_an_objection_is_refused() -> None:
    blocked = cbm.consensus({"IND": cbm.Position.OBJECT}, members={"IND", "KAZ"})
    with pytest.raises(cbm.InvalidValueError, match="adopted"):
        attrs.evolve(blocked, adopted=True)
    with pytest.raises(cbm.InvalidValueError, match="positions"):
        attrs.evolve(blocked, members=frozenset({"KAZ"}))
