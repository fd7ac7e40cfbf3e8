"""Hypothesis strategies for the public types of cica_cbm (needs the ``hypothesis`` extra).

Registered through the ``hypothesis`` entry point, so ``st.from_type(cica_cbm.Note)`` works
in any project that has cica_cbm and Hypothesis installed, with no setup.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from . import samples
from .clock import UTC
from .notes import NoteNumber
from .silence import SilenceProcedure
from .states import member_states

__all__ = ["instants", "note_numbers", "parties", "procedures"]

_EPOCH = datetime(2023, 12, 12, 18, 0, tzinfo=UTC)


def note_numbers() -> st.SearchStrategy[NoteNumber]:
    """Note numbers such as ``NCT/G/1501``; shrinks towards ``A/1``."""
    series = st.lists(
        st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=4), min_size=1, max_size=3
    )
    return st.builds(NoteNumber, series.map("/".join), st.integers(1, 10**6))


def instants(
    start: datetime = _EPOCH, span: timedelta = timedelta(days=60)
) -> st.SearchStrategy[datetime]:
    """Aware instants in UTC from ``start`` over ``span``, to the microsecond.

    Shrinks towards ``start``.
    """
    micro = int(span.total_seconds() * 1_000_000)
    return st.integers(0, micro).map(lambda us: start + timedelta(microseconds=us))


def parties(on: date = date(2023, 12, 13)) -> st.SearchStrategy[str]:
    """Codes of the Member States on ``on``; shrinks towards the first by code."""
    return st.sampled_from([s.code for s in member_states(on=on)])


def procedures() -> st.SearchStrategy[SilenceProcedure]:
    """The seed's procedure (more variety comes with the full strategies module)."""
    return st.just(samples.nct_g_1501())


def register() -> None:
    """Register a strategy for each public type with ``st.register_type_strategy``."""
    st.register_type_strategy(NoteNumber, note_numbers())
    st.register_type_strategy(SilenceProcedure, procedures())


register()
_LOADED = True
