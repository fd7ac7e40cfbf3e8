"""The silence rules: each finding cites its clause, and the decisive one says why."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from operator import attrgetter
from typing import Any

from ..clock import UTC
from ..rules import Rule, RuleSet
from ._time import describe_instant, long_date, wall_of
from .events import (
    SUBMISSION_TYPES,
    DeadlineBroughtForward,
    DeadlineExtended,
    ProcedureOpened,
    ProcedureWithdrawn,
    Submission,
)
from .fold import SilenceContext, Status
from .policies import SubmissionKind

_WHAT = {
    SubmissionKind.COMMENT: "a comment",
    SubmissionKind.AMENDMENT: "an amendment",
    SubmissionKind.OBJECTION: "an objection",
}
_SENT = {
    SubmissionKind.COMMENT: "submitted a comment",
    SubmissionKind.AMENDMENT: "proposed an amendment",
    SubmissionKind.OBJECTION: "raised an objection",
}


def _at(ctx: SilenceContext, instant: datetime) -> str:
    """An instant in the procedure's zone and UTC."""
    return describe_instant(instant, ctx.deadline.zone)


# The two rules that word a finding per event (submissions in time, late ones) write each
# sentence with one %-format of a pattern made once per outcome: the instant's wall time and
# UTC as ten numbers (see _time.minutes, whose words these are). That is most of the cost of
# an outcome's findings; the patterns give the same text as _at and the f-strings beside them.
_MINUTE = "%04d-%02d-%02d %02d:%02d"
_clock = attrgetter("year", "month", "day", "hour", "minute")


def _literal(text: str) -> str:
    """``text`` as it stands inside a %-pattern."""
    return text.replace("%", "%%")


def _instant_pattern(ctx: SilenceContext) -> tuple[Any, str]:
    """The wall zone of the procedure, and an instant in words as a pattern of ten numbers."""
    wall, place = wall_of(ctx.deadline.zone)
    return wall, f"{_MINUTE} {_literal(place)} time ({_MINUTE} UTC)"


def _what(event: Submission) -> str:
    """The submission with its article: "a comment", "an amendment", "an objection"."""
    return _WHAT[event.kind]


def _sent(event: Submission) -> str:
    """What the party did: "submitted a comment", "proposed an amendment", "raised an objection"."""
    return _SENT[event.kind]


def _dated(opening: ProcedureOpened) -> str:
    return "" if opening.note is None else f" of {long_date(opening.note.date)}"


def _r_opened(ctx: SilenceContext) -> Iterator[str]:
    o = ctx.opening
    requested = f" at the request of {o.requested_by}" if o.requested_by else ""
    yield (
        f"{o.source}{_dated(o)} placed the draft under the silence "
        f"procedure{requested} for {len(o.parties)} parties; comments and objections are due "
        f"{o.deadline.describe()} (the silence ends at {_at(ctx, o.deadline.instant)})."
    )


def _r_extended(ctx: SilenceContext) -> Iterator[str]:
    for event, before in ctx.extensions:
        by_note = f" by Note {event.note}" if event.note else ""
        verb = "extended" if isinstance(event, DeadlineExtended) else "brought forward"
        yield (
            f"At {_at(ctx, event.at)} the deadline was {verb}{by_note} from "
            f"{before.by()} to {event.to.by()}."
        )


def _r_comments(ctx: SilenceContext) -> Iterator[str]:
    policy = ctx.opening.policy
    breaking, name = policy.breaks_silence, policy.name
    wall, when = _instant_pattern(ctx)
    patterns = {
        kind: f"%s {_SENT[kind]} at {when}, in time; "
        f"under {_literal(name)} {_WHAT[kind]} does not break the silence."
        for kind in _SENT
        if kind not in breaking
    }
    for event in ctx.in_time:
        kind = event.kind
        if kind in breaking:
            continue
        at = event.at
        local, utc = at.astimezone(wall), at.astimezone(UTC)
        if local.year >= 1000 and utc.year >= 1000:
            yield patterns[kind] % (event.by, *_clock(local), *_clock(utc))
        else:  # strftime's digits for the first millennium (see _time.minutes)
            yield (
                f"{event.by} {_SENT[kind]} at {_at(ctx, at)}, in time; "
                f"under {name} {_WHAT[kind]} does not break the silence."
            )


def _r_broken(ctx: SilenceContext) -> Iterator[str]:
    event = ctx.decisive
    if ctx.status is Status.SILENCE_BROKEN and isinstance(event, SUBMISSION_TYPES):
        zone = ctx.deadline.zone
        yield (
            f"{event.by} {_sent(event)} at {describe_instant(event.at, zone)}, before the "
            f"deadline ({ctx.deadline.describe()}); under {ctx.opening.policy.name} "
            f"{_what(event)} breaks the silence, so the draft is not approved under this "
            "procedure; a new procedure is the way forward."
        )


def _r_also_objected(ctx: SilenceContext) -> Iterator[str]:
    event = ctx.decisive
    if ctx.status is not Status.SILENCE_BROKEN or not isinstance(event, SUBMISSION_TYPES):
        return
    breaking = ctx.opening.policy.breaks_silence
    for other in ctx.in_time:
        if other.kind in breaking and other is not event and other.at >= event.at:
            yield (
                f"{other.by} also {_sent(other)} at {_at(ctx, other.at)}, before the "
                f"deadline; the silence was already broken by {event.by}, and {other.by}'s "
                f"{other.kind.value} is on the record as in time."
            )


