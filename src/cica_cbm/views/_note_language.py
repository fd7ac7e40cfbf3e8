# Cyrillic letters are this module's subject (Kazakh case endings), not look-alikes of Latin ones
# ruff: noqa: RUF001, RUF002
"""The words the notes are written in, shared by writing them out and reading them back.

Private to the views: :mod:`cica_cbm.views.note_text` writes notes with these words and
:mod:`cica_cbm.views.note_parse` reads them back with the same ones, so the two cannot drift.

The words are the seed's, kept as templates in ``data/templates/notes.json``: each language's
layout, paragraphs with ``{slot}`` placeholders, date patterns, the cases its sentences put a
state's name in, and the texts the templates know (the sender, the addressees, places and
enclosures). A state's name in a case that no source gives is refused, never guessed.

Dates are written with explicit patterns and CLDR month names ("13 December 2023",
"13 декабря 2023 г.", "2023 жылғы 13 желтоқсан"). The month names are shipped in
``data/templates/months.json``, generated from CLDR through Babel by ``scripts/pull_months.py``
and checked against Babel by the tests, so the views never import Babel. The Kazakh case
endings that the notes need ("16 маусымдағы", "11 қаңтардан") follow the regular rules of
vowel harmony and consonant assimilation (:func:`kazakh_month`).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from datetime import date
from importlib import resources
from typing import Any

from ..core.errors import InvalidValueError
from ..core.notes import NoticeKind
from ..core.states import MemberState
from ..core.text import Language, LocalizedText

CASE_FIELDS = ("coordinator", "requested_by", "objector")
"""The fields of a :class:`~cica_cbm.core.notes.Notice` that name a state in a grammatical case."""


# -- the shipped words --------------------------------------------------------------------------


def _read(name: str) -> Any:
    resource = resources.files("cica_cbm").joinpath("data", "templates", name)
    return json.loads(resource.read_text(encoding="utf-8"))


@functools.cache
def templates() -> Any:
    """``data/templates/notes.json``, read once."""
    return _read("notes.json")


@functools.cache
def months() -> dict[str, tuple[str, ...]]:
    """CLDR's month names, January first, for each language: ``data/templates/months.json``."""
    data = _read("months.json")["months"]
    return {lang: tuple(data[lang]) for lang in ("en", "ru", "kk")}


def _text(value: Mapping[str, str]) -> LocalizedText:
    return LocalizedText(value["en"], value.get("ru"), value.get("kk"))


def known_text(name: str) -> LocalizedText:
    """A text the templates know by ``name``: the ``"sender"`` or the ``"addressees"``."""
    return _text(templates()["known"][name])


def known_texts(name: str) -> tuple[LocalizedText, ...]:
    """The texts the templates know under ``name``: ``"places"``, ``"enclosure_descriptions"``."""
    return tuple(_text(v) for v in templates()["known"][name])


def templates_in(lang: Language | str) -> Any:
    """The templates of one language: its layout, paragraphs, date patterns and state cases."""
    return templates()["languages"][Language(lang).value]


# -- dates --------------------------------------------------------------------------------------

_KK_BACK = set("аоұыяё")
_KK_FRONT = set("әеөүіэ")
_KK_VOICELESS = set("кқпстфхцчшщ")
_KK_NASAL = set("мнң")


def kazakh_month(month: int, case: str) -> str:
    """The Kazakh name of ``month`` (1-12) in ``case``: nominative, locative or ablative.

    The locative is the attributive one that dates take ("16 маусымдағы", "of 16 June"); the
    ablative is the one "no later than" takes ("11 қаңтардан кешіктірмей"). Endings follow
    vowel harmony (the last vowel: back а о ұ ы, front ә е ө ү і) and the last sound (after a
    voiceless consonant д becomes т; after м, н, ң the ablative's д becomes н).

    >>> kazakh_month(6, "locative"), kazakh_month(1, "ablative"), kazakh_month(9, "locative")
    ('маусымдағы', 'қаңтардан', 'қыркүйектегі')
    """
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise InvalidValueError("month", month, "a month number from 1 to 12")
    name = months()["kk"][month - 1]
    if case == "nominative":
        return name
    vowels = [c for c in name if c in _KK_BACK or c in _KK_FRONT]
    back = vowels[-1] in _KK_BACK
    last = name[-1]
    a = "а" if back else "е"
    if case == "locative":
        d = "т" if last in _KK_VOICELESS else "д"
        return f"{name}{d}{a}{'ғы' if back else 'гі'}"
    if case == "ablative":
        d = "т" if last in _KK_VOICELESS else "н" if last in _KK_NASAL else "д"
        return f"{name}{d}{a}н"
    raise InvalidValueError("case", case, '"nominative", "locative" or "ablative"')


def month_forms(lang: str) -> dict[str, tuple[str, ...]]:
    """The month names a date pattern of ``lang`` may use, by slot (Kazakh has two cases more)."""
    forms = {"month": months()[lang]}
    if lang == "kk":
        forms["month_locative"] = tuple(kazakh_month(m, "locative") for m in range(1, 13))
        forms["month_ablative"] = tuple(kazakh_month(m, "ablative") for m in range(1, 13))
    return forms


def format_day(day: date, lang: str, form: str) -> str:
    """``day`` in ``lang`` with the date pattern ``form``: ``"date"``, ``"of"`` or ``"by"``."""
    pattern: str = templates_in(lang)["dates"][form]
    values = {name: names[day.month - 1] for name, names in month_forms(lang).items()}
    return pattern.format(day=day.day, year=day.year, **values)


# -- templates ----------------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")


def split_template(template: str) -> list[tuple[str, str | None]]:
    """A template as (literal, slot) pairs; the last slot is None."""
    pieces: list[tuple[str, str | None]] = []
    start = 0
    for match in _SLOT.finditer(template):
        pieces.append((template[start : match.start()], match[1]))
        start = match.end()
    pieces.append((template[start:], None))
    return pieces


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with every ``{slot}`` replaced by its value."""
    return _SLOT.sub(lambda m: values[m[1]], template)


def body_templates(lang: str, kind: NoticeKind) -> list[tuple[str, str]]:
    """The paragraphs of a note of ``kind`` in ``lang``, as (part, template) pairs in order."""
    spec = templates_in(lang)
    return [
        (p["part"], p["text"].replace("{compliments}", spec["compliments"]))
        for p in spec["notices"][kind.value]
    ]


# -- states -------------------------------------------------------------------------------------


def state_form(state: MemberState, lang: str, case: str, field: str) -> str:
    """``state``'s formal name in ``lang`` and ``case``, as a source gives it; refused otherwise.

    English needs no case (and takes "the" before a name of several words); a case no source
    gives is an :class:`~cica_cbm.core.errors.InvalidValueError` about ``field``.
    """
    if lang == "en":
        name = state.formal_name.en
        return name if " " not in name else f"the {name}"
    if case == "nominative":
        text = state.formal_name.get(lang)
    else:
        text = templates()["state_forms"].get(state.code, {}).get(lang, {}).get(case)
    if text is None:
        attested = sorted(k for k in templates()["state_forms"] if not k.startswith("_"))
        raise InvalidValueError(
            field,
            state.code,
            f"a state whose {lang} {case} form a source gives ({', '.join(attested)}, from "
            "Note NCT/G/1501); no form is guessed",
        )
    return text
