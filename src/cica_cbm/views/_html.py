"""What the HTML tables share: the style sheet, escaping, badges, rows, tables, the wrapper.

:mod:`cica_cbm.views.html` (procedures, outcomes, decisions, plans) and
:mod:`cica_cbm.views.html_data` (the reference data and the plan's follow-up) build their
tables from these pieces, so every table escapes text and writes codes the same way. Private
to the views.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from html import escape

from ..core.errors import CbmError
from ..core.rules import Finding
from ..core.states import member_state
from .wording import astana_with_offset, readable, utc

STYLE = (
    "<style>"
    ".cica-cbm table{border-collapse:collapse;margin:0.3em 0 0.8em 0}"
    ".cica-cbm th,.cica-cbm td{border:1px solid #ccc;padding:0.2em 0.5em;"
    "text-align:left;vertical-align:top}"
    ".cica-cbm code{white-space:nowrap}"
    ".cica-cbm caption{text-align:left;font-weight:bold;padding:0.2em 0}"
    ".cica-cbm .status{font-weight:bold;padding:0 0.3em;border-radius:3px}"
    ".cica-cbm .pending{background:#fff3c4}.cica-cbm .approved{background:#d7f5d7}"
    ".cica-cbm .silence_broken{background:#fbd5d5}.cica-cbm .withdrawn{background:#e2e2e2}"
    ".cica-cbm .adopted{background:#d7f5d7}.cica-cbm .blocked{background:#fbd5d5}"
    "</style>"
)


def esc(value: object) -> str:
    """``value`` as text, escaped for HTML, quotes too."""
    return escape(str(value), quote=True)


def words(value: object) -> str:
    """An enum member or a code as readable words, escaped (see :func:`~.wording.readable`)."""
    return esc(readable(value))


def both(instant: datetime) -> str:
    """``instant`` in Astana time and in UTC, on two lines."""
    return f"{esc(astana_with_offset(instant))}<br>{esc(utc(instant))}"


def badge(css: str, text: str) -> str:
    """``text`` in a coloured badge of class ``css``."""
    return f'<span class="status {esc(css)}">{esc(text)}</span>'


def state_name(code: str) -> str:
    """The Member State's English name, or the code itself if it names none."""
    try:
        return member_state(code).name.en
    except CbmError:
        return code


def codes(values: Iterable[str]) -> str:
    """Codes, sorted, each with the state's name as a tooltip."""
    return ", ".join(
        f'<abbr title="{esc(state_name(code))}">{esc(code)}</abbr>' for code in sorted(values)
    )


def row(header: str, cell: str) -> str:
    """A table row: ``header`` is escaped, ``cell`` must already be HTML."""
    return f"<tr><th>{esc(header)}</th><td>{cell}</td></tr>"


def table(caption: str, rows: Iterable[str], head: Iterable[str] = ()) -> str:
    """A captioned table of ``rows`` (already HTML), with an escaped header row if ``head``."""
    heading = "".join(f"<th>{esc(h)}</th>" for h in head)
    thead = f"<thead><tr>{heading}</tr></thead>" if heading else ""
    body = "".join(rows)
    return f"<table><caption>{esc(caption)}</caption>{thead}<tbody>{body}</tbody></table>"


def wrap(*parts: str) -> str:
    """The parts in one ``div.cica-cbm`` with the style sheet."""
    return f'<div class="cica-cbm">{STYLE}{"".join(parts)}</div>'


def findings(found: Iterable[Finding]) -> str:
    """The findings as a table: decisive or not, rule, message, clause."""
    rows = [
        f"<tr><td>{'&#9733;' if f.decisive else ''}</td><td><code>{esc(f.rule)}</code></td>"
        f"<td>{esc(f.message)}</td><td>{esc(f.clause)}</td></tr>"
        for f in found
    ]
    return table("Findings (\u2605 decisive)", rows, ("", "rule", "finding", "clause"))
