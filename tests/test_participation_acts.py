"""Activities and focal-points networks are their acts: replayed, re-checked, never stated."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.activity_acts import ActivityAct
from cica_cbm.core.consensus import authorized
from cica_cbm.core.focal_points import NetworkAct
from cica_cbm.core.participation import Activity, admission_subject
from cica_cbm.edges.strategies._actionplan import (
    activities,
    activity_acts,
    focal_point_networks,
    member_codes,
    network_acts,
)

PROC = cbm.samples.nct_g_1501()
PLAN = cbm.Implementation.of(cbm.samples.nct_g_1501_draft().action_plan).approve_covered(
    by=PROC, at=PROC.deadline
)
STARTS = datetime(2024, 9, 10, 10, 0, tzinfo=cbm.ASTANA)
BEFORE = STARTS - timedelta(days=10)
DAY = BEFORE.astimezone(cbm.ASTANA).date()
CONVERTER = cbm.make_converter()


def meeting() -> Activity:
    return Activity.volunteer(
        "TUR",
        id="bcm-experts-1",
        kind="meeting",
        title="CICA meeting of national experts on border control and management",
        item=PLAN.item("i.lead"),
        starts=STARTS,
    )


def admission(decision: cbm.Decision, body: str = "UNODC") -> cbm.Admitted:
    return cbm.Admitted(body, BEFORE, decision)


def good_decision(body: str = "UNODC") -> cbm.Decision:
    return cbm.consensus(
        {}, body="CICA", on=DAY, subject=admission_subject("bcm-experts-1", [body])
    )


def document(activity: Activity) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(cbm.to_json(activity))
    return loaded


def refused_on_load(doc: dict[str, Any], match: str) -> None:
    with pytest.raises(cbm.DeserializationError, match=match):
        cbm.from_json(json.dumps(doc), Activity)


# --- the protocol ------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(activity=activities())
def test_an_activity_is_what_its_acts_replay_to(activity: Activity) -> None:
    assert isinstance(activity.acts[0], cbm.Volunteered)
    assert Activity.from_acts(activity.acts) == activity
    assert Activity(activity.acts).participants == activity.participants
    assert cbm.from_json(cbm.to_json(activity), Activity) == activity


@settings(max_examples=60, deadline=None)
@given(activity=activities())
def test_every_act_names_its_actor(activity: Activity) -> None:
    for act in activity.acts:
        assert isinstance(act.by, str)
        assert act.by
        if isinstance(act, cbm.Joined | cbm.Left):
            assert cbm.is_member(act.by, activity.day)
        if isinstance(act, cbm.Arranged | cbm.Volunteered):
            assert act.by == activity.host
        if isinstance(act, cbm.Admitted):
            assert act.by == act.decision.body
            assert authorized(act.decision, act.at) is None


@settings(max_examples=60, deadline=None)
@given(activity=activities(), state=member_codes())
def test_then_is_the_api_and_the_replay(activity: Activity, state: str) -> None:
    at = activity.starts - timedelta(hours=1)
    act = cbm.Joined(state, at)
    try:
        by_api = activity.join(state, at=at)
    except cbm.CbmError as refused:
        with pytest.raises(type(refused)):
            activity.then(act)
        with pytest.raises(cbm.ParticipationError, match=rf"^acts\[{len(activity.acts)}\]: "):
            Activity.from_acts([*activity.acts, act])
    else:
        assert activity.then(act) == by_api == Activity.from_acts([*activity.acts, act])
        assert by_api.acts[-1] == act


@settings(max_examples=80, deadline=None)
@given(act=activity_acts())
def test_every_act_round_trips_through_json(act: cbm.Joined) -> None:
    assert cbm.from_json(cbm.to_json(act), type(act)) == act


@settings(max_examples=60, deadline=None)
@given(act=network_acts())
def test_every_network_act_round_trips_through_json(act: cbm.Nominated) -> None:
    assert cbm.from_json(cbm.to_json(act), type(act)) == act


@settings(max_examples=60, deadline=None)
@given(network=focal_point_networks())
def test_a_network_is_what_its_acts_replay_to(network: cbm.FocalPointsNetwork) -> None:
    assert isinstance(network.acts[0], cbm.NetworkFounded)
    assert cbm.FocalPointsNetwork.from_acts(network.acts) == network
    assert cbm.from_json(cbm.to_json(network), cbm.FocalPointsNetwork) == network
    nominated = {act.by for act in network.acts if isinstance(act, cbm.Nominated)}
    assert network.states <= nominated


# --- hostile records: each refused, the original unchanged -------------------------------------


@settings(max_examples=60, deadline=None)
@given(activity=activities(), data=st.data())
def test_a_bad_act_appended_is_refused_naming_its_index(
    activity: Activity, data: st.DataObject
) -> None:
    stranger = data.draw(member_codes().filter(lambda c: c != activity.host))
    outsider = data.draw(st.sampled_from(["USA", "JPN", "XXX"]))
    late = activity.starts + timedelta(seconds=data.draw(st.integers(0, 86_400)))
    before = activity.starts - timedelta(hours=1)
    bad = data.draw(
        st.sampled_from(
            [
                cbm.Arranged(stranger, None, venue="elsewhere"),  # another state's act
                cbm.Joined(activity.host, before),  # the host joins
                cbm.Joined(outsider, before),  # an observer or a stranger
                cbm.Joined(stranger, late),  # after the start
                cbm.Left(outsider, before),  # never joined
                activity.founding,  # founded twice
            ]
        )
    )
    snapshot = cbm.to_json(activity)
    index = len(activity.acts)
    with pytest.raises(cbm.ParticipationError, match=rf"^acts\[{index}\]: "):
        Activity.from_acts([*activity.acts, bad])  # type: ignore[list-item]
    with pytest.raises(cbm.CbmError):
        activity.then(bad)  # type: ignore[arg-type]
    doc = document(activity)
    doc["data"]["acts"].append(CONVERTER.unstructure(bad, ActivityAct))
    refused_on_load(doc, rf"acts\[{index}\]")
    assert cbm.to_json(activity) == snapshot


def test_a_participant_written_into_the_json_is_refused() -> None:
    doc = document(meeting().join("KAZ", at=BEFORE))
    doc["data"]["participants"] = ["CHN"]
    refused_on_load(doc, "participants")
    doc = document(meeting())
    doc["data"]["acts"][0]["participants"] = ["CHN"]
    refused_on_load(doc, "participants")


def test_a_join_put_in_another_states_name_is_refused_on_load() -> None:
    doc = document(meeting().join("KAZ", at=BEFORE))
    doc["data"]["acts"][1]["by"] = "TUR"
    refused_on_load(doc, r"acts\[1\]: .*TUR hosts it")


def test_the_states_acts_are_replayed_in_time_order() -> None:
    acts = [*meeting().acts, cbm.Joined("KAZ", BEFORE), cbm.Joined("CHN", BEFORE - timedelta(1))]
    with pytest.raises(cbm.ParticipationError, match=r"acts\[2\]: .*in time order"):
        Activity.from_acts(acts)
    joined = meeting().join("KAZ", at=BEFORE)
    with pytest.raises(cbm.ParticipationError, match="in time order"):
        joined.leave("KAZ", at=BEFORE - timedelta(seconds=1))


def test_joined_twice_and_left_without_joining_are_refused() -> None:
    founding = meeting().acts
    with pytest.raises(cbm.ParticipationError, match=r"acts\[2\]: .*already joined"):
        Activity.from_acts([*founding, cbm.Joined("KAZ", BEFORE), cbm.Joined("KAZ", BEFORE)])
    with pytest.raises(cbm.ParticipationError, match=r"acts\[1\]: .*not a participant"):
        Activity.from_acts([*founding, cbm.Left("KAZ", BEFORE)])
    with pytest.raises(cbm.ParticipationError, match=r"acts\[0\]: .*Volunteered act, first"):
        Activity([cbm.Joined("KAZ", BEFORE)])
    with pytest.raises(cbm.InvalidValueError):
        Activity([])


def test_a_state_cannot_join_before_the_host_volunteered() -> None:
    early = Activity.volunteer(
        "TUR",
        id="m2",
        kind="meeting",
        title="t",
        item=PLAN.item("i.lead"),
        starts=STARTS,
        at=BEFORE,
    )
    with pytest.raises(cbm.ParticipationError, match="volunteered only at"):
        early.join("KAZ", at=BEFORE - timedelta(days=1))
    assert early.join("KAZ", at=BEFORE).participants == {"KAZ"}
    with pytest.raises(cbm.ParticipationError, match="volunteered only at"):
        early.admit("UNODC", by=good_decision(), at=BEFORE - timedelta(days=1))
    with pytest.raises(cbm.ParticipationError, match="volunteered only at"):
        early.arrange(by="TUR", venue="Ankara", at=BEFORE - timedelta(days=1))


SMALLER = cbm.consensus({}, {"KAZ", "TUR"}, subject=admission_subject("bcm-experts-1", ["UNODC"]))
NOT_ADOPTED = cbm.consensus(
    {"IND": cbm.Position.OBJECT},
    body="CICA",
    on=DAY,
    subject=admission_subject("bcm-experts-1", ["UNODC"]),
)
LATER = cbm.consensus(
    {},
    body="CICA",
    on=DAY + timedelta(days=1),
    subject=admission_subject("bcm-experts-1", ["UNODC"]),
)
OTHER_SUBJECT = cbm.consensus(
    {}, body="CICA", on=DAY, subject=admission_subject("other-1", ["UNODC"])
)
OSCE = cbm.consensus({}, body="OSCE", on=DAY, subject=admission_subject("bcm-experts-1", ["UNODC"]))
BAD_ADMISSIONS: list[tuple[str, cbm.Decision, str]] = [
    ("a smaller circle", SMALLER, "smaller circle"),
    ("not adopted", NOT_ADOPTED, "not adopted"),
    ("dated after the admission", LATER, "after"),
    ("on another subject", OTHER_SUBJECT, "does not admit UNODC"),
    ("of another body", OSCE, "taken in OSCE"),
]


@pytest.mark.parametrize(
    ("decision", "why"),
    [(d, w) for _, d, w in BAD_ADMISSIONS],
    ids=[i for i, _, _ in BAD_ADMISSIONS],
)
def test_an_admission_without_the_member_states_is_refused_everywhere(
    decision: cbm.Decision, why: str
) -> None:
    activity = meeting().join("KAZ", at=BEFORE)
    snapshot = cbm.to_json(activity)
    with pytest.raises(cbm.ParticipationError, match=why):
        activity.admit("UNODC", by=decision, at=BEFORE)
    with pytest.raises(cbm.ParticipationError, match=why):
        activity.then(admission(decision))
    with pytest.raises(cbm.ParticipationError, match=rf"^acts\[2\]: .*{why}"):
        Activity.from_acts([*activity.acts, admission(decision)])
    good = document(activity.admit("UNODC", by=good_decision(), at=BEFORE))
    good["data"]["acts"][2]["decision"] = CONVERTER.unstructure(decision, cbm.Decision)
    good["data"]["acts"][2]["by"] = decision.body
    refused_on_load(good, why)
    assert cbm.to_json(activity) == snapshot


def test_an_admission_named_for_a_body_other_than_the_deciding_one_is_refused() -> None:
    forged = attrs.evolve(admission(good_decision()), by="KAZ")
    with pytest.raises(cbm.ParticipationError, match=r"acts\[1\]: KAZ may not admit"):
        Activity.from_acts([*meeting().acts, forged])


def test_an_admission_after_the_start_is_refused() -> None:
    late = attrs.evolve(admission(good_decision()), at=STARTS + timedelta(minutes=1))
    with pytest.raises(cbm.ParticipationError, match="after the activity began"):
        meeting().then(late)


def test_an_admission_by_a_good_decision_replays() -> None:
    admitted = meeting().admit("UNODC", by=good_decision(), at=BEFORE)
    assert admitted.bodies == {"UNODC"}
    assert Activity.from_acts(admitted.acts) == admitted
    assert cbm.from_json(cbm.to_json(admitted), Activity).bodies == {"UNODC"}


def test_arranging_nothing_records_nothing_but_still_needs_the_host() -> None:
    activity = meeting()
    assert activity.arrange(by="TUR") is activity
    with pytest.raises(cbm.NotAuthorizedError):
        activity.arrange(by="KAZ")
    with pytest.raises(cbm.InvalidValueError, match="at least one"):
        activity.then(cbm.Arranged("TUR"))


# --- focal-points networks ---------------------------------------------------------------------

NETWORK = cbm.FocalPointsNetwork.of("border_control", "i.1").nominate(
    "TUR", "Border department", on=date(2024, 3, 1)
)
BAD_NETWORK_ACTS: list[tuple[str, object, str]] = [
    ("by an observer", cbm.Nominated("USA", date(2024, 4, 1), "x"), "USA"),
    ("back in time", cbm.Nominated("KAZ", date(2024, 2, 1), "x"), "on or after"),
    ("withdrawn unnominated", cbm.NominationWithdrawn("KAZ", date(2024, 4, 1)), "focal point"),
    ("founded twice", cbm.NetworkFounded("border_control", "i.1"), "Nominated or"),
    ("no contact", cbm.Nominated("KAZ", date(2024, 4, 1), " "), "contact"),
]


@pytest.mark.parametrize(
    ("act", "why"),
    [(a, w) for _, a, w in BAD_NETWORK_ACTS],
    ids=[i for i, _, _ in BAD_NETWORK_ACTS],
)
def test_a_bad_network_act_is_refused_everywhere(act: Any, why: str) -> None:
    snapshot = cbm.to_json(NETWORK)
    with pytest.raises(cbm.CbmError, match=why):
        NETWORK.then(act)
    with pytest.raises(cbm.InvalidValueError, match=rf"acts\[2\].*{why}"):
        cbm.FocalPointsNetwork.from_acts([*NETWORK.acts, act])
    doc = json.loads(snapshot)
    doc["data"]["acts"].append(CONVERTER.unstructure(act, NetworkAct))
    with pytest.raises(cbm.DeserializationError, match=why):
        cbm.from_json(json.dumps(doc), cbm.FocalPointsNetwork)
    assert cbm.to_json(NETWORK) == snapshot


def test_a_network_founded_by_a_state_or_stating_its_points_is_refused() -> None:
    with pytest.raises(cbm.InvalidValueError, match="acts\\[0\\]"):
        cbm.FocalPointsNetwork([cbm.NetworkFounded("border_control", "i.1", by="KAZ")])
    doc = json.loads(cbm.to_json(NETWORK))
    doc["data"]["points"] = [{"state": "KAZ", "contact": "x", "since": "2024-03-01"}]
    with pytest.raises(cbm.DeserializationError, match="points"):
        cbm.from_json(json.dumps(doc), cbm.FocalPointsNetwork)


@settings(max_examples=40, deadline=None)
@given(network=focal_point_networks(), state=member_codes(), actor=member_codes())
def test_a_state_acts_only_for_its_own_focal_point(
    network: cbm.FocalPointsNetwork, state: str, actor: str
) -> None:
    on = network.last_act_on or date(2027, 1, 1)
    acts: list[Callable[[], object]] = [
        lambda: network.nominate(state, "x", on=on, by=actor),
        lambda: network.withdraw(state, on=on, by=actor),
    ]
    for act in acts:
        if actor != state:
            with pytest.raises(cbm.NotAuthorizedError):
                act()
