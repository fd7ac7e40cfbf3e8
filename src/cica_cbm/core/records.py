"""Flat records for analysts: one plain dict per event, position, plan item or participant.

:func:`records` turns what the model holds (silence procedures, consensus decisions, the
Action Plan as implemented, activities) into rows of plain values (``str``, ``int``, ``bool``,
``None``, aware ``datetime``, ``date``), seen at an instant ``at``: the effect and status
columns say how each thing stood then. Every row names its kind in ``"record"``:

``"event"``
    one per event of a :class:`~cica_cbm.core.silence.SilenceProcedure`, in recording order
    (see :data:`EVENT_COLUMNS`);
``"position"``
    one per member of a :class:`~cica_cbm.core.consensus.Decision`, silent ones too
    (:data:`POSITION_COLUMNS`);
``"action_item"``
    one per item of an :class:`~cica_cbm.core.implementation.Implementation`, with its status
    at ``at`` (:data:`ACTION_ITEM_COLUMNS`);
``"participant"``
    one per host, participating state or admitted body of an
    :class:`~cica_cbm.core.participation.Activity` (:data:`PARTICIPANT_COLUMNS`).

Instants are aware and in UTC; ``*_local`` columns are the same instant in the body's zone
(Astana's for CICA), whose IANA key is in ``"zone"``. Nothing here reads the clock.

>>> import cica_cbm as cbm
>>> proc = cbm.samples.nct_g_1501()
>>> [row] = records([proc], at=proc.deadline)
>>> row["type"], row["effect"], row["status"], row["decided_at"].isoformat()
('ProcedureOpened', 'opened', 'approved', '2024-01-11T18:00:00+00:00')
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ._convert import as_tuple
from .clock import ASTANA, ASTANA_ZONE_KEY, to_utc, zone
from .consensus import Decision
from .drafts import ItemStatus
from .errors import InvalidValueError
from .implementation import Implementation
from .participation import Activity
from .silence import (
    DeadlineBroughtForward,
    DeadlineExtended,
    Event,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilenceProcedure,
)

__all__ = [
    "ACTION_ITEM_COLUMNS",
    "EFFECTS",
    "EVENT_COLUMNS",
    "PARTICIPANT_COLUMNS",
    "POSITION_COLUMNS",
    "RECORD_KINDS",
    "Recordable",
    "records",
]

EFFECTS = (
    "opened",
    "in time",
    "breaks the silence",
    "withdraws",
    "extends the deadline",
    "late: no effect",
    "no effect",
    "after the instant shown",
)
"""Every ``effect`` an event row can have (:meth:`~cica_cbm.core.silence.SilenceContext.effect`)."""

Recordable = SilenceProcedure | Decision | Implementation | Activity
"""What :func:`records` accepts."""

EVENT_COLUMNS = (
    "record",
    "procedure",
    "body",
    "zone",
    "opened_at",
    "index",
    "type",
    "at",
    "at_local",
    "by",
    "kind",
    "text",
    "to",
    "effect",
    "status",
    "decided_at",
)
"""The keys of an event row: ``to`` is the deadline an extension or bringing forward sets."""

POSITION_COLUMNS = (
    "record",
    "subject",
    "adopted",
    "member",
    "position",
    "blocks",
    "statement",
)
"""The keys of a position row: one member's position (``None`` if silent) in a decision."""

ACTION_ITEM_COLUMNS = (
    "record",
    "plan",
    "section",
    "item",
    "kind",
    "text",
    "status",
    "changed_at",
)
"""The keys of an action item row: ``status`` at ``at`` (``None`` before it was proposed)."""

PARTICIPANT_COLUMNS = (
    "record",
    "activity",
    "activity_kind",
    "title",
    "item",
    "zone",
    "starts",
    "starts_local",
    "participant",
    "role",
)
"""The keys of a participant row: ``role`` is ``"host"``, ``"participant"`` or ``"body"``."""

RECORD_KINDS = {
    "event": EVENT_COLUMNS,
    "position": POSITION_COLUMNS,
    "action_item": ACTION_ITEM_COLUMNS,
    "participant": PARTICIPANT_COLUMNS,
}
"""Each kind of row and its keys, in order."""


