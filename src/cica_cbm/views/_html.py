"""What the HTML tables share: the style sheet, escaping, badges, rows, tables, the wrapper.

:mod:`cica_cbm.views.html` (procedures, outcomes, decisions, plans) and
:mod:`cica_cbm.views.html_data` (the reference data and the plan's follow-up) build their
tables from these pieces, so every table escapes text and writes codes the same way. Private
to the views.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape

from ..core.clock import ASTANA_ZONE_KEY
from ..core.errors import CbmError, InvalidValueError
from ..core.rules import Finding
from ..core.states import member_state
from .wording import astana_with_offset, readable, utc
from .wording_ru import MISSING_RU, clause_ru, instant_ru, readable_ru

LANGUAGES = ("en", "ru")
"""The languages the tables are written in."""

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


def language(lang: object) -> str:
    """``lang`` checked: ``"en"`` or ``"ru"``; anything else is refused, naming the field."""
    if lang not in LANGUAGES:
        raise InvalidValueError("lang", lang, "'en' (English) or 'ru' (Russian)")
    return str(lang)


def words(value: object, lang: str = "en") -> str:
    """An enum member or a code as readable words, escaped (see :func:`~.wording.readable`)."""
    return esc(readable_ru(value) if lang == "ru" else readable(value))


def both(instant: datetime, lang: str = "en", zone: str = ASTANA_ZONE_KEY) -> str:
    """``instant`` in Astana time and in UTC, on two lines; in Russian, as the findings say it."""
    if lang == "ru":
        return esc(instant_ru(instant, zone))
    return f"{esc(astana_with_offset(instant))}<br>{esc(utc(instant))}"


def badge(css: str, text: str) -> str:
    """``text`` in a coloured badge of class ``css``."""
    return f'<span class="status {esc(css)}">{esc(text)}</span>'


def state_name(code: str, lang: str = "en") -> str:
    """The Member State's name (English, or Russian), or the code itself if it names none."""
    try:
        name = member_state(code).name
    except CbmError:
        return code
    return (name.ru or name.en) if lang == "ru" else name.en


def codes(values: Iterable[str], lang: str = "en") -> str:
    """Codes, sorted, each with the state's name as a tooltip."""
    return ", ".join(
        f'<abbr title="{esc(state_name(code, lang))}">{esc(code)}</abbr>' for code in sorted(values)
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


def findings(
    found: Iterable[Finding], lang: str = "en", messages: Sequence[str] | None = None
) -> str:
    """The findings as a table: decisive or not, rule, message, clause.

    In Russian, ``messages`` are the findings' Russian sentences, one for each; without them
    (an outcome read from JSON keeps no facts to word anew) each English message is shown,
    marked as having no Russian.
    """
    found = tuple(found)
    if lang != "ru":
        rows = [
            f"<tr><td>{'&#9733;' if f.decisive else ''}</td><td><code>{esc(f.rule)}</code></td>"
            f"<td>{esc(f.message)}</td><td>{esc(f.clause)}</td></tr>"
            for f in found
        ]
        return table("Findings (\u2605 decisive)", rows, ("", "rule", "finding", "clause"))
    said = tuple(messages) if messages is not None and len(messages) == len(found) else None
    rows = []
    for number, f in enumerate(found):
        text = esc(said[number]) if said is not None else None
        if text is None or (said is not None and said[number] == f.message and f.message):
            text = f"{esc(f.message)} <em>({esc(MISSING_RU)})</em>"
        rows.append(
            f"<tr><td>{'&#9733;' if f.decisive else ''}</td><td><code>{esc(f.rule)}</code></td>"
            f"<td>{text}</td><td>{esc(clause_ru(f.clause, f.rule))}</td></tr>"
        )
    return table("Выводы (\u2605 решающий)", rows, ("", "правило", "вывод", "основание"))
