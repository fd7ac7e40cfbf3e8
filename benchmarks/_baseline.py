"""The hand-written baseline: the silence rule as one loop over plain tuples.

It decides the same facts as the library's fold (status, decision instant, deadline in force,
extensions, submissions in time, late submissions, acts without effect) and writes the same
findings, word for word, as ``(rule, clause, message, decisive)`` tuples. No classes, no
dispatch, no rule engine: the fastest way to write the rule down in plain Python. The
benchmark checks that both give the same answer before timing them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from _workload import AMENDMENT, COMMENT, EXTENSION, OBJECTION, WITHDRAWAL

from cica_cbm.core.clock import english_date
from cica_cbm.core.silence import CLAUSE_EXTENSION

Row = tuple[datetime, int, str, str, Any]
Finding = tuple[str, str, str, bool]

PENDING, APPROVED, BROKEN, WITHDRAWN = "pending", "approved", "silence_broken", "withdrawn"
NOUN = {COMMENT: "comment", AMENDMENT: "amendment", OBJECTION: "objection"}
WHAT = {COMMENT: "a comment", AMENDMENT: "an amendment", OBJECTION: "an objection"}
SENT = {
    COMMENT: "submitted a comment",
    AMENDMENT: "proposed an amendment",
    OBJECTION: "raised an objection",
}


def _zone() -> ZoneInfo:
    path = resources.files("tzdata").joinpath("zoneinfo", "Asia", "Almaty")
    with path.open("rb") as handle:
        return ZoneInfo.from_file(handle, key="Asia/Almaty")


ASTANA = _zone()


def _minutes(t: datetime) -> str:
    return "%04d-%02d-%02d %02d:%02d" % (t.year, t.month, t.day, t.hour, t.minute)  # noqa: UP031


def describe(instant: datetime) -> str:
    """An instant in words, in Astana time and in UTC.

    %-formatting writes the digits of ``%Y-%m-%d %H:%M`` in a quarter of the time of
    ``strftime`` (the same text from year 1000 on; the instants here are from 2023).
    """
    return (
        f"{_minutes(instant.astimezone(ASTANA))} Astana time "
        f"({_minutes(instant.astimezone(UTC))} UTC)"
    )


def _long(day: date) -> str:
    return english_date(day)


def _by(instant: datetime, stated: date | None) -> str:
    return _long(stated) if stated is not None else describe(instant)


def describe_deadline(instant: datetime, stated: date | None) -> str:
    """A deadline in words."""
    return f"no later than {_long(stated)}" if stated is not None else f"at {describe(instant)}"


def fold(
    deadline: tuple[datetime, date | None], breaking: frozenset[int], rows: list[Row], at: datetime
) -> tuple[Any, ...]:
    """The facts at ``at`` from ``rows`` in time order: one pass, tuples and lists only."""
    status = PENDING
    decided_at: datetime | None = None
    decisive: Row | None = None
    extensions: list[tuple[Row, tuple[datetime, date | None]]] = []
    in_time: list[Row] = []
    late: list[tuple[Row, datetime | None, str]] = []
    without_effect: list[Row] = []
    for row in rows:
        when = row[0]
        if when > at:
            break
        if status is PENDING and when >= deadline[0]:
            status, decided_at = APPROVED, deadline[0]
        kind = row[1]
        if kind <= OBJECTION:
            if status is not PENDING:
                late.append((row, decided_at, status))
            elif kind in breaking:
                status, decided_at, decisive = BROKEN, when, row
                in_time.append(row)
            else:
                in_time.append(row)
        elif kind == EXTENSION:
            if status is PENDING and row[4][0] > deadline[0]:
                extensions.append((row, deadline))
                deadline = row[4]
            else:
                without_effect.append(row)
        elif kind == WITHDRAWAL:
            if status is PENDING:
                status, decided_at, decisive = WITHDRAWN, when, row
            else:
                without_effect.append(row)
    if status is PENDING and at >= deadline[0]:
        status, decided_at = APPROVED, deadline[0]
    return status, decided_at, deadline, decisive, extensions, in_time, late, without_effect


def outcome(opening: dict[str, Any], rows: list[Row], at: datetime) -> tuple[Any, ...]:
    """Status, decision instant, deadline and the findings at ``at``, as the library words them.

    ``opening`` holds the opening's plain values: ``number``, ``date``, ``parties`` (a count),
    ``requested_by``, ``deadline`` (instant, stated), ``breaking`` (kinds) and ``policy`` (name).
    """
    number = opening["number"]
    status, decided_at, deadline, decisive, extensions, in_time, late, _ = fold(
        opening["deadline"], opening["breaking"], rows, at
    )
    para2, para3 = f"Note {number} para 2", f"Note {number} para 3"
    first = opening["deadline"]
    requested = f" at the request of {opening['requested_by']}" if opening["requested_by"] else ""
    findings: list[Finding] = [
        (
            "SILENCE-OPENED",
            para2,
            f"Note {number} of {_long(opening['date'])} placed the draft under the silence "
            f"procedure{requested} for {opening['parties']} parties; comments and objections are "
            f"due {describe_deadline(*first)} (the silence ends at {describe(first[0])}).",
            False,
        )
    ]
    for row, before in extensions:
        findings.append(
            (
                "SILENCE-EXTENDED",
                CLAUSE_EXTENSION,
                f"At {describe(row[0])} the deadline was extended from "
                f"{_by(*before)} to {_by(*row[4])}.",
                False,
            )
        )
    breaking, policy = opening["breaking"], opening["policy"]
    for row in in_time:
        if row[1] not in breaking:
            what = WHAT[row[1]]
            findings.append(
                (
                    "SILENCE-COMMENT",
                    para3,
                    f"{row[2]} {SENT[row[1]]} at {describe(row[0])}, in time; "
                    f"under {policy} {what} does not break the silence.",
                    False,
                )
            )
    if status is BROKEN and decisive is not None:
        findings.append(
            (
                "SILENCE-BROKEN",
                para3,
                f"{decisive[2]} {SENT[decisive[1]]} at {describe(decisive[0])}, before the "
                f"deadline ({describe_deadline(*deadline)}); under {policy} {WHAT[decisive[1]]} "
                "breaks the silence, so the draft is not approved under this procedure; a new "
                "procedure is the way forward.",
                True,
            )
        )
    elif status is APPROVED:
        by = _by(*deadline)
        findings.append(
            (
                "SILENCE-APPROVED",
                para3,
                f"Note {number}: no objection by {by}; the draft is considered approved at "
                f"{describe(deadline[0])}.",
                True,
            )
        )
    elif status is PENDING:
        findings.append(
            (
                "SILENCE-PENDING",
                para3,
                f"Pending at {describe(at)}: no objection so far; the silence ends at "
                f"{describe(deadline[0])} ({describe_deadline(*deadline)}).",
                False,
            )
        )
    for row, closed_at, closed_as in late:
        findings.append(
            (
                "SILENCE-LATE",
                para3,
                f"Late: {row[2]}'s {NOUN[row[1]]} at {describe(row[0])} came after the "
                f"procedure was decided ({closed_as} at {describe(closed_at)}); "
                "it is kept on record and changes nothing.",
                False,
            )
        )
    return status, decided_at, deadline[0], findings
