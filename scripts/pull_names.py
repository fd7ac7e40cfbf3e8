"""Pull the Russian and Kazakh names of CICA's states from the iso-codes translations.

Writes ``src/cica_cbm/data/names.json``. Run it after upgrading pycountry (which ships the
iso-codes database and its translations)::

    python scripts/pull_names.py          # rewrite the file
    python scripts/pull_names.py --check  # exit 1 if the file differs from what it would write

How each name is chosen, so that nothing is typed from memory:

* English names are the project's reference table (``member_states.json``, ``observers.json``).
* Russian and Kazakh names are the iso-codes translations of the ISO 3166-1 entry whose English
  text equals ours: the common name, the short name or the official name (a leading "the" is
  ignored). Where none equals it, the translation of the ISO short name is used and the choice
  is recorded in ``sources``.
* A formal name that no source has stays the common name (REFERENCE.md), and says so.
* Türkiye's formal forms are the seed's own: «Турецкая Республика», «Түркия Республикасы».
"""

from __future__ import annotations

import gettext
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pycountry

DATA = Path(__file__).resolve().parent.parent / "src" / "cica_cbm" / "data"
SEED_FORMAL = {"TUR": {"ru": "Турецкая Республика", "kk": "Түркия Республикасы"}}


def _strip_the(text: str) -> str:
    return text[4:] if text.startswith("the ") else text


def _translations() -> dict[str, gettext.NullTranslations]:
    return {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("ru", "kk")
    }


def _pick(country: Any, english: str) -> tuple[str, str] | None:
    """The iso-codes field whose English text is ``english``, as (field, text)."""
    for field in ("common_name", "name", "official_name"):
        text = getattr(country, field, None)
        if text is not None and _strip_the(text) == english:
            return field, text
    return None


def _translate(
    tr: dict[str, gettext.NullTranslations], country: Any, english: str
) -> tuple[dict[str, str], str]:
    picked = _pick(country, english)
    names: dict[str, str] = {}
    hows: list[str] = []
    for lang, catalog in tr.items():
        field, source_text = picked if picked else ("name", country.name)
        translated = catalog.gettext(source_text)
        if translated == source_text and field != "name":
            # no translation of that field in this language: use the short name's
            field, source_text = "name", country.name
            translated = catalog.gettext(source_text)
        # iso-codes marks stress in a few Russian names (U+0301); documents do not
        names[lang] = unicodedata.normalize("NFC", translated.replace("\u0301", ""))
        hows.append(f"{lang}: iso-codes {field} {source_text!r}")
    how = "; ".join(hows)
    if picked is None:
        how += f" (no iso-codes name equals {english!r})"
    return names, how


def build() -> dict[str, Any]:
    """The content of names.json."""
    tr = _translations()
    members = json.loads((DATA / "member_states.json").read_text(encoding="utf-8"))
    observers = json.loads((DATA / "observers.json").read_text(encoding="utf-8"))
    out: dict[str, Any] = {
        "source": (
            "English: the project's reference tables. Russian and Kazakh: the iso-codes "
            "translations shipped by pycountry, chosen by scripts/pull_names.py; "
            "Türkiye's formal forms from Note NCT/G/1501."
        ),
        "states": {},
    }
    rows = [(m["code"], m["name_en"], m["formal_name_en"]) for m in members["member_states"]]
    rows += [(s["code"], s["name_en"], None) for s in observers["states"]]
    for code, common_en, formal_en in sorted(rows):
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            raise SystemExit(f"iso-codes has no country {code}")
        common, common_how = _translate(tr, country, common_en)
        entry: dict[str, Any] = {
            "alpha2": country.alpha_2,
            "name": {"en": common_en, **common},
            "sources": {"name": common_how},
        }
        if formal_en is not None:
            if code in SEED_FORMAL:
                formal, formal_how = SEED_FORMAL[code], "Note NCT/G/1501 (the seed)"
            elif _pick(country, formal_en) is not None:
                formal, formal_how = _translate(tr, country, formal_en)
            else:
                formal = dict(common)
                formal_how = "no source has the formal name: the common name is kept"
            entry["formal_name"] = {"en": formal_en, **formal}
            entry["sources"]["formal_name"] = formal_how
        out["states"][code] = entry
    return out


def render() -> str:
    """names.json as text."""
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    """Write names.json, or with --check compare it."""
    target = DATA / "names.json"
    text = render()
    if "--check" in argv:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python scripts/pull_names.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