def _r_withdrawn(ctx: SilenceContext) -> Iterator[str]:
    event = ctx.decisive
    if ctx.status is Status.WITHDRAWN and isinstance(event, ProcedureWithdrawn):
        by_note = f" by Note {event.note}" if event.note else ""
        yield (
            f"The Secretariat withdrew the procedure{by_note} at {_at(ctx, event.at)}: "
            f"{event.reason}"
        )


def _r_approved(ctx: SilenceContext) -> Iterator[str]:
    if ctx.status is Status.APPROVED:
        yield (
            f"{ctx.opening.source}: no objection by {ctx.deadline.by()}; the draft "
            f"is considered approved at {_at(ctx, ctx.deadline.instant)}."
        )


def _r_pending(ctx: SilenceContext) -> Iterator[str]:
    if ctx.status is Status.PENDING and ctx.at < ctx.opening.at:
        yield (
            f"Not open yet at {_at(ctx, ctx.at)}: {ctx.opening.source} opens "
            f"the procedure at {_at(ctx, ctx.opening.at)}."
        )
    elif ctx.status is Status.PENDING:
        yield (
            f"Pending at {_at(ctx, ctx.at)}: no objection so far; the silence ends "
            f"at {_at(ctx, ctx.deadline.instant)} ({ctx.deadline.describe()})."
        )


def _r_late(ctx: SilenceContext) -> Iterator[str]:
    wall, when = _instant_pattern(ctx)
    patterns: dict[tuple[Any, ...], str] = {}
    for item in ctx.late:
        event = item.event
        at = event.at
        local, utc = at.astimezone(wall), at.astimezone(UTC)
        if local.year < 1000 or utc.year < 1000:  # strftime's digits (see _time.minutes)
            yield (
                f"Late: {event.by}'s {event.kind.value} at {_at(ctx, at)} came after "
                f"the procedure was decided ({item.closed_as.value} at "
                f"{_at(ctx, item.closed_at)}); "
                "it is kept on record and changes nothing."
            )
            continue
        key = (event.kind, item.closed_as, item.closed_at)
        pattern = patterns.get(key)
        if pattern is None:
            closed = _literal(f"{item.closed_as.value} at {_at(ctx, item.closed_at)}")
            pattern = patterns[key] = (
                f"Late: %s's {_literal(event.kind.value)} at {when} came after the procedure "
                f"was decided ({closed}); it is kept on record and changes nothing."
            )
        yield pattern % (event.by, *_clock(local), *_clock(utc))


_CHANGE = {DeadlineExtended: "extension", DeadlineBroughtForward: "bringing forward"}


def _r_without_effect(ctx: SilenceContext) -> Iterator[str]:
    for event in ctx.without_effect:
        what = _CHANGE.get(type(event), "withdrawal")
        yield (
            f"The {what} at {_at(ctx, event.at)} has no effect: the procedure was "
            f"already decided or the new deadline was not later; it is kept on record."
        )


def _cited(
    rule_id: str, check: Any, summary: str, *, decisive: bool = False, para: str = "3"
) -> Rule[SilenceContext]:
    return Rule(rule_id, f"Note {{note}} para {para}", check, decisive=decisive, summary=summary)


# The note says nothing of extensions, withdrawals or what follows a decision, and no written
# CICA rule on the silence procedure is known (REFERENCE.md): these rules are the library's
# model of the Secretariat's practice, and their findings say so instead of citing the note.
CLAUSE_EXTENSION = "cica_cbm model: the Secretariat may extend while pending (no written CICA rule)"
CLAUSE_WITHDRAWAL = (
    "cica_cbm model: the Secretariat may withdraw while pending (no written CICA rule)"
)
CLAUSE_CLOSED = "cica_cbm model: a decided procedure does not reopen (no written CICA rule)"


SILENCE_RULES: RuleSet[SilenceContext] = RuleSet(
    (
        _cited("SILENCE-OPENED", _r_opened, "The note places the draft under silence.", para="2"),
        Rule(
            "SILENCE-EXTENDED",
            CLAUSE_EXTENSION,
            _r_extended,
            summary="The deadline moves only later, while pending.",
        ),
        _cited("SILENCE-COMMENT", _r_comments, "Comments and suggestions do not break silence."),
        _cited("SILENCE-BROKEN", _r_broken, "An objection in time breaks silence.", decisive=True),
        _cited(
            "SILENCE-ALSO-OBJECTED",
            _r_also_objected,
            "Every objection in time is on the record, not only the first.",
        ),
        Rule(
            "SILENCE-WITHDRAWN",
            CLAUSE_WITHDRAWAL,
            _r_withdrawn,
            decisive=True,
            summary="The Secretariat may withdraw.",
        ),
        _cited(
            "SILENCE-APPROVED",
            _r_approved,
            "No objection by the deadline: approved.",
            decisive=True,
        ),
        _cited("SILENCE-PENDING", _r_pending, "Before the deadline, with no objection: pending."),
        _cited("SILENCE-LATE", _r_late, "Late submissions are kept and change nothing."),
        Rule(
            "SILENCE-NO-EFFECT",
            CLAUSE_CLOSED,
            _r_without_effect,
            summary="Acts on a decided procedure change nothing.",
        ),
    )
)
"""The rules of the silence procedure, in the order their findings are reported.

A rule's clause may contain ``{note}``; it is filled with the opening note's number, or replaced
by the policy's own clause for procedures that do not follow CICA practice.
"""
