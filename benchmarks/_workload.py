"""The procedures the benchmarks run on, as library events and as plain tuples.

A procedure of ``n`` events is the seed's opening (Note NCT/G/1501, CICA practice) followed by
``n - 1`` submissions from the parties in turn, one every few seconds: comments and amendments,
two deadline extensions (at a quarter and at half of the stream), an objection in time at four
fifths, and late submissions after it. So every branch of the fold runs and every finding kind
except withdrawal is produced. Texts are distinct strings, as real submissions would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from cica_cbm import (
    AmendmentProposed,
    CommentSubmitted,
    Deadline,
    DeadlineExtended,
    Event,
    ObjectionRaised,
    SilenceProcedure,
    samples,
)

COMMENT, AMENDMENT, OBJECTION, EXTENSION, WITHDRAWAL = range(5)
"""Event kinds in the tuple twin."""

SPAN = timedelta(days=20)
"""The events after the opening fall within this span (before the first deadline)."""

EXTENDED_TO = (date(2024, 1, 21), date(2024, 1, 31))


def event_tuples(n: int) -> list[tuple[datetime, int, str, str, object]]:
    """The ``n - 1`` events after the opening as ``(at, kind, by, text, payload)`` tuples.

    ``payload`` is the new deadline's ``(instant, stated)`` for an extension, else ``None``.
    """
    opening = samples.nct_g_1501().opening
    parties = sorted(opening.parties)
    rest = max(n - 1, 0)
    step = SPAN / max(rest, 1)
    marks = {rest // 4: 0, rest // 2: 1}
    objection = (rest * 4) // 5
    out: list[tuple[datetime, int, str, str, object]] = []
    for i in range(rest):
        at = opening.at + step * (i + 1)
        by = parties[i % len(parties)]
        if i in marks:
            day = EXTENDED_TO[marks[i]]
            terms = Deadline.no_later_than(day)
            out.append((at, EXTENSION, "", "", (terms.instant, day)))
        elif i == objection:
            out.append((at, OBJECTION, by, f"Objection {i}: the text needs more work", None))
        elif i % 5 == 4:
            out.append((at, AMENDMENT, by, f"Amendment {i} to paragraph {i % 40}", None))
        else:
            out.append((at, COMMENT, by, f"Comment {i} on paragraph {i % 40}", None))
    return out


def to_event(row: tuple[datetime, int, str, str, object]) -> Event:
    """The library event for one tuple."""
    at, kind, by, text, payload = row
    if kind == COMMENT:
        return CommentSubmitted(at=at, by=by, text=text)
    if kind == AMENDMENT:
        return AmendmentProposed(at=at, by=by, text=text)
    if kind == OBJECTION:
        return ObjectionRaised(at=at, by=by, text=text)
    assert kind == EXTENSION
    assert isinstance(payload, tuple)
    return DeadlineExtended(at=at, to=Deadline.no_later_than(payload[1]))


def events(n: int) -> Iterator[Event]:
    """The library events of a procedure of ``n`` events, the opening first."""
    yield samples.nct_g_1501().opening
    for row in event_tuples(n):
        yield to_event(row)


def procedure(n: int) -> SilenceProcedure:
    """A procedure of ``n`` events, built in one go (the stream is checked once)."""
    return SilenceProcedure(events(n))


def record_one_by_one(stream: list[Event]) -> SilenceProcedure:
    """The same procedure built by recording the events one at a time."""
    proc = SilenceProcedure([stream[0]])
    for event in stream[1:]:
        proc = proc.record(event)
    return proc
