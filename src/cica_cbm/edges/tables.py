"""Tables and calendars for analysts: the records as a pandas DataFrame, the agenda as iCalendar.

:func:`to_frame` is :func:`~cica_cbm.core.records.records` as a DataFrame with typed
columns; :func:`to_ical` writes the entries of :func:`~cica_cbm.core.agenda.upcoming` as an
RFC 5545 calendar. pandas and icalendar are optional (the ``pandas`` and ``ical`` extras) and
are imported inside the functions, so ``import cica_cbm`` loads neither.

The frame's columns are those of the kinds of row present (in the order of
:data:`~cica_cbm.core.records.RECORD_KINDS`), typed:

* instants (``opened_at``, ``at``, ``to``, ``decided_at``, ``changed_at``, ``starts``):
  ``datetime64[ns, UTC]``;
* local times (``at_local``, ``starts_local``): ``datetime64[ns]``, the wall clock in the zone
  named in ``zone`` (one column can hold several zones, a tz-aware one cannot);
* codes and names from a closed list (``record``, ``type``, ``kind``, ``effect``,
  ``status``, ``position``, ``role``, ``activity_kind``, ``section``) and state codes and
  names (``body``, ``zone``, ``by``, ``member``, ``participant``): categoricals;
* ``index``: ``Int64``; ``adopted``, ``blocks``: ``boolean``; the rest: ``string``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..core._convert import as_instance, as_tuple
from ..core.agenda import Due
from ..core.consensus import Position
from ..core.drafts import ItemKind, ItemStatus
from ..core.participation import ActivityKind
from ..core.records import EFFECTS, RECORD_KINDS, Recordable, records
from ..core.silence import EVENT_TYPES, Status, SubmissionKind

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CATEGORIES", "ICAL_PRODID", "to_frame", "to_ical"]

ICAL_PRODID = "-//cica_cbm//agenda//EN"
"""The ``PRODID`` of the calendars :func:`to_ical` writes."""


def _values(*groups: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return tuple(seen)


CATEGORIES: dict[str, tuple[str, ...]] = {
    "record": tuple(RECORD_KINDS),
    "type": tuple(cls.__name__ for cls in EVENT_TYPES),
    "kind": _values((k.value for k in SubmissionKind), (k.value for k in ItemKind)),
    "effect": EFFECTS,
    "status": _values((s.value for s in Status), (s.value for s in ItemStatus)),
    "position": tuple(p.value for p in Position),
    "role": ("host", "participant", "body"),
    "activity_kind": tuple(k.value for k in ActivityKind),
}
"""The fixed categories of the closed-list columns: every value they can take, in order."""

_INSTANTS = ("opened_at", "at", "to", "decided_at", "changed_at", "starts")
_LOCAL = ("at_local", "starts_local")
_CODES = ("body", "zone", "by", "member", "participant", "section")
_INTEGERS = ("index",)
_BOOLEANS = ("adopted", "blocks")


def to_frame(items: Iterable[Recordable], *, at: datetime) -> pd.DataFrame:
    """The :func:`~cica_cbm.core.records.records` of ``items`` at ``at`` as a typed DataFrame.

    Needs pandas (the ``pandas`` extra). One row per record, in the same order.
    """
    import pandas as pd

    rows = records(items, at=at)
    present = {row["record"] for row in rows} or {"event"}
    columns: list[str] = []
    for kind, keys in RECORD_KINDS.items():
        if kind in present:
            columns.extend(key for key in keys if key not in columns)
    typed: dict[str, Any] = {}
    for name in columns:
        values = [row.get(name) for row in rows]
        if name in _LOCAL:
            values = [None if v is None else v.replace(tzinfo=None) for v in values]
        column = pd.Series(values, dtype=object)
        if name in _INSTANTS:
            typed[name] = pd.to_datetime(column, utc=True).astype("datetime64[ns, UTC]")
        elif name in _LOCAL:
            typed[name] = pd.to_datetime(column).astype("datetime64[ns]")
        elif name in CATEGORIES:
            typed[name] = pd.Categorical(column, categories=list(CATEGORIES[name]))
        elif name in _CODES:
            typed[name] = pd.Categorical(column)
        elif name in _INTEGERS:
            typed[name] = column.astype("Int64")
        elif name in _BOOLEANS:
            typed[name] = column.astype("boolean")
        else:
            typed[name] = column.astype("string")
    return pd.DataFrame(typed, columns=columns)


def to_ical(entries: Iterable[Due]) -> bytes:
    """The entries of :func:`~cica_cbm.core.agenda.upcoming` as an RFC 5545 calendar (bytes).

    One ``VEVENT`` per entry, with the entry's stable :attr:`~cica_cbm.core.agenda.Due.uid`
    (so importing a newer export updates the events rather than adding new ones), ``DTSTART``
    in UTC, ``DTSTAMP`` the instant the entries were seen at, ``SEQUENCE`` the deadline's
    extensions, the clause and who has not answered in ``DESCRIPTION``. Needs icalendar (the
    ``ical`` extra). The bytes are UTF-8 with CRLF line ends, lines folded at 75 octets.
    """
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", ICAL_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for entry in as_tuple("entries", entries):
        as_instance(Due, "entries", entry, "Due entries, from upcoming()")
        event = icalendar.Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", entry.seen_at)
        event.add("dtstart", entry.at)
        event.add("summary", f"{entry.title} (overdue)" if entry.overdue else entry.title)
        event.add("description", _description(entry))
        event.add("categories", [entry.kind.value])
        event.add("sequence", entry.sequence)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _description(entry: Due) -> str:
    lines = [
        f"Clause: {entry.clause}",
        f"Local time: {entry.local:%Y-%m-%d %H:%M} ({entry.zone})",
    ]
    if entry.silent:
        lines.append(f"Not answered ({len(entry.silent)}): {', '.join(entry.silent)}")
    if entry.overdue:
        lines.append(f"Overdue at {entry.seen_at:%Y-%m-%d %H:%M} UTC")
    return "\n".join(lines)
