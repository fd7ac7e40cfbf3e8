"""Hypothesis strategies for the Action Plan in motion (needs the ``hypothesis`` extra).

Strategies for :mod:`cica_cbm.core.implementation`, :mod:`cica_cbm.core.participation`,
:mod:`cica_cbm.core.reviews` and :mod:`cica_cbm.core.exchange`. :func:`register` registers one for
each of their public types; :mod:`cica_cbm.strategies` calls it from its own ``register()``.
Every value is built through the public operations (or validated constructors), so it obeys
the rules: items only approved by a decision or procedure that covers them, activities and
focal-points networks only by their acts (participants only Member States other than the
host, who joined for themselves; one focal point per state).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from ...core import samples
from ...core.activity_acts import (
    ActivityAct,
    Admitted,
    Arranged,
    Joined,
    Left,
    Volunteered,
)
from ...core.agenda import Due, DueKind
from ...core.clock import ASTANA, UTC
from ...core.consensus import Decision, Position, consensus
from ...core.drafts import ActionItem, ItemKind, ItemStatus
from ...core.exchange import SECRETARIAT, Release, SharedItem
from ...core.focal_points import NetworkAct, NetworkFounded, Nominated, NominationWithdrawn
from ...core.implementation import (
    TRANSITIONS,
    ApprovalError,
    Implementation,
    ItemApproval,
    StatusChange,
    approval_subject,
    drop_subject,
)
from ...core.implementation_acts import (
    CbmProposed,
    ImplementationAct,
    ItemCompleted,
    ItemDropped,
    ItemsApproved,
    ItemStarted,
    PlanOpened,
)
from ...core.participation import (
    Activity,
    ActivityKind,
    Arrangements,
    FocalArea,
    FocalPointsNetwork,
    TrainingRequest,
    admission_subject,
)
from ...core.reviews import (
    Recurrence,
    Review,
    ReviewBody,
    ReviewSchedule,
    twice_yearly_seminars,
    yearly,
)
from ...core.states import member_states, observers
from ._time import days

__all__ = [
    "activities",
    "activity_acts",
    "decisions_on_items",
    "focal_point_networks",
    "implementation_acts",
    "implementations",
    "item_approvals",
    "member_codes",
    "network_acts",
    "plan_openings",
    "readers",
    "recurrences",
    "register",
    "review_schedules",
    "reviews",
    "shared_items",
    "status_changes",
    "training_requests",
]

_ON = date(2023, 12, 13)
_PLAN_START = datetime(2024, 1, 11, 18, 0, tzinfo=UTC)  # the seed's approval instant
_MEMBERS = tuple(s.code for s in member_states(on=_ON))
_BODIES = ("UNODC", "INTERPOL", "IOM", "OSCE", "UN", "World Customs Organization")


def member_codes() -> st.SearchStrategy[str]:
    """Codes of the Member States on the seed's date; shrinks towards ``AFG``."""
    return st.sampled_from(_MEMBERS)


def readers() -> st.SearchStrategy[str]:
    """Anyone who might try to read: Member States, the Secretariat, observers, strangers."""
    return st.one_of(
        member_codes(),
        st.just(SECRETARIAT),
        st.sampled_from([o.id for o in observers()]),
        st.text(min_size=0, max_size=5),
    )


def _days(start: date = date(2024, 1, 1), span: int = 3 * 366) -> st.SearchStrategy[date]:
    return days(start, start + timedelta(days=span))


def decisions_on_items(items: list[str]) -> st.SearchStrategy[Decision]:
    """Consensus decisions on approving some of ``items``, adopted or blocked."""
    return st.builds(
        lambda chosen, objector: consensus(
            {objector: Position.OBJECT} if objector else {},
            _MEMBERS,
            subject=approval_subject(chosen),
        ),
        st.lists(st.sampled_from(items), min_size=1, max_size=3, unique=True),
        st.one_of(st.none(), member_codes()),
    )


def _astana_day(at: datetime) -> date:
    return at.astimezone(ASTANA).date()


