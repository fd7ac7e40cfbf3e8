"""What falls due: the deadlines of pending procedures, the yearly reviews, the seminars.

:func:`upcoming` looks at an instant ``at`` and a window ``[at, at + within)`` and lists, in
time order, each :class:`Due` entry: the deadline in force of every procedure still pending at
``at`` (with the parties that have not answered), every yearly review of a
:class:`~cica_cbm.core.reviews.ReviewSchedule` due in the window, and every occurrence of a
seminar :class:`~cica_cbm.core.reviews.Recurrence` in it. Reviews overdue at ``at`` are listed
too, marked :attr:`Due.overdue`, at the instant they fell due (before ``at``).

A review "due no later than" a day falls due at 00:00 the next day in Astana, as a silence
"no later than" a day does. Only reviews held on or before ``at``'s Astana day count as held.
Nothing here reads the clock.

>>> from datetime import timedelta
>>> import cica_cbm as cbm
>>> proc = cbm.samples.nct_g_1501()
>>> [entry] = upcoming([proc], at=proc.deadline - timedelta(days=3))
>>> entry.kind, entry.at.isoformat(), entry.local.isoformat(), len(entry.silent)
(<DueKind.DEADLINE: 'deadline'>, '2024-01-11T18:00:00+00:00', '2024-01-12T00:00:00+06:00', 28)
>>> entry.clause, entry.uid
('Note NCT/G/1501 para 3', 'CICA-NCT-G-1501-2023-12-12T18-00Z-deadline@cica-cbm')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from enum import StrEnum

import attrs

from ._convert import as_tuple
from .clock import ASTANA, ASTANA_ZONE_KEY, end_of_day, english_date, to_utc, zone
from .errors import InvalidValueError
from .recurrence import Recurrence
from .reviews import ReviewBody, ReviewSchedule
from .silence import CLAUSE_EXTENSION, SilenceProcedure, Status

__all__ = [
    "REVIEW_CLAUSE",
    "SEMINAR_CLAUSE",
    "Due",
    "DueKind",
    "Schedulable",
    "upcoming",
]

Schedulable = SilenceProcedure | ReviewSchedule | Recurrence
"""What :func:`upcoming` accepts: a procedure, a review schedule, a seminar calendar."""

REVIEW_CLAUSE = "Action Plan preamble (reviewed every year by the SWG and the SOC)"
"""The clause that sets the yearly review."""

SEMINAR_CLAUSE = "Action Plan ii.1 (a calendar for twice yearly seminars)"
"""The clause that sets the seminars."""

_UNSAFE = re.compile(r"[^A-Za-z0-9.]+")


def _utc(value: datetime) -> datetime:
    return to_utc(value, "Due instant")


class DueKind(StrEnum):
    """What falls due."""

    DEADLINE = "deadline"
    """The deadline in force of a pending silence procedure."""
    REVIEW = "review"
    """A yearly review of the Action Plan by the SWG or the SOC."""
    SEMINAR = "seminar"
    """An occurrence of a seminar calendar."""


@attrs.frozen(slots=True)
class Due:
    """One thing that falls due: what, when (in UTC and in the body's zone), under which clause.

    ``source`` names what it is, stably: the procedure's key, the review's plan, body and
    year, the seminar calendar and the occurrence; :attr:`uid` is derived from it, so a
    calendar exported again updates its entries rather than adding new ones. ``silent`` lists
    the parties that have not answered (deadlines only); ``overdue`` marks a review that fell
    due before ``seen_at`` without being held; ``sequence`` counts the changes of the instant
    (a deadline's extensions), for calendars that want to know which version is newer.
    """

    kind: DueKind
    at: datetime = attrs.field(converter=_utc)
    zone: str
    title: str
    source: str
    clause: str
    seen_at: datetime = attrs.field(converter=_utc)
    silent: tuple[str, ...] = ()
    overdue: bool = False
    sequence: int = 0

    @property
    def local(self) -> datetime:
        """:attr:`at` in the body's zone (:attr:`zone`; Astana's for CICA)."""
        return self.at.astimezone(zone(self.zone))

    @property
    def uid(self) -> str:
        """A stable identifier made from what this is: ``<source>-<kind>@cica-cbm``."""
        return f"{_UNSAFE.sub('-', self.source).strip('-')}-{self.kind.value}@cica-cbm"


def upcoming(
    items: Iterable[Schedulable], *, at: datetime, within: timedelta = timedelta(days=7)
) -> list[Due]:
    """What falls due in ``[at, at + within)``, with reviews overdue at ``at``, in time order.

    Entries at the same instant keep the order of ``items``. See the module doc.
    """
    when = to_utc(at, "at")
    if not isinstance(within, timedelta) or within <= timedelta(0):
        raise InvalidValueError("within", within, "a positive timedelta")
    end = when + within
    found: list[Due] = []
    for item in as_tuple("items", items):
        if isinstance(item, SilenceProcedure):
            found.extend(_deadline(item, when, end))
        elif isinstance(item, ReviewSchedule):
            found.extend(_reviews(item, when, end))
        elif isinstance(item, Recurrence):
            found.extend(_seminars(item, when, end))
        else:
            raise InvalidValueError(
                "items", item, "SilenceProcedure, ReviewSchedule or Recurrence values"
            )
    return sorted(found, key=lambda entry: entry.at)


def _deadline(proc: SilenceProcedure, at: datetime, end: datetime) -> Iterator[Due]:
    outcome = proc.outcome(at)
    ctx = outcome.context
    assert ctx is not None
    instant = ctx.deadline.instant
    if outcome.status is not Status.PENDING or not at <= instant < end or proc.opening.at > at:
        return
    yield Due(
        kind=DueKind.DEADLINE,
        at=instant,
        zone=ctx.deadline.zone,
        title=f"Silence ends: {proc.opening.headline} ({ctx.deadline.describe()})",
        source=proc.key,
        clause=CLAUSE_EXTENSION if ctx.extensions else ctx.clause,
        seen_at=at,
        silent=tuple(sorted(outcome.silent)),
        sequence=len(ctx.extensions),
    )


def _review(schedule: ReviewSchedule, body: ReviewBody, k: int, at: datetime) -> Due:
    _, last = schedule.year(k)
    instant = end_of_day(last, ASTANA)
    return Due(
        kind=DueKind.REVIEW,
        at=instant,
        zone=ASTANA_ZONE_KEY,
        title=f"{body.name} review of the Action Plan, year {k} (due {last.isoformat()})",
        source=f"plan {schedule.starts:%Y%m%d} {body.name} year {k}",
        clause=REVIEW_CLAUSE,
        seen_at=at,
        overdue=instant <= at,
    )


def _reviews(schedule: ReviewSchedule, at: datetime, end: datetime) -> Iterator[Due]:
    on = at.astimezone(ASTANA).date()
    held = ReviewSchedule(schedule.starts, [r for r in schedule.reviews if r.held_on <= on])
    for owed in held.overdue(on):
        yield _review(held, owed.body, owed.year, at)
    k = max(1, held.year_of(on))
    while True:
        _, last = held.year(k)
        instant = end_of_day(last, ASTANA)
        if instant >= end:
            return
        if instant > at:
            for body in ReviewBody:
                if not held.held(body, k):
                    yield _review(held, body, k, at)
        k += 1


def _seminars(calendar: Recurrence, at: datetime, end: datetime) -> Iterator[Due]:
    start = calendar.start
    for occurrence in calendar.rule.between(at, end, inc=True):
        instant = to_utc(occurrence, "occurrence")
        if not at <= instant < end:
            continue
        yield Due(
            kind=DueKind.SEMINAR,
            at=instant,
            zone=ASTANA_ZONE_KEY,
            title=f"Seminar on {english_date(occurrence.date())} (Action Plan ii.1)",
            source=f"seminars {start:%Y%m%dT%H%M} {occurrence:%Y%m%d}",
            clause=SEMINAR_CLAUSE,
            seen_at=at,
        )
