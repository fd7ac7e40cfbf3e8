"""Golden tests for the shipped Catalogue of CBMs: dimensions, priority areas, coordinators."""

from __future__ import annotations

from datetime import date

import pytest

import cica_cbm as cbm

# REFERENCE.md, "Catalogue of CBMs and priority areas": coordinator and co-coordinators where a
# source names them; None where they are unknown.
KNOWN = {
    "nct-general": ("TUR", ("AFG",)),
    "military-political": ("KAZ", ("TUR",)),
    "transport-corridors": ("AZE", ("CHN", "IND")),
    "sustainable-development": ("THA", None),
    "environmental-protection": ("MNG", None),
    "disaster-management": ("IRN", None),
    "human-dimension": ("UZB", ("CHN", "IND", "KAZ", "KGZ")),
}
UNKNOWN = {
    "nct-terrorism": "Combating terrorism",
    "nct-ict-security": "Security of and in the use of ICTs",
    "nct-illicit-drugs": "Combating illicit drugs",
    "nct-epidemiological-safety": "Epidemiological safety, public health and pharmaceuticals",
    "sme": "Small and medium enterprises",
    "agriculture": "Agriculture",
    "information-technology": "Information technology",
    "tourism": "Tourism",
    "energy-security": "Energy security",
    "finance": "Finance",
    "trade-and-investment": "Trade and investment",
}


def test_the_catalogue_was_adopted_in_2004_and_updated_in_october_2021() -> None:
    edition = cbm.catalogue()
    assert edition.first_adopted == date(2004, 10, 22)
    assert edition.updated == date(2021, 10, 12)
    assert edition.discrepancy is not None
    assert "21-22 October 2021" in edition.discrepancy  # the seed's words, kept on record


def test_there_are_five_dimensions() -> None:
    names = [d.name.en for d in cbm.catalogue().dimensions]
    assert names == [
        "Military-Political",
        "New Challenges and Threats",
        "Economic",
        "Environmental",
        "Human",
    ]


@pytest.mark.parametrize("area_id", sorted(KNOWN))
def test_coordinators_are_shipped_where_a_source_names_them(area_id: str) -> None:
    area = cbm.priority_area(area_id)
    assert (area.coordinator, area.co_coordinators) == KNOWN[area_id]
    assert area.coordinator_known


@pytest.mark.parametrize("area_id", sorted(UNKNOWN))
def test_unknown_coordinators_stay_unknown(area_id: str) -> None:
    area = cbm.priority_area(area_id)
    assert area.name.en == UNKNOWN[area_id]
    assert area.coordinator is None
    assert area.co_coordinators is None
    assert not area.coordinator_known


def test_every_area_is_known_or_unknown_and_in_a_dimension_of_its_edition() -> None:
    edition = cbm.catalogue()
    assert {a.id for a in edition.priority_areas} == KNOWN.keys() | UNKNOWN.keys()
    dimensions = {d.id for d in edition.dimensions}
    for area in edition.priority_areas:
        assert area.dimension in dimensions
        for code in (area.coordinator, *(area.co_coordinators or ())):
            if code is not None:
                cbm.member_state(code)


def test_the_seeds_area_has_its_names_from_the_note() -> None:
    area = cbm.priority_area("nct-general")
    assert area.name.en == "New Challenges and Threats (general)"
    assert area.name.ru == "Новые вызовы и угрозы (общие)"
    assert area.name.kk == "Жаңа сын-тегеуріндер мен қауіп-қатерлер (жалпы)"
    assert area in cbm.catalogue().in_dimension("new-challenges-and-threats")
    assert len(cbm.catalogue().in_dimension("new-challenges-and-threats")) == 5


def test_no_edition_before_the_2021_update_is_guessed() -> None:
    assert cbm.catalogue(on=date(2021, 10, 12)) is cbm.catalogue()
    with pytest.raises(cbm.InvalidValueError, match="no earlier edition"):
        cbm.catalogue(on=date(2021, 10, 11))


def test_an_unknown_priority_area_is_an_error_that_lists_the_known_ones() -> None:
    with pytest.raises(cbm.InvalidValueError, match="nct-general"):
        cbm.priority_area("nope")
