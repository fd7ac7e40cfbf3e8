"""Drafts placed before the Member States: a Concept Paper with its annex, the Action Plan.

The Concept Paper has a Background and four parts: I Priority directions, II Goals,
III Principles, IV Approach. Its annex, the Action Plan, has sections (i to iv), each opening
with lead measures; section i adds "further steps to be taken and approved by Member States",
section ii "further steps to be taken under consideration", each section's own words kept as
its ``further_steps_intro``. Every item has a stable id so that decisions, activities and
reviews can point at it.

References:
    Draft Concept Paper and Action Plan enclosed with Note NCT/G/1501.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeAlias

import attrs

from ._convert import as_enum, as_tuple
from .catalogue import PriorityArea
from .errors import InvalidValueError
from .states import MemberState
from .text import LocalizedText

__all__ = [
    "ActionItem",
    "ActionPlan",
    "ActionSection",
    "ConceptPaper",
    "Draft",
    "ItemKind",
    "ItemStatus",
    "Paper",
    "PaperKind",
    "Provision",
]


def _action_item_kind(value: Any) -> ItemKind:
    return as_enum(ItemKind, "ActionItem.kind", value)


def _action_item_status(value: Any) -> ItemStatus:
    return as_enum(ItemStatus, "ActionItem.status", value)


def _concept_paper_background(value: Any) -> tuple[Any, ...]:
    return as_tuple("ConceptPaper.background", value)


def _concept_paper_priority_directions(value: Any) -> tuple[Any, ...]:
    return as_tuple("ConceptPaper.priority_directions", value)


def _concept_paper_goals(value: Any) -> tuple[Any, ...]:
    return as_tuple("ConceptPaper.goals", value)


def _concept_paper_principles(value: Any) -> tuple[Any, ...]:
    return as_tuple("ConceptPaper.principles", value)


def _concept_paper_approach(value: Any) -> tuple[Any, ...]:
    return as_tuple("ConceptPaper.approach", value)


def _action_section_lead(value: Any) -> tuple[Any, ...]:
    return as_tuple("ActionSection.lead", value)


def _action_section_further_steps(value: Any) -> tuple[Any, ...]:
    return as_tuple("ActionSection.further_steps", value)


def _action_plan_preamble(value: Any) -> tuple[Any, ...]:
    return as_tuple("ActionPlan.preamble", value)


def _action_plan_sections(value: Any) -> tuple[Any, ...]:
    return as_tuple("ActionPlan.sections", value)


@attrs.frozen(slots=True)
class Provision:
    """One numbered provision of a Concept Paper part, citable as e.g. "Concept Paper III.1"."""

    ref: str
    text: str

    @property
    def citation(self) -> str:
        """How a finding cites it: ``"Concept Paper III.1"``."""
        return f"Concept Paper {self.ref}"


_Check: TypeAlias = Callable[[Any, "attrs.Attribute[tuple[Provision, ...]]", Any], None]


def _numbered(part: str) -> _Check:
    def check(_: object, attribute: attrs.Attribute[tuple[Provision, ...]], value: Any) -> None:
        for index, item in enumerate(value):
            expected = f"{part}.{index + 1}"
            if not isinstance(item, Provision) or item.ref != expected:
                raise InvalidValueError(
                    f"ConceptPaper.{attribute.name}[{index}]",
                    item,
                    f"a Provision with ref {expected!r}",
                )

    return check


def _intro(_: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidValueError(f"ConceptPaper.{attribute.name}", value, "a sentence, or None")


@attrs.frozen(slots=True)
class ConceptPaper:
    """The Concept Paper of a priority area: Background, then parts I to IV."""

    title: str
    background: tuple[str, ...] = attrs.field(converter=_concept_paper_background)
    priority_directions: tuple[Provision, ...] = attrs.field(
        converter=_concept_paper_priority_directions,
        validator=_numbered("I"),
    )
    goals: tuple[Provision, ...] = attrs.field(
        converter=_concept_paper_goals, validator=_numbered("II")
    )
    principles: tuple[Provision, ...] = attrs.field(
        converter=_concept_paper_principles, validator=_numbered("III")
    )
    approach: tuple[str, ...] = attrs.field(converter=_concept_paper_approach)
    priority_directions_intro: str | None = attrs.field(default=None, validator=_intro)
    """The sentence that opens part I ("Within confidence building measures ...")."""
    goals_intro: str | None = attrs.field(default=None, validator=_intro)
    """The sentence that opens part II ("The main goals of the Concept Paper ...")."""

    def principle(self, number: int) -> Provision:
        """Principle III.``number``."""
        if not isinstance(number, int) or not 1 <= number <= len(self.principles):
            raise InvalidValueError("principle", number, f"1 to {len(self.principles)}")
        return self.principles[number - 1]


class ItemKind(StrEnum):
    """What an Action Plan item is."""

    LEAD_MEASURE = "lead_measure"
    """The measure a section opens with (e.g. convening a meeting of national experts)."""
    FURTHER_STEP = "further_step"
    """A further step of a section (section i: "to be taken and approved by Member States";
    section ii: "to be taken under consideration")."""
    NEW_CBM = "new_cbm"
    """A new CBM "subject to the approval by the Member States"."""


class ItemStatus(StrEnum):
    """Where an Action Plan item stands."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    DROPPED = "dropped"


