"""The shipped UN General Assembly membership (data/bodies/UNGA.json) holds its shape and facts."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pycountry
import pytest

DATA = Path(__file__).parents[1] / "src/cica_cbm/data/bodies/UNGA.json"

# the 51 original Members as the UN lists them (un.org "Growth in United Nations membership"):
# the USSR, Czechoslovakia and Yugoslavia under their own codes, the others under today's
_ORIGINALS = (
    "ARG AUS BEL BLR BOL BRA CAN CHL CHN COL CRI CSK CUB DNK DOM ECU EGY ETH FRA GBR GRC GTM "
    "HND HTI IND IRN IRQ LBN LBR LUX MEX NIC NLD NOR NZL PAN PER PHL POL PRY SAU SLV SUN SYR "
    "TUR UKR URY USA VEN YUG ZAF"
)
ORIGINAL_MEMBERS = frozenset(_ORIGINALS.split())
# the Russian Federation's row restates the USSR's admission (one continuous membership)
CONTINUES = {"RUS": "SUN"}


def _load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def _members() -> list[dict[str, Any]]:
    members: list[dict[str, Any]] = _load()["members"]
    return members


def _current() -> list[dict[str, Any]]:
    return [m for m in _members() if m["until"] is None]


def _former() -> list[dict[str, Any]]:
    return [m for m in _members() if m["until"] is not None]


def _by_code() -> dict[str, dict[str, Any]]:
    return {m["code"]: m for m in _members()}


def _dates() -> list[tuple[str, dict[str, Any]]]:
    """Every dated fact in the file, with the code it belongs to."""
    facts: list[tuple[str, dict[str, Any]]] = []
    for m in _members():
        facts.append((m["code"], m["joined"]))
        if m["until"] is not None:
            facts.append((m["code"], m["until"]))
    for o in _load()["observers"]:
        if o["since"] is not None:
            facts.append((o["code"], o["since"]))
    return facts


def test_the_file_names_its_body_sources_and_precision() -> None:
    data = _load()
    assert data["body"] == "UNGA"
    assert "http" in data["source"]
    assert data["precision"]
    assert data["as_of"] is None or dt.date.fromisoformat(data["as_of"])


def test_there_are_193_current_members() -> None:
    assert len(_current()) == 193


def test_codes_are_three_uppercase_letters_and_unique() -> None:
    codes = [m["code"] for m in _members()] + [o["code"] for o in _load()["observers"]]
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert len(codes) == len(set(codes))


def test_members_are_sorted_by_code() -> None:
    codes = [m["code"] for m in _members()]
    assert codes == sorted(codes)


def test_every_current_code_is_an_iso_3166_1_alpha_3_code() -> None:
    missing = [m["code"] for m in _current() if pycountry.countries.get(alpha_3=m["code"]) is None]
    assert missing == []


def test_every_former_code_is_an_iso_3166_3_code() -> None:
    missing = [
        m["code"] for m in _former() if pycountry.historic_countries.get(alpha_3=m["code"]) is None
    ]
    assert missing == []


def test_every_row_names_a_source() -> None:
    rows = _members() + _load()["observers"]
    assert all(r["source"].startswith("http") and r["name_en"] for r in rows)


@pytest.mark.parametrize(("code", "fact"), _dates(), ids=lambda v: v if isinstance(v, str) else "")
def test_dates_are_iso_and_ordered(code: str, fact: dict[str, Any]) -> None:
    earliest = dt.date.fromisoformat(fact["earliest"])
    latest = dt.date.fromisoformat(fact["latest"])
    assert earliest <= latest, code
    assert fact["precision"] in {"day", "year", "range"}
    assert fact["confidence"] in {"H", "M", "U"}
    assert fact["stated"]
    if fact["precision"] == "day":
        assert earliest == latest, code
    if fact["precision"] == "year":
        assert (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31)
        assert earliest.year == latest.year, code


def test_nothing_less_than_high_confidence_goes_unexplained() -> None:
    unexplained = [
        code for code, fact in _dates() if fact["confidence"] != "H" and not fact["note"]
    ]
    assert unexplained == []


def test_a_former_member_leaves_after_it_joins() -> None:
    for m in _former():
        assert m["joined"]["latest"] <= m["until"]["earliest"], m["code"]


def test_south_sudan_is_the_latest_admission() -> None:
    latest = max(_current(), key=lambda m: m["joined"]["latest"])
    assert latest["code"] == "SSD"
    assert latest["joined"]["earliest"] == latest["joined"]["latest"] == "2011-07-14"


def test_the_51_original_members_are_those_admitted_in_1945() -> None:
    in_1945 = {m["code"] for m in _members() if m["joined"]["latest"].startswith("1945-")}
    assert in_1945 - set(CONTINUES) == ORIGINAL_MEMBERS
    assert len(ORIGINAL_MEMBERS) == 51


def test_29_original_members_date_from_the_charters_entry_into_force() -> None:
    # the UN dates the others from their later ratifications (Australia 1 November 1945, ...)
    on_24_october = {
        m["code"] for m in _members() if m["joined"]["earliest"] == "1945-10-24"
    } - set(CONTINUES)
    assert len(on_24_october) == 29
    assert {"USA", "SUN", "FRA", "GBR", "CHN", "POL"} <= on_24_october
    assert {"AUS", "CAN", "IND", "BEL", "GRC"}.isdisjoint(on_24_october)


def test_a_continuing_seat_keeps_its_predecessors_admission() -> None:
    rows = _by_code()
    for successor, predecessor in CONTINUES.items():
        assert rows[successor]["joined"]["earliest"] == rows[predecessor]["joined"]["earliest"]
        assert rows[successor]["until"] is None
        assert rows[predecessor]["until"]["latest"] == "1991-12-24"
        assert predecessor in rows[successor]["joined"]["note"]


@pytest.mark.parametrize(
    ("code", "joined"),
    [
        ("AFG", "1946-11-19"),
        ("AUS", "1945-11-01"),
        ("CHE", "2002-09-10"),
        ("DEU", "1973-09-18"),
        ("IDN", "1950-09-28"),
        ("MNE", "2006-06-28"),
        ("SRB", "2000-11-01"),
        ("TZA", "1961-12-14"),
        ("ZWE", "1980-08-25"),
    ],
)
def test_golden_admissions(code: str, joined: str) -> None:
    row = _by_code()[code]
    assert row["joined"]["earliest"] == row["joined"]["latest"] == joined
    assert row["joined"]["confidence"] == "H"


@pytest.mark.parametrize(
    ("code", "joined", "last_day"),
    [
        ("CSK", "1945-10-24", "1992-12-31"),
        ("DDR", "1973-09-18", "1990-10-02"),
        ("YMD", None, "1990-05-21"),
    ],
)
def test_golden_former_members(code: str, joined: str | None, last_day: str) -> None:
    row = _by_code()[code]
    if joined is not None:
        assert row["joined"]["earliest"] == joined
    assert row["until"]["latest"] == last_day


def test_the_successors_join_after_their_predecessors_end() -> None:
    rows = _by_code()
    for predecessor, successors in {"CSK": ("CZE", "SVK"), "YUG": ("SRB",)}.items():
        for successor in successors:
            assert rows[successor]["joined"]["earliest"] > rows[predecessor]["until"]["latest"]


def test_the_observers_are_the_holy_see_and_palestine() -> None:
    observers = {o["code"]: o for o in _load()["observers"]}
    assert set(observers) == {"VAT", "PSE"}
    assert observers["VAT"]["since"]["earliest"] == "1964-04-06"
    assert observers["PSE"]["since"]["earliest"] == "2012-11-29"
    assert not set(observers) & {m["code"] for m in _members()}
