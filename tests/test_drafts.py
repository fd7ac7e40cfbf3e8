"""Golden tests: every item of the seed's draft, compared with the seed's own text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cica_cbm as cbm

SEED_TEXT = (Path(__file__).parent / "seed" / "000_87b70e4a617b81a8.txt").read_text("utf-8")
DRAFT = cbm.samples.nct_g_1501_draft()
PAPER, PLAN = DRAFT.concept_paper, DRAFT.action_plan
NUMBERED = re.compile(r"^(\d+)\. (.+)$")
HEADINGS = [
    "DRAFT CONCEPT PAPER",
    "Background",
    "I. Priority directions",
    "II. Goals",
    "III. Principles",
    "IV. Approach",
    "ACTION PLAN",
    "i. Border Control and Management",
    "ii. Law Enforcement",
    "iii. Fighting Economic Crimes",
    "iv. Preventing Proliferation of Weapons of Mass Destruction",
]


def _plain(line: str) -> str:
    """A line of the seed without its Markdown emphasis and heading marks."""
    return re.sub(r"[*#]", "", line).strip()


def _sections() -> dict[str, list[str]]:
    """The seed's English draft, as the non-empty lines under each heading."""
    lines = [
        _plain(line)
        for line in SEED_TEXT[SEED_TEXT.index("**DRAFT CONCEPT PAPER**") :].splitlines()
    ]
    lines = [line for line in lines if line]
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line in HEADINGS:
            current = line
            sections[current] = []
        else:
            assert current is not None
            sections[current].append(line)
    assert list(sections) == HEADINGS
    return sections


SEED = _sections()


def numbered(heading: str) -> list[str]:
    found = [NUMBERED.match(line) for line in SEED[heading]]
    items = [m for m in found if m]
    assert [int(m[1]) for m in items] == list(range(1, len(items) + 1))
    return [m[2] for m in items]


def unnumbered(heading: str) -> list[str]:
    return [line for line in SEED[heading] if not NUMBERED.match(line)]


def test_the_concept_papers_title_is_the_seeds() -> None:
    assert PAPER.title.lower() == " ".join(SEED["DRAFT CONCEPT PAPER"]).lower().replace(
        "on implementation", "draft concept paper on implementation", 1
    )


def test_the_background_is_the_seeds_four_paragraphs() -> None:
    assert list(PAPER.background) == SEED["Background"]
    assert len(PAPER.background) == 4


@pytest.mark.parametrize(
    ("heading", "part", "attribute", "count"),
    [
        ("I. Priority directions", "I", "priority_directions", 3),
        ("II. Goals", "II", "goals", 4),
        ("III. Principles", "III", "principles", 5),
    ],
)
def test_every_numbered_provision_is_the_seeds(
    heading: str, part: str, attribute: str, count: int
) -> None:
    provisions: tuple[cbm.Provision, ...] = getattr(PAPER, attribute)
    assert [p.text for p in provisions] == numbered(heading)
    assert [p.ref for p in provisions] == [f"{part}.{n}" for n in range(1, count + 1)]


def test_the_approach_is_the_seeds() -> None:
    assert list(PAPER.approach) == SEED["IV. Approach"]


def test_principle_iii_1_is_consensus_and_cites_itself() -> None:
    first = PAPER.principle(1)
    assert first.citation == "Concept Paper III.1"
    assert "through consultations and by consensus" in first.text
    with pytest.raises(cbm.InvalidValueError, match="principle"):
        PAPER.principle(6)


def test_the_action_plans_title_and_preamble_are_the_seeds() -> None:
    title_lines, preamble = SEED["ACTION PLAN"][:2], SEED["ACTION PLAN"][2:]
    assert PLAN.title.lower() == ("action plan " + " ".join(title_lines)).lower()
    assert list(PLAN.preamble) == preamble
    assert (
        "reviewed every year by Special Working Group and Senior Officials Committee"
        in (PLAN.preamble[1])
    )


@pytest.mark.parametrize("heading", HEADINGS[7:])
def test_every_section_of_the_action_plan_is_the_seeds(heading: str) -> None:
    section_id, title = heading.split(". ", 1)
    section = PLAN.section(section_id)
    assert section.title == title
    words = [item.text for item in section.lead]
    if section.further_steps_intro:
        words.append(section.further_steps_intro)
    assert " ".join(words) == " ".join(unnumbered(heading))
    assert [item.text for item in section.further_steps] == numbered(heading)


def test_every_item_has_a_stable_id_a_kind_and_starts_as_proposed() -> None:
    assert [item.id for item in PLAN.items] == [
        "i.lead",
        *(f"i.{n}" for n in range(1, 7)),
        "ii.lead",
        *(f"ii.{n}" for n in range(1, 5)),
        "iii.lead",
        "iv.lead",
    ]
    for item in PLAN.items:
        assert item.status is cbm.ItemStatus.PROPOSED
        expected = (
            cbm.ItemKind.LEAD_MEASURE if item.id.endswith("lead") else cbm.ItemKind.FURTHER_STEP
        )
        assert item.kind is expected
    assert PLAN.item("i.2").text.startswith("Organizing training seminars, upon request")


def test_the_draft_is_turkiyes_on_new_challenges_and_threats_general() -> None:
    assert DRAFT.coordinator == cbm.member_state("TUR")
    assert DRAFT.priority_area == cbm.priority_area("nct-general")
    for lang in ("en", "ru"):
        title = DRAFT.title.get(lang)
        assert title is not None
        assert title in SEED_TEXT
    assert DRAFT.title.kk is not None
    assert DRAFT.title.kk in SEED_TEXT  # the seed declines it: "... жоспарын"


def test_an_unknown_item_or_section_is_an_error_listing_the_known_ones() -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"i\.lead"):
        PLAN.item("v.1")
    with pytest.raises(cbm.InvalidValueError, match="iv"):
        PLAN.section("v")


def test_provisions_must_be_numbered_in_order() -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"III\.1"):
        cbm.ConceptPaper("t", (), (), (), (cbm.Provision("III.2", "x"),), ())


def test_item_ids_are_unique_within_a_plan() -> None:
    item = cbm.ActionItem("x.1", cbm.ItemKind.FURTHER_STEP, "x")
    with pytest.raises(cbm.InvalidValueError, match=r"x\.1"):
        cbm.ActionPlan(
            "t", (), (cbm.ActionSection("x", "t", (item,)), cbm.ActionSection("y", "t", (item,)))
        )


def test_the_introductory_sentences_of_parts_i_and_ii_are_the_seeds() -> None:
    """Every element of the seed is data: parts I and II open with the seed's own sentences."""
    seed = " ".join(
        (Path(__file__).parent / "seed" / "000_87b70e4a617b81a8.txt")
        .read_text(encoding="utf-8")
        .split()
    )
    paper = cbm.samples.nct_g_1501_draft().concept_paper
    assert paper.priority_directions_intro is not None
    assert paper.goals_intro is not None
    assert paper.priority_directions_intro.startswith("Within confidence building measures")
    assert paper.goals_intro.startswith("The main goals of the Concept Paper")
    for sentence in (paper.priority_directions_intro, paper.goals_intro):
        assert sentence in seed
