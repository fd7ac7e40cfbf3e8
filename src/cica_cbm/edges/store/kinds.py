"""The kinds of aggregate a store keeps: one small entry each, in :data:`KINDS`.

A stream holds the acts of one aggregate, its founding act first; the founding act's type
fixes the stream's kind for good. An aggregate is stored through the acts protocol, duck-typed:
``aggregate.acts`` (every act, founding first), ``Aggregate.from_acts(acts)`` (replay through
the API's own checks) and ``aggregate.then(act)`` (one more act, checked). The store writes
``acts`` on :meth:`save`, checks each appended act with ``then`` on the stored aggregate, and
``load`` returns ``from_acts`` of what it read.

Registering a kind is one entry: ``Kind(FoundingAct, Aggregate, (FoundingAct, OtherAct, ...))``,
the acts a stream of that kind may hold (their class names travel in the store's ``type``
column, so they must be unique across kinds). Each act type must round-trip through
:func:`cica_cbm.to_json`, as the acts protocol requires.

The silence procedure predates the protocol: its events are its acts and
``ProcedureOpened`` is the founding act, and the three adapters below give it ``acts``,
``from_acts`` and ``then`` without touching the core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ...core.activity_acts import Admitted, Arranged, Joined, Left, Volunteered
from ...core.consensus import Decision
from ...core.consensus_acts import ConsensusSought
from ...core.errors import InvalidValueError
from ...core.exchange import SharedItem
from ...core.exchange_acts import Shared
from ...core.focal_points import (
    FocalPointsNetwork,
    NetworkFounded,
    Nominated,
    NominationWithdrawn,
)
from ...core.implementation import Implementation
from ...core.implementation_acts import IMPLEMENTATION_ACT_TYPES, PlanOpened
from ...core.participation import Activity
from ...core.review_acts import ReviewScheduleStarted
from ...core.reviews import ReviewSchedule
from ...core.silence import EVENT_TYPES, ProcedureOpened, SilenceProcedure

__all__ = [
    "ACTIVITY",
    "DECISION",
    "FOCAL_POINTS",
    "IMPLEMENTATION",
    "KINDS",
    "REVIEW_SCHEDULE",
    "SHARED_ITEM",
    "SILENCE",
    "Kind",
    "act_type",
    "act_types",
    "kind_of_aggregate",
    "kind_of_founding",
]


def _protocol_acts(aggregate: Any) -> tuple[Any, ...]:
    return tuple(aggregate.acts)


def _protocol_then(aggregate: Any, act: Any) -> Any:
    return aggregate.then(act)


@attrs.frozen
class Kind:
    """One kind of aggregate a stream may hold.

    ``founding`` is the type of the act that opens a stream of this kind, ``aggregate`` the
    type ``load`` returns, ``act_types`` every act a stream of this kind may hold (the founding
    act's type first). ``acts``, ``from_acts`` and ``then`` default to the acts protocol's
    members; give them only for an aggregate that predates it.
    """

    founding: type
    aggregate: type
    act_types: tuple[type, ...]
    acts: Callable[[Any], tuple[Any, ...]] = _protocol_acts
    from_acts: Callable[[tuple[Any, ...]], Any] | None = None
    then: Callable[[Any, Any], Any] = _protocol_then

    @property
    def name(self) -> str:
        """The aggregate's class name (``"SilenceProcedure"``)."""
        return self.aggregate.__name__

    def replay(self, acts: tuple[Any, ...]) -> Any:
        """The aggregate ``acts`` make, through the API's checks (the core's errors if not)."""
        if self.from_acts is not None:
            return self.from_acts(acts)
        return self.aggregate.from_acts(acts)  # type: ignore[attr-defined]


# -- the silence procedure's adapters: its events are its acts --


def _silence_acts(proc: SilenceProcedure) -> tuple[Any, ...]:
    return proc.events


def _check_opening(opening: ProcedureOpened) -> None:
    """Refuse an opening that :meth:`SilenceProcedure.open` would not make.

    ``SilenceProcedure(events)`` checks only the stream's shape; a store also checks what
    ``open`` checks (parties, a deadline after the opening that the policy allows).
    """
    remade = SilenceProcedure.open(
        opening.note,
        opening.draft,
        deadline=opening.deadline,
        at=opening.at,
        parties=opening.parties,
        policy=opening.policy,
        requested_by=opening.requested_by,
        body=opening.body,
        revises=opening.revises,
    ).opening
    if remade != opening:  # pragma: no cover - open() keeps what it is given
        raise InvalidValueError("events[0]", opening, "an opening as SilenceProcedure.open makes")


def _silence_from_acts(acts: tuple[Any, ...]) -> SilenceProcedure:
    """The procedure of ``acts``: the opening as ``open`` checks it, then each act recorded."""
    proc = SilenceProcedure(acts[:1])
    _check_opening(proc.opening)
    for act in acts[1:]:
        proc = proc.record(act)
    return proc


def _silence_then(proc: SilenceProcedure, act: Any) -> SilenceProcedure:
    return proc.record(act)


SILENCE = Kind(
    ProcedureOpened,
    SilenceProcedure,
    EVENT_TYPES,
    acts=_silence_acts,
    from_acts=_silence_from_acts,
    then=_silence_then,
)
"""The silence procedure: ``ProcedureOpened`` founds it, its events are its acts."""

IMPLEMENTATION = Kind(PlanOpened, Implementation, IMPLEMENTATION_ACT_TYPES)
"""The Action Plan's implementation: ``PlanOpened`` founds it (the plan as drafted)."""

DECISION = Kind(ConsensusSought, Decision, Decision.ACT_TYPES)
"""A consensus decision: the chair puts the subject (``ConsensusSought``), states take positions."""

REVIEW_SCHEDULE = Kind(ReviewScheduleStarted, ReviewSchedule, ReviewSchedule.ACT_TYPES)
"""The yearly review: the Secretariat starts the schedule, the SWG and the SOC hold reviews."""

SHARED_ITEM = Kind(Shared, SharedItem, SharedItem.ACT_TYPES)
"""A shared item: its provider shares it (``Shared``) and alone changes its release."""

ACTIVITY = Kind(Volunteered, Activity, (Volunteered, Joined, Left, Arranged, Admitted))
"""An activity of the Action Plan: its host volunteers, states join and leave, bodies are
admitted by decision."""

FOCAL_POINTS = Kind(
    NetworkFounded, FocalPointsNetwork, (NetworkFounded, Nominated, NominationWithdrawn)
)
"""A focal-points network: founded for an area, each state nominates or withdraws its own."""

KINDS: tuple[Kind, ...] = (
    SILENCE,
    IMPLEMENTATION,
    ACTIVITY,
    DECISION,
    REVIEW_SCHEDULE,
    SHARED_ITEM,
    FOCAL_POINTS,
)
"""Every kind of aggregate a stream may hold."""


def _index(kinds: tuple[Kind, ...]) -> tuple[dict[type, Kind], dict[type, Kind], dict[str, type]]:
    founding = {kind.founding: kind for kind in kinds}
    aggregates = {kind.aggregate: kind for kind in kinds}
    names: dict[str, type] = {}
    for kind in kinds:
        if kind.act_types[:1] != (kind.founding,):
            raise AssertionError(f"{kind.name}: act_types must start with {kind.founding}")
        for cls in kind.act_types:
            if names.setdefault(cls.__name__, cls) is not cls:
                raise AssertionError(f"two act types are called {cls.__name__}")
    return founding, aggregates, names


_TABLES: list[Any] = [None]  # (KINDS, founding, aggregates, names), rebuilt if KINDS changes


def _tables() -> tuple[dict[type, Kind], dict[type, Kind], dict[str, type]]:
    if _TABLES[0] is None or _TABLES[0][0] is not KINDS:
        _TABLES[0] = (KINDS, *_index(KINDS))
    _, founding, aggregates, names = _TABLES[0]
    return founding, aggregates, names


def act_types() -> tuple[type, ...]:
    """Every act type of every kind."""
    return tuple(_tables()[2].values())


def kind_of_founding(act: object) -> Kind | None:
    """The kind whose founding act ``act`` is, else ``None``."""
    return _tables()[0].get(type(act))


def kind_of_aggregate(aggregate: object) -> Kind | None:
    """The kind of ``aggregate``, else ``None``."""
    return _tables()[1].get(type(aggregate))


def act_type(name: str) -> type | None:
    """The act type filed under ``name`` in a store's ``type`` column, else ``None``."""
    return _tables()[2].get(name)
