"""Strategies for the acts of review schedules and shared items, and items with a history."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from ...core.exchange import SharedItem
from ...core.exchange_acts import Release, ReleaseChanged, Shared
from ...core.review_acts import ReviewBody, ReviewHeld, ReviewScheduleStarted
from ...core.states import member_states
from ._actionplan import shared_items
from ._time import days

__all__ = [
    "release_changes",
    "review_acts_held",
    "review_schedule_starts",
    "shared_acts",
    "shared_item_histories",
]

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


def shared_item_histories(max_changes: int = 4) -> st.SearchStrategy[SharedItem]:
    """Shared items whose provider changed the release up to ``max_changes`` times, in order.

    Each change is dated on or after the one before and lists only Member States of its day.
    Shrinks towards an item released to all, never changed.
    """

    @st.composite
    def build(draw: st.DrawFn) -> SharedItem:
        item = draw(shared_items())
        day = item.shared_on
        for _ in range(draw(st.integers(0, max_changes))):
            day += timedelta(days=draw(st.integers(0, 200)))
            release = draw(st.sampled_from(Release))
            listed: frozenset[str] = frozenset()
            if release is Release.LISTED_STATES:
                members = sorted(s.code for s in member_states(on=day))
                listed = draw(st.frozensets(st.sampled_from(members), min_size=1, max_size=4))
            item = item.then(ReleaseChanged(item.provider, day, release, listed))
        return item

    return build()


def shared_acts() -> st.SearchStrategy[Shared]:
    """The founding acts of drawn shared items; shrinks as :func:`shared_items` does."""
    return shared_items().map(lambda item: item.acts[0]).filter(lambda act: isinstance(act, Shared))  # type: ignore[return-value]


def release_changes() -> st.SearchStrategy[ReleaseChanged]:
    """Changes of release by the provider of a drawn item; shrinks as its history does."""
    return (
        shared_item_histories(max_changes=2)
        .filter(lambda item: bool(item.changes))
        .map(lambda item: item.changes[-1])
    )
