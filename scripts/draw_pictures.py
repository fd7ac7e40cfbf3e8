"""Draw the pictures that docs/pictures.md shows, from the library itself.

Writes ``docs/images/nct_g_1501.svg`` (the seed's procedure with no submission on record, which
the note's rule makes approved; what really happened is not recorded),
``docs/images/what_if.svg`` (a hypothetical scenario on the seed's procedure) and
``docs/images/state_diagram.mmd`` and ``.svg`` (the state diagram under CICA practice) and
``docs/images/state_diagram_osce.svg`` (under the OSCE's rules)::

    python scripts/draw_pictures.py          # rewrite the files
    python scripts/draw_pictures.py --check  # exit 1 if a file differs from what it would write

``tests/test_timeline.py`` runs the check, so the pictures in the docs cannot drift from the
code.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import cica_cbm as cbm
from cica_cbm.views.diagram import state_diagram, state_diagram_svg
from cica_cbm.views.timeline import timeline_svg

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
WIDTH = 720  # the width of the docs theme's text column, so labels keep their size


def what_if() -> cbm.SilenceProcedure:
    """A hypothetical course of the seed's procedure; not a record of what happened.

    A comment in time, an extension of the deadline, then an objection before the new
    deadline, and a comment that arrives once the silence is broken.
    """
    astana = cbm.ASTANA
    return (
        cbm.samples.nct_g_1501()
        .comment(by="CHN", at=datetime(2023, 12, 20, 11, 0, tzinfo=astana), text="hypothetical")
        .extend(to=date(2024, 1, 25), at=datetime(2024, 1, 8, 10, 0, tzinfo=astana))
        .object(by="IND", at=datetime(2024, 1, 20, 15, 0, tzinfo=astana), text="hypothetical")
        .comment(by="KAZ", at=datetime(2024, 1, 22, 9, 0, tzinfo=astana), text="hypothetical")
    )


def pictures() -> dict[str, str]:
    """Each file's name and the text it should hold."""
    return {
        "nct_g_1501.svg": timeline_svg(cbm.samples.nct_g_1501(), width=WIDTH) + "\n",
        "what_if.svg": timeline_svg(what_if(), width=WIDTH) + "\n",
        "state_diagram.mmd": state_diagram() + "\n",
        "state_diagram.svg": state_diagram_svg() + "\n",
        "state_diagram_osce.svg": state_diagram_svg(cbm.OSCE) + "\n",
    }


def main(argv: list[str]) -> int:
    """Write the pictures, or with ``--check`` report those that differ."""
    check = "--check" in argv
    stale = []
    for name, text in pictures().items():
        path = IMAGES / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not check:
            IMAGES.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if check and stale:
        print(f"stale: {', '.join(stale)}; run python scripts/draw_pictures.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
