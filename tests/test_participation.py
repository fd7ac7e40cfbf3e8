"""Participation is voluntary: hosts, joining, leaving, requests, bodies, focal points."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

import cica_cbm as cbm
from cica_cbm.core.participation import Activity, admission_subject
from cica_cbm.edges.strategies._actionplan import (
    activities,
    focal_point_networks,
    member_codes,
    readers,
)

SEED_NOTE = cbm.samples.nct_g_1501_note()
SEED_DRAFT = cbm.samples.nct_g_1501_draft()


PROC = cbm.samples.nct_g_1501()
MEMBERS = [s.code for s in cbm.member_states(on=SEED_NOTE.date)]
APPROVED = cbm.Implementation.of(SEED_DRAFT.action_plan).approve_covered(by=PROC, at=PROC.deadline)
STARTS = datetime(2024, 9, 10, 10, 0, tzinfo=cbm.ASTANA)
BEFORE = STARTS - timedelta(days=10)
OBSERVERS = [o.id for o in cbm.observers()]


def experts_meeting(**kwargs: object) -> Activity:
    values: dict[str, object] = {
        "id": "bcm-experts-1",
        "kind": cbm.ActivityKind.MEETING,
        "title": "CICA meeting of national experts on border control and management",
        "item": APPROVED.item("i.lead"),
        "starts": STARTS,
    }
    values.update(kwargs)
    return Activity.volunteer("TUR", **values)  # type: ignore[arg-type]


def admit_decision(activity: str, bodies: list[str], objector: str | None = None) -> cbm.Decision:
    positions = {objector: cbm.Position.OBJECT} if objector else {}
    return cbm.consensus(positions, MEMBERS, subject=admission_subject(activity, bodies))


# --- hosting -----------------------------------------------------------------------------------


def test_a_host_volunteers_for_an_approved_item() -> None:
    meeting = experts_meeting()
    assert meeting.host == "TUR"
    assert meeting.item == "i.lead"
    assert meeting.states == {"TUR"}
    assert meeting.participants == frozenset()
    assert meeting.day == date(2024, 9, 10)


def test_no_activity_is_held_under_an_item_still_proposed() -> None:
    with pytest.raises(cbm.ParticipationError, match=r"i\.2 is proposed"):
        experts_meeting(item=APPROVED.item("i.2"))


@pytest.mark.parametrize("host", ["USA", "OSCE", "XXX"])
def test_only_a_member_state_hosts(host: str) -> None:
    with pytest.raises(cbm.NotAMemberError):
        Activity.volunteer(
            host,
            id="m",
            kind="meeting",
            title="t",
            item=APPROVED.item("ii.lead"),
            starts=STARTS,
        )


def test_the_host_alone_sets_venue_form_terms_and_modalities() -> None:
    meeting = experts_meeting().arrange(by="TUR", venue="Ankara", form="in person")
    meeting = meeting.arrange(by="TUR", modalities="simultaneous interpretation")
    assert meeting.arrangements == cbm.Arrangements(
        venue="Ankara", form="in person", modalities="simultaneous interpretation"
    )


@settings(max_examples=50, deadline=None)
@given(activity=activities(), actor=readers(), venue=st.text(min_size=1, max_size=10))
def test_anyone_but_the_host_is_refused_arrangements_and_nothing_changes(
    activity: Activity, actor: str, venue: str
) -> None:
    if actor == activity.host:
        return
    snapshot = cbm.to_json(activity)
    with pytest.raises(cbm.NotAuthorizedError) as refused:
        activity.arrange(by=actor, venue=venue)
    assert refused.value.actor == actor
    assert refused.value.subject == activity.host
    assert cbm.to_json(activity) == snapshot


# --- joining and leaving -----------------------------------------------------------------------


def test_a_state_joins_and_leaves_for_itself_before_the_activity() -> None:
    meeting = experts_meeting().join("KAZ", at=BEFORE).join("CHN", at=BEFORE, by="CHN")
    assert meeting.participants == {"KAZ", "CHN"}
    meeting = meeting.leave("KAZ", at=STARTS - timedelta(microseconds=1))
    assert meeting.participants == {"CHN"}


@settings(max_examples=80, deadline=None)
@given(activity=activities(), state=member_codes(), actor=readers(), join=st.booleans())
def test_acting_for_another_state_is_refused_and_changes_nothing(
    activity: Activity, state: str, actor: str, join: bool
) -> None:
    if actor == state:
        return
    at = activity.starts - timedelta(hours=1)
    snapshot = cbm.to_json(activity)
    act = activity.join if join else activity.leave
    with pytest.raises(cbm.NotAuthorizedError):
        act(state, at=at, by=actor)
    assert cbm.to_json(activity) == snapshot


@settings(max_examples=80, deadline=None)
@given(activity=activities(), state=member_codes(), join=st.booleans(), late=st.booleans())
def test_a_state_joins_or_leaves_exactly_when_the_rules_allow(
    activity: Activity, state: str, join: bool, late: bool
) -> None:
    at = activity.starts + (timedelta(0) if late else -timedelta(seconds=1))
    snapshot = cbm.to_json(activity)
    if join:
        ok = not late and state != activity.host and state not in activity.participants
        if ok:
            assert activity.join(state, at=at).participants == activity.participants | {state}
        else:
            with pytest.raises(cbm.ParticipationError):
                activity.join(state, at=at)
    else:
        ok = not late and state in activity.participants
        if ok:
            assert activity.leave(state, at=at).participants == activity.participants - {state}
        else:
            with pytest.raises(cbm.ParticipationError):
                activity.leave(state, at=at)
    assert cbm.to_json(activity) == snapshot


@pytest.mark.parametrize("code", [*OBSERVERS, "XXX"])
def test_observers_and_non_members_cannot_join(code: str) -> None:
    with pytest.raises(cbm.NotAMemberError, match=code):
        experts_meeting().join(code, at=BEFORE)


def test_a_state_not_yet_a_member_on_the_day_cannot_join() -> None:
    early = datetime(2022, 3, 1, tzinfo=cbm.ASTANA)
    meeting = experts_meeting(starts=early)
    with pytest.raises(cbm.NotAMemberError, match="KWT"):
        meeting.join("KWT", at=early - timedelta(days=1))


def test_the_host_does_not_join_its_own_activity() -> None:
    with pytest.raises(cbm.ParticipationError, match="hosts it"):
        experts_meeting().join("TUR", at=BEFORE)


def test_participants_are_only_what_the_acts_fold_to() -> None:
    # the constructor takes the acts alone: a list of participants cannot even be stated
    with pytest.raises(TypeError):
        Activity(participants={"KAZ"})  # type: ignore[call-arg]
    with pytest.raises(cbm.ParticipationError, match=r"acts\[1\]: .*hosts it"):
        Activity.from_acts([*experts_meeting().acts, cbm.Joined("TUR", BEFORE)])


# --- requests ----------------------------------------------------------------------------------


def test_a_training_seminar_names_the_requesting_state() -> None:
    item = cbm.ActionItem("i.2", cbm.ItemKind.FURTHER_STEP, "training", cbm.ItemStatus.APPROVED)
    training = Activity.volunteer(
        "KAZ",
        id="tdf-1",
        kind="training_seminar",
        title="Travel document forgery",
        item=item,
        starts=STARTS,
        requested_by="KGZ",
    )
    assert training.requested_by == "KGZ"
    with pytest.raises(cbm.InvalidValueError, match="upon request"):
        Activity.volunteer(
            "KAZ", id="t2", kind="training_seminar", title="x", item=item, starts=STARTS
        )
    with pytest.raises(cbm.NotAMemberError):
        Activity.volunteer(
            "KAZ",
            id="t3",
            kind="training_seminar",
            title="x",
            item=item,
            starts=STARTS,
            requested_by="JPN",
        )


TRAINING_ITEM = cbm.ActionItem(
    "i.2", cbm.ItemKind.FURTHER_STEP, "training", cbm.ItemStatus.APPROVED
)


def test_a_training_seminar_is_organised_upon_a_members_request() -> None:
    request = cbm.TrainingRequest.make(
        "KGZ", item="i.2", topic="Travel document forgery", on=date(2024, 5, 1)
    )
    training = Activity.upon_request(
        request,
        "TUR",
        id="tdf-2",
        title="Travel document forgery",
        item=TRAINING_ITEM,
        starts=STARTS,
    )
    assert training.kind is cbm.ActivityKind.TRAINING_SEMINAR
    assert training.requested_by == "KGZ"
    assert cbm.from_json(cbm.to_json(request), cbm.TrainingRequest) == request


@settings(max_examples=40, deadline=None)
@given(state=member_codes(), sender=readers())
def test_a_state_requests_training_only_for_itself(state: str, sender: str) -> None:
    if sender == state:
        assert (
            cbm.TrainingRequest.make(
                state, item="i.2", topic="t", on=date(2024, 5, 1), sent_by=sender
            ).by
            == state
        )
    else:
        with pytest.raises(cbm.NotAuthorizedError):
            cbm.TrainingRequest.make(
                state, item="i.2", topic="t", on=date(2024, 5, 1), sent_by=sender
            )


def test_a_request_from_an_observer_or_for_another_item_or_too_early_is_refused() -> None:
    with pytest.raises(cbm.NotAMemberError):
        cbm.TrainingRequest.make("JPN", item="i.2", topic="t", on=date(2024, 5, 1))
    request = cbm.TrainingRequest.make("KGZ", item="i.2", topic="t", on=date(2024, 9, 10))
    with pytest.raises(cbm.InvalidValueError, match="requested item"):
        Activity.upon_request(
            request, "TUR", id="x", title="t", item=APPROVED.item("i.lead"), starts=STARTS
        )
    with pytest.raises(cbm.ParticipationError, match="not after the request"):
        Activity.upon_request(request, "TUR", id="x", title="t", item=TRAINING_ITEM, starts=STARTS)


# --- international bodies ----------------------------------------------------------------------


def test_a_body_takes_part_after_an_adopted_decision_that_names_it() -> None:
    meeting = experts_meeting().admit("UNODC", by=admit_decision("bcm-experts-1", ["UNODC"]))
    assert meeting.bodies == {"UNODC"}


@settings(max_examples=60, deadline=None)
@given(
    named=st.lists(st.sampled_from(["UNODC", "IOM", "INTERPOL"]), min_size=1, unique=True),
    body=st.sampled_from(["UNODC", "IOM", "INTERPOL"]),
    objector=st.none() | member_codes(),
    same_activity=st.booleans(),
)
def test_a_body_is_admitted_exactly_when_an_adopted_decision_names_it(
    named: list[str], body: str, objector: str | None, same_activity: bool
) -> None:
    meeting = experts_meeting()
    decision = admit_decision("bcm-experts-1" if same_activity else "other-1", named, objector)
    if decision.adopted and same_activity and body in named:
        assert meeting.admit(body, by=decision).bodies == {body}
    else:
        with pytest.raises(cbm.ParticipationError):
            meeting.admit(body, by=decision)
    assert meeting.bodies == frozenset()


def test_anything_but_a_decision_does_not_admit_a_body() -> None:
    with pytest.raises(cbm.ParticipationError, match="consensus Decision"):
        experts_meeting().admit("UNODC", by="TUR")  # type: ignore[arg-type]


# --- focal points ------------------------------------------------------------------------------


def test_each_state_nominates_and_replaces_its_own_focal_point() -> None:
    network = cbm.FocalPointsNetwork.of(cbm.FocalArea.BORDER_CONTROL, "i.1")
    network = network.nominate("TUR", "Border department", on=date(2024, 3, 1))
    network = network.nominate("KAZ", "Border service", on=date(2024, 3, 2), by="KAZ")
    network = network.nominate("TUR", "Migration directorate", on=date(2024, 5, 1))
    point = network.focal_point("TUR")
    assert point == cbm.FocalPoint("TUR", "Migration directorate", date(2024, 5, 1))
    assert network.states == {"TUR", "KAZ"}
    assert network.withdraw("KAZ", on=date(2024, 5, 2)).states == {"TUR"}


@settings(max_examples=60, deadline=None)
@given(network=focal_point_networks(), state=member_codes(), actor=readers())
def test_nobody_nominates_or_withdraws_another_states_focal_point(
    network: cbm.FocalPointsNetwork, state: str, actor: str
) -> None:
    if actor == state:
        return
    snapshot = cbm.to_json(network)
    with pytest.raises(cbm.NotAuthorizedError):
        network.nominate(state, "someone", on=date(2027, 1, 1), by=actor)
    with pytest.raises(cbm.NotAuthorizedError):
        network.withdraw(state, on=date(2027, 1, 1), by=actor)
    assert cbm.to_json(network) == snapshot


@settings(max_examples=60, deadline=None)
@given(network=focal_point_networks(), state=member_codes())
def test_a_nomination_replaces_only_that_states_point(
    network: cbm.FocalPointsNetwork, state: str
) -> None:
    # a nomination never goes back in time: nominate on the day of the network's last act
    on = network.last_act_on or date(2027, 1, 1)
    after = network.nominate(state, "new contact", on=on)
    assert after.focal_point(state) == cbm.FocalPoint(state, "new contact", on)
    assert [p for p in after.points if p.state != state] == [
        p for p in network.points if p.state != state
    ]


def test_observers_have_no_focal_point_and_replacements_do_not_go_back_in_time() -> None:
    network = cbm.FocalPointsNetwork.of("economic_crimes", "iii.lead")
    with pytest.raises(cbm.NotAMemberError):
        network.nominate("USA", "x", on=date(2024, 1, 1))
    network = network.nominate("CHN", "x", on=date(2024, 6, 1))
    with pytest.raises(cbm.InvalidValueError, match="on or after"):
        network.nominate("CHN", "y", on=date(2024, 5, 1))
    with pytest.raises(cbm.InvalidValueError):
        network.withdraw("IND", on=date(2024, 6, 2))


# --- participation decides nothing -------------------------------------------------------------

ACTS = st.lists(
    st.tuples(st.sampled_from(["join", "leave", "arrange", "admit"]), member_codes(), readers()),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(
    activity=activities(),
    acts=ACTS,
    objection_day=st.none() | st.integers(0, 40),
    positions=st.dictionaries(
        member_codes(),
        st.sampled_from([p for p in cbm.Position if p is not cbm.Position.JOIN_WITH_STATEMENT]),
        max_size=5,
    ),
)
def test_participation_never_changes_a_decision_or_a_procedures_outcome(
    activity: Activity,
    acts: list[tuple[str, str, str]],
    objection_day: int | None,
    positions: dict[str, cbm.Position],
) -> None:
    proc = PROC
    if objection_day is not None:
        when = PROC.opened_at + timedelta(days=objection_day)
        proc = PROC.object(by="IND", at=when, text="objection")
    subject = admission_subject(activity.id, ["UNODC"])
    decision = cbm.consensus(positions, MEMBERS, subject=subject)
    instants = [PROC.deadline - timedelta(days=1), PROC.deadline, PROC.deadline + timedelta(days=9)]
    outcomes = [proc.outcome(at=t) for t in instants]
    decision_json = cbm.to_json(decision)
    plan_json = cbm.to_json(APPROVED)
    at = activity.starts - timedelta(days=1)
    for act, state, actor in acts:
        try:
            if act == "join":
                activity = activity.join(state, at=at, by=actor)
            elif act == "leave":
                activity = activity.leave(state, at=at, by=actor)
            elif act == "arrange":
                activity = activity.arrange(by=actor, venue=f"venue of {state}")
            else:
                activity = activity.admit("UNODC", by=decision)
        except cbm.CbmError:
            pass
    assert [proc.outcome(at=t) for t in instants] == outcomes
    assert cbm.to_json(decision) == decision_json
    assert cbm.to_json(APPROVED) == plan_json
    taken_again = cbm.consensus(positions, MEMBERS, subject=subject)
    assert taken_again == decision


# --- JSON --------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(activity=activities())
def test_an_activity_round_trips_through_json(activity: Activity) -> None:
    assert cbm.from_json(cbm.to_json(activity), Activity) == activity


@settings(max_examples=40, deadline=None)
@given(network=focal_point_networks())
def test_a_network_round_trips_through_json(network: cbm.FocalPointsNetwork) -> None:
    assert cbm.from_json(cbm.to_json(network), cbm.FocalPointsNetwork) == network


def test_an_activity_travels_as_this_json_document() -> None:
    meeting = experts_meeting().join("KAZ", at=BEFORE).arrange(by="TUR", venue="Ankara")
    assert cbm.to_json(meeting) == (
        '{"format": "cica_cbm", "schema": 1, "type": "Activity", "data": {"acts": ['
        '{"by": "TUR", "id": "bcm-experts-1", "kind": "meeting", '
        '"title": "CICA meeting of national experts on border control and management", '
        '"item": "i.lead", "starts": "2024-09-10T05:00:00.000000+00:00", '
        '"arrangements": {"venue": null, "form": null, "terms": null, "modalities": null}, '
        '"requested_by": null, "at": null, "type": "Volunteered"}, '
        '{"by": "KAZ", "at": "2024-08-31T05:00:00.000000+00:00", "type": "Joined"}, '
        '{"by": "TUR", "at": null, "venue": "Ankara", "form": null, "terms": null, '
        '"modalities": null, "type": "Arranged"}]}}'
    )


def test_an_activity_with_a_non_member_participant_is_refused_on_load() -> None:
    text = cbm.to_json(experts_meeting().join("KAZ", at=BEFORE)).replace('"KAZ"', '"USA"')
    with pytest.raises(cbm.DeserializationError, match="USA"):
        cbm.from_json(text, Activity)


# --- the activity's lifecycle, against a model -------------------------------------------------


class ActivityLifecycle(RuleBasedStateMachine):
    """Random acts on one meeting, against plain sets."""

    def __init__(self) -> None:
        super().__init__()
        self.activity = experts_meeting()
        self.participants: set[str] = set()
        self.bodies: set[str] = set()
        self.venue: str | None = None

    def _refused(self, act: object, error: type[Exception]) -> None:
        before = self.activity
        with pytest.raises(error):
            act()  # type: ignore[operator]
        assert self.activity == before

    @rule(state=member_codes(), actor=st.none() | member_codes())
    def join(self, state: str, actor: str | None) -> None:
        if actor is not None and actor != state:
            self._refused(lambda: self.activity.join(state, at=BEFORE, by=actor), cbm.CbmError)
        elif state == "TUR" or state in self.participants:
            self._refused(lambda: self.activity.join(state, at=BEFORE), cbm.ParticipationError)
        else:
            self.activity = self.activity.join(state, at=BEFORE, by=actor)
            self.participants.add(state)

    @rule(state=member_codes(), actor=st.none() | member_codes())
    def leave(self, state: str, actor: str | None) -> None:
        if actor is not None and actor != state:
            self._refused(
                lambda: self.activity.leave(state, at=BEFORE, by=actor), cbm.NotAuthorizedError
            )
        elif state not in self.participants:
            self._refused(lambda: self.activity.leave(state, at=BEFORE), cbm.ParticipationError)
        else:
            self.activity = self.activity.leave(state, at=BEFORE)
            self.participants.discard(state)

    @rule(state=member_codes())
    def leave_too_late(self, state: str) -> None:
        self._refused(lambda: self.activity.leave(state, at=STARTS), cbm.ParticipationError)

    @rule(actor=member_codes(), venue=st.sampled_from(["Ankara", "Istanbul", "Izmir"]))
    def arrange(self, actor: str, venue: str) -> None:
        if actor != "TUR":
            self._refused(
                lambda: self.activity.arrange(by=actor, venue=venue), cbm.NotAuthorizedError
            )
        else:
            self.activity = self.activity.arrange(by=actor, venue=venue)
            self.venue = venue

    @rule(body=st.sampled_from(["UNODC", "IOM"]), adopted=st.booleans())
    def admit(self, body: str, adopted: bool) -> None:
        decision = admit_decision(self.activity.id, [body], None if adopted else "IND")
        if adopted and body not in self.bodies:
            self.activity = self.activity.admit(body, by=decision)
            self.bodies.add(body)
        else:
            self._refused(lambda: self.activity.admit(body, by=decision), cbm.ParticipationError)

    @invariant()
    def matches_the_model(self) -> None:
        assert self.activity.participants == self.participants
        assert self.activity.bodies == self.bodies
        assert self.activity.arrangements.venue == self.venue
        assert self.activity.host == "TUR"


ActivityLifecycle.TestCase.settings = settings(
    max_examples=30, stateful_step_count=25, deadline=None
)
TestActivityLifecycle = ActivityLifecycle.TestCase


# --- only all the CICA Member States of the day admit international bodies ---------------------

CICA = cbm.BODIES["CICA"]
DECIDED_ON = BEFORE.astimezone(cbm.ASTANA).date()


def dated_admission(
    bodies: list[str], *, on: date = DECIDED_ON, members: object = None, body: str = "CICA"
) -> cbm.Decision:
    return cbm.consensus(
        {},
        members,  # type: ignore[arg-type]
        body=body,
        on=on,
        subject=admission_subject("bcm-experts-1", bodies),
    )


def test_a_dated_decision_of_all_the_member_states_admits() -> None:
    meeting = experts_meeting().admit("UNODC", by=dated_admission(["UNODC"]), at=BEFORE)
    assert meeting.bodies == {"UNODC"}


def test_a_consensus_of_kazakhstan_alone_admits_nobody() -> None:
    alone = cbm.consensus(
        {"KAZ": cbm.Position.SUPPORT},
        {"KAZ"},
        subject=admission_subject("bcm-experts-1", ["UNODC"]),
    )
    assert alone.adopted
    with pytest.raises(cbm.ParticipationError, match="taken by KAZ, not by all"):
        experts_meeting().admit("UNODC", by=alone)


@settings(max_examples=30, deadline=None)
@given(st.sets(st.sampled_from(sorted(CICA.members(on=DECIDED_ON))), min_size=1))
def test_an_admission_needs_every_member_state_of_the_day(circle: set[str]) -> None:
    decision = dated_admission(["IOM"], members=circle)
    if circle == CICA.members(on=DECIDED_ON):
        assert experts_meeting().admit("IOM", by=decision).bodies == {"IOM"}
    else:
        with pytest.raises(cbm.ParticipationError, match="smaller circle"):
            experts_meeting().admit("IOM", by=decision)


def test_an_admission_dated_after_it_is_relied_on_is_refused() -> None:
    later = dated_admission(["IOM"], on=DECIDED_ON + timedelta(days=3))
    with pytest.raises(cbm.ParticipationError, match="after"):
        experts_meeting().admit("IOM", by=later, at=BEFORE)
    after_start = dated_admission(["IOM"], on=STARTS.date() + timedelta(days=1))
    with pytest.raises(cbm.ParticipationError, match="after"):
        experts_meeting().admit("IOM", by=after_start)


def test_another_bodys_decision_admits_nobody() -> None:
    with pytest.raises(cbm.ParticipationError, match="taken in OSCE"):
        experts_meeting().admit("IOM", by=dated_admission(["IOM"], body="OSCE"))
