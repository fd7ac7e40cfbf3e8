"""The Action Plan in motion: item statuses, the transitions allowed, approval by decisions.

Every item of an Action Plan has a status: proposed, approved, in progress, implemented or
dropped. Only these moves are allowed::

    proposed -> approved | dropped
    approved -> in progress | dropped
    in progress -> implemented | dropped

Approval is the Member States' act, never anyone else's. An item moves from proposed to
approved only on the strength of

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
says why, and nothing changes. New CBMs are proposed into a section with
:meth:`Implementation.propose`; they are "subject to the approval by the Member States" like
any further step.

References:
    Action Plan preamble ("New CBMs ... shall be subject to the approval by the Member
    States"); Action Plan section i ("Further steps to be taken and approved by Member
    States"); Concept Paper III.1 (decisions by consensus); Note NCT/G/1501 para 3.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import attrs

from ._convert import as_enum, as_tuple
from .clock import to_utc
from .consensus import Decision, authorized
from .drafts import ActionItem, ActionPlan, Draft, ItemKind, ItemStatus
from .errors import InvalidValueError, TransitionError
from .silence import Outcome, SilenceProcedure, Status

__all__ = [
    "TRANSITIONS",
    "ApprovalBasis",
    "ApprovalError",
    "Implementation",
    "ItemApproval",
    "StatusChange",
    "approval_subject",
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


class ApprovalError(TransitionError):
    """An item cannot be approved on the basis given: ``reason`` says why.

    A :class:`~cica_cbm.core.errors.TransitionError` (and so a ``CbmError``) from ``proposed`` to
    ``approved``.
    """

    def __init__(self, item: str, current: str, reason: str) -> None:
        self.item = item
        super().__init__(f"action item {item}", current, ItemStatus.APPROVED.value, reason)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.item, self.current, self.reason))


# --- what a decision names ---------------------------------------------------------------------

_SUBJECT_PREFIX = "approve action plan items: "
_ITEM_ID = re.compile(r"^[^\s,]+$")


def approval_subject(items: Iterable[str]) -> str:
    """The subject of a consensus decision that approves ``items``, by their ids.

    Take the decision with ``consensus(..., subject=approval_subject([...]))``; an adopted
    decision on this subject approves exactly these items.

    >>> approval_subject(["i.2", "i.1"])
    'approve action plan items: i.1, i.2'
    """
    given = as_tuple("items", items)
    # each id is checked before the set and the sort, which fail on unhashable or mixed values
    for item in given:
        if not isinstance(item, str) or not _ITEM_ID.match(item):
            raise InvalidValueError("items", item, "an action item id without spaces or commas")
    ids = sorted(set(given))
    if not ids:
        raise InvalidValueError("items", ids, "at least one action item id")
    return _SUBJECT_PREFIX + ", ".join(ids)


def items_named(subject: str | None) -> frozenset[str]:
    """The item ids an approval subject names; empty for any other subject.

    >>> sorted(items_named("approve action plan items: i.1, ii.4"))
    ['i.1', 'ii.4']
    >>> items_named("admit OSCE")
    frozenset()
    """
    if not isinstance(subject, str) or not subject.startswith(_SUBJECT_PREFIX):
        return frozenset()
    ids = [part.strip() for part in subject[len(_SUBJECT_PREFIX) :].split(",")]
    if not all(_ITEM_ID.match(item) for item in ids):
        return frozenset()
    return frozenset(ids)


# --- the record of approvals and changes -------------------------------------------------------


def _approval_decided_at(value: object) -> datetime:
    return to_utc(value, "ItemApproval.decided_at")


def _approval_reference(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            "ItemApproval.reference", value, "the decision's subject or the note's number"
        )
    return value


def _change_at(value: object) -> datetime:
    return to_utc(value, "StatusChange.at")


def _change_item(value: object) -> str:
    if not isinstance(value, str) or not _ITEM_ID.match(value):
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


def _to_basis(value: object) -> ApprovalBasis:
    return as_enum(ApprovalBasis, "ItemApproval.basis", value)


def _to_before(value: object) -> ItemStatus | None:
    return None if value is None else as_enum(ItemStatus, "StatusChange.before", value)


def _to_after(value: object) -> ItemStatus:
    return as_enum(ItemStatus, "StatusChange.after", value)


class ApprovalBasis(StrEnum):
    """What approved an item."""

    CONSENSUS = "consensus"
    """An adopted consensus decision that names the item."""
    SILENCE_PROCEDURE = "silence_procedure"
    """An approved silence procedure whose draft sets the item out as a lead measure."""


@attrs.frozen(slots=True)
class ItemApproval:
    """Why an item was approved: the basis, what it refers to, and when it took effect.

    ``reference`` is the decision's subject, or the number of the note that opened the
    procedure; ``decided_at`` is the procedure's decision instant, or for a decision the
    instant it was recorded.
    """

    basis: ApprovalBasis = attrs.field(converter=_to_basis)
    reference: str = attrs.field(converter=_approval_reference)
    decided_at: datetime = attrs.field(converter=_approval_decided_at)

    def __str__(self) -> str:
        what = "consensus decision" if self.basis is ApprovalBasis.CONSENSUS else "silence"
        return f"{what} ({self.reference}) at {self.decided_at.isoformat()}"


@attrs.frozen(slots=True)
class StatusChange:
    """One change of one item: from ``before`` to ``after`` at ``at``.

    ``before`` is ``None`` when the item entered the plan (a new CBM proposed into a section).
    ``approval`` says why an item was approved; ``reason`` records words given with the change.
    """

    at: datetime = attrs.field(converter=_change_at)
    item: str = attrs.field(converter=_change_item)
    before: ItemStatus | None = attrs.field(converter=_to_before)
    after: ItemStatus = attrs.field(converter=_to_after)
    approval: ItemApproval | None = attrs.field(default=None, converter=_change_approval)
    reason: str | None = attrs.field(default=None, converter=_change_reason)


def _implementation_plan(value: object) -> ActionPlan:
    if not isinstance(value, ActionPlan):
        raise InvalidValueError("Implementation.plan", value, "an ActionPlan")
    return value


def _implementation_history(value: object) -> tuple[Any, ...]:
    return as_tuple("Implementation.history", value)


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


@attrs.frozen(slots=True)
class Implementation:
    """The Action Plan as it is implemented: each item's status, and how it got there.

    ``plan`` holds the items with their current statuses; ``history`` every change, in the
    order recorded. Every command returns a new Implementation and leaves this one unchanged;
    a refused command raises and changes nothing.

    >>> import cica_cbm as cbm
    >>> proc = cbm.samples.nct_g_1501()
    >>> impl = Implementation.of(proc.draft.action_plan)
    >>> impl = impl.approve_covered(by=proc, at=proc.deadline)
    >>> impl.status("i.lead"), impl.status("i.1")
    (<ItemStatus.APPROVED: 'approved'>, <ItemStatus.PROPOSED: 'proposed'>)
    """

    plan: ActionPlan = attrs.field(converter=_implementation_plan)
    history: tuple[StatusChange, ...] = attrs.field(default=(), converter=_implementation_history)

    def __attrs_post_init__(self) -> None:
        last: dict[str, StatusChange] = {}
        for index, change in enumerate(self.history):
            if not isinstance(change, StatusChange):
                raise InvalidValueError(
                    f"Implementation.history[{index}]", change, "a StatusChange"
                )
            previous = last.get(change.item)
            if change.before is None:
                allowed = previous is None and change.after is ItemStatus.PROPOSED
            else:
                allowed = (previous is None or previous.after is change.before) and (
                    change.after in TRANSITIONS[change.before]
                )
            approves = change.after is ItemStatus.APPROVED
            if not allowed or approves != (change.approval is not None):
                raise InvalidValueError(
                    f"history[{index}]",
                    change,
                    "a change along the allowed transitions, with an approval exactly when "
                    "it approves",
                )
            if previous is not None and change.at < previous.at:
                raise InvalidValueError(
                    f"history[{index}].at",
                    change.at,
                    f"an instant on or after the item's previous change ({previous.at})",
                )
            last[change.item] = change
        statuses = {item.id: item.status for item in self.plan.items}
        for item, change in last.items():
            if statuses.get(item) != change.after:
                raise InvalidValueError(
                    f"plan item {item}",
                    statuses.get(item),
                    f"the status its history ends with ({change.after.value})",
                )

    @classmethod
    def of(cls, plan: ActionPlan) -> Implementation:
        """Start following ``plan`` as it stands (the seed's items are all proposed)."""
        if not isinstance(plan, ActionPlan):
            raise InvalidValueError("plan", plan, "an ActionPlan")
        return cls(plan)

    # -- what it is --

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
        item = self.plan.item(id)
        return self._covers(item, by, to_utc(at, "at"))

    def _covers(
        self, item: ActionItem, by: Decision | SilenceProcedure | Outcome | object, at: datetime
    ) -> ItemApproval:
        current = item.status.value
        if isinstance(by, Decision):
            why = authorized(by, at)
            if why is not None:
                raise ApprovalError(
                    item.id, current, f"the decision does not speak for the Member States: {why}"
                )
            if not by.adopted:
                objections = ", ".join(sorted(by.objections)) or "no quorum"
                raise ApprovalError(
                    item.id, current, f"the decision was not adopted ({objections})"
                )
            if item.id not in items_named(by.subject):
                raise ApprovalError(
                    item.id,
                    current,
                    f"the decision's subject {by.subject!r} does not name it; "
                    f"take the decision on {approval_subject([item.id])!r}",
                )
            return ItemApproval(ApprovalBasis.CONSENSUS, str(by.subject), at)
        if isinstance(by, SilenceProcedure):
            if not isinstance(by.draft, Draft):
                raise ApprovalError(
                    item.id, current, f"{by.key} put no CICA Concept Paper and Action Plan"
                )
            source = by.opening.source
            outcome = by.outcome(at)
            if outcome.status is not Status.APPROVED or outcome.decided_at is None:
                raise ApprovalError(
                    item.id,
                    current,
                    f"the silence procedure of {source} is "
                    f"{outcome.status.value} at {at.isoformat()}, not approved",
                )
            draft_plan = by.draft.action_plan
            if draft_plan.title != self.plan.title:
                raise ApprovalError(item.id, current, f"{source} placed another Action Plan")
            lead = {i.id for i in draft_plan.items if i.kind is ItemKind.LEAD_MEASURE}
            if item.id not in lead:
                raise ApprovalError(
                    item.id,
                    current,
                    f"approving the draft of {source} approves its lead measures "
                    f"only; a {item.kind.value.replace('_', ' ')} needs a decision that names it",
                )
            return ItemApproval(ApprovalBasis.SILENCE_PROCEDURE, source, outcome.decided_at)
        if isinstance(by, Outcome):
            raise ApprovalError(
                item.id,
                current,
                "an Outcome does not say which draft it decided; pass its SilenceProcedure",
            )
        raise ApprovalError(
            item.id,
            current,
            f"{by!r} is neither an adopted consensus Decision nor an approved silence procedure",
        )

    # -- commands --

    def _move(
        self,
        id: str,
        target: ItemStatus,
        at: datetime,
        *,
        approval: ItemApproval | None = None,
        reason: str | None = None,
    ) -> Implementation:
        item = self.plan.item(id)
        when = to_utc(at, "at")
        if target not in TRANSITIONS[item.status]:
            allowed = sorted(s.value for s in TRANSITIONS[item.status]) or ["nothing (final)"]
            raise TransitionError(
                f"action item {id}",
                item.status.value,
                target.value,
                f"from {item.status.value} it may move to {', '.join(allowed)}",
            )
        history = self.history_of(id)
        if history and when < history[-1].at:
            raise TransitionError(
                f"action item {id}",
                item.status.value,
                target.value,
                f"{when.isoformat()} is before its last change at {history[-1].at.isoformat()}",
            )
        change = StatusChange(when, id, item.status, target, approval, reason)
        return Implementation(
            _replace_item(self.plan, attrs.evolve(item, status=target)),
            (*self.history, change),
        )

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
        if ItemStatus.APPROVED not in TRANSITIONS[item.status]:
            return self._move(id, ItemStatus.APPROVED, when)  # raises the TransitionError
        approval = self._covers(item, by, when)
        return self._move(id, ItemStatus.APPROVED, when, approval=approval)

    def approve_covered(self, *, by: Decision | SilenceProcedure, at: datetime) -> Implementation:
        """Approve every proposed item that ``by`` covers at ``at``.

        Refused (:class:`ApprovalError`) if ``by`` covers none of them.
        """
        when = to_utc(at, "at")
        result = self
        refusals: list[ApprovalError] = []
        for item in self.awaiting_approval:
            try:
                approval = self._covers(item, by, when)
            except ApprovalError as exc:
                refusals.append(exc)
                continue
            result = result._move(item.id, ItemStatus.APPROVED, when, approval=approval)
        if result is self:
            if not refusals:
                raise ApprovalError("(none)", ItemStatus.PROPOSED.value, "no item awaits approval")
            first = refusals[0]
            raise ApprovalError(
                first.item,
                first.current,
                f"it covers none of the items awaiting approval ({first.reason})",
            )
        return result

    def start(self, id: str, *, at: datetime) -> Implementation:
        """Implementation of approved item ``id`` begins at ``at``."""
        return self._move(id, ItemStatus.IN_PROGRESS, at)

    def complete(self, id: str, *, at: datetime, reason: str | None = None) -> Implementation:
        """Item ``id``, in progress, is implemented at ``at``."""
        return self._move(id, ItemStatus.IMPLEMENTED, at, reason=reason)

    def drop(self, id: str, *, at: datetime, reason: str) -> Implementation:
        """Item ``id`` is dropped at ``at``, for ``reason``; final."""
        if not isinstance(reason, str) or not reason.strip():
            raise InvalidValueError("reason", reason, "the reason the item is dropped")
        return self._move(id, ItemStatus.DROPPED, at, reason=reason)

    def propose(self, section: str, id: str, text: str, *, at: datetime) -> Implementation:
        """Propose a new CBM ``id`` into ``section``; it stays proposed until approved."""
        target = self.plan.section(section)
        if not isinstance(id, str) or not _ITEM_ID.match(id):
            raise InvalidValueError("id", id, "an item id without spaces or commas")
        if any(item.id == id for item in self.plan.items):
            raise InvalidValueError("id", id, "an id not yet used in the plan")
        if not isinstance(text, str) or not text.strip():
            raise InvalidValueError("text", text, "the text of the new CBM")
        item = ActionItem(id, ItemKind.NEW_CBM, text)
        sections = tuple(
            attrs.evolve(s, further_steps=(*s.further_steps, item)) if s is target else s
            for s in self.plan.sections
        )
        change = StatusChange(to_utc(at, "at"), id, None, ItemStatus.PROPOSED)
        return Implementation(attrs.evolve(self.plan, sections=sections), (*self.history, change))

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.implementation_html(self)
