"""Words for events and instants: how every view writes a time, a deadline and an event.

The tables (:mod:`cica_cbm.views.html`) and the timeline (:mod:`cica_cbm.views.timeline`)
write the same instant in several forms, each named for what it shows: Astana time with its
offset, UTC, a short Astana time for a label, and both zones at once for a tooltip. Months are
English whatever the locale (:func:`~cica_cbm.core.clock.english_date`), so the same procedure
always gives the same words.

>>> from datetime import datetime
>>> from cica_cbm.core.clock import UTC
>>> decided = datetime(2024, 1, 11, 18, 0, tzinfo=UTC)
>>> astana_with_offset(decided), utc(decided), short_astana(decided)
('2024-01-12 00:00 Astana (UTC+06:00)', '2024-01-11 18:00 UTC', '12 Jan 2024 00:00')
>>> full_astana_and_utc(decided)
'2024-01-12 00:00 Astana (UTC+06:00) = 2024-01-11 18:00 UTC'

Codes become words the same way everywhere, with :func:`readable`:

>>> from cica_cbm.core.silence import Status
>>> readable(Status.SILENCE_BROKEN), readable("join_with_statement")
('silence broken', 'join with statement')
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from ..core.clock import ASTANA, UTC, english_date
from ..core.silence import (
    DeadlineBroughtForward,
    DeadlineExtended,
    ProcedureOpened,
    ProcedureWithdrawn,
)

if TYPE_CHECKING:
    from ..core.silence import Deadline, Event

__all__ = [
    "EventWords",
    "astana_with_offset",
    "due",
    "event_words",
    "full_astana_and_utc",
    "readable",
    "short_astana",
    "utc",
    "utc_offset",
]


def readable(value: object) -> str:
    """An enum member or a code in words, for people: ``"silence broken"``, not ``SILENCE_BROKEN``.

    An enum member gives its name in lower case (``Confidence.HIGH``, stored as ``"H"``, is
    ``"high"``), a string itself; underscores become spaces. Every table and picture writes
    statuses, positions, kinds and bases through this one function.
    """
    text = value.name.lower() if isinstance(value, Enum) else str(value)
    return text.replace("_", " ")


def utc_offset(instant: datetime) -> str:
    """Astana's offset from UTC at ``instant``: ``"UTC+06:00"``, ``"UTC+05:00"`` from March 2024."""
    offset = instant.astimezone(ASTANA).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def astana_with_offset(instant: datetime) -> str:
    """``instant`` in Astana time with its offset: ``"2024-01-12 00:00 Astana (UTC+06:00)"``."""
    return f"{instant.astimezone(ASTANA):%Y-%m-%d %H:%M} Astana ({utc_offset(instant)})"


def utc(instant: datetime) -> str:
    """``instant`` in UTC: ``"2024-01-11 18:00 UTC"``."""
    return f"{instant.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def short_astana(instant: datetime) -> str:
    """``instant`` in Astana time, short, for a label: ``"12 Jan 2024 00:00"``."""
    local = instant.astimezone(ASTANA)
    return f"{english_date(local.date(), short=True)} {local:%H:%M}"


def full_astana_and_utc(instant: datetime) -> str:
    """``instant`` in both zones, for a tooltip.

    ``"2024-01-12 00:00 Astana (UTC+06:00) = 2024-01-11 18:00 UTC"``.
    """
    return f"{astana_with_offset(instant)} = {utc(instant)}"


def due(deadline: Deadline) -> str:
    """When ``deadline`` falls, short: as the note states it, or as an instant.

    ``"no later than 11 Jan 2024"`` for a stated day; :func:`short_astana` of the instant for a
    deadline given as one.
    """
    if deadline.stated is None:
        return short_astana(deadline.instant)
    return f"no later than {english_date(deadline.stated, short=True)}"


class EventWords(NamedTuple):
    """An event in words: what happened, who did it, and the details."""

    what: str
    """``"opened"``, ``"deadline extended"``, ``"withdrawn"`` or the submission's kind."""
    by: str | None
    """The party's code, or ``None`` for the Secretariat's acts."""
    details: str
    """The note and deadline, the new deadline, the reason, or what the party wrote."""


def event_words(event: Event) -> EventWords:
    """``event`` in words, as the table of a procedure's events lists it.

    >>> import cica_cbm as cbm
    >>> event_words(cbm.samples.nct_g_1501().opening)
    EventWords(what='opened', by=None, details='Note NCT/G/1501; no later than 11 January 2024')
    """
    if isinstance(event, ProcedureOpened):
        return EventWords("opened", None, f"{event.source}; {event.deadline.describe()}")
    if isinstance(event, DeadlineExtended):
        by_note = f" by Note {event.note}" if event.note is not None else ""
        return EventWords("deadline extended", None, f"to {event.to.describe()}{by_note}")
    if isinstance(event, DeadlineBroughtForward):
        by_note = f" by Note {event.note}" if event.note is not None else ""
        return EventWords("deadline brought forward", None, f"to {event.to.describe()}{by_note}")
    if isinstance(event, ProcedureWithdrawn):
        by_note = f" (Note {event.note})" if event.note is not None else ""
        return EventWords("withdrawn", None, f"{event.reason}{by_note}")
    return EventWords(readable(event.kind), event.by, event.text)