def _decision_of_the_day(at: datetime, subject: str) -> Decision:
    return consensus({}, body="CICA", on=_astana_day(at), subject=subject)


def _recorders() -> st.SearchStrategy[str]:
    return st.one_of(st.just(SECRETARIAT), member_codes())


@st.composite
def implementations(draw: st.DrawFn) -> Implementation:
    """The seed's Action Plan after a random run of allowed acts, each naming its actor.

    Shrinks towards the plan as the seed proposes it, all items proposed.
    """
    proc = samples.nct_g_1501()
    impl = Implementation.of(
        samples.nct_g_1501_draft().action_plan, by=draw(st.sampled_from((SECRETARIAT, "TUR")))
    )
    at = _PLAN_START
    steps = draw(st.integers(0, 12))
    for n in range(steps):
        at = at + timedelta(days=draw(st.integers(0, 60)))
        action = draw(st.sampled_from(("silence", "decide", "start", "complete", "drop", "new")))
        ids = [item.id for item in impl.plan.items]
        if action == "silence" and impl.awaiting_approval:
            try:
                impl = impl.approve_covered(by=proc, at=at)
            except ApprovalError:  # nothing left that the procedure covers
                continue
        elif action == "decide" and impl.awaiting_approval:
            chosen = draw(
                st.lists(
                    st.sampled_from([i.id for i in impl.awaiting_approval]),
                    min_size=1,
                    max_size=3,
                    unique=True,
                )
            )
            decision = _decision_of_the_day(at, approval_subject(chosen))
            if draw(st.booleans()):
                impl = impl.approve_covered(by=decision, at=at)
            else:
                for item_id in chosen:
                    impl = impl.approve(item_id, by=decision, at=at)
        elif action == "start" and impl.with_status(ItemStatus.APPROVED):
            item = draw(st.sampled_from(impl.with_status(ItemStatus.APPROVED)))
            impl = impl.start(item.id, at=at, by=draw(_recorders()))
        elif action == "complete" and impl.with_status(ItemStatus.IN_PROGRESS):
            item = draw(st.sampled_from(impl.with_status(ItemStatus.IN_PROGRESS)))
            impl = impl.complete(item.id, at=at, by=draw(_recorders()))
        elif action == "drop":
            open_items = [
                i
                for i in impl.plan.items
                if i.status not in (ItemStatus.IMPLEMENTED, ItemStatus.DROPPED)
            ]
            if open_items:
                item = draw(st.sampled_from(open_items))
                decision = _decision_of_the_day(at, drop_subject([item.id]))
                impl = impl.drop(item.id, by=decision, at=at, reason="no longer needed")
        elif action == "new":
            section = draw(st.sampled_from([s.id for s in impl.plan.sections]))
            new_id = f"{section}.new{n}"
            if new_id not in ids:
                impl = impl.propose(
                    section, new_id, f"New CBM number {n}", at=at, by=draw(member_codes())
                )
    return impl


def _instants() -> st.SearchStrategy[datetime]:
    return st.integers(0, 3 * 366 * 24 * 60).map(lambda n: _PLAN_START + timedelta(minutes=n))


def _seed_item_ids() -> st.SearchStrategy[str]:
    return st.sampled_from([item.id for item in samples.nct_g_1501_draft().action_plan.items])


def item_approvals() -> st.SearchStrategy[ItemApproval]:
    """Approvals by a decision of the day naming seed items, or by the seed's procedure.

    Each carries its evidence. Shrinks towards an approval by a decision on item ``i.lead``
    at the seed's approval instant.
    """
    by_decision = st.builds(
        lambda ids, at: ItemApproval(_decision_of_the_day(at, approval_subject(ids)), at),
        st.lists(_seed_item_ids(), min_size=1, max_size=3, unique=True),
        _instants(),
    )
    proc = samples.nct_g_1501()
    by_silence = st.just(ItemApproval(proc, proc.deadline))
    return st.one_of(by_decision, by_silence)


_MOVES = (
    (None, ItemStatus.PROPOSED),
    *((before, after) for before, targets in TRANSITIONS.items() for after in sorted(targets)),
)