def records(items: Iterable[Recordable], *, at: datetime) -> list[dict[str, Any]]:
    """One flat row per event, position, plan item or participant of ``items``, seen at ``at``.

    Rows come in the order of ``items``, and within one item in its own order (events as
    recorded, positions by member code, plan items in plan order). See the module doc.
    """
    when = to_utc(at, "at")
    rows: list[dict[str, Any]] = []
    for item in as_tuple("items", items):
        if isinstance(item, SilenceProcedure):
            rows.extend(_event_rows(item, when))
        elif isinstance(item, Decision):
            rows.extend(_position_rows(item))
        elif isinstance(item, Implementation):
            rows.extend(_item_rows(item, when))
        elif isinstance(item, Activity):
            rows.extend(_participant_rows(item))
        else:
            raise InvalidValueError(
                "items", item, "SilenceProcedure, Decision, Implementation or Activity values"
            )
    return rows


def _event_rows(proc: SilenceProcedure, at: datetime) -> list[dict[str, Any]]:
    ctx = proc.context(at)
    key = proc.terms.zone
    local = zone(key)
    opened = proc.opening.at
    rows = []
    for index, event in enumerate(proc.events):
        rows.append(
            {
                "record": "event",
                "procedure": proc.key,
                "body": proc.body.id,
                "zone": key,
                "opened_at": opened,
                "index": index,
                "type": type(event).__name__,
                "at": event.at,
                "at_local": event.at.astimezone(local),
                "by": _by(event),
                "kind": _kind(event),
                "text": _text(event),
                "to": _to(event),
                "effect": ctx.effect(event),
                "status": ctx.status.value,
                "decided_at": ctx.decided_at,
            }
        )
    return rows


def _by(event: Event) -> str | None:
    if isinstance(event, ProcedureOpened):
        return event.requested_by
    by: str | None = event.by
    return by


def _kind(event: Event) -> str | None:
    if isinstance(event, ProcedureOpened | DeadlineExtended | DeadlineBroughtForward):
        return None
    if isinstance(event, ProcedureWithdrawn):
        return None
    return event.kind.value


def _text(event: Event) -> str | None:
    if isinstance(event, ProcedureWithdrawn):
        return event.reason
    if isinstance(event, ProcedureOpened | DeadlineExtended | DeadlineBroughtForward):
        return None
    return event.text


def _to(event: Event) -> datetime | None:
    if isinstance(event, DeadlineExtended | DeadlineBroughtForward):
        return event.to.instant
    return None


def _position_rows(decision: Decision) -> list[dict[str, Any]]:
    said: dict[str, str] = {}
    for statement in decision.statements:
        said.setdefault(statement.by, statement.text)
    return [
        {
            "record": "position",
            "subject": decision.subject,
            "adopted": decision.adopted,
            "member": code,
            "position": None if position is None else position.value,
            "blocks": position is not None and position.blocks,
            "statement": said.get(code),
        }
        for code, position in sorted(
            [*decision.positions, *((code, None) for code in decision.silent)],
            key=lambda pair: pair[0],
        )
    ]


def _item_rows(impl: Implementation, at: datetime) -> list[dict[str, Any]]:
    rows = []
    for section in impl.plan.sections:
        for item in section.items:
            status, changed = _status_at(impl, item.id, item.status, at)
            rows.append(
                {
                    "record": "action_item",
                    "plan": impl.plan.title,
                    "section": section.id,
                    "item": item.id,
                    "kind": item.kind.value,
                    "text": item.text,
                    "status": None if status is None else status.value,
                    "changed_at": changed,
                }
            )
    return rows


def _status_at(
    impl: Implementation, id: str, now: ItemStatus, at: datetime
) -> tuple[ItemStatus | None, datetime | None]:
    """The status of item ``id`` at ``at`` from its history, and when it last changed."""
    changes = [change for change in impl.history if change.item == id]
    done = [change for change in changes if change.at <= at]
    if done:
        return done[-1].after, done[-1].at
    if changes:
        return changes[0].before, None
    return now, None


def _participant_rows(activity: Activity) -> list[dict[str, Any]]:
    roles = [(activity.host, "host")]
    roles += [(code, "participant") for code in sorted(activity.participants - {activity.host})]
    roles += [(name, "body") for name in sorted(activity.bodies)]
    return [
        {
            "record": "participant",
            "activity": activity.id,
            "activity_kind": activity.kind.value,
            "title": activity.title,
            "item": activity.item,
            "zone": ASTANA_ZONE_KEY,
            "starts": activity.starts,
            "starts_local": activity.starts.astimezone(ASTANA),
            "participant": who,
            "role": role,
        }
        for who, role in roles
    ]
