"""The seed as data: Note NCT/G/1501, its draft Concept Paper and Action Plan, its procedure.

Built from ``data/nct_g_1501.json``, which keeps the document's own words.

References:
    Note NCT/G/1501 of the CICA Secretariat, Astana, 13 December 2023, with its enclosure.
"""

from __future__ import annotations

import functools

import attrs

from ._data import Reader, load
from .catalogue import priority_area
from .drafts import ActionItem, ActionPlan, ActionSection, ConceptPaper, Draft, ItemKind, Provision
from .notes import Enclosure, Note, NoteNumber, NoteReference, Notice
from .silence import CICA_PRACTICE, Deadline, SilenceProcedure
from .states import member_state

__all__ = ["nct_g_1501", "nct_g_1501_draft", "nct_g_1501_note"]


def _note(r: Reader) -> Note:
    return Note(
        number=NoteNumber.parse(r["number"].str()),
        date=r["date"].date(),
        place=r["place"].text(),
        sender=r["sender"].text(),
        addressees=r["addressees"].text(),
        references=tuple(
            NoteReference(NoteNumber.parse(x["number"].str()), x["date"].date())
            for x in r["references"].items()
        ),
        enclosures=tuple(
            Enclosure(x["description"].text(), x["pages"].int()) for x in r["enclosures"].items()
        ),
        languages=r["languages"].strs(),
    )


def _provisions(part: str, r: Reader) -> tuple[Provision, ...]:
    return tuple(Provision(f"{part}.{i}", text) for i, text in enumerate(r.strs(), start=1))


def _items(r: Reader, kind: ItemKind) -> tuple[ActionItem, ...]:
    return tuple(ActionItem(x["id"].str(), kind, x["text"].str()) for x in r.items())


def _draft(r: Reader) -> Draft:
    cp = r["concept_paper"]
    ap = r["action_plan"]
    return Draft(
        title=r["title"].text(),
        priority_area=priority_area(r["priority_area"].str()),
        coordinator=member_state(r["coordinator"].str()),
        concept_paper=ConceptPaper(
            title=cp["title"].str(),
            background=cp["background"].strs(),
            priority_directions=_provisions("I", cp["priority_directions"]),
            goals=_provisions("II", cp["goals"]),
            principles=_provisions("III", cp["principles"]),
            approach=cp["approach"].strs(),
            priority_directions_intro=cp["priority_directions_intro"].str(),
            goals_intro=cp["goals_intro"].str(),
        ),
        action_plan=ActionPlan(
            title=ap["title"].str(),
            preamble=ap["preamble"].strs(),
            sections=tuple(
                ActionSection(
                    id=s["id"].str(),
                    title=s["title"].str(),
                    lead=_items(s["lead"], ItemKind.LEAD_MEASURE),
                    further_steps_intro=s.opt_str("further_steps_intro"),
                    further_steps=_items(s["further_steps"], ItemKind.FURTHER_STEP),
                )
                for s in ap["sections"].items()
            ),
        ),
    )


@functools.cache
def _seed() -> SilenceProcedure:
    data = load("nct_g_1501.json")
    procedure = data["procedure"]
    draft = _draft(data["draft"])
    deadline = procedure["deadline"].date()
    requested_by = procedure["requested_by"].str()
    # what the note's body states: the facts render_note writes and parse_note reads back
    notice = Notice.placement(
        draft.priority_area.id,
        coordinator=draft.coordinator.code,
        requested_by=requested_by,
        deadline=deadline,
    )
    return SilenceProcedure.open(
        attrs.evolve(_note(data["note"]), notice=notice),
        draft,
        deadline=Deadline.no_later_than(deadline),
        policy=CICA_PRACTICE,
        requested_by=requested_by,
    )


def nct_g_1501() -> SilenceProcedure:
    """The seed's procedure, nothing submitted yet: opened 13 December 2023, due 11 January 2024.

    >>> proc = nct_g_1501()
    >>> str(proc.note.number), proc.deadline.isoformat()
    ('NCT/G/1501', '2024-01-12T00:00:00+06:00')
    """
    return _seed()


def nct_g_1501_note() -> Note:
    """Note NCT/G/1501 itself."""
    note = _seed().note
    assert note is not None  # the seed's procedure is opened by its note
    return note


def nct_g_1501_draft() -> Draft:
    """The updated draft Concept Paper and Action Plan on New Challenges and Threats (general)."""
    draft = _seed().draft
    assert isinstance(draft, Draft)  # the seed's draft is CICA's Concept Paper and Action Plan
    return draft
