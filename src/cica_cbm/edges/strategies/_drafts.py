"""Strategies for drafts: Concept Papers, Action Plans and the drafts that carry them."""

from __future__ import annotations

from hypothesis import strategies as st

from ...core import samples
from ...core.drafts import (
    ActionItem,
    ActionPlan,
    ActionSection,
    ConceptPaper,
    Draft,
    ItemKind,
    ItemStatus,
    Paper,
    PaperKind,
    Provision,
)
from ._catalogue import priority_areas
from ._states import member_states
from ._text import _ids, localized_texts, texts

__all__ = [
    "action_items",
    "action_plans",
    "action_sections",
    "concept_papers",
    "drafts",
    "provisions",
]


def provisions(part: str = "I", number: int = 1) -> st.SearchStrategy[Provision]:
    """A provision ``part.number`` (e.g. "III.1") with some text; the text shrinks to ``"0"``."""
    return st.builds(Provision, st.just(f"{part}.{number}"), texts(max_size=200))


def _numbered(part: str, max_size: int) -> st.SearchStrategy[tuple[Provision, ...]]:
    return st.lists(texts(max_size=200), max_size=max_size).map(
        lambda items: tuple(Provision(f"{part}.{i}", t) for i, t in enumerate(items, start=1))
    )


def concept_papers() -> st.SearchStrategy[ConceptPaper]:
    """Concept Papers with numbered provisions in parts I to III; shrinks towards empty parts."""
    paragraphs = st.lists(texts(max_size=200), max_size=3).map(tuple)
    return st.builds(
        ConceptPaper,
        title=texts(),
        background=paragraphs,
        priority_directions=_numbered("I", 4),
        goals=_numbered("II", 4),
        principles=_numbered("III", 6),
        approach=paragraphs,
    )


def action_items(*, id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[ActionItem]:
    """Action Plan items of every kind and status.

    Shrinks towards a proposed lead measure with id ``"0"`` and text ``"0"``.
    """
    return st.builds(
        ActionItem,
        id=id if id is not None else _ids(),
        kind=st.sampled_from(ItemKind),
        text=texts(max_size=200),
        status=st.sampled_from(ItemStatus),
    )


def action_sections() -> st.SearchStrategy[ActionSection]:
    """Action Plan sections whose item ids are distinct; shrinks towards one lead item."""

    @st.composite
    def build(draw: st.DrawFn) -> ActionSection:
        section = draw(st.sampled_from(["i", "ii", "iii", "iv", "v", "vi"]))
        lead = draw(st.lists(action_items(), min_size=1, max_size=2))
        steps = draw(st.lists(action_items(), max_size=4))
        items = [
            ActionItem(f"{section}.{n}", item.kind, item.text, item.status)
            for n, item in enumerate(lead + steps)
        ]
        return ActionSection(
            id=section,
            title=draw(texts()),
            lead=tuple(items[: len(lead)]),
            further_steps_intro=draw(st.none() | texts()),
            further_steps=tuple(items[len(lead) :]),
        )

    return build()


def action_plans() -> st.SearchStrategy[ActionPlan]:
    """Action Plans whose sections have distinct ids; shrinks towards no sections."""
    sections = st.lists(action_sections(), max_size=4, unique_by=lambda s: s.id)
    return st.builds(
        ActionPlan,
        title=texts(),
        preamble=st.lists(texts(max_size=200), max_size=2).map(tuple),
        sections=sections.map(tuple),
    )


def drafts() -> st.SearchStrategy[Draft]:
    """Drafts: the seed's, then made-up ones on any priority area by any Member State.

    Shrinks towards the seed's draft Concept Paper and Action Plan.
    """
    made_up = st.builds(
        Draft,
        title=localized_texts(),
        priority_area=priority_areas(),
        coordinator=member_states(),
        concept_paper=concept_papers(),
        action_plan=action_plans(),
    )
    return st.builds(samples.nct_g_1501_draft) | made_up


def papers() -> st.SearchStrategy[Paper]:
    """Papers of other bodies (a draft resolution, decision, statement), with or without a symbol.

    Shrinks towards a short title of kind ``draft_resolution`` with no symbol.
    """
    return st.builds(
        Paper,
        title=texts(max_size=60),
        kind=st.sampled_from(PaperKind),
        symbol=st.none() | st.sampled_from(("A/74/L.52", "PC.DEC/1379", "9459/20")),
    )
