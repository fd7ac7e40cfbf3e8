"""Networks of focal points (Action Plan sections i.1, ii.4, iii), as the fold of their acts.

A :class:`FocalPointsNetwork` is the record of its acts: :class:`NetworkFounded` (the network
the Action Plan calls for in one area, by the CICA Member States who approve it), then each
Member State's own :class:`Nominated` and :class:`NominationWithdrawn`, dated, in the order
of their days. Each state nominates, replaces or withdraws only its own focal point; its
focal point is what its acts fold to, never stated apart from them.

References:
    Action Plan sections i (i.1), ii (ii.4) and iii (lead measure).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any, TypeAlias

import attrs

from ._convert import as_enum, as_tuple
from .authority import acting_for_itself, why_not_member
from .clock import require_day
from .errors import CbmError, InvalidValueError, NotAMemberError, NotAuthorizedError
from .states import is_member

__all__ = [
    "FocalArea",
    "FocalPoint",
    "FocalPointsNetwork",
    "NetworkAct",
    "NetworkFounded",
    "Nominated",
    "NominationWithdrawn",
]

MEMBER_STATES = "CICA"
"""Who founds a network: the CICA Member States, whose Action Plan calls for it."""


class FocalArea(StrEnum):
    """The areas of the Action Plan that call for a CICA focal-points network."""

    BORDER_CONTROL = "border_control"
    """Section i, further step i.1."""
    LAW_ENFORCEMENT = "law_enforcement"
    """Section ii, further step ii.4."""
    ECONOMIC_CRIMES = "economic_crimes"
    """Section iii, its lead measure."""


@attrs.frozen(slots=True)
class FocalPoint:
    """A Member State's focal point: who to contact (as the state words it), from when."""

    state: str
    contact: str
    since: date


def _to_area(value: object) -> FocalArea:
    return as_enum(FocalArea, "NetworkFounded.area", value)


def _day(value: object) -> date:
    return require_day(value, "on")


@attrs.frozen(slots=True)
class NetworkFounded:
    """The founding act: the network in ``area`` under action item ``item``.

    ``by`` is always ``"CICA"``: the Member States, whose Action Plan calls for it.
    """

    area: FocalArea = attrs.field(converter=_to_area)
    item: str
    by: str = MEMBER_STATES


@attrs.frozen(slots=True)
class Nominated:
    """Member State ``by`` nominates ``contact`` as its focal point on ``on`` (or replaces it)."""

    by: str
    on: date = attrs.field(converter=_day)
    contact: str


@attrs.frozen(slots=True)
class NominationWithdrawn:
    """Member State ``by`` withdraws its focal point from the network on ``on``."""

    by: str
    on: date = attrs.field(converter=_day)


NetworkAct: TypeAlias = NetworkFounded | Nominated | NominationWithdrawn
"""Any act that makes a focal-points network."""


@attrs.frozen(slots=True)
class _Facts:
    founding: NetworkFounded
    points: tuple[FocalPoint, ...] = ()
    last: date | None = None


def _require_member(code: object, on: date) -> str:
    if not isinstance(code, str) or not code:
        raise InvalidValueError("by", code, "a Member State's code")
    if is_member(code, on):
        return code
    raise NotAMemberError(code, f"{why_not_member(code, on)} (as focal point's state)")


def _found(act: object) -> _Facts:
    if not isinstance(act, NetworkFounded):
        raise InvalidValueError("FocalPointsNetwork.acts", act, "NetworkFounded, first")
    if not isinstance(act.item, str) or not act.item.strip():
        raise InvalidValueError("NetworkFounded.item", act.item, "an action item's id")
    if act.by != MEMBER_STATES:
        raise NotAuthorizedError(
            str(act.by), MEMBER_STATES, f"found the {act.area.value} focal-points network"
        )
    return _Facts(act)


def _apply(facts: _Facts, act: object) -> _Facts:
    if not isinstance(act, Nominated | NominationWithdrawn):
        raise InvalidValueError("act", act, "Nominated or NominationWithdrawn")
    state = _require_member(act.by, act.on)
    if facts.last is not None and act.on < facts.last:
        raise InvalidValueError(
            "on", act.on, f"a day on or after {facts.last}, the day of the network's last act"
        )
    kept = tuple(p for p in facts.points if p.state != state)
    if isinstance(act, NominationWithdrawn):
        if len(kept) == len(facts.points):
            raise InvalidValueError("state", state, "a state with a focal point in the network")
        return _Facts(facts.founding, kept, act.on)
    if not isinstance(act.contact, str) or not act.contact.strip():
        raise InvalidValueError("contact", act.contact, "the focal point's contact, as text")
    point = FocalPoint(state, act.contact, act.on)
    points = tuple(sorted((*kept, point), key=lambda p: p.state))
    return _Facts(facts.founding, points, act.on)


