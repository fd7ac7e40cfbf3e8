# The docstring quotes Russian and Kazakh dates: their Cyrillic letters are not look-alikes
# ruff: noqa: RUF002
"""Notes as documents: write a note out in English, Russian or Kazakh.

:func:`render_note` writes one language version of a note (or every version, one after the
other, as the seed lays them out); :func:`~cica_cbm.views.note_parse.parse_note` reads them back.
The words are the seed's, kept as templates in ``data/templates/notes.json``; the facts are the
note's: its number, date and place, the notes it refers to, its enclosures and its
:class:`~cica_cbm.core.notes.Notice` (what the body states: the priority area, the coordinator,
who asked for the silence procedure, the deadline, who objected). Four notices share this
machinery: a draft placed under silence (the seed), the deadline extended, the silence broken,
the draft approved; :func:`extension_note`, :func:`silence_broken_note` and
:func:`approval_note` make the last three for a procedure.

Layout, as in the seed: the English and Russian versions carry the bilingual letterhead and the
number, then the first paragraph, the enclosure line and the rest of the body; the Kazakh
version has neither letterhead nor number, and puts the enclosure line first. Every version
closes with the courtesy formula, the place and date, and the addressee.

Dates are written with explicit patterns and CLDR month names ("13 December 2023",
"13 декабря 2023 г.", "2023 жылғы 13 желтоқсан"), shipped in ``data/templates/months.json``,
so this module never imports Babel. The Kazakh case endings that the notes need
("16 маусымдағы", "11 қаңтардан") follow the regular rules of vowel harmony and consonant
assimilation (:func:`kazakh_month`).

Nothing is guessed. A state's name in a grammatical case that no source gives (Russian
instrumental and genitive, Kazakh genitive: only Türkiye's, from the seed), a priority area
without a Russian or Kazakh name, a place or enclosure described in words the templates do not
know: rendering refuses them with an :class:`~cica_cbm.core.errors.InvalidValueError` that names
the part.

References:
    Note NCT/G/1501 of the CICA Secretariat (Astana, 13 December 2023), in all three languages.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..core.catalogue import priority_area
from ..core.clock import end_of_day
from ..core.drafts import Draft
from ..core.errors import InvalidValueError
from ..core.notes import Note, NoteNumber, NoteReference, Notice
from ..core.silence import ObjectionRaised, SilenceContext, SilenceProcedure, Status
from ..core.states import member_state
from ..core.text import Language, LocalizedText
from ._note_language import (
    CASE_FIELDS,
    body_templates,
    fill,
    format_day,
    kazakh_month,
    known_text,
    state_form,
    templates_in,
)

__all__ = [
    "approval_note",
    "extension_note",
    "kazakh_month",
    "render_note",
    "silence_broken_note",
]


# -- rendering ----------------------------------------------------------------------------------


def _area_name(area_id: str, lang: str) -> str:
    name = priority_area(area_id).name.get(lang)
    if name is None:
        raise InvalidValueError(
            "Notice.priority_area",
            area_id,
            f"a priority area whose {lang} name a source gives; no name is guessed",
        )
    return name


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
    return fill(
        templates_in(lang)["reference"],
        {"number": str(ref.number), "date": format_day(ref.date, lang, "of")},
    )


def _text_in(text: LocalizedText, field: str, lang: str) -> str:
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
    spec = templates_in(lang)["enclosure"]
    description = _text_in(enclosure.description, "Enclosure.description", lang)
    if enclosure.pages is None:
        return [fill(spec["no_pages"], {"description": description})]
    return [fill(spec["pages"], {"description": description, "pages": str(enclosure.pages)})]


def _body(note: Note, notice: Notice, lang: str) -> list[str]:
    spec = templates_in(lang)
    values = {
        "reference": _reference(note, lang),
        "enclosed": spec["enclosed"] if note.enclosures else "",
        "area": _area_name(notice.priority_area, lang),
    }
    for field in CASE_FIELDS:
        code = getattr(notice, field)
        if code is not None:
            case = spec["state_cases"][field]
            values[field] = state_form(member_state(code), lang, case, f"Notice.{field}")
    if notice.deadline is not None:
        values["deadline"] = format_day(notice.deadline, lang, "by")
        values["deadline_of"] = format_day(notice.deadline, lang, "of")
    return [fill(text, values) for _, text in body_templates(lang, notice.kind)]


def _render_version(note: Note, lang: str) -> str:
    spec = templates_in(lang)
    notice = note.notice
    if notice is None:
        raise InvalidValueError(
            "Note.notice", None, "a Notice: render_note needs what the note's body states"
        )
    _check_party(note, "sender", known_text("sender"))
    _check_party(note, "addressees", known_text("addressees"))
    body = _body(note, notice, lang)
    place = _text_in(note.place, "Note.place", lang)
    parts = {
        "heading": [f"**{note.sender.en.upper()}**", f"**{(note.sender.ru or '').upper()}**"],
        "number": [f"**№{note.number}**"],
        "body": body[:1],
        "enclosure": _enclosure(note, lang),
        "rest": body[1:],
        "closing": [spec["closing"]],
        "place_date": [
            fill(spec["place_date"], {"place": place, "date": format_day(note.date, lang, "date")})
        ],
        "addressee": [f"**{_text_in(note.addressees, 'Note.addressees', lang).upper()}**"],
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


# -- the other notes of a procedure -------------------------------------------------------------


def _last_instant(day: date) -> datetime:
    return end_of_day(day) - timedelta(microseconds=1)


def _cica(proc: SilenceProcedure) -> tuple[Note, Draft]:
    """The note and draft of a CICA procedure; a follow-up note answers only such a one."""
    if proc.note is None or not isinstance(proc.draft, Draft):
        raise InvalidValueError(
            "proc", proc.key, "a CICA procedure opened by a note on a Concept Paper"
        )
    return proc.note, proc.draft


def _follow_up(proc: SilenceProcedure, number: NoteNumber | str, on: date, notice: Notice) -> Note:
    opening, _ = _cica(proc)
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
    return _follow_up(proc, number, on, Notice.extension(_cica(proc)[1].priority_area.id, to))


def silence_broken_note(proc: SilenceProcedure, *, number: NoteNumber | str, on: date) -> Note:
    """The note, dated ``on``, that tells the Member States who broke ``proc``'s silence."""
    ctx = _check_status(proc, on, Status.SILENCE_BROKEN, "broken by an objection")
    if not isinstance(ctx.decisive, ObjectionRaised):
        raise InvalidValueError(
            "proc", type(ctx.decisive).__name__, "a silence broken by an objection"
        )
    notice = Notice.silence_broken(_cica(proc)[1].priority_area.id, ctx.decisive.by)
    return _follow_up(proc, number, on, notice)


def approval_note(proc: SilenceProcedure, *, number: NoteNumber | str, on: date) -> Note:
    """The note, dated ``on``, that tells the Member States ``proc``'s draft was approved."""
    ctx = _check_status(proc, on, Status.APPROVED, "no objection by its deadline")
    stated = ctx.deadline.stated
    if stated is None:
        raise InvalidValueError(
            "proc", ctx.deadline, 'a deadline stated as a date ("no later than ...")'
        )
    return _follow_up(proc, number, on, Notice.approval(_cica(proc)[1].priority_area.id, stated))
