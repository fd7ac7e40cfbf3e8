"""Strategies for silence: the policies, deadlines, and each event but the opening."""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from hypothesis import strategies as st

from ...core.clock import ASTANA, end_of_day
from ...core.silence import (
    POLICIES,
    AmendmentProposed,
    CommentSubmitted,
    Deadline,
    DeadlineBroughtForward,
    DeadlineExtended,
    DeadlineForm,
    LateSubmission,
    ObjectionRaised,
    ProcedureWithdrawn,
    SilencePolicy,
    Status,
    SubmissionKind,
)
from ._notes import note_numbers
from ._states import parties
from ._text import texts
from ._time import _EPOCH, _MICRO, _after, instants

__all__ = [
    "amendments",
    "comments",
    "deadlines",
    "extensions",
    "late_submissions",
    "objections",
    "silence_policies",
    "withdrawals",
]

T = TypeVar("T")


def silence_policies(*, shipped_only: bool = True) -> st.SearchStrategy[SilencePolicy]:
    """Silence policies: the shipped ones (CICA practice first), then made-up ones.

    Made-up policies always let an objection break silence. Shrinks towards CICA practice.
    """
    shipped = st.sampled_from(list(POLICIES.values()))
    if shipped_only:
        return shipped
    made_up = st.builds(
        SilencePolicy,
        name=texts(),
        breaks_silence=st.sets(st.sampled_from(SubmissionKind)).map(
            lambda kinds: kinds | {SubmissionKind.OBJECTION}
        ),
        deadline_form=st.sampled_from(DeadlineForm),
        minimum_period=st.none() | st.integers(1, 30 * 86_400).map(lambda s: timedelta(seconds=s)),
        clause=st.text(string.ascii_letters + " .,()", min_size=1, max_size=30).filter(str.strip)
        | st.just("Note {note} para 3"),
    )
    return shipped | made_up


def deadlines(
    *, after: datetime = _EPOCH, form: DeadlineForm = DeadlineForm.EITHER
) -> st.SearchStrategy[Deadline]:
    """Deadlines after ``after``: "no later than" a day, or an exact instant.

    Shrinks towards "no later than" the day of ``after`` in Astana (or the first instant after
    ``after``).
    """
    first_day = after.astimezone(ASTANA).date()
    by_date = st.integers(0, 365).map(lambda n: Deadline.no_later_than(first_day + timedelta(n)))
    exact = st.integers(1, 365 * 86_400 * 10**6).map(
        lambda us: Deadline.exactly(after + timedelta(microseconds=us))
    )
    if form is DeadlineForm.DATE:
        return by_date
    if form is DeadlineForm.INSTANT:
        return exact
    return by_date | exact


def _deadline_for(
    draw: st.DrawFn, policy: SilencePolicy, opened_at: datetime, horizon_days: int = 60
) -> Deadline:
    """A deadline after ``opened_at`` that ``policy`` allows."""
    shortest = policy.minimum_period or _MICRO
    earliest = opened_at + shortest
    forms = {
        DeadlineForm.DATE: ["date"],
        DeadlineForm.INSTANT: ["instant"],
        DeadlineForm.EITHER: ["date", "instant"],
    }[policy.deadline_form]
    if draw(st.sampled_from(forms)) == "date":
        # the first day whose end in Astana is at or after the earliest allowed instant
        day = earliest.astimezone(ASTANA).date()
        while end_of_day(day) < earliest:
            day += timedelta(days=1)
        return Deadline.no_later_than(day + timedelta(days=draw(st.integers(0, horizon_days))))
    micro = draw(st.integers(0, horizon_days * 86_400 * 10**6))
    return Deadline.exactly(earliest + timedelta(microseconds=micro))


def _submissions(
    cls: Callable[..., T], by: st.SearchStrategy[str] | None, at: st.SearchStrategy[datetime]
) -> st.SearchStrategy[T]:
    return st.builds(cls, at=at, by=by if by is not None else parties(), text=texts(max_size=80))


def comments(
    *, by: st.SearchStrategy[str] | None = None, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[CommentSubmitted]:
    """Comments by a party (the seed's parties by default) at an instant.

    Shrinks towards AFG's comment ``"0"`` at the seed's opening.
    """
    return _submissions(CommentSubmitted, by, at if at is not None else instants())


def amendments(
    *, by: st.SearchStrategy[str] | None = None, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[AmendmentProposed]:
    """Proposed amendments; shrinks as :func:`comments` does."""
    return _submissions(AmendmentProposed, by, at if at is not None else instants())


def objections(
    *, by: st.SearchStrategy[str] | None = None, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[ObjectionRaised]:
    """Objections; shrinks as :func:`comments` does."""
    return _submissions(ObjectionRaised, by, at if at is not None else instants())


def extensions(
    *, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[DeadlineExtended]:
    """Deadline extensions, by a note or not.

    Shrinks towards an extension at the seed's opening to "no later than" that day, with no
    note.
    """

    @st.composite
    def build(draw: st.DrawFn) -> DeadlineExtended:
        when = draw(at if at is not None else instants())
        return DeadlineExtended(
            at=when, to=draw(deadlines(after=when)), note=draw(st.none() | note_numbers())
        )

    return build()


def bring_forwards(
    *, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[DeadlineBroughtForward]:
    """Deadlines brought forward, by a note or not, by the chair (``by`` is ``None``).

    Shrinks towards one at the seed's opening, to a deadline on that day, with no note.
    """

    @st.composite
    def build(draw: st.DrawFn) -> DeadlineBroughtForward:
        when = draw(at if at is not None else instants())
        return DeadlineBroughtForward(
            at=when, to=draw(deadlines(after=when)), note=draw(st.none() | note_numbers())
        )

    return build()


def withdrawals(
    *, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[ProcedureWithdrawn]:
    """Withdrawals with a reason, by a note or not; shrinks towards reason ``"0"``, no note."""
    return st.builds(
        ProcedureWithdrawn,
        at=at if at is not None else instants(),
        reason=texts(max_size=80),
        note=st.none() | note_numbers(),
    )


def late_submissions() -> st.SearchStrategy[LateSubmission]:
    """Submissions received after a procedure was decided, kept without effect.

    Shrinks towards AFG's comment ``"0"`` received as the procedure was approved, at the
    seed's opening instant.
    """

    @st.composite
    def build(draw: st.DrawFn) -> LateSubmission:
        closed_as = draw(
            st.sampled_from([Status.APPROVED, Status.SILENCE_BROKEN, Status.WITHDRAWN])
        )
        closed_at = draw(instants())
        when = _after(closed_at, 30 * 86_400 * 10**6)
        event: CommentSubmitted | AmendmentProposed | ObjectionRaised = draw(
            comments(at=when) | amendments(at=when) | objections(at=when)
        )
        return LateSubmission(event, closed_at, closed_as)

    return build()
