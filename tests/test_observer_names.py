"""The observers' names in Russian and Kazakh: each from a cited source, or unknown with why.

The golden table below is the shipped data, read against its sources; a name no source gives
is ``None``, never a guess, and :meth:`Observer.name_in` says so instead of hiding it.
"""

# Cyrillic letters are the subject of these tests, not look-alikes of Latin ones

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.errors import UnknownStateError
from cica_cbm.core.states import Confidence, NameSource, observer, observer_name_sources

H, M = Confidence.HIGH, Confidence.MEDIUM

GOLDEN = {
    "UN": (("Организация Объединенных Наций", H), ("Біріккен Ұлттар Ұйымы", H)),
    "OSCE": (("Организация по безопасности и сотрудничеству в Европе", M), (None, None)),
    "LAS": ((None, None), (None, None)),
    "TURKPA": ((None, None), (None, None)),
    "IOM": (("Международная организация по миграции", H), (None, None)),
}


@pytest.mark.parametrize("org", sorted(GOLDEN))
def test_each_organisations_names_are_the_golden_ones(org: str) -> None:
    """The Russian and Kazakh names and their confidence, as shipped."""
    ru, kk = observer_name_sources(org)
    assert (ru.lang, kk.lang) == ("ru", "kk")
    assert ((ru.name, ru.confidence), (kk.name, kk.confidence)) == GOLDEN[org]
    assert observer(org).name.ru == ru.name
    assert observer(org).name.kk == kk.name


def test_the_organisations_are_those_of_the_reference() -> None:
    """Five organisations observe CICA (REFERENCE.md "Observers")."""
    orgs = {o.id for o in cbm.observers() if o.kind is cbm.ObserverKind.ORGANISATION}
    assert orgs == set(GOLDEN)


@pytest.mark.parametrize("org", sorted(GOLDEN))
def test_a_name_has_a_source_and_an_unknown_name_a_reason(org: str) -> None:
    """Every name cites its source (an address); every missing one says why."""
    for found in observer_name_sources(org):
        if found.name is None:
            assert found.source is None
            assert found.confidence is None
            assert "no official" in (found.unknown or "")
        else:
            assert found.unknown is None
            assert found.source is not None
            assert "https://" in found.source or "CLDR" in found.source
            assert found.confidence is not None


def test_the_sources_cite_their_addresses() -> None:
    """The names taken from web pages carry the page's address."""
    assert "https://www.nato.int/" in (observer_name_sources("OSCE")[0].source or "")
    assert "https://www.un.org/ru/" in (observer_name_sources("IOM")[0].source or "")
    assert "CLDR 47" in (observer_name_sources("UN")[1].source or "")


def test_a_missing_name_falls_back_visibly() -> None:
    """The English name, saying that no source gives the Russian or Kazakh one."""
    assert observer("LAS").name_in("ru") == "League of Arab States (no ru name in the sources)"
    assert observer("TURKPA").name_in("kk") == "TURKPA (no kk name in the sources)"
    assert observer("UN").name_in("ru") == "Организация Объединенных Наций"
    assert observer("UN").name_in("en") == "United Nations"


def test_the_states_names_come_from_the_shipped_names() -> None:
    """An observer state's names are those of data/names.json, with its sources."""
    ru, kk = observer_name_sources("JPN")
    assert ru == NameSource("ru", "Япония", ru.source, None)
    assert "iso-codes" in (ru.source or "")
    assert kk.name == observer("JPN").name.kk


@given(st.text(max_size=8).filter(lambda s: s not in {o.id for o in cbm.observers()}))
def test_an_unknown_observer_is_refused(code: str) -> None:
    """Hostile ids: a one-line UnknownStateError, never a KeyError."""
    with pytest.raises(UnknownStateError):
        observer_name_sources(code)


def test_the_data_file_has_no_name_without_a_source_entry() -> None:
    """Each organisation in observers.json has name_sources for ru and kk."""
    path = resources.files("cica_cbm").joinpath("data", "observers.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    for org in data["organisations"]:
        assert set(org["name_sources"]) == {"ru", "kk"}
        for lang in ("ru", "kk"):
            assert (org["name"][lang] is None) == ("unknown" in org["name_sources"][lang])
