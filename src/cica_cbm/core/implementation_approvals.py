"""Approving and dropping Action Plan items: what a decision names, and what covers an item.

The one check every approval passes, however the approval is built (the API, a constructor,
JSON or a store): :func:`covers`. An item is approved only by an adopted consensus
:class:`~cica_cbm.core.consensus.Decision` of all the CICA Member States of its day whose
subject names it (:func:`approval_subject`), or by an approved
:class:`~cica_cbm.core.silence.SilenceProcedure` whose draft sets it out as a lead measure. An
item is dropped only by such a decision whose subject names its dropping (:func:`drop_subject`):
"All decisions concerning the implementation ... are to be taken through consultations and by
consensus" (Concept Paper III.1).

References:
    Concept Paper III.1; Action Plan preamble ("New CBMs ... shall be subject to the approval by
    the Member States"); Action Plan section i; Note NCT/G/1501 para 3.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

import attrs

from ._convert import as_tuple
from .clock import to_utc
from .consensus import Decision, authorized
from .drafts import ActionItem, ActionPlan, Draft, ItemKind, ItemStatus
from .errors import InvalidValueError, TransitionError
from .implementation_acts import ITEM_ID
from .silence import Outcome, SilenceProcedure, Status

__all__ = [
    "ApprovalBasis",
    "ApprovalError",
    "ItemApproval",
    "approval_subject",
    "check_drop",
    "covers",
    "drop_subject",
    "items_named",
    "items_to_drop",
]


class ApprovalError(TransitionError):
    """An item cannot be approved on the basis given: ``reason`` says why.

    A :class:`~cica_cbm.core.errors.TransitionError` (and so a ``CbmError``) from ``proposed`` to
    ``approved``. ``where`` prefixes the message when an act is replayed (``"acts[3]: "``).
    """

    def __init__(self, item: str, current: str, reason: str, where: str = "") -> None:
        self.item = item
        self.where = where
        super().__init__(f"{where}action item {item}", current, ItemStatus.APPROVED.value, reason)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.item, self.current, self.reason, self.where))


# --- what a decision names ---------------------------------------------------------------------

_SUBJECT_PREFIX = "approve action plan items: "
_DROP_PREFIX = "drop action plan items: "


def _subject(prefix: str, items: Iterable[str]) -> str:
    given = as_tuple("items", items)
    # each id is checked before the set and the sort, which fail on unhashable or mixed values
    for item in given:
        if not isinstance(item, str) or not ITEM_ID.match(item):
            raise InvalidValueError("items", item, "an action item id without spaces or commas")
    ids = sorted(set(given))
    if not ids:
        raise InvalidValueError("items", ids, "at least one action item id")
    return prefix + ", ".join(ids)


def _named(prefix: str, subject: str | None) -> frozenset[str]:
    if not isinstance(subject, str) or not subject.startswith(prefix):
        return frozenset()
    ids = [part.strip() for part in subject[len(prefix) :].split(",")]
    if not all(ITEM_ID.match(item) for item in ids):
        return frozenset()
    return frozenset(ids)


def approval_subject(items: Iterable[str]) -> str:
    """The subject of a consensus decision that approves ``items``, by their ids.

    Take the decision with ``consensus(..., subject=approval_subject([...]))``; an adopted
    decision on this subject approves exactly these items.

    >>> approval_subject(["i.2", "i.1"])
    'approve action plan items: i.1, i.2'
    """
    return _subject(_SUBJECT_PREFIX, items)


def drop_subject(items: Iterable[str]) -> str:
    """The subject of a consensus decision that drops ``items`` from the plan.

    >>> drop_subject(["i.3"])
    'drop action plan items: i.3'
    """
    return _subject(_DROP_PREFIX, items)


def items_to_drop(subject: str | None) -> frozenset[str]:
    """The item ids a drop subject names; empty for any other subject.

    >>> sorted(items_to_drop("drop action plan items: i.3"))
    ['i.3']
    """
    return _named(_DROP_PREFIX, subject)


def items_named(subject: str | None) -> frozenset[str]:
    """The item ids an approval subject names; empty for any other subject.

    >>> sorted(items_named("approve action plan items: i.1, ii.4"))
    ['i.1', 'ii.4']
    >>> items_named("admit OSCE")
    frozenset()
    """
    return _named(_SUBJECT_PREFIX, subject)


class ApprovalBasis(StrEnum):
    """What approved an item."""

    CONSENSUS = "consensus"
    """An adopted consensus decision that names the item."""
    SILENCE_PROCEDURE = "silence_procedure"
    """An approved silence procedure whose draft sets the item out as a lead measure."""


def _approval_evidence(value: object) -> Decision | SilenceProcedure:
    if not isinstance(value, Decision | SilenceProcedure):
        raise InvalidValueError(
            "ItemApproval.evidence", value, "the Decision or the SilenceProcedure that approved"
        )
    return value


def _approval_decided_at(value: object) -> datetime:
    return to_utc(value, "ItemApproval.decided_at")


@attrs.frozen(slots=True)
class ItemApproval:
    """Why an item was approved: the evidence, and the instant the approval took effect.

    ``evidence`` is the adopted :class:`~cica_cbm.core.consensus.Decision` or the approved
    :class:`~cica_cbm.core.silence.SilenceProcedure` itself, not a reference to it;
    ``decided_at`` is the procedure's decision instant, or for a decision the instant the
    approval was recorded. An approval checks itself however it is built: the decision must
    be adopted, of all the CICA Member States of its day and not dated after ``decided_at``,
    and name items; the procedure must have been approved at exactly ``decided_at``.
    ``basis`` and ``reference`` are read from the evidence.
    """

    evidence: Decision | SilenceProcedure = attrs.field(converter=_approval_evidence)
    decided_at: datetime = attrs.field(converter=_approval_decided_at)

    def __attrs_post_init__(self) -> None:
        evidence = self.evidence
        if isinstance(evidence, Decision):
            why = authorized(evidence, self.decided_at)
            if why is None and not evidence.adopted:
                why = "it was not adopted"
            if why is None and not items_named(evidence.subject):
                why = f"its subject {evidence.subject!r} names no action plan item"
            if why is not None:
                raise InvalidValueError(
                    "ItemApproval.evidence", evidence.subject, f"a decision that approves: {why}"
                )
            return
        decided = evidence.decided_at(self.decided_at)
        if (
            not isinstance(evidence.draft, Draft)
            or evidence.status(self.decided_at) is not Status.APPROVED
            or decided != self.decided_at
        ):
            raise InvalidValueError(
                "ItemApproval.decided_at",
                self.decided_at.isoformat(),
                f"the instant {evidence.opening.source} approved a CICA Draft "
                f"({'never' if decided is None else decided.isoformat()})",
            )

    @property
    def basis(self) -> ApprovalBasis:
        """A consensus decision, or a silence procedure."""
        if isinstance(self.evidence, Decision):
            return ApprovalBasis.CONSENSUS
        return ApprovalBasis.SILENCE_PROCEDURE

    @property
    def reference(self) -> str:
        """The decision's subject, or what opened the procedure ("Note NCT/G/1501")."""
        if isinstance(self.evidence, Decision):
            return str(self.evidence.subject)
        return self.evidence.opening.source

    def __str__(self) -> str:
        what = "consensus decision" if self.basis is ApprovalBasis.CONSENSUS else "silence"
        return f"{what} ({self.reference}) at {self.decided_at.isoformat()}"