@st.composite
def status_changes(draw: st.DrawFn) -> StatusChange:
    """One allowed change of a seed item, with an approval exactly when it approves.

    Shrinks towards item ``i.lead`` entering the plan as proposed.
    """
    before, after = draw(st.sampled_from(_MOVES))
    approval = draw(item_approvals()) if after is ItemStatus.APPROVED else None
    reason = draw(st.none() | _TEXT) if after is not ItemStatus.APPROVED else None
    by = draw(st.none() | _recorders())
    return StatusChange(
        draw(_instants()), draw(_seed_item_ids()), before, after, approval, reason, by
    )


def plan_openings() -> st.SearchStrategy[PlanOpened]:
    """The founding act on the seed's plan, by the Secretariat or Türkiye, its coordinator.

    Shrinks towards the Secretariat's.
    """
    plan = samples.nct_g_1501_draft().action_plan
    return st.sampled_from((SECRETARIAT, "TUR")).map(lambda by: PlanOpened(plan, by))


def implementation_acts() -> st.SearchStrategy[ImplementationAct]:
    """Acts of valid implementations of the seed's plan, of every kind.

    Shrinks towards the founding act of the seed's plan.
    """
    return implementations().flatmap(lambda impl: st.sampled_from(impl.acts))


def _acts_by_kind() -> dict[type[Any], st.SearchStrategy[Any]]:
    proc = samples.nct_g_1501()
    lead = [
        i.id for i in samples.nct_g_1501_draft().action_plan.items if i.kind.value == "lead_measure"
    ]
    decided = st.builds(
        lambda ids, at: ItemsApproved(
            tuple(ids), at, _decision_of_the_day(at, approval_subject(ids))
        ),
        st.lists(_seed_item_ids(), min_size=1, max_size=3, unique=True),
        _instants(),
    )
    silenced = st.builds(
        lambda ids: ItemsApproved(tuple(ids), proc.deadline, proc),
        st.lists(st.sampled_from(lead), min_size=1, unique=True),
    )
    return {
        PlanOpened: plan_openings(),
        ItemsApproved: st.one_of(decided, silenced),
        CbmProposed: st.builds(
            lambda n, at, by: CbmProposed(
                "iv", ActionItem(f"iv.new{n}", ItemKind.NEW_CBM, f"New CBM {n}"), at, by
            ),
            st.integers(0, 99),
            _instants(),
            member_codes(),
        ),
        ItemStarted: st.builds(ItemStarted, _seed_item_ids(), _instants(), _recorders()),
        ItemCompleted: st.builds(
            ItemCompleted, _seed_item_ids(), _instants(), _recorders(), st.none() | _TEXT
        ),
        ItemDropped: st.builds(
            lambda item, at, why: ItemDropped(
                item, at, _decision_of_the_day(at, drop_subject([item])), why
            ),
            _seed_item_ids(),
            _instants(),
            _TEXT,
        ),
    }


def _approved_item() -> st.SearchStrategy[ActionItem]:
    plan = samples.nct_g_1501_draft().action_plan
    return st.builds(
        lambda item, status: ActionItem(item.id, item.kind, item.text, status),
        st.sampled_from(plan.items),
        st.sampled_from((ItemStatus.APPROVED, ItemStatus.IN_PROGRESS)),
    )


