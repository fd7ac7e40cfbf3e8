"""The shipped memberships of the OSCE, the EU Council and NATO keep their shape and their facts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

BODIES = Path(__file__).parents[1] / "src/cica_cbm/data/bodies"
FILES = ("OSCE", "EU_COUNCIL", "NATO")
DATE_KEYS = ("stated", "earliest", "latest", "precision", "confidence", "note")

# The day the North Atlantic Treaty entered into force for its twelve signatories; the file's
# note says why this day, and not the signature on 4 April 1949, is taken.
NATO_FOUNDERS_JOINED = "1949-08-24"


def load(body: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((BODIES / f"{body}.json").read_text(encoding="utf-8"))
    return data


def members(body: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = load(body)["members"]
    return rows


def current(body: str) -> list[dict[str, Any]]:
    return [m for m in members(body) if m["until"] is None]


def by_code(body: str) -> dict[str, dict[str, Any]]:
    return {m["code"]: m for m in members(body)}


def dated(value: dict[str, Any]) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(value["earliest"]), dt.date.fromisoformat(value["latest"])


@pytest.mark.parametrize("body", FILES)
def test_each_file_has_the_shape_of_member_states_json(body: str) -> None:
    data = load(body)
    assert set(data) == {"source", "precision", "as_of", "body", "members", "observers"}
    assert data["body"] == body
    assert data["as_of"] is None or dt.date.fromisoformat(data["as_of"])
    assert isinstance(data["source"], str)
    assert "http" in data["source"]
    assert isinstance(data["observers"], list)
    for m in data["members"]:
        assert set(m) == {"code", "name_en", "joined", "until", "source"}
        assert m["name_en"]
        assert m["source"].startswith("http")
        for value in (m["joined"], m["until"]):
            if value is not None:
                assert set(value) == set(DATE_KEYS)
                assert value["precision"] in {"day", "year", "range"}
                assert value["confidence"] in {"H", "M", "U"}


@pytest.mark.parametrize("body", FILES)
def test_codes_are_unique_three_uppercase_letters_and_sorted(body: str) -> None:
    codes = [m["code"] for m in members(body)]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 3 and c.isascii() and c.isalpha() and c.isupper() for c in codes)
    assert codes == sorted(codes)


@pytest.mark.parametrize("body", FILES)
def test_every_date_is_ordered_and_fits_its_precision(body: str) -> None:
    for m in members(body):
        for value in (m["joined"], m["until"]):
            if value is None:
                continue
            earliest, latest = dated(value)
            assert earliest <= latest, m["code"]
            if value["precision"] == "day":
                assert earliest == latest, m["code"]
            elif value["precision"] == "year":
                assert (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31)
                assert earliest.year == latest.year, m["code"]
            else:
                assert earliest < latest, m["code"]
        if m["until"] is not None:
            assert dated(m["joined"])[1] <= dated(m["until"])[0], m["code"]


@pytest.mark.parametrize("body", FILES)
def test_current_codes_are_iso_3166_1_and_former_ones_iso_3166_3(body: str) -> None:
    pycountry = pytest.importorskip("pycountry", reason="pycountry (the test extra) has ISO 3166")
    for m in members(body):
        if m["until"] is None:
            assert pycountry.countries.get(alpha_3=m["code"]) is not None, m["code"]
        else:
            known = pycountry.countries.get(alpha_3=m["code"])
            known = known or pycountry.historic_countries.get(alpha_3=m["code"])
            assert known is not None, m["code"]


def test_osce_has_57_participating_states_and_mongolia_joined_last() -> None:
    now = current("OSCE")
    assert len(now) == 57
    assert "VAT" in {m["code"] for m in now}
    mongolia = by_code("OSCE")["MNG"]["joined"]
    assert (mongolia["earliest"], mongolia["latest"]) == ("2012-11-21", "2012-11-21")
    latest = max(dated(m["joined"])[1] for m in members("OSCE"))
    assert latest == dt.date(2012, 11, 21)
    assert [m["code"] for m in members("OSCE") if dated(m["joined"])[1] == latest] == ["MNG"]


def test_osce_former_participants_end_where_their_successors_begin() -> None:
    rows = by_code("OSCE")
    assert {c for c, m in rows.items() if m["until"] is not None} == {"CSK", "DDR", "YUG"}
    assert rows["CSK"]["until"]["latest"] == "1992-12-31"
    assert rows["CZE"]["joined"]["earliest"] == rows["SVK"]["joined"]["earliest"] == "1993-01-01"
    assert rows["DDR"]["until"]["latest"] == "1990-10-02"
    assert dated(rows["YUG"]["until"])[1] < dated(rows["SRB"]["joined"])[0]


def test_eu_has_27_member_states_the_uk_left_and_croatia_joined_last() -> None:
    now = current("EU_COUNCIL")
    assert len(now) == 27
    assert "GBR" not in {m["code"] for m in now}
    rows = by_code("EU_COUNCIL")
    uk = rows["GBR"]["until"]
    assert (uk["earliest"], uk["latest"], uk["precision"]) == ("2020-01-31", "2020-01-31", "day")
    croatia = rows["HRV"]["joined"]
    assert (croatia["earliest"], croatia["latest"]) == ("2013-07-01", "2013-07-01")
    assert max(dated(m["joined"])[1] for m in members("EU_COUNCIL")) == dt.date(2013, 7, 1)
    founders = {m["code"] for m in members("EU_COUNCIL") if m["joined"]["earliest"] == "1958-01-01"}
    assert founders == {"BEL", "DEU", "FRA", "ITA", "LUX", "NLD"}


def test_nato_has_32_allies_12_founders_and_sweden_joined_last() -> None:
    now = current("NATO")
    assert len(now) == 32
    founders = [m for m in members("NATO") if m["joined"]["earliest"] == NATO_FOUNDERS_JOINED]
    assert len(founders) == 12
    assert all("4 April 1949" in m["joined"]["note"] for m in founders)
    assert min(dated(m["joined"])[0] for m in members("NATO")) == dt.date(1949, 8, 24)
    sweden = by_code("NATO")["SWE"]["joined"]
    assert (sweden["earliest"], sweden["latest"]) == ("2024-03-07", "2024-03-07")
    latest = max(dated(m["joined"])[1] for m in members("NATO"))
    assert latest == dt.date(2024, 3, 7)
    assert [m["code"] for m in members("NATO") if dated(m["joined"])[1] == latest] == ["SWE"]
