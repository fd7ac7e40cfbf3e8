"""Strategies for silence procedures: the one builder of a valid procedure, and what it yields.

:func:`procedures` draws every procedure here; openings, contexts and outcomes are taken from
the procedures it draws, so that there is one way to build a valid procedure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from hypothesis import strategies as st

from ...core import samples
from ...core.clock import ASTANA, UTC
from ...core.drafts import Draft
from ...core.notes import Note
from ...core.silence import (
    Outcome,
    ProcedureOpened,
    SilenceContext,
    SilencePolicy,
    SilenceProcedure,
    Status,
)
from ...core.states import member_states as _members_on
from ._drafts import drafts
from ._notes import note_numbers, notes
from ._silence import (
    _deadline_for,
    amendments,
    comments,
    extensions,
    objections,
    silence_policies,
    withdrawals,
)
from ._states import member_states_on
from ._text import texts
from ._time import EARLIEST_DAY, _instants_around, days

__all__ = ["events", "openings", "outcomes", "procedures", "silence_contexts"]

T = TypeVar("T")


def openings() -> st.SearchStrategy[ProcedureOpened]:
    """The opening events of valid procedures (see :func:`procedures`).

    Shrinks towards the seed's opening.
    """
    return procedures(max_events=0).map(lambda proc: proc.opening)


def events() -> st.SearchStrategy[Any]:
    """Any event of a silence procedure, the opening included; shrinks towards the opening."""
    return st.one_of(
        openings(), comments(), amendments(), objections(), extensions(), withdrawals()
    )


_COMMANDS = ("comment", "amend", "object", "extend", "withdraw")


@st.composite
def _procedure(
    draw: st.DrawFn,
    policies: st.SearchStrategy[SilencePolicy],
    note_strategy: st.SearchStrategy[Note],
    draft_strategy: st.SearchStrategy[Draft],
    max_events: int,
) -> SilenceProcedure:
    note = draw(note_strategy)
    draft = draw(draft_strategy)
    policy = draw(policies)
    seed = samples.nct_g_1501()
    if (note, draft, policy) == (seed.note, seed.draft, seed.policy) and not draw(st.booleans()):
        return _commands(draw, seed, max_events)  # the seed's own opening
    start_of_day = datetime.combine(note.date, datetime.min.time(), tzinfo=ASTANA)
    opened_at = None
    if draw(st.booleans()):
        opened_at = start_of_day + timedelta(seconds=draw(st.integers(0, 3 * 86_400)))
    effective_open = (opened_at or start_of_day).astimezone(UTC)
    deadline = _deadline_for(draw, policy, effective_open)
    possible = sorted(s.code for s in member_states_on(note.date))
    if not possible:
        possible = sorted(s.code for s in member_states_on(EARLIEST_DAY))
    defaults = [s.code for s in _members_on(on=note.date)]
    chosen: Iterable[str] | None = None
    if draw(st.booleans()) or not defaults:
        chosen = draw(st.sets(st.sampled_from(possible), min_size=1, max_size=len(possible)))
    proc = SilenceProcedure.open(
        note,
        draft,
        deadline=deadline,
        at=opened_at,
        parties=chosen,
        policy=policy,
        body="CICA",
        requested_by=draw(st.none() | st.sampled_from(sorted(chosen or defaults))),
    )
    return _commands(draw, proc, max_events)


def _commands(draw: st.DrawFn, proc: SilenceProcedure, max_events: int) -> SilenceProcedure:
    """``proc`` after up to ``max_events`` valid commands at random instants."""
    policy = proc.policy
    effective_open = proc.opening.at
    codes = sorted(proc.parties)
    count = draw(st.integers(0, max_events))
    for _ in range(count):
        horizon = proc.terms.instant + timedelta(days=30)
        when = draw(_instants_around(effective_open, horizon, proc.terms.instant))
        command = draw(st.sampled_from(_COMMANDS))
        if command in ("comment", "amend", "object"):
            by = draw(st.sampled_from(codes))
            text = draw(texts(max_size=40))
            proc = getattr(proc, command)(by=by, at=when, text=text)
            continue
        ctx = proc.context(when)
        if ctx.status is not Status.PENDING:
            continue  # only a pending procedure can be extended or withdrawn
        if command == "withdraw":
            proc = proc.withdraw(
                at=when, reason=draw(texts(max_size=40)), note=draw(st.none() | note_numbers())
            )
        else:
            later = _deadline_for(draw, policy, ctx.deadline.instant, horizon_days=30)
            proc = proc.extend(to=later, at=when, note=draw(st.none() | note_numbers()))
    return proc


def procedures(
    *,
    policies: st.SearchStrategy[SilencePolicy] | None = None,
    notes: st.SearchStrategy[Note] | None = None,
    drafts: st.SearchStrategy[Draft] | None = None,
    max_events: int = 12,
) -> st.SearchStrategy[SilenceProcedure]:
    """Valid silence procedures, built through the library's commands.

    Opened by a note on a draft under a policy (the shipped ones by default), with the members
    on the note's date as parties or a subset of them, a deadline the policy allows; then up to
    ``max_events`` comments, amendments, objections, extensions and withdrawals by random
    parties at random instants, written in random zones: in time, exactly at the deadline, late,
    and recorded out of time order. Extensions and withdrawals are drawn only where the
    procedure is pending at their instant, as the library demands.

    Shrinks towards the seed's procedure under CICA practice with nothing submitted.
    """
    return _procedure(
        policies if policies is not None else silence_policies(),
        notes if notes is not None else _procedure_notes(),
        drafts if drafts is not None else _procedure_drafts(),
        max_events,
    )


def _procedure_notes() -> st.SearchStrategy[Note]:
    seed = st.builds(samples.nct_g_1501_note)
    return seed | notes(on=days(max_value=date(2030, 12, 31)))


def _procedure_drafts() -> st.SearchStrategy[Draft]:
    seed = st.builds(samples.nct_g_1501_draft)
    return seed | drafts()


def silence_contexts(
    procs: st.SearchStrategy[SilenceProcedure] | None = None,
) -> st.SearchStrategy[SilenceContext]:
    """The facts of a procedure at an instant; shrinks towards the seed at its opening."""
    return _at_some_instant(procs, lambda proc, at: proc.context(at))


def outcomes(
    procs: st.SearchStrategy[SilenceProcedure] | None = None,
) -> st.SearchStrategy[Outcome]:
    """Outcomes of procedures at instants from their opening to a month after the deadline.

    Shrinks towards the seed's outcome at its opening (pending).
    """
    return _at_some_instant(procs, lambda proc, at: proc.outcome(at))


def _at_some_instant(
    procs: st.SearchStrategy[SilenceProcedure] | None,
    fn: Callable[[SilenceProcedure, datetime], T],
) -> st.SearchStrategy[T]:
    @st.composite
    def build(draw: st.DrawFn) -> T:
        proc = draw(procs if procs is not None else procedures())
        opened = proc.opened_at
        end = max(e.at for e in proc.events) + timedelta(days=30)
        end = max(end, proc.terms.instant + timedelta(days=30))
        return fn(proc, draw(_instants_around(opened, end, proc.terms.instant)))

    return build()
