"""The Action Plan in motion: the fold of its acts, each checked as the API checks it.

Every item of an Action Plan has a status: proposed, approved, in progress, implemented or
dropped. Only these moves are allowed::

    proposed -> approved | dropped
    approved -> in progress | dropped
    in progress -> implemented | dropped

An :class:`Implementation` is its acts (:mod:`cica_cbm.core.implementation_acts`), the founding
:class:`~cica_cbm.core.implementation_acts.PlanOpened` first, which carries the plan as drafted:
every item proposed (a plan given with another status is refused, never normalized). The
statuses are derived from the acts and never read from a record: an item with no act is
proposed. Building an Implementation in any way (the commands, the constructor, JSON,
:meth:`Implementation.from_acts`) replays every act through the same checks.

Approval is the Member States' act, never anyone else's. An item moves from proposed to
approved only on the strength of evidence the act carries:

* an adopted consensus :class:`~cica_cbm.core.consensus.Decision` of all the CICA Member States
  of its day (taken in CICA or one of its organs, not by a smaller circle, and not dated after
  the approval; see :func:`~cica_cbm.core.consensus.authorized`) whose subject names the item
  (build the subject with :func:`approval_subject`), or
* a silence procedure whose :class:`~cica_cbm.core.silence.Outcome` is ``APPROVED`` at that instant
  and whose draft carries the item as a lead measure: approving the draft approves what it
  sets out, while its further steps and any new CBM stay proposed until a decision names
  them. Section i says its further steps are "to be taken and approved by Member States";
  section ii's are "to be taken under consideration", which the library reads the same way
  (nothing there is approved without a decision).

Anything else (a blocked decision, a decision on another subject, a pending or broken
procedure, an outcome without its procedure) is refused with an :class:`ApprovalError` that
says why, and nothing changes. New CBMs are proposed into a section by a Member State with
:meth:`Implementation.propose`; they are "subject to the approval by the Member States" like
any further step. Dropping an item is a decision concerning the implementation, so it takes a
consensus decision that names it (:func:`drop_subject`; Concept Paper III.1). Starting and
completing an item are recorded by a Member State or the Secretariat (the seed is silent on
who records them; Concept Paper III.4 says the Member States implement).

References:
    Action Plan preamble ("New CBMs ... shall be subject to the approval by the Member
    States"); Action Plan section i ("Further steps to be taken and approved by Member
    States"); Concept Paper III.1 (decisions by consensus), III.4; Note NCT/G/1501 para 3.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

import attrs

from ._convert import as_enum, as_tuple
from .authority import acting_for_itself
from .clock import to_utc
from .consensus import Decision
from .drafts import ActionItem, ActionPlan, ItemKind, ItemStatus
from .errors import InvalidValueError, TransitionError
from .exchange import SECRETARIAT
from .implementation_acts import (
    IMPLEMENTATION_ACT_TYPES,
    ITEM_ID,
    CbmProposed,
    ImplementationAct,
    ItemCompleted,
    ItemDropped,
    ItemsApproved,
    ItemStarted,
    PlanOpened,
)
from .implementation_approvals import (
    ApprovalBasis,
    ApprovalError,
    ItemApproval,
    approval_subject,
    check_drop,
    covers,
    drop_subject,
    items_named,
)
from .silence import SilenceProcedure

__all__ = [
    "TRANSITIONS",
    "ApprovalBasis",
    "ApprovalError",
    "Implementation",
    "ItemApproval",
    "StatusChange",
    "approval_subject",
    "drop_subject",
    "items_named",
]


TRANSITIONS: Mapping[ItemStatus, frozenset[ItemStatus]] = MappingProxyType(
    {
        ItemStatus.PROPOSED: frozenset({ItemStatus.APPROVED, ItemStatus.DROPPED}),
        ItemStatus.APPROVED: frozenset({ItemStatus.IN_PROGRESS, ItemStatus.DROPPED}),
        ItemStatus.IN_PROGRESS: frozenset({ItemStatus.IMPLEMENTED, ItemStatus.DROPPED}),
        ItemStatus.IMPLEMENTED: frozenset(),
        ItemStatus.DROPPED: frozenset(),
    }
)
"""The statuses each status may move to; implemented and dropped are final."""


def _change_at(value: object) -> datetime:
    return to_utc(value, "StatusChange.at")


def _change_item(value: object) -> str:
    if not isinstance(value, str) or not ITEM_ID.match(value):
        raise InvalidValueError("StatusChange.item", value, "an action item id")
    return value


def _change_approval(value: object) -> ItemApproval | None:
    if value is not None and not isinstance(value, ItemApproval):
        raise InvalidValueError("StatusChange.approval", value, "an ItemApproval or None")
    return value


def _change_reason(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidValueError("StatusChange.reason", value, "a text or None")
    return value


def _change_by(value: object) -> str | None:
    if value is not None and (not isinstance(value, str) or not value):
        raise InvalidValueError("StatusChange.by", value, "who acted (a code), or None")
    return value


def _to_before(value: object) -> ItemStatus | None:
    return None if value is None else as_enum(ItemStatus, "StatusChange.before", value)


def _to_after(value: object) -> ItemStatus:
    return as_enum(ItemStatus, "StatusChange.after", value)


@attrs.frozen(slots=True)
class StatusChange:
    """One change of one item, as the acts made it: from ``before`` to ``after`` at ``at``.

    ``before`` is ``None`` when the item entered the plan (a new CBM proposed into a section).
    ``approval`` says why an item was approved; ``reason`` records words given with the change;
    ``by`` who acted. :attr:`Implementation.history` derives these from the acts; one built
    by hand is a row to read, never a way to change an Implementation.
    """

    at: datetime = attrs.field(converter=_change_at)
    item: str = attrs.field(converter=_change_item)
    before: ItemStatus | None = attrs.field(converter=_to_before)
    after: ItemStatus = attrs.field(converter=_to_after)
    approval: ItemApproval | None = attrs.field(default=None, converter=_change_approval)
    reason: str | None = attrs.field(default=None, converter=_change_reason)
    by: str | None = attrs.field(default=None, converter=_change_by)


# --- the fold ----------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _State:
    """What the acts so far add up to: the plan with its statuses, and every change."""

    drafted: ActionPlan
    plan: ActionPlan
    history: tuple[StatusChange, ...]
    last: Mapping[str, datetime]


def _replace_item(plan: ActionPlan, item: ActionItem) -> ActionPlan:
    sections = []
    for section in plan.sections:
        sections.append(
            attrs.evolve(
                section,
                lead=tuple(item if i.id == item.id else i for i in section.lead),
                further_steps=tuple(item if i.id == item.id else i for i in section.further_steps),
            )
        )
    return attrs.evolve(plan, sections=tuple(sections))


def _find(state: _State, id: str, where: str, field: str) -> ActionItem:
    for item in state.plan.items:
        if item.id == id:
            return item
    known = ", ".join(i.id for i in state.plan.items)
    raise InvalidValueError(f"{where}{field}", id, f"one of {known}")


def _check_move(
    state: _State, item: ActionItem, target: ItemStatus, at: datetime, where: str
) -> None:
    if target not in TRANSITIONS[item.status]:
        allowed = sorted(s.value for s in TRANSITIONS[item.status]) or ["nothing (final)"]
        raise TransitionError(
            f"{where}action item {item.id}",
            item.status.value,
            target.value,
            f"from {item.status.value} it may move to {', '.join(allowed)}",
        )
    previous = state.last.get(item.id)
    if previous is not None and at < previous:
        raise TransitionError(
            f"{where}action item {item.id}",
            item.status.value,
            target.value,
            f"{at.isoformat()} is before its last change at {previous.isoformat()}",
        )


def _moved(state: _State, changes: list[tuple[ActionItem, StatusChange]]) -> _State:
    plan, last = state.plan, dict(state.last)
    for item, change in changes:
        plan = _replace_item(plan, attrs.evolve(item, status=change.after))
        last[item.id] = change.at
    history = (*state.history, *(change for _, change in changes))
    return _State(state.drafted, plan, history, MappingProxyType(last))


def _apply(state: _State, act: object, where: str) -> _State:
    """``state`` after ``act``, or the error that refuses it (``where`` prefixes its message)."""
    if isinstance(act, ItemsApproved):
        changes = []
        for id in act.items:
            item = _find(state, id, where, "items")
            _check_move(state, item, ItemStatus.APPROVED, act.at, where)
            approval = covers(item, state.plan, act.evidence, act.at, where)
            change = StatusChange(
                act.at, id, item.status, ItemStatus.APPROVED, approval, None, act.by
            )
            changes.append((item, change))
        return _moved(state, changes)
    if isinstance(act, ItemStarted | ItemCompleted | ItemDropped):
        item = _find(state, act.item, where, "item")
        target = {
            ItemStarted: ItemStatus.IN_PROGRESS,
            ItemCompleted: ItemStatus.IMPLEMENTED,
            ItemDropped: ItemStatus.DROPPED,
        }[type(act)]
        _check_move(state, item, target, act.at, where)
        if isinstance(act, ItemDropped):
            check_drop(item, act.decision, act.at, where)
        reason = None if isinstance(act, ItemStarted) else act.reason
        change = StatusChange(act.at, item.id, item.status, target, None, reason, act.by)
        return _moved(state, [(item, change)])
    if isinstance(act, CbmProposed):
        section = next((s for s in state.plan.sections if s.id == act.section), None)
        if section is None:
            known = ", ".join(s.id for s in state.plan.sections)
            raise InvalidValueError(f"{where}section", act.section, f"one of {known}")
        if any(item.id == act.cbm.id for item in state.plan.items):
            raise InvalidValueError(f"{where}id", act.cbm.id, "an id not yet used in the plan")
        sections = tuple(
            attrs.evolve(s, further_steps=(*s.further_steps, act.cbm)) if s is section else s
            for s in state.plan.sections
        )
        plan = attrs.evolve(state.plan, sections=sections)
        change = StatusChange(act.at, act.cbm.id, None, ItemStatus.PROPOSED, by=act.by)
        last = MappingProxyType({**state.last, act.cbm.id: act.at})
        return _State(state.drafted, plan, (*state.history, change), last)
    if isinstance(act, PlanOpened):
        raise InvalidValueError(f"{where}act", "PlanOpened", "one founding act, the first")
    raise InvalidValueError(
        f"{where}act",
        type(act).__name__,
        "an act: " + ", ".join(t.__name__ for t in IMPLEMENTATION_ACT_TYPES),
    )


def _replay(acts: tuple[object, ...]) -> _State:
    if not acts or not isinstance(acts[0], PlanOpened):
        raise InvalidValueError(
            "acts[0]",
            type(acts[0]).__name__ if acts else None,
            "a PlanOpened act carrying the plan as drafted",
        )
    plan = acts[0].plan
    state = _State(plan, plan, (), MappingProxyType({}))
    for index, act in enumerate(acts[1:], start=1):
        state = _apply(state, act, f"acts[{index}]: ")
    return state


def _implementation_acts(value: object) -> tuple[ImplementationAct, ...]:
    return as_tuple("Implementation.acts", value)


@attrs.frozen(slots=True)
class Implementation:
    """The Action Plan as it is implemented: the fold of its acts.

    ``acts`` is every act in the order recorded, the founding
    :class:`~cica_cbm.core.implementation_acts.PlanOpened` first; :attr:`plan` (each item with
    its status now) and :attr:`history` (every change) are derived from them. However it is
    built, every act is replayed through the checks of the commands, and the first refused
    names its index (``acts[3]: ...``). Every command returns a new Implementation and leaves
    this one unchanged; a refused command raises and changes nothing.

    >>> import cica_cbm as cbm
    >>> proc = cbm.samples.nct_g_1501()
    >>> impl = Implementation.of(proc.draft.action_plan)
    >>> impl = impl.approve_covered(by=proc, at=proc.deadline)
    >>> impl.status("i.lead"), impl.status("i.1")
    (<ItemStatus.APPROVED: 'approved'>, <ItemStatus.PROPOSED: 'proposed'>)
    >>> Implementation.from_acts(impl.acts) == impl
    True
    """

    acts: tuple[ImplementationAct, ...] = attrs.field(converter=_implementation_acts)
    _state: _State = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_state", _replay(self.acts))

    @classmethod
    def of(cls, plan: ActionPlan, *, by: str = SECRETARIAT) -> Implementation:
        """Start following ``plan`` as drafted (every item proposed), opened by ``by``.

        ``by`` is the Secretariat by default, or a CICA Member State (its coordinator).
        """
        if not isinstance(plan, ActionPlan):
            raise InvalidValueError("plan", plan, "an ActionPlan")
        return cls((PlanOpened(plan, by),))

    @classmethod
    def from_acts(cls, acts: Iterable[ImplementationAct]) -> Implementation:
        """Replay ``acts`` through the checks of the commands; the first refused names its index."""
        return cls(as_tuple("acts", acts))

    def then(self, act: ImplementationAct) -> Implementation:
        """One more act, checked as the commands check it (what a store appends with)."""
        return self._then(act, f"acts[{len(self.acts)}]: ")

    def _then(self, act: ImplementationAct, where: str) -> Implementation:
        state = _apply(self._state, act, where)
        new = object.__new__(Implementation)
        object.__setattr__(new, "acts", (*self.acts, act))
        object.__setattr__(new, "_state", state)
        return new

    # -- what it is --

    @property
    def plan(self) -> ActionPlan:
        """The plan with each item's status now, and any new CBM proposed into it."""
        return self._state.plan

    @property
    def drafted(self) -> ActionPlan:
        """The plan as drafted, every item proposed: what the founding act carries."""
        return self._state.drafted

    @property
    def history(self) -> tuple[StatusChange, ...]:
        """Every change of every item, in the order the acts made them."""
        return self._state.history

    def item(self, id: str) -> ActionItem:
        """The item ``id`` with its current status."""
        return self.plan.item(id)

    def status(self, id: str) -> ItemStatus:
        """The current status of item ``id``."""
        return self.plan.item(id).status

    def with_status(self, status: ItemStatus) -> tuple[ActionItem, ...]:
        """The items that have ``status`` now, in plan order."""
        wanted = as_enum(ItemStatus, "status", status)
        return tuple(item for item in self.plan.items if item.status is wanted)

    @property
    def awaiting_approval(self) -> tuple[ActionItem, ...]:
        """The items still proposed: they need a decision of the Member States."""
        return self.with_status(ItemStatus.PROPOSED)

    def history_of(self, id: str) -> tuple[StatusChange, ...]:
        """Every change of item ``id``, in order."""
        self.plan.item(id)
        return tuple(change for change in self.history if change.item == id)

    def approval_of(self, id: str) -> ItemApproval | None:
        """Why item ``id`` was approved, or ``None`` if it never was."""
        for change in self.history_of(id):
            if change.approval is not None:
                return change.approval
        return None

    def covers(self, id: str, by: Decision | SilenceProcedure, at: datetime) -> ItemApproval:
        """The approval ``by`` gives item ``id`` at ``at``; an :class:`ApprovalError` if none.

        Checks only whether ``by`` covers the item, not whether the item can still move.
        """
        return covers(self.plan.item(id), self.plan, by, to_utc(at, "at"))

    # -- commands --

    def approve(self, id: str, *, by: Decision | SilenceProcedure, at: datetime) -> Implementation:
        """Approve item ``id`` at ``at`` on the strength of ``by`` (see the module doc).

        >>> import cica_cbm as cbm
        >>> impl = Implementation.of(cbm.samples.nct_g_1501_draft().action_plan)
        >>> members = [s.code for s in cbm.member_states(on=cbm.samples.nct_g_1501().note.date)]
        >>> blocked = cbm.consensus({"IND": cbm.Position.OBJECT}, members,
        ...                         subject=approval_subject(["i.1"]))
        >>> impl.approve("i.1", by=blocked, at=cbm.samples.nct_g_1501().deadline)
        Traceback (most recent call last):
        ...
        cica_cbm...ApprovalError: action item i.1: ... the decision was not adopted (IND)
        """
        item = self.plan.item(id)
        when = to_utc(at, "at")
        _check_move(self._state, item, ItemStatus.APPROVED, when, "")
        covers(item, self.plan, by, when)  # refuses anything but a Decision or a procedure
        return self._then(ItemsApproved((id,), when, by), "")

    def approve_covered(self, *, by: Decision | SilenceProcedure, at: datetime) -> Implementation:
        """Approve every proposed item that ``by`` covers at ``at``, by one act.

        Refused (:class:`ApprovalError`) if ``by`` covers none of them.
        """
        when = to_utc(at, "at")
        covered: list[str] = []
        refusals: list[ApprovalError] = []
        for item in self.awaiting_approval:
            try:
                covers(item, self.plan, by, when)
            except ApprovalError as exc:
                refusals.append(exc)
                continue
            covered.append(item.id)
        if not covered:
            if not refusals:
                raise ApprovalError("(none)", ItemStatus.PROPOSED.value, "no item awaits approval")
            first = refusals[0]
            raise ApprovalError(
                first.item,
                first.current,
                f"it covers none of the items awaiting approval ({first.reason})",
            )
        return self._then(ItemsApproved(tuple(covered), when, by), "")

    def start(
        self, id: str, *, at: datetime, by: str, sent_by: str | None = None
    ) -> Implementation:
        """Record that the implementation of approved item ``id`` began at ``at``.

        ``by`` is a CICA Member State on the day, or the Secretariat.
        """
        acting_for_itself(by, sent_by, "record the start of an item")
        self.plan.item(id)
        return self._then(ItemStarted(id, at, by), "")

    def complete(
        self,
        id: str,
        *,
        at: datetime,
        by: str,
        reason: str | None = None,
        sent_by: str | None = None,
    ) -> Implementation:
        """Record that item ``id``, in progress, was implemented at ``at``.

        ``by`` is a CICA Member State on the day, or the Secretariat.
        """
        acting_for_itself(by, sent_by, "record the completion of an item")
        self.plan.item(id)
        return self._then(ItemCompleted(id, at, by, reason), "")

    def drop(self, id: str, *, by: Decision, at: datetime, reason: str) -> Implementation:
        """Item ``id`` is dropped at ``at``, for ``reason``, by the consensus decision ``by``.

        ``by`` is an adopted decision of all the CICA Member States whose subject names the
        item (:func:`drop_subject`); final.
        """
        self.plan.item(id)
        if not isinstance(reason, str) or not reason.strip():
            raise InvalidValueError("reason", reason, "the reason the item is dropped")
        return self._then(ItemDropped(id, at, by, reason), "")

    def propose(
        self,
        section: str,
        id: str,
        text: str,
        *,
        at: datetime,
        by: str,
        sent_by: str | None = None,
    ) -> Implementation:
        """Member State ``by`` proposes a new CBM ``id`` into ``section`` at ``at``.

        It stays proposed until the Member States approve it.
        """
        acting_for_itself(by, sent_by, "propose a new CBM")
        self.plan.section(section)
        if not isinstance(id, str) or not ITEM_ID.match(id):
            raise InvalidValueError("id", id, "an item id without spaces or commas")
        if any(item.id == id for item in self.plan.items):
            raise InvalidValueError("id", id, "an id not yet used in the plan")
        if not isinstance(text, str) or not text.strip():
            raise InvalidValueError("text", text, "the text of the new CBM")
        return self._then(CbmProposed(section, ActionItem(id, ItemKind.NEW_CBM, text), at, by), "")

    def __reduce__(self) -> tuple[Any, ...]:
        # unpickling replays the acts, as every other way in does
        return (Implementation, (self.acts,))

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.implementation_html(self)
