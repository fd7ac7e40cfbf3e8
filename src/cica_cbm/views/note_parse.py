"""Notes read back: the text of one or more language versions as a :class:`.Note`.

:func:`parse_note` reads what :func:`~cica_cbm.views.note_text.render_note` writes, and the
seed as it is written: the letterhead and the number, the body, the enclosure line, the
closing formula, the place and date and the addressee of each language version, with the
same words (:mod:`cica_cbm.views.note_text` and this module share them), so a note written out
reads back as itself.

Nothing is guessed. A state's name in a grammatical case that no source gives, a priority area
without a Russian or Kazakh name, a place or enclosure described in words the templates do not
know, a part that is missing or cannot be read, versions that disagree: each is a
:class:`MalformedNoteError` that names the part.

References:
    Note NCT/G/1501 of the CICA Secretariat (Astana, 13 December 2023), in all three languages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from ..core.catalogue import catalogue
from ..core.errors import CbmError, InvalidValueError
from ..core.notes import Enclosure, Note, NoteNumber, NoteReference, Notice, NoticeKind
from ..core.states import MemberState, member_states
from ..core.text import Language, LocalizedText
from ._note_language import (
    CASE_FIELDS,
    body_templates,
    format_day,
    known_text,
    known_texts,
    month_forms,
    split_template,
    state_form,
    templates_in,
)

__all__ = ["MalformedNoteError", "parse_note"]


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


# -- dates --------------------------------------------------------------------------------------


@functools.cache
def _day_pattern(lang: str, form: str) -> re.Pattern[str]:
    pattern: str = templates_in(lang)["dates"][form]
    months = month_forms(lang)
    out = []
    for literal, slot in split_template(pattern):
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
        example = format_day(date(2023, 12, 13), lang, form)
        raise MalformedNoteError(part, f"{text!r} is not a date written as {example!r}", lang)
    months = next(names for key, names in month_forms(lang).items() if match["month"] in names)
    try:
        return date(int(match["year"]), months.index(match["month"]) + 1, int(match["day"]))
    except ValueError:
        raise MalformedNoteError(part, f"{text!r} is not a day of the calendar", lang) from None


# -- templates as patterns ----------------------------------------------------------------------


def _flat(text: str) -> str:
    """Text with markdown emphasis removed and runs of whitespace made one space."""
    return re.sub(r"\s+", " ", text.replace("*", ""))


def _norm(text: str) -> str:
    return _flat(text).strip()


def _compile(template: str, lang: str, *, strip: bool = True) -> re.Pattern[str]:
    enclosed = re.escape(_flat(templates_in(lang)["enclosed"]))
    out = []
    for literal, slot in split_template(_norm(template) if strip else _flat(template)):
        out.append(re.escape(literal))
        if slot == "enclosed":
            out.append(f"(?P<enclosed>(?:{enclosed})?)")
        elif slot == "reference":
            out.append("(?P<reference>.*?)")
        elif slot is not None:
            out.append(f"(?P<{slot}>.+?)")
    return re.compile("".join(out))


@functools.cache
def _body_patterns(lang: str, kind: NoticeKind) -> list[tuple[str, re.Pattern[str]]]:
    return [(part, _compile(text, lang)) for part, text in body_templates(lang, kind)]


@functools.cache
def _pattern(lang: str, key: str, sub: str | None = None) -> re.Pattern[str]:
    spec = templates_in(lang)[key]
    return _compile(spec[sub] if sub else spec, lang)


# -- states and priority areas by their names ---------------------------------------------------


def _all_states() -> tuple[MemberState, ...]:
    """Every Member State the registry knows, whenever admitted."""
    return member_states(on=date.max, certain=False)


@functools.cache
def _states_by_form(lang: str, case: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for state in _all_states():
        try:
            found[_norm(state_form(state, lang, case, "state"))] = state.code
        except InvalidValueError:
            continue
    return found


@functools.cache
def _areas_by_name(lang: str) -> dict[str, str]:
    return {
        _norm(name): area.id
        for area in catalogue().priority_areas
        if (name := area.name.get(lang)) is not None
    }


# -- parsing ------------------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    chunks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [p for p in (_norm(c) for c in chunks) if p]


def _same(a: str, b: str | None) -> bool:
    return b is not None and a.casefold() == _norm(b).casefold()


def _addressee_lang(paragraph: str) -> str | None:
    known = known_text("addressees")
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
            f"{known_text('addressees').en.upper()!r}",
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
    match = _compile(templates_in(lang)["reference"], lang, strip=False).fullmatch(text)
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
                known_texts("enclosure_descriptions"), match["description"], "enclosure", lang
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
    spec = templates_in(lang)
    sender = known_text("sender")
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
    facts["place"] = _known_or_english(known_texts("places"), match["place"], "place", lang)
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
    cases = templates_in(lang)["state_cases"]
    area = _lookup(_areas_by_name(lang), values["area"], "priority area", lang, "a priority area")
    facts: dict[str, Any] = {}
    for field in CASE_FIELDS:
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
    """Read a note written as :func:`.render_note` writes it (and as the seed is written).

    ``text`` holds one or more language versions, each ending with its addressee; whatever
    follows the last addressee (the enclosed draft, in the seed) is not read. The versions must
    agree on every fact. The note's ``languages`` are the versions found, in their order,
    unless ``languages`` says otherwise (one version does not say which others exist). The
    Kazakh version carries no number: pass ``number`` when only that version is read.

    Every part of the note is read, never guessed: a missing or unreadable part is a
    :class:`MalformedNoteError` that names it.

    >>> import cica_cbm
    >>> seed = cica_cbm.core.samples.nct_g_1501().note
    >>> parse_note(cica_cbm.render_note(seed)) == seed
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
        sender=known_text("sender"),
        addressees=known_text("addressees"),
        references=_merge(read, "references"),
        enclosures=_merge(read, "enclosures"),
        languages=langs,
        notice=_merge(read, "notice"),
    )