_TEXT = st.text("abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=20).filter(str.strip)


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    """Activities under approved seed items, built by their acts.

    The host volunteers, states join and leave in time order, bodies are admitted by a dated
    decision of all the Member States, the host arranges. Shrinks towards a meeting hosted by
    ``AFG`` with nobody else.
    """
    kind = draw(st.sampled_from(ActivityKind))
    host = draw(member_codes())
    requested = draw(member_codes()) if kind is ActivityKind.TRAINING_SEMINAR else None
    others = [code for code in _MEMBERS if code != host]
    starts = _PLAN_START + timedelta(hours=draw(st.integers(24 * 40, 3 * 366 * 24)))
    activity = Activity.volunteer(
        host,
        id=draw(st.from_regex(r"\A[a-z][a-z0-9\-]{0,11}\Z")),
        kind=kind,
        title=draw(_TEXT),
        item=draw(_approved_item()),
        starts=starts,
        arrangements=Arrangements(
            venue=draw(st.none() | _TEXT), form=draw(st.none() | _TEXT), terms=None
        ),
        requested_by=requested,
        at=draw(st.none() | st.just(starts - timedelta(days=30))),
    )
    # the states' acts, hour by hour over the last days before the start, in time order
    moves = draw(st.lists(st.tuples(st.sampled_from(others), st.booleans()), max_size=8))
    at = starts - timedelta(days=20)
    for state, leaves_after in moves:
        at += timedelta(hours=1)
        if state in activity.participants:
            continue
        activity = activity.join(state, at=at)
        if leaves_after:
            at += timedelta(hours=1)
            activity = activity.leave(state, at=at)
    bodies = sorted(draw(st.frozensets(st.sampled_from(_BODIES), max_size=2)))
    if bodies:
        decided = (starts - timedelta(days=25)).astimezone(UTC).date()
        decision = consensus(
            {}, body="CICA", on=decided, subject=admission_subject(activity.id, bodies)
        )
        for body in bodies:
            activity = activity.admit(body, by=decision, at=starts - timedelta(days=2))
    modalities = draw(st.none() | _TEXT)
    if modalities is not None:
        activity = activity.arrange(by=host, modalities=modalities)
    return activity


@st.composite
def focal_point_networks(draw: st.DrawFn) -> FocalPointsNetwork:
    """A focal-points network in one area, built by each state's own dated acts.

    Shrinks towards an empty border-control network.
    """
    area = draw(st.sampled_from(FocalArea))
    item = {
        FocalArea.BORDER_CONTROL: "i.1",
        FocalArea.LAW_ENFORCEMENT: "ii.4",
        FocalArea.ECONOMIC_CRIMES: "iii.lead",
    }[area]
    network = FocalPointsNetwork.of(area, item)
    moves = draw(st.lists(st.tuples(member_codes(), st.booleans()), max_size=8))
    on = draw(_days())
    for state, withdraws in moves:
        on += timedelta(days=draw(st.integers(0, 30)))
        if withdraws and network.focal_point(state) is not None:
            network = network.withdraw(state, on=on)
        else:
            network = network.nominate(state, draw(_TEXT), on=on)
    return network


def _admissions() -> st.SearchStrategy[Admitted]:
    return st.builds(
        lambda body, at: Admitted(
            body,
            at,
            consensus(
                {},
                body="CICA",
                on=at.astimezone(UTC).date(),
                subject=admission_subject("m1", [body]),
            ),
        ),
        st.sampled_from(_BODIES),
        _instants(),
    )


def _activity_act_strategies() -> dict[type, st.SearchStrategy[Any]]:
    return {
        Volunteered: activities().map(lambda activity: activity.founding),
        Joined: st.builds(Joined, member_codes(), _instants()),
        Left: st.builds(Left, member_codes(), _instants()),
        Arranged: st.builds(Arranged, member_codes(), st.none() | _instants(), _TEXT),
        Admitted: _admissions(),
    }


def _network_act_strategies() -> dict[type, st.SearchStrategy[Any]]:
    return {
        NetworkFounded: st.builds(
            NetworkFounded, st.sampled_from(FocalArea), st.sampled_from(("i.1", "ii.4"))
        ),
        Nominated: st.builds(Nominated, member_codes(), _days(), _TEXT),
        NominationWithdrawn: st.builds(NominationWithdrawn, member_codes(), _days()),
    }


def activity_acts() -> st.SearchStrategy[ActivityAct]:
    """Single acts of activities, each valid on its own.

    Whether an act fits a given activity is for the activity to check. Shrinks towards a
    Volunteered act by ``AFG``.
    """
    return st.one_of(*_activity_act_strategies().values())


def network_acts() -> st.SearchStrategy[NetworkAct]:
    """Single acts of focal-points networks; shrinks towards the border-control founding."""
    return st.one_of(*_network_act_strategies().values())


def dues() -> st.SearchStrategy[Due]:
    """Entries of an agenda: any kind, at instants in 2024-2026 seen up to a week before."""
    codes = st.lists(member_codes(), max_size=3, unique=True).map(lambda c: tuple(sorted(c)))
    return st.builds(
        lambda kind, at, ahead, silent, overdue: Due(
            kind=kind,
            at=at,
            zone="Asia/Almaty",
            title=f"{kind.value} entry",
            source=f"drawn {at:%Y%m%dT%H%M}",
            clause="Action Plan preamble",
            seen_at=at - ahead,
            silent=silent,
            overdue=overdue,
        ),
        st.sampled_from(DueKind),
        _instants(),
        st.timedeltas(timedelta(0), timedelta(days=7)),
        codes,
        st.booleans(),
    )


def recurrences() -> st.SearchStrategy[Recurrence]:
    """Yearly or twice-yearly calendars from days in 2024-2026, some with a count."""
    count = st.none() | st.integers(1, 10)
    return st.one_of(
        st.builds(lambda d, c: yearly(d, count=c), _days(), count),
        st.builds(lambda d, c: twice_yearly_seminars(d, count=c), _days(), count),
    )


def reviews() -> st.SearchStrategy[Review]:
    """Reviews by the SWG or the SOC on a day in 2024-2026; shrinks towards the SWG, 1 Jan 2024."""
    return st.builds(Review, st.sampled_from(ReviewBody), _days())


@st.composite
def review_schedules(draw: st.DrawFn) -> ReviewSchedule:
    """A review schedule from a day in 2024-2026 with reviews held in its first years.

    Shrinks towards a schedule starting on 1 January 2024 with no review held.
    """
    starts = draw(_days())
    reviews = draw(
        st.lists(st.builds(Review, st.sampled_from(ReviewBody), _days(starts, 5 * 366)), max_size=8)
    )
    return ReviewSchedule(starts, reviews)


@st.composite
def shared_items(draw: st.DrawFn) -> SharedItem:
    """Shared items under every kind of release; shrinks towards one released to all."""
    release = draw(st.sampled_from(Release))
    provider = draw(member_codes())
    listed = (
        draw(st.frozensets(member_codes(), min_size=1, max_size=5))
        if release is Release.LISTED_STATES
        else frozenset()
    )
    return SharedItem(
        id=draw(st.from_regex(r"\A[a-z0-9]{1,8}\Z")),
        provider=provider,
        title=draw(_TEXT),
        shared_on=draw(_days()),
        release=release,
        listed=listed,
        item=draw(st.none() | st.sampled_from(("i.5", "iv.lead"))),
        restriction=draw(st.none() | _TEXT),
    )


def training_requests() -> st.SearchStrategy[TrainingRequest]:
    """Requests for training seminars under item i.2; shrinks towards ``AFG`` on 1 Jan 2024."""
    return st.builds(TrainingRequest, member_codes(), st.just("i.2"), _TEXT, _days())


def register() -> None:
    """Register a strategy for each public type of the Action Plan modules."""
    st.register_type_strategy(Implementation, implementations())
    st.register_type_strategy(ItemApproval, item_approvals())
    st.register_type_strategy(StatusChange, status_changes())
    for cls, strategy in _acts_by_kind().items():
        st.register_type_strategy(cls, strategy)
    st.register_type_strategy(Review, reviews())
    st.register_type_strategy(Activity, activities())
    st.register_type_strategy(FocalPointsNetwork, focal_point_networks())
    for cls, strategy in {**_activity_act_strategies(), **_network_act_strategies()}.items():
        st.register_type_strategy(cls, strategy)
    st.register_type_strategy(Recurrence, recurrences())
    st.register_type_strategy(Due, dues())
    st.register_type_strategy(ReviewSchedule, review_schedules())
    st.register_type_strategy(SharedItem, shared_items())
    st.register_type_strategy(TrainingRequest, training_requests())
