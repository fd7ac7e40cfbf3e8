"""Strategies for the shipped Member States and observers, and for admissions."""

from __future__ import annotations

import string
from datetime import date

from hypothesis import strategies as st

from ...core.states import Admission, Confidence, MemberState, Observer, ObserverKind, Precision
from ...core.states import member_states as _members_on
from ...core.states import observers as _shipped_observers
from ._text import localized_texts, texts
from ._time import EARLIEST_DAY, LATEST_DAY, days

__all__ = [
    "admissions",
    "member_codes",
    "member_states",
    "member_states_on",
    "observers",
    "parties",
]


def _every_member_state() -> tuple[MemberState, ...]:
    """Every shipped Member State, sorted by code: those that may be members on the last day."""
    # through public API only; the one place to change if core offers all the Member States
    return _members_on(on=date.max, certain=False)


def member_states(*, on: date | None = None) -> st.SearchStrategy[MemberState]:
    """The shipped Member States (those that may have been members on ``on``, if given).

    Shrinks towards the first by code (``AFG`` among all 28).
    """

    def pool() -> st.SearchStrategy[MemberState]:
        if on is None:
            return st.sampled_from(_every_member_state())
        return st.sampled_from(member_states_on(on))

    return st.deferred(pool)


def member_states_on(day: date) -> tuple[MemberState, ...]:
    """The shipped Member States that may have been members on ``day`` (certain or not)."""
    return _members_on(on=day, certain=False)


def member_codes(*, on: date | None = None) -> st.SearchStrategy[str]:
    """Codes of the shipped Member States; shrinks towards the first by code."""
    return member_states(on=on).map(lambda s: s.code)


def parties(on: date = date(2023, 12, 13)) -> st.SearchStrategy[str]:
    """Codes of the Member States on ``on`` (the seed's date by default).

    Shrinks towards the first by code.
    """
    return st.deferred(lambda: st.sampled_from([s.code for s in _members_on(on=on)]))


def admissions() -> st.SearchStrategy[Admission]:
    """Admissions on a day, in a year, or within a range of days, with their confidence.

    Shrinks towards a day admission on :data:`EARLIEST_DAY` with high confidence and no note.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Admission:
        precision = draw(st.sampled_from(Precision))
        confidence = draw(st.sampled_from(Confidence))
        note = draw(st.none() | texts())
        if precision is Precision.DAY:
            day = draw(days())
            return Admission(day.isoformat(), day, precision, day, confidence, note)
        if precision is Precision.YEAR:
            year = draw(st.integers(EARLIEST_DAY.year + 1, LATEST_DAY.year))
            first, last = date(year, 1, 1), date(year, 12, 31)
            return Admission(str(year), first, precision, last, confidence, note)
        first = draw(days())
        last = draw(days(min_value=first))
        stated = f"between {first.isoformat()} and {last.isoformat()}"
        return Admission(stated, first, precision, last, confidence, note)

    return build()


def observers(*, shipped_only: bool = False) -> st.SearchStrategy[Observer]:
    """Observers: the 15 shipped ones, and (unless ``shipped_only``) made-up ones.

    Made-up observers have ids that are no shipped state's code. Shrinks towards the first
    shipped observer (Belarus).
    """
    # the shipped observers as the library lists them: states first, each group by id
    shipped = st.deferred(lambda: st.sampled_from(_shipped_observers()))
    if shipped_only:
        return shipped
    made_up = st.builds(
        Observer,
        id=st.text(string.ascii_uppercase, min_size=4, max_size=8).map(lambda s: "X" + s),
        kind=st.sampled_from(ObserverKind),
        name=localized_texts(),
        since=st.none() | admissions(),
    )
    return shipped | made_up
