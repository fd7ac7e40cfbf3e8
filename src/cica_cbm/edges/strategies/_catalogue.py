"""Strategies for the Catalogue: its dimensions, priority areas and editions."""

from __future__ import annotations

from hypothesis import strategies as st

from ...core.catalogue import Catalogue, Dimension, PriorityArea, catalogue
from ...core.states import Confidence
from ._states import member_codes
from ._text import _ids, localized_texts, texts
from ._time import days

__all__ = ["catalogues", "dimensions", "priority_areas"]


def dimensions() -> st.SearchStrategy[Dimension]:
    """Dimensions of the Catalogue: the five shipped, then made-up ones.

    Shrinks towards the first shipped dimension (Military-Political).
    """
    shipped = st.deferred(lambda: st.sampled_from(catalogue().dimensions))
    made_up = st.builds(Dimension, _ids(), localized_texts())
    return shipped | made_up


def priority_areas() -> st.SearchStrategy[PriorityArea]:
    """Priority areas: the shipped ones, then made-up ones with coordinators or unknown.

    Shrinks towards the first shipped area, New Challenges and Threats (general).
    """
    shipped = st.deferred(lambda: st.sampled_from(catalogue().priority_areas))
    made_up = st.builds(
        PriorityArea,
        id=_ids(),
        dimension=_ids(),
        name=localized_texts(),
        coordinator=st.none() | member_codes(),
        co_coordinators=st.none() | st.lists(member_codes(), unique=True, max_size=4).map(tuple),
        confidence=st.sampled_from(Confidence),
        note=st.none() | texts(),
    )
    return shipped | made_up


def catalogues() -> st.SearchStrategy[Catalogue]:
    """Editions of the Catalogue: the shipped one, then made-up ones.

    A made-up edition's areas belong to its own dimensions. Shrinks towards the shipped
    edition (updated October 2021).
    """

    @st.composite
    def made_up(draw: st.DrawFn) -> Catalogue:
        dims = draw(st.lists(dimensions(), min_size=1, max_size=5, unique_by=lambda d: d.id))
        areas = draw(st.lists(priority_areas(), max_size=5, unique_by=lambda a: a.id))
        areas = [
            PriorityArea(
                a.id,
                draw(st.sampled_from([d.id for d in dims])),
                a.name,
                a.coordinator,
                a.co_coordinators,
                a.confidence,
                a.note,
            )
            for a in areas
        ]
        first = draw(days())
        return Catalogue(
            id=draw(_ids()),
            title=draw(texts()),
            first_adopted=first,
            updated=draw(days(min_value=first)),
            updated_by=draw(texts()),
            discrepancy=draw(st.none() | texts()),
            dimensions=tuple(dims),
            priority_areas=tuple(areas),
        )

    return st.builds(catalogue) | made_up()
