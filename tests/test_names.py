"""The shipped Russian and Kazakh names are what scripts/pull_names.py makes from iso-codes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import cica_cbm as cbm

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "src" / "cica_cbm" / "data" / "names.json"


def pull_names() -> ModuleType:
    pytest.importorskip("pycountry", reason="pycountry (the test extra) checks the names")
    spec = importlib.util.spec_from_file_location("pull_names", ROOT / "scripts" / "pull_names.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_names_json_is_exactly_what_the_script_renders_from_iso_codes() -> None:
    """As `python scripts/pull_names.py --check` does; run the script if this fails."""
    assert pull_names().render() == SHIPPED.read_text(encoding="utf-8")


def test_the_check_mode_of_the_script_passes() -> None:
    assert pull_names().main(["--check"]) == 0


def test_every_member_and_observer_state_has_names_in_three_languages() -> None:
    names = json.loads(SHIPPED.read_text(encoding="utf-8"))["states"]
    codes = {s.code for s in cbm.member_states(on=cbm.samples.nct_g_1501_note().date)}
    codes |= {o.id for o in cbm.observers() if o.kind is cbm.ObserverKind.STATE}
    assert set(names) == codes
    for code, entry in names.items():
        for lang in ("en", "ru", "kk"):
            assert entry["name"][lang].strip(), (code, lang)
        assert entry["sources"]["name"]


def test_turkiyes_formal_names_are_the_seeds_own() -> None:
    seed = (ROOT / "tests" / "seed" / "000_87b70e4a617b81a8.txt").read_text(encoding="utf-8")
    tur = cbm.member_state("TUR")
    assert tur.formal_name.en == "Republic of Türkiye"
    assert tur.formal_name.ru == "Турецкая Республика"
    assert tur.formal_name.kk == "Түркия Республикасы"
    # the seed declines them: "подготовленный Турецкой Республикой", "Түркия Республикасы"
    assert "Турецкой Республикой" in seed
    assert tur.formal_name.kk in seed
    assert f"the {tur.formal_name.en}" in seed
