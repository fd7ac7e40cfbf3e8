# the docstring quotes Russian month names; their Cyrillic letters are not look-alikes
# ruff: noqa: RUF002
"""Pull the month names the notes are written with from CLDR, through Babel.

Writes ``src/cica_cbm/data/templates/months.json``. Run it after upgrading Babel::

    python scripts/pull_months.py          # rewrite the file
    python scripts/pull_months.py --check  # exit 1 if the file differs from what it would write

The names are CLDR's wide month names in the *format* context, the form a date is written
with: "December", "декабря" (genitive, as in "13 декабря 2023 г."), "желтоқсан". Shipping them
keeps Babel out of the installed library; ``tests/test_documents.py`` checks the file against
Babel whenever Babel is installed (the ``i18n`` extra, part of the ``test`` extra).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from babel import __version__ as babel_version
from babel.dates import get_month_names

OUT = Path(__file__).resolve().parent.parent / "src" / "cica_cbm" / "data" / "templates"
LANGUAGES = ("en", "ru", "kk")


def months() -> dict[str, Any]:
    return {
        "source": "CLDR wide month names, format context, through Babel (scripts/pull_months.py)",
        "months": {
            lang: [
                str(get_month_names("wide", context="format", locale=lang)[m]) for m in range(1, 13)
            ]
            for lang in LANGUAGES
        },
    }


def main(argv: list[str]) -> int:
    text = json.dumps(months(), ensure_ascii=False, indent=2) + "\n"
    path = OUT / "months.json"
    if "--check" in argv:
        if path.read_text(encoding="utf-8") != text:
            print(f"{path.name} differs from CLDR (Babel {babel_version})", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
