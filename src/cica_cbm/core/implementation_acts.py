"""The acts that make an Action Plan's implementation, each naming its actor.

An :class:`~cica_cbm.core.implementation.Implementation` is the fold of these acts: what is
saved and read back is the acts, re-checked on the way in, never the statuses they lead to.

* :class:`PlanOpened`, the founding act: the plan as drafted, every item proposed, opened for
  implementation by the Secretariat (or a Member State, such as the coordinator who drafted it);
* :class:`ItemsApproved`: items approved, carrying the evidence (an adopted consensus
  :class:`~cica_cbm.core.consensus.Decision` of all the CICA Member States, or an approved
  :class:`~cica_cbm.core.silence.SilenceProcedure`); its actor is the body that decided;
* :class:`CbmProposed`: a Member State proposes a new CBM into a section;
* :class:`ItemStarted` and :class:`ItemCompleted`: a Member State or the Secretariat records
  that the implementation of an approved item began, or was completed;
* :class:`ItemDropped`: the Member States drop an item, by a consensus decision that names it
  (Concept Paper III.1: "All decisions concerning the implementation ... by consensus").

Each act checks what it can alone (its fields, that its actor may act on its day); what needs
the plan (the transitions, whether the evidence covers the item) is checked when the act joins
an Implementation.

References:
    Concept Paper III.1, III.4; Action Plan preamble ("New CBMs ... shall be subject to the
    approval by the Member States"); Note NCT/G/1501 para 3.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TypeAlias

import attrs

from ._convert import as_instance, as_tuple
from .authority import why_not_member
from .clock import ASTANA, to_utc
from .consensus import Decision
from .drafts import ActionItem, ActionPlan, ItemKind, ItemStatus
from .errors import InvalidValueError, NotAMemberError
from .exchange import SECRETARIAT
from .silence import SilenceProcedure

__all__ = [
    "IMPLEMENTATION_ACT_TYPES",
    "CbmProposed",
    "ImplementationAct",
    "ItemCompleted",
    "ItemDropped",
    "ItemStarted",
    "ItemsApproved",
    "PlanOpened",
    "evidence_body",
    "may_record",
]

ITEM_ID = re.compile(r"^[^\s,]+$")
"""An action item id: no spaces, no commas (a decision's subject lists ids by commas)."""


def _item_id(field: str, value: object) -> str:
    if not isinstance(value, str) or not ITEM_ID.match(value):
        raise InvalidValueError(field, value, "an action item id without spaces or commas")
    return value


def may_record(by: object, at: datetime, field: str) -> str:
    """``by`` if it may record a step of implementation at ``at``; else NotAMemberError.

    The Secretariat, or a CICA Member State on the day of ``at`` in Astana (Concept Paper
    III.4: the Member States implement; the seed is silent on who records it).
    """
    if by == SECRETARIAT:
        return SECRETARIAT
    if not isinstance(by, str) or not by:
        raise InvalidValueError(field, by, f"a Member State's code or {SECRETARIAT!r}")
    day = at.astimezone(ASTANA).date()
    why = why_not_member(by, day)
    if why != "it is a Member State":
        raise NotAMemberError(by, f"only a Member State or the Secretariat records it: {why}")
    return by


def _plan_opened_plan(value: object) -> ActionPlan:
    plan = as_instance(ActionPlan, "PlanOpened.plan", value, "the ActionPlan as drafted")
    for item in plan.items:
        if item.status is not ItemStatus.PROPOSED:
            raise InvalidValueError(
                f"PlanOpened.plan item {item.id}.status",
                item.status.value,
                "proposed: a plan is opened as drafted, and only acts move its items",
            )
    return plan


def _plan_opened_by(value: object) -> str:
    if value == SECRETARIAT:
        return SECRETARIAT
    if not isinstance(value, str) or why_not_member(value) != "it is a Member State":
        raise InvalidValueError(
            "PlanOpened.by", value, f"{SECRETARIAT!r} or a CICA Member State's code"
        )
    return value


@attrs.frozen(slots=True)
class PlanOpened:
    """The founding act: ``plan``, as drafted (every item proposed), is opened for implementation.

    ``by`` is the Secretariat (the default), or the Member State that drafted it.
    """

    plan: ActionPlan = attrs.field(converter=_plan_opened_plan)
    by: str = attrs.field(default=SECRETARIAT, converter=_plan_opened_by)


def _approved_items(value: object) -> tuple[str, ...]:
    items = as_tuple("ItemsApproved.items", value)
    for item in items:
        _item_id("ItemsApproved.items", item)
    if not items or len(set(items)) != len(items):
        raise InvalidValueError("ItemsApproved.items", list(items), "item ids, at least one, once")
    return items


def _approved_at(value: object) -> datetime:
    return to_utc(value, "ItemsApproved.at")


def _evidence(value: object) -> Decision | SilenceProcedure:
    if not isinstance(value, Decision | SilenceProcedure):
        raise InvalidValueError(
            "ItemsApproved.evidence", value, "the Decision or the SilenceProcedure that approved"
        )
    return value


def evidence_body(evidence: Decision | SilenceProcedure) -> str:
    """The id of the body whose act the evidence is: the decision's, or the procedure's."""
    return evidence.body if isinstance(evidence, Decision) else evidence.body.id


def _approved_by_default(act: ItemsApproved) -> str:
    return evidence_body(act.evidence)


@attrs.frozen(slots=True)
class ItemsApproved:
    """``items`` approved at ``at`` on the strength of ``evidence``, which the act carries.

    ``by`` is the body whose decision or procedure it is (``"CICA"``, or one of its organs):
    approval is the Member States' act, and the evidence says so.
    """

    items: tuple[str, ...] = attrs.field(converter=_approved_items)
    at: datetime = attrs.field(converter=_approved_at)
    evidence: Decision | SilenceProcedure = attrs.field(converter=_evidence)
    by: str = attrs.field(default=attrs.Factory(_approved_by_default, takes_self=True))

    def __attrs_post_init__(self) -> None:
        actor = evidence_body(self.evidence)
        if self.by != actor:
            raise InvalidValueError(
                "ItemsApproved.by", self.by, f"{actor!r}, the body whose act the evidence is"
            )


def _proposed_section(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidValueError("CbmProposed.section", value, "the id of a section of the plan")
    return value


def _proposed_cbm(value: object) -> ActionItem:
    item = as_instance(ActionItem, "CbmProposed.cbm", value, "the new CBM, an ActionItem")
    _item_id("CbmProposed.cbm.id", item.id)
    if item.kind is not ItemKind.NEW_CBM or item.status is not ItemStatus.PROPOSED:
        raise InvalidValueError(
            "CbmProposed.cbm",
            f"{item.kind.value}, {item.status.value}",
            "a new_cbm item, proposed (it needs the Member States' approval)",
        )
    if not isinstance(item.text, str) or not item.text.strip():
        raise InvalidValueError("CbmProposed.cbm.text", item.text, "the text of the new CBM")
    return item


def _proposed_at(value: object) -> datetime:
    return to_utc(value, "CbmProposed.at")


def _proposed_by(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidValueError("CbmProposed.by", value, "a Member State's code")
    return value


@attrs.frozen(slots=True)
class CbmProposed:
    """Member State ``by`` proposes the new CBM ``cbm`` into ``section`` at ``at``.

    ``by`` must be a CICA Member State on the day of ``at`` in Astana.
    """

    section: str = attrs.field(converter=_proposed_section)
    cbm: ActionItem = attrs.field(converter=_proposed_cbm)
    at: datetime = attrs.field(converter=_proposed_at)
    by: str = attrs.field(converter=_proposed_by)

    def __attrs_post_init__(self) -> None:
        day = self.at.astimezone(ASTANA).date()
        why = why_not_member(self.by, day)
        if why != "it is a Member State":
            raise NotAMemberError(self.by, f"only a Member State proposes a new CBM: {why}")


def _reason(field: str, value: object, required: bool) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidValueError(field, value, "the reason given" if required else "a text, or None")
    return value


def _started_item(value: object) -> str:
    return _item_id("ItemStarted.item", value)


def _started_at(value: object) -> datetime:
    return to_utc(value, "ItemStarted.at")


@attrs.frozen(slots=True)
class ItemStarted:
    """The implementation of item ``item`` began at ``at``, as ``by`` records.

    ``by`` is a CICA Member State on the day of ``at`` in Astana, or the Secretariat.
    """

    item: str = attrs.field(converter=_started_item)
    at: datetime = attrs.field(converter=_started_at)
    by: str

    def __attrs_post_init__(self) -> None:
        may_record(self.by, self.at, "ItemStarted.by")


def _completed_item(value: object) -> str:
    return _item_id("ItemCompleted.item", value)


def _completed_at(value: object) -> datetime:
    return to_utc(value, "ItemCompleted.at")


def _completed_reason(value: object) -> str | None:
    return _reason("ItemCompleted.reason", value, required=False)


@attrs.frozen(slots=True)
class ItemCompleted:
    """Item ``item`` was implemented at ``at``, as ``by`` records; ``reason``, words with it.

    ``by`` is a CICA Member State on the day of ``at`` in Astana, or the Secretariat.
    """

    item: str = attrs.field(converter=_completed_item)
    at: datetime = attrs.field(converter=_completed_at)
    by: str
    reason: str | None = attrs.field(default=None, converter=_completed_reason)

    def __attrs_post_init__(self) -> None:
        may_record(self.by, self.at, "ItemCompleted.by")


def _dropped_item(value: object) -> str:
    return _item_id("ItemDropped.item", value)


def _dropped_at(value: object) -> datetime:
    return to_utc(value, "ItemDropped.at")


def _dropped_decision(value: object) -> Decision:
    return as_instance(
        Decision, "ItemDropped.decision", value, "the consensus Decision that drops the item"
    )


def _dropped_reason(value: object) -> str:
    return _reason("ItemDropped.reason", value, required=True)  # type: ignore[return-value]


def _dropped_by_default(act: ItemDropped) -> str:
    return act.decision.body


@attrs.frozen(slots=True)
class ItemDropped:
    """Item ``item`` is dropped at ``at`` by ``decision``, for ``reason``; final.

    Dropping is a decision concerning the implementation, so it is taken by consensus
    (Concept Paper III.1): ``by`` is the body that decided, as with an approval.
    """

    item: str = attrs.field(converter=_dropped_item)
    at: datetime = attrs.field(converter=_dropped_at)
    decision: Decision = attrs.field(converter=_dropped_decision)
    reason: str = attrs.field(converter=_dropped_reason)
    by: str = attrs.field(default=attrs.Factory(_dropped_by_default, takes_self=True))

    def __attrs_post_init__(self) -> None:
        if self.by != self.decision.body:
            raise InvalidValueError(
                "ItemDropped.by", self.by, f"{self.decision.body!r}, the body that decided"
            )


ImplementationAct: TypeAlias = (
    PlanOpened | ItemsApproved | CbmProposed | ItemStarted | ItemCompleted | ItemDropped
)
"""Any act of an Action Plan's implementation."""

IMPLEMENTATION_ACT_TYPES = (
    PlanOpened,
    ItemsApproved,
    CbmProposed,
    ItemStarted,
    ItemCompleted,
    ItemDropped,
)
"""The act classes, the founding act first."""