def covers(
    item: ActionItem,
    plan: ActionPlan,
    by: Decision | SilenceProcedure | Outcome | object,
    at: datetime,
    where: str = "",
) -> ItemApproval:
    """The approval ``by`` gives ``item`` of ``plan`` at ``at``; an :class:`ApprovalError` if none.

    The one check every approval passes, by the API, a constructor, JSON or a store.
    """
    current = item.status.value

    def refuse(reason: str) -> ApprovalError:
        return ApprovalError(item.id, current, reason, where)

    if isinstance(by, Decision):
        why = authorized(by, at)
        if why is not None:
            raise refuse(f"the decision does not speak for the Member States: {why}")
        if not by.adopted:
            objections = ", ".join(sorted(by.objections)) or "no quorum"
            raise refuse(f"the decision was not adopted ({objections})")
        if item.id not in items_named(by.subject):
            raise refuse(
                f"the decision's subject {by.subject!r} does not name it; "
                f"take the decision on {approval_subject([item.id])!r}"
            )
        return ItemApproval(by, at)
    if isinstance(by, SilenceProcedure):
        if not isinstance(by.draft, Draft):
            raise refuse(f"{by.key} put no CICA Concept Paper and Action Plan")
        source = by.opening.source
        status, decided_at = by.status(at), by.decided_at(at)
        if status is not Status.APPROVED or decided_at is None:
            raise refuse(
                f"the silence procedure of {source} is {status.value} at {at.isoformat()}, "
                "not approved"
            )
        draft_plan = by.draft.action_plan
        if draft_plan.title != plan.title:
            raise refuse(f"{source} placed another Action Plan")
        lead = {i.id: i.text for i in draft_plan.items if i.kind is ItemKind.LEAD_MEASURE}
        if item.kind is not ItemKind.LEAD_MEASURE or lead.get(item.id) != item.text:
            raise refuse(
                f"approving the draft of {source} approves its lead measures "
                f"only; a {item.kind.value.replace('_', ' ')} needs a decision that names it"
            )
        return ItemApproval(by, decided_at)
    if isinstance(by, Outcome):
        raise refuse("an Outcome does not say which draft it decided; pass its SilenceProcedure")
    raise refuse(
        f"{by!r} is neither an adopted consensus Decision nor an approved silence procedure"
    )


def check_drop(item: ActionItem, decision: Decision, at: datetime, where: str = "") -> None:
    """Refuse dropping ``item`` at ``at`` by ``decision`` unless the Member States decided it.

    A :class:`~cica_cbm.core.errors.TransitionError` unless ``decision`` is an adopted decision
    of all the CICA Member States, not dated after ``at``, whose subject names the item
    (:func:`drop_subject`).
    """
    why = authorized(decision, at)
    if why is None and not decision.adopted:
        why = f"it was not adopted ({', '.join(sorted(decision.objections)) or 'no quorum'})"
    if why is None and item.id not in items_to_drop(decision.subject):
        why = (
            f"its subject {decision.subject!r} does not name it; "
            f"take the decision on {drop_subject([item.id])!r}"
        )
    if why is not None:
        raise TransitionError(
            f"{where}action item {item.id}",
            item.status.value,
            ItemStatus.DROPPED.value,
            f"only the Member States drop an item, by consensus (Concept Paper III.1): {why}",
        )
