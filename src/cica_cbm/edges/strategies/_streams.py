"""Strategies for the acts of review schedules and shared items, and items with a history."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from ...core.review_acts import ReviewBody, ReviewHeld, ReviewScheduleStarted
from ._time import days

__all__ = ["review_acts_held", "review_schedule_starts"]

_FIRST = date(2024, 1, 1)


def review_schedule_starts() -> st.SearchStrategy[ReviewScheduleStarted]:
    """The Secretariat starting a schedule on a day in 2024-2026; shrinks towards 1 Jan 2024."""
    return st.builds(ReviewScheduleStarted, days(_FIRST, _FIRST + timedelta(days=3 * 366)))


def review_acts_held() -> st.SearchStrategy[ReviewHeld]:
    """Reviews held by the SWG or the SOC in 2024-2031; shrinks towards the SWG, 1 Jan 2024."""
    return st.builds(
        ReviewHeld,
        st.sampled_from(ReviewBody),
        days(_FIRST, _FIRST + timedelta(days=8 * 366)),
    )
