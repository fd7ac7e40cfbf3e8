# Cyrillic letters are this module's subject (Kazakh case endings), not look-alikes of Latin ones
# ruff: noqa: RUF001, RUF002
"""Notes as documents: write a note out in English, Russian or Kazakh, and read it back.

:func:`render_note` writes one language version of a note (or every version, one after the
other, as the seed lays them out); :func:`parse_note` reads one or more versions back into a
:class:`~cica_cbm.core.notes.Note`. The words are the seed's, kept as templates in
``data/templates/notes.json``; the facts are the note's: its number, date and place, the notes
it refers to, its enclosures and its :class:`~cica_cbm.core.notes.Notice` (what the body states: the
priority area, the coordinator, who asked for the silence procedure, the deadline, who
objected). Four notices share this machinery: a draft placed under silence (the seed), the
deadline extended, the silence broken, the draft approved; :func:`extension_note`,
:func:`silence_broken_note` and :func:`approval_note` make the last three for a procedure.

Layout, as in the seed: the English and Russian versions carry the bilingual letterhead and the
number, then the first paragraph, the enclosure line and the rest of the body; the Kazakh
version has neither letterhead nor number, and puts the enclosure line first. Every version
closes with the courtesy formula, the place and date, and the addressee.

Dates are written with explicit patterns and CLDR month names ("13 December 2023",
"13 декабря 2023 г.", "2023 жылғы 13 желтоқсан"). The month names are shipped in
``data/templates/months.json``, generated from CLDR through Babel by ``scripts/pull_months.py``
and checked against Babel by the tests, so this module never imports Babel. The Kazakh case
endings that the notes need ("16 маусымдағы", "11 қаңтардан") follow the regular rules of
vowel harmony and consonant assimilation (:func:`kazakh_month`).

Nothing is guessed, in either direction. A state's name in a grammatical case that no source
gives (Russian instrumental and genitive, Kazakh genitive: only Türkiye's, from the seed), a
priority area without a Russian or Kazakh name, a place or enclosure described in words the
templates do not know: rendering refuses them and parsing reports them, each with a
:class:`MalformedNoteError` or :class:`~cica_cbm.core.errors.InvalidValueError` that names the part.

References:
    Note NCT/G/1501 of the CICA Secretariat (Astana, 13 December 2023), in all three languages.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

from ..core.catalogue import catalogue, priority_area
from ..core.clock import end_of_day
from ..core.errors import CbmError, InvalidValueError
from ..core.notes import Enclosure, Note, NoteNumber, NoteReference, Notice, NoticeKind
from ..core.silence import ObjectionRaised, SilenceContext, SilenceProcedure, Status
from ..core.states import MemberState, member_state, member_states
from ..core.text import Language, LocalizedText

__all__ = [
    "MalformedNoteError",
    "approval_note",
    "extension_note",
    "kazakh_month",
    "parse_note",
    "render_note",
    "silence_broken_note",
]


class MalformedNoteError(CbmError, ValueError):
    """A note's text lacks a part or has one that cannot be read.

    ``part`` names the part ("number", "deadline paragraph", "place and date" ...), ``lang``
    the language version it was looked for in (``None`` for the note as a whole), ``problem``
    what was wrong.
    """

    def __init__(self, part: str, problem: str, lang: str | None = None) -> None:
        self.part = part
        self.problem = problem
        self.lang = lang
        where = f" ({lang} version)" if lang else ""
        super().__init__(f"note{where}: {part}: {problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.part, self.problem, self.lang))


# -- the shipped words --------------------------------------------------------------------------


def _read(name: str) -> Any:
    resource = resources.files("cica_cbm").joinpath("data", "templates", name)
    return json.loads(resource.read_text(encoding="utf-8"))


@functools.cache
def _templates() -> Any:
    return _read("notes.json")


@functools.cache
def _months() -> dict[str, tuple[str, ...]]:
    data = _read("months.json")["months"]
    return {lang: tuple(data[lang]) for lang in ("en", "ru", "kk")}


def _text(value: Mapping[str, str]) -> LocalizedText:
    return LocalizedText(value["en"], value.get("ru"), value.get("kk"))


def _known(name: str) -> LocalizedText:
    return _text(_templates()["known"][name])


def _known_list(name: str) -> tuple[LocalizedText, ...]:
    return tuple(_text(v) for v in _templates()["known"][name])


def _lang(lang: Language | str) -> Any:
    return _templates()["languages"][Language(lang).value]


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
    name = _months()["kk"][month - 1]
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


def _month_forms(lang: str) -> dict[str, tuple[str, ...]]:
    forms = {"month": _months()[lang]}
    if lang == "kk":
        forms["month_locative"] = tuple(kazakh_month(m, "locative") for m in range(1, 13))
        forms["month_ablative"] = tuple(kazakh_month(m, "ablative") for m in range(1, 13))
    return forms


def _format_day(day: date, lang: str, form: str) -> str:
    pattern: str = _lang(lang)["dates"][form]
    values = {name: names[day.month - 1] for name, names in _month_forms(lang).items()}
    return pattern.format(day=day.day, year=day.year, **values)


@functools.cache
def _day_pattern(lang: str, form: str) -> re.Pattern[str]:
    pattern: str = _lang(lang)["dates"][form]
    months = _month_forms(lang)
    out = []
    for literal, slot in _split(pattern):
        out.append(re.escape(literal))
        if slot == "day":
            out.append("(?P<day>[0-9]{1,2})")
        elif slot == "year":
            out.append("(?P<year>[0-9]{4})")
        elif slot is not None:
            alternatives = "|".join(re.escape(m) for m in months[slot])
            out.append(f"(?P<month>{alternatives})")
    return re.compile("".join(out))


def _read_day(text: str, lang: str, form: str, part: str) -> date:
    match = _day_pattern(lang, form).fullmatch(text)
    if match is None:
        example = _format_day(date(2023, 12, 13), lang, form)
        raise MalformedNoteError(part, f"{text!r} is not a date written as {example!r}", lang)
    months = next(names for key, names in _month_forms(lang).items() if match["month"] in names)
    try:
        return date(int(match["year"]), months.index(match["month"]) + 1, int(match["day"]))
    except ValueError:
        raise MalformedNoteError(part, f"{text!r} is not a day of the calendar", lang) from None


# -- templates ----------------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")


def _split(template: str) -> list[tuple[str, str | None]]:
    """A template as (literal, slot) pairs; the last slot is None."""
    pieces: list[tuple[str, str | None]] = []
    start = 0
    for match in _SLOT.finditer(template):
        pieces.append((template[start : match.start()], match[1]))
        start = match.end()
    pieces.append((template[start:], None))
    return pieces


def _fill(template: str, values: Mapping[str, str]) -> str:
    return _SLOT.sub(lambda m: values[m[1]], template)


def _flat(text: str) -> str:
    """Text with markdown emphasis removed and runs of whitespace made one space."""
    return re.sub(r"\s+", " ", text.replace("*", ""))


def _norm(text: str) -> str:
    return _flat(text).strip()


def _compile(template: str, lang: str, *, strip: bool = True) -> re.Pattern[str]:
    enclosed = re.escape(_flat(_lang(lang)["enclosed"]))
    out = []
    for literal, slot in _split(_norm(template) if strip else _flat(template)):
        out.append(re.escape(literal))
        if slot == "enclosed":
            out.append(f"(?P<enclosed>(?:{enclosed})?)")
        elif slot == "reference":
            out.append("(?P<reference>.*?)")
        elif slot is not None:
            out.append(f"(?P<{slot}>.+?)")
    return re.compile("".join(out))


def _body_templates(lang: str, kind: NoticeKind) -> list[tuple[str, str]]:
    spec = _lang(lang)
    return [
        (p["part"], p["text"].replace("{compliments}", spec["compliments"]))
        for p in spec["notices"][kind.value]
    ]


@functools.cache
def _body_patterns(lang: str, kind: NoticeKind) -> list[tuple[str, re.Pattern[str]]]:
    return [(part, _compile(text, lang)) for part, text in _body_templates(lang, kind)]


@functools.cache
def _pattern(lang: str, key: str, sub: str | None = None) -> re.Pattern[str]:
    spec = _lang(lang)[key]
    return _compile(spec[sub] if sub else spec, lang)


# -- states and priority areas ------------------------------------------------------------------


def _state_form(state: MemberState, lang: str, case: str, field: str) -> str:
    if lang == "en":
        name = state.formal_name.en
        return name if " " not in name else f"the {name}"
    if case == "nominative":
        text = state.formal_name.get(lang)
    else:
        text = _templates()["state_forms"].get(state.code, {}).get(lang, {}).get(case)
    if text is None:
        attested = sorted(k for k in _templates()["state_forms"] if not k.startswith("_"))
        raise InvalidValueError(
            field,
            state.code,
            f"a state whose {lang} {case} form a source gives ({', '.join(attested)}, from "
            "Note NCT/G/1501); no form is guessed",
        )
    return text


def _all_states() -> tuple[MemberState, ...]:
    """Every Member State the registry knows, whenever admitted."""
    return member_states(on=date.max, certain=False)


@functools.cache
def _states_by_form(lang: str, case: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for state in _all_states():
        try:
            found[_norm(_state_form(state, lang, case, "state"))] = state.code
        except InvalidValueError:
            continue
    return found


def _area_name(area_id: str, lang: str) -> str:
    name = priority_area(area_id).name.get(lang)
    if name is None:
        raise InvalidValueError(
            "Notice.priority_area",
            area_id,
            f"a priority area whose {lang} name a source gives; no name is guessed",
        )
    return name


@functools.cache
def _areas_by_name(lang: str) -> dict[str, str]:
    return {
        _norm(name): area.id
        for area in catalogue().priority_areas
        if (name := area.name.get(lang)) is not None
    }


# -- rendering ----------------------------------------------------------------------------------

_CASE_FIELDS = ("coordinator", "requested_by", "objector")


def _check_party(note: Note, field: str, known: LocalizedText) -> None:
    if getattr(note, field) != known:
        raise InvalidValueError(
            f"Note.{field}",
            getattr(note, field),
            f"{known.en!r} in English, Russian and Kazakh: the templates are the Secretariat's "
            "notes to the Member States",
        )


def _reference(note: Note, lang: str) -> str:
    if not note.references:
        return ""
    if len(note.references) > 1:
        raise InvalidValueError(
            "Note.references",
            tuple(str(r.number) for r in note.references),
            "at most one reference: the seed's wording cites one earlier note",
        )
    ref = note.references[0]
    return _fill(
        _lang(lang)["reference"],
        {"number": str(ref.number), "date": _format_day(ref.date, lang, "of")},
    )


def _known_text(text: LocalizedText, field: str, lang: str) -> str:
    value = text.get(lang)
    if value is None:
        raise InvalidValueError(field, text, f"a text in {lang}; none is guessed")
    return value


def _enclosure(note: Note, lang: str) -> list[str]:
    if not note.enclosures:
        return []
    if len(note.enclosures) > 1:
        raise InvalidValueError(
            "Note.enclosures", len(note.enclosures), "at most one enclosure, as in the seed"
        )
    enclosure = note.enclosures[0]
    spec = _lang(lang)["enclosure"]
    description = _known_text(enclosure.description, "Enclosure.description", lang)
    if enclosure.pages is None:
        return [_fill(spec["no_pages"], {"description": description})]
    return [_fill(spec["pages"], {"description": description, "pages": str(enclosure.pages)})]


def _body(note: Note, notice: Notice, lang: str) -> list[str]:
    spec = _lang(lang)
    values = {
        "reference": _reference(note, lang),
        "enclosed": spec["enclosed"] if note.enclosures else "",
        "area": _area_name(notice.priority_area, lang),
    }
    for field in _CASE_FIELDS:
        code = getattr(notice, field)
        if code is not None:
            case = spec["state_cases"][field]
            values[field] = _state_form(member_state(code), lang, case, f"Notice.{field}")
    if notice.deadline is not None:
        values["deadline"] = _format_day(notice.deadline, lang, "by")
        values["deadline_of"] = _format_day(notice.deadline, lang, "of")
    return [_fill(text, values) for _, text in _body_templates(lang, notice.kind)]


def _render_version(note: Note, lang: str) -> str:
    spec = _lang(lang)
    notice = note.notice
    if notice is None:
        raise InvalidValueError(
            "Note.notice", None, "a Notice: render_note needs what the note's body states"
        )
    _check_party(note, "sender", _known("sender"))
    _check_party(note, "addressees", _known("addressees"))
    body = _body(note, notice, lang)
    place = _known_text(note.place, "Note.place", lang)
    parts = {
        "heading": [f"**{note.sender.en.upper()}**", f"**{(note.sender.ru or '').upper()}**"],
        "number": [f"**№{note.number}**"],
        "body": body[:1],
        "enclosure": _enclosure(note, lang),
        "rest": body[1:],
        "closing": [spec["closing"]],
        "place_date": [
            _fill(
                spec["place_date"], {"place": place, "date": _format_day(note.date, lang, "date")}
            )
        ],
        "addressee": [f"**{_known_text(note.addressees, 'Note.addressees', lang).upper()}**"],
    }
    return "\n\n".join(p for name in spec["layout"] for p in parts[name]) + "\n"


def render_note(note: Note, lang: Language | str | None = None) -> str:
    """The note as text (markdown, as the seed is written) in ``lang``: "en", "ru" or "kk".

    With ``lang=None``, every version of the note in the order of ``note.languages``, as the
    seed lays them out one after another. The note must carry its
    :class:`~cica_cbm.core.notes.Notice`; a text that no source gives (a state's name in a case the
    seed does not attest, a priority area's name in Russian or Kazakh that no source has) is
    an :class:`~cica_cbm.core.errors.InvalidValueError`, never a guess.

    >>> import cica_cbm
    >>> text = render_note(cica_cbm.core.samples.nct_g_1501().note, "en")
    >>> print(text.splitlines()[-3])
    Astana, 13 December 2023
    """
    if not isinstance(note, Note):
        raise InvalidValueError("note", note, "a Note")
    if lang is None:
        return "\n\n".join(_render_version(note, v.value) for v in note.languages)
    try:
        tag = Language(lang)
    except ValueError:
        raise InvalidValueError("lang", lang, '"en", "ru" or "kk"') from None
    if tag not in note.languages:
        raise InvalidValueError(
            "lang", tag.value, "one of the note's languages: " + ", ".join(note.languages)
        )
    return _render_version(note, tag.value)


# -- parsing ------------------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    chunks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [p for p in (_norm(c) for c in chunks) if p]


def _same(a: str, b: str | None) -> bool:
    return b is not None and a.casefold() == _norm(b).casefold()


def _addressee_lang(paragraph: str) -> str | None:
    known = _known("addressees")
    return next((lang for lang in ("en", "ru", "kk") if _same(paragraph, known.get(lang))), None)


def _versions(paragraphs: list[str]) -> list[tuple[str, list[str]]]:
    versions: list[tuple[str, list[str]]] = []
    current: list[str] = []
    for paragraph in paragraphs:
        lang = _addressee_lang(paragraph)
        if lang is None:
            current.append(paragraph)
            continue
        versions.append((lang, current))
        current = []
    if not versions:
        raise MalformedNoteError(
            "addressee",
            "no version of the note ends with its addressee, e.g. "
            f"{_known('addressees').en.upper()!r}",
        )
    # what follows the last addressee is what the note encloses, not the note
    return versions


def _lookup(table: Mapping[str, str], text: str, part: str, lang: str, what: str) -> str:
    found = table.get(text)
    if found is None:
        raise MalformedNoteError(part, f"{text!r} is not {what} known in {lang}", lang)
    return found


def _known_or_english(
    known: Iterable[LocalizedText], text: str, part: str, lang: str
) -> LocalizedText:
    for candidate in known:
        if _same(text, candidate.get(lang)):
            return candidate
    if lang == "en":
        return LocalizedText(text)
    raise MalformedNoteError(
        part, f"{text!r} is not known in {lang}, and its English text is not given", lang
    )


def _read_reference(text: str, lang: str) -> tuple[NoteReference, ...]:
    if not text:
        return ()
    match = _compile(_lang(lang)["reference"], lang, strip=False).fullmatch(text)
    if match is None:
        raise MalformedNoteError("reference", f"{text!r} does not cite a note and its date", lang)
    try:
        number = NoteNumber.parse(match["number"])
    except CbmError as exc:
        raise MalformedNoteError("reference", str(exc), lang) from None
    return (NoteReference(number, _read_day(match["date"], lang, "of", "reference date")),)


def _read_enclosure(paragraph: str, lang: str) -> Enclosure | None:
    for sub in ("pages", "no_pages"):
        match = _pattern(lang, "enclosure", sub).fullmatch(paragraph)
        if match is not None:
            description = _known_or_english(
                _known_list("enclosure_descriptions"), match["description"], "enclosure", lang
            )
            pages = int(match["pages"]) if sub == "pages" and match["pages"].isdigit() else None
            if sub == "pages" and pages is None:
                raise MalformedNoteError(
                    "enclosure pages", f"{match['pages']!r} is not a number of pages", lang
                )
            return Enclosure(description, pages)
    return None


def _read_notice(body: list[str], lang: str) -> tuple[NoticeKind, dict[str, str]]:
    kind = next((k for k in NoticeKind if _body_patterns(lang, k)[0][1].fullmatch(body[0])), None)
    if kind is None:
        raise MalformedNoteError(
            "body",
            f"the first paragraph ({body[0][:60]!r}...) is none of the Secretariat's "
            "procedure notes (placement, extension, silence broken, approval)",
            lang,
        )
    patterns = _body_patterns(lang, kind)
    values: dict[str, str] = {}
    index = 0
    for position, (part, pattern) in enumerate(patterns):
        match = pattern.fullmatch(body[index]) if index < len(body) else None
        if match is None:
            later = index < len(body) and any(
                p.fullmatch(body[index]) for _, p in patterns[position + 1 :]
            )
            if index >= len(body) or later:
                raise MalformedNoteError(part, "missing", lang)
            raise MalformedNoteError(part, f"cannot be read: {body[index][:80]!r}", lang)
        values.update(match.groupdict())
        index += 1
    if index < len(body):
        raise MalformedNoteError(
            "body", f"unexpected paragraph after the {patterns[-1][0]}: {body[index][:60]!r}", lang
        )
    return kind, values


def _facts(lang: str, paragraphs: list[str]) -> dict[str, Any]:
    spec = _lang(lang)
    sender = _known("sender")
    facts: dict[str, Any] = {"number": None}
    headings: set[str] = set()
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        heading = next((h for h in ("en", "ru") if _same(paragraph, sender.get(h))), None)
        if heading is not None:
            headings.add(heading)
        elif paragraph.startswith(("№", "No.")):
            try:
                facts["number"] = NoteNumber.parse(paragraph)
            except CbmError as exc:
                raise MalformedNoteError("number", str(exc), lang) from None
        else:
            break
        index += 1
    if "heading" in spec["layout"] and headings != {"en", "ru"}:
        missing = " and ".join(sender.get(h) or "" for h in ("en", "ru") if h not in headings)
        raise MalformedNoteError("letterhead", f"missing: {missing.upper()!r}", lang)
    if "number" in spec["layout"] and facts["number"] is None:
        raise MalformedNoteError("number", 'missing: a line such as "№NCT/G/1501"', lang)
    rest = paragraphs[index:]
    closing = _norm(spec["closing"])
    if closing not in rest:
        raise MalformedNoteError("closing formula", f"missing: {closing[:60]!r}...", lang)
    at = rest.index(closing)
    after = rest[at + 1 :]
    if not after:
        raise MalformedNoteError("place and date", "missing after the closing formula", lang)
    if len(after) > 1:
        raise MalformedNoteError(
            "addressee", f"expected right after the place and date, found {after[1][:60]!r}", lang
        )
    match = _pattern(lang, "place_date").fullmatch(after[0])
    if match is None:
        raise MalformedNoteError("place and date", f"cannot be read: {after[0]!r}", lang)
    facts["place"] = _known_or_english(_known_list("places"), match["place"], "place", lang)
    facts["date"] = _read_day(match["date"], lang, "date", "date")
    enclosures = []
    body = []
    for paragraph in rest[:at]:
        enclosure = _read_enclosure(paragraph, lang)
        if enclosure is None:
            body.append(paragraph)
        else:
            enclosures.append(enclosure)
    if len(enclosures) > 1:
        raise MalformedNoteError("enclosure", "more than one enclosure line", lang)
    facts["enclosures"] = tuple(enclosures)
    if not body:
        raise MalformedNoteError("body", "missing", lang)
    kind, values = _read_notice(body, lang)
    if "enclosed" in values and bool(values["enclosed"]) != bool(enclosures):
        said = "says the draft is enclosed" if values["enclosed"] else "encloses nothing"
        raise MalformedNoteError(
            "enclosure",
            f"the body {said}, but the enclosure line is {'not ' * (not enclosures)}there",
            lang,
        )
    facts["references"] = _read_reference(values.get("reference", ""), lang)
    facts["notice"] = _notice(kind, values, lang)
    return facts


_PARTS = {
    "coordinator": "coordinator",
    "requested_by": "requesting state",
    "objector": "objecting state",
    "deadline": "deadline",
    "deadline_of": "deadline",
}


def _notice(kind: NoticeKind, values: Mapping[str, str], lang: str) -> Notice:
    cases = _lang(lang)["state_cases"]
    area = _lookup(_areas_by_name(lang), values["area"], "priority area", lang, "a priority area")
    facts: dict[str, Any] = {}
    for field in _CASE_FIELDS:
        if field in values:
            facts[field] = _lookup(
                _states_by_form(lang, cases[field]),
                values[field],
                _PARTS[field],
                lang,
                f"a Member State ({cases[field]})",
            )
    for field, form in (("deadline", "by"), ("deadline_of", "of")):
        if field in values:
            facts["deadline"] = _read_day(values[field], lang, form, "deadline")
    return Notice(kind, area, **facts)


def _merge(versions: Sequence[tuple[str, dict[str, Any]]], field: str) -> Any:
    known = [(lang, facts[field]) for lang, facts in versions if facts[field] is not None]
    first_lang, first = known[0] if known else (None, None)
    for lang, value in known[1:]:
        if value != first:
            raise MalformedNoteError(
                field,
                f"the versions disagree: {first_lang} reads {first!r}, {lang} reads {value!r}",
            )
    return first


def parse_note(
    text: str,
    *,
    languages: Iterable[Language | str] | None = None,
    number: NoteNumber | str | None = None,
) -> Note:
    """Read a note written as :func:`render_note` writes it (and as the seed is written).

    ``text`` holds one or more language versions, each ending with its addressee; whatever
    follows the last addressee (the enclosed draft, in the seed) is not read. The versions must
    agree on every fact. The note's ``languages`` are the versions found, in their order,
    unless ``languages`` says otherwise (one version does not say which others exist). The
    Kazakh version carries no number: pass ``number`` when only that version is read.

    Every part of the note is read, never guessed: a missing or unreadable part is a
    :class:`MalformedNoteError` that names it.

    >>> import cica_cbm
    >>> seed = cica_cbm.core.samples.nct_g_1501().note
    >>> parse_note(render_note(seed)) == seed
    True
    """
    if not isinstance(text, str):
        raise InvalidValueError("text", text, "the note's text (a str)")
    read = [(lang, _facts(lang, paragraphs)) for lang, paragraphs in _versions(_paragraphs(text))]
    found = [lang for lang, _ in read]
    if len(set(found)) != len(found):
        raise MalformedNoteError(
            "languages", f"more than one version in the same language: {found}"
        )
    own = _merge(read, "number")
    if number is not None:
        given = number if isinstance(number, NoteNumber) else NoteNumber.parse(number)
        if own is not None and own != given:
            raise MalformedNoteError(
                "number", f"the text reads {own}, but number={given} was given"
            )
        own = given
    if own is None:
        raise MalformedNoteError(
            "number", "no version carries one (the Kazakh version has none): pass number="
        )
    langs = tuple(languages) if languages is not None else tuple(found)
    return Note(
        number=own,
        date=_merge(read, "date"),
        place=_merge(read, "place"),
        sender=_known("sender"),
        addressees=_known("addressees"),
        references=_merge(read, "references"),
        enclosures=_merge(read, "enclosures"),
        languages=langs,
        notice=_merge(read, "notice"),
    )


# -- the other notes of a procedure -------------------------------------------------------------


def _last_instant(day: date) -> datetime:
    return end_of_day(day) - timedelta(microseconds=1)


def _follow_up(proc: SilenceProcedure, number: NoteNumber | str, on: date, notice: Notice) -> Note:
    opening = proc.note
    return Note(
        number=number,
        date=on,
        place=opening.place,
        sender=opening.sender,
        addressees=opening.addressees,
        references=(NoteReference(opening.number, opening.date),),
        languages=opening.languages,
        notice=notice,
    )


def _check_status(proc: SilenceProcedure, on: date, wanted: Status, what: str) -> SilenceContext:
    if not isinstance(proc, SilenceProcedure):
        raise InvalidValueError("proc", proc, "a SilenceProcedure")
    ctx = proc.context(_last_instant(on))
    if ctx.status is not wanted:
        raise InvalidValueError(
            "on",
            on,
            f"a day by whose end the procedure is {wanted.value} ({what}); it is "
            f"{ctx.status.value}",
        )
    return ctx


def extension_note(proc: SilenceProcedure, *, number: NoteNumber | str, on: date, to: date) -> Note:
    """The note, dated ``on``, that extends ``proc``'s deadline to "no later than ``to``".

    It cites the opening note. Recording the extension is the procedure's business:
    ``proc.extend(to=to, at=..., note=number)``.
    """
    if not isinstance(proc, SilenceProcedure):
        raise InvalidValueError("proc", proc, "a SilenceProcedure")
    ctx = proc.context(end_of_day(on - timedelta(days=1)))
    if ctx.status is not Status.PENDING:
        raise InvalidValueError(
            "on", on, f"a day the procedure is pending; it is {ctx.status.value}"
        )
    if not end_of_day(to) > ctx.deadline.instant:
        raise InvalidValueError(
            "to", to, f"a day after the deadline in force ({ctx.deadline.by()})"
        )
    return _follow_up(proc, number, on, Notice.extension(proc.draft.priority_area.id, to))


def silence_broken_note(proc: SilenceProcedure, *, number: NoteNumber | str, on: date) -> Note:
    """The note, dated ``on``, that tells the Member States who broke ``proc``'s silence."""
    ctx = _check_status(proc, on, Status.SILENCE_BROKEN, "broken by an objection")
    if not isinstance(ctx.decisive, ObjectionRaised):
        raise InvalidValueError(
            "proc", type(ctx.decisive).__name__, "a silence broken by an objection"
        )
    notice = Notice.silence_broken(proc.draft.priority_area.id, ctx.decisive.by)
    return _follow_up(proc, number, on, notice)


def approval_note(proc: SilenceProcedure, *, number: NoteNumber | str, on: date) -> Note:
    """The note, dated ``on``, that tells the Member States ``proc``'s draft was approved."""
    ctx = _check_status(proc, on, Status.APPROVED, "no objection by its deadline")
    stated = ctx.deadline.stated
    if stated is None:
        raise InvalidValueError(
            "proc", ctx.deadline, 'a deadline stated as a date ("no later than ...")'
        )
    return _follow_up(proc, number, on, Notice.approval(proc.draft.priority_area.id, stated))
