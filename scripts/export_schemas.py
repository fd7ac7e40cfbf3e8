"""Write the JSON Schema of each public type that ``cica_cbm.to_json`` writes, for front ends.

Writes ``docs/schema/<ClassName>.json``, what ``cica_cbm.json_schema(cls)`` returns, for every
class in ``cica_cbm.__all__`` that has one (every data type; not the errors, nor a rule, which
holds code), and removes the files of classes that no longer have one::

    python scripts/export_schemas.py          # rewrite the files
    python scripts/export_schemas.py --check  # exit 1 if a file differs from what it would write

``tests/test_schema.py`` runs the check, so the files cannot drift from the classes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cica_cbm as cbm

SCHEMAS = Path(__file__).resolve().parent.parent / "docs" / "schema"


def schema_types() -> list[type]:
    """The public classes with a schema, by name: those ``json_schema`` describes."""
    found = []
    for name in sorted(cbm.__all__):
        obj = getattr(cbm, name)
        if not isinstance(obj, type) or issubclass(obj, BaseException):
            continue
        try:
            cbm.json_schema(obj)
        except cbm.InvalidValueError:
            continue  # a rule: its check is code, which JSON does not carry
        found.append(obj)
    return found


def schema_files() -> dict[str, str]:
    """Each file's name and the text it should hold."""
    return {
        f"{cls.__name__}.json": json.dumps(cbm.json_schema(cls), indent=2, ensure_ascii=False)
        + "\n"
        for cls in schema_types()
    }


def main(argv: list[str]) -> int:
    """Write the schemas, or with ``--check`` report those that differ."""
    check = "--check" in argv
    files = schema_files()
    stale = []
    for name, text in files.items():
        path = SCHEMAS / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not check:
            SCHEMAS.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in sorted(SCHEMAS.glob("*.json")):
        if path.name not in files:
            stale.append(path.name)
            if not check:
                path.unlink()
    if check and stale:
        print(f"stale: {', '.join(stale)}; run python scripts/export_schemas.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