@attrs.frozen(slots=True)
class ActionItem:
    """One item of the Action Plan, with a stable ``id`` such as ``"i.2"``."""

    id: str
    kind: ItemKind = attrs.field(converter=_action_item_kind)
    text: str
    status: ItemStatus = attrs.field(default=ItemStatus.PROPOSED, converter=_action_item_status)


def _unique_ids(
    _: object, __: attrs.Attribute[tuple[ActionSection, ...]], sections: object
) -> None:
    seen: set[str] = set()
    section: Any
    for index, section in enumerate(sections):  # type: ignore[arg-type]
        if not isinstance(section, ActionSection):
            raise InvalidValueError(f"ActionPlan.sections[{index}]", section, "an ActionSection")
        for item in section.items:
            if item.id in seen:
                raise InvalidValueError("ActionPlan item id", item.id, "ids unique within the plan")
            seen.add(item.id)


@attrs.frozen(slots=True)
class ActionSection:
    """A section of the Action Plan (e.g. "i. Border Control and Management")."""

    id: str
    title: str
    lead: tuple[ActionItem, ...] = attrs.field(converter=_action_section_lead)
    further_steps_intro: str | None = None
    further_steps: tuple[ActionItem, ...] = attrs.field(
        default=(), converter=_action_section_further_steps
    )

    @property
    def items(self) -> tuple[ActionItem, ...]:
        """The lead measures, then the further steps."""
        return self.lead + self.further_steps


@attrs.frozen(slots=True)
class ActionPlan:
    """The Action Plan annexed to a Concept Paper."""

    title: str
    preamble: tuple[str, ...] = attrs.field(converter=_action_plan_preamble)
    sections: tuple[ActionSection, ...] = attrs.field(
        converter=_action_plan_sections, validator=_unique_ids
    )

    @property
    def items(self) -> tuple[ActionItem, ...]:
        """Every item of every section, in order."""
        return tuple(item for section in self.sections for item in section.items)

    def item(self, id: str) -> ActionItem:
        """The item with this id."""
        for item in self.items:
            if item.id == id:
                return item
        raise InvalidValueError("action item", id, "one of " + ", ".join(i.id for i in self.items))

    def section(self, id: str) -> ActionSection:
        """The section with this id (``"i"`` to ``"iv"`` in the seed)."""
        for section in self.sections:
            if section.id == id:
                return section
        raise InvalidValueError(
            "action plan section", id, "one of " + ", ".join(s.id for s in self.sections)
        )

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.action_plan_html(self)


@attrs.frozen(slots=True)
class Draft:
    """A draft put to the Member States: a Concept Paper and its Action Plan.

    ``coordinator`` is the Member State that prepared it as coordinator of ``priority_area``.
    """

    title: LocalizedText
    priority_area: PriorityArea
    coordinator: MemberState
    concept_paper: ConceptPaper
    action_plan: ActionPlan

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.draft_html(self)


class PaperKind(StrEnum):
    """What a paper put under silence is, where it is not a CICA Concept Paper."""

    DRAFT_RESOLUTION = "draft_resolution"
    DRAFT_DECISION = "draft_decision"
    DRAFT_DECLARATION = "draft_declaration"
    DRAFT_STATEMENT = "draft_statement"
    OTHER = "other"


def _paper_kind(value: object) -> PaperKind:
    return as_enum(PaperKind, "Paper.kind", value)


def _paper_title(_: object, __: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError("Paper.title", value, "the paper's title, as text")


def _paper_symbol(_: object, __: object, value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidValueError("Paper.symbol", value, "a document symbol as text, or None")


@attrs.frozen(slots=True)
class Paper:
    """A text put under silence that is not a CICA Concept Paper.

    A draft resolution, a draft decision, a statement, with its body's document ``symbol``
    (``"A/74/L.52"``) when it has one.

    >>> Paper("Global solidarity to fight COVID-19", "draft_resolution", "A/74/L.52").kind
    <PaperKind.DRAFT_RESOLUTION: 'draft_resolution'>
    """

    title: str = attrs.field(validator=_paper_title)
    kind: PaperKind = attrs.field(converter=_paper_kind)
    symbol: str | None = attrs.field(default=None, validator=_paper_symbol)

    def __str__(self) -> str:
        return f"{self.symbol} ({self.title})" if self.symbol else self.title

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.draft_html(self)