def _replay(acts: tuple[Any, ...]) -> _Facts:
    if not acts:
        raise InvalidValueError("FocalPointsNetwork.acts", acts, "the acts, NetworkFounded first")
    facts: _Facts | None = None
    for index, act in enumerate(acts):
        try:
            facts = _found(act) if facts is None else _apply(facts, act)
        except CbmError as refused:
            raise InvalidValueError(
                f"FocalPointsNetwork.acts[{index}]", act, str(refused)
            ) from None
    assert facts is not None  # the loop ran at least once
    return facts


def _network_acts(value: object) -> tuple[NetworkAct, ...]:
    return as_tuple("FocalPointsNetwork.acts", value)


@attrs.frozen(slots=True)
class FocalPointsNetwork:
    """A network of focal points in one area, at most one per Member State: its acts.

    Each state nominates, replaces or withdraws only its own focal point. Build one with
    :meth:`of`, then :meth:`nominate` and :meth:`withdraw`; ``FocalPointsNetwork(acts)`` and
    :meth:`from_acts` replay recorded acts through the same checks.

    >>> network = FocalPointsNetwork.of("border_control", "i.1")
    >>> network = network.nominate("TUR", "Border department", on=date(2024, 3, 1))
    >>> FocalPointsNetwork.from_acts(network.acts) == network, sorted(network.states)
    (True, ['TUR'])
    """

    acts: tuple[NetworkAct, ...] = attrs.field(converter=_network_acts)
    _facts: _Facts = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_facts", _replay(self.acts))

    @classmethod
    def of(cls, area: FocalArea | str, item: str) -> FocalPointsNetwork:
        """A new network in ``area`` under action item ``item``, with no focal point yet."""
        return cls((NetworkFounded(area, item),))

    @classmethod
    def from_acts(cls, acts: Iterable[NetworkAct]) -> FocalPointsNetwork:
        """The network that ``acts`` make, each checked; the first bad one is refused."""
        return cls(as_tuple("acts", acts))

    def then(self, act: NetworkAct) -> FocalPointsNetwork:
        """The network after one more act, checked as :meth:`nominate` and :meth:`withdraw` do."""
        facts = _apply(self._facts, act)
        new = object.__new__(FocalPointsNetwork)
        object.__setattr__(new, "acts", (*self.acts, act))
        object.__setattr__(new, "_facts", facts)
        return new

    @property
    def area(self) -> FocalArea:
        """The area of the Action Plan the network serves."""
        return self._facts.founding.area

    @property
    def item(self) -> str:
        """The id of the action item that calls for it."""
        return self._facts.founding.item

    @property
    def points(self) -> tuple[FocalPoint, ...]:
        """The focal points now in the network, by state."""
        return self._facts.points

    @property
    def last_act_on(self) -> date | None:
        """The day of the latest nomination or withdrawal, which the next may not precede."""
        return self._facts.last

    def focal_point(self, state: str) -> FocalPoint | None:
        """The focal point of ``state``, or ``None`` if it has nominated none."""
        return next((p for p in self.points if p.state == state), None)

    @property
    def states(self) -> frozenset[str]:
        """The Member States in the network."""
        return frozenset(p.state for p in self.points)

    def nominate(
        self, state: str, contact: str, *, on: date, by: str | None = None
    ) -> FocalPointsNetwork:
        """``state`` nominates its focal point on ``on``, replacing any earlier one.

        ``on`` is not before the day of the network's last act.
        """
        acting_for_itself(state, by, f"nominate a focal point ({self.area.value})")
        return self.then(Nominated(state, require_day(on, "on"), contact))

    def withdraw(self, state: str, *, on: date, by: str | None = None) -> FocalPointsNetwork:
        """``state`` withdraws its focal point from the network on ``on``."""
        acting_for_itself(state, by, f"withdraw a focal point ({self.area.value})")
        return self.then(NominationWithdrawn(state, require_day(on, "on")))
