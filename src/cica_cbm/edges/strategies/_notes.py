"""Strategies for notes: their numbers, references and enclosures, and what a note states."""

from __future__ import annotations

import string
from datetime import date

from hypothesis import strategies as st

from ...core import samples
from ...core.catalogue import catalogue
from ...core.notes import Enclosure, Note, NoteNumber, NoteReference, Notice
from ...core.text import Language
from ._states import member_codes
from ._text import localized_texts
from ._time import LATEST_DAY, days

__all__ = ["enclosures", "note_numbers", "note_references", "notes", "notices"]


def note_numbers(*, series: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[NoteNumber]:
    """Note numbers such as ``NCT/G/1501``; shrinks towards ``A/1``.

    The series is one to three parts of capital letters joined by "/"; the serial is a whole
    number from 1 to 999 999 999.
    """
    if series is None:
        part = st.text(string.ascii_uppercase, min_size=1, max_size=10)
        series = st.lists(part, min_size=1, max_size=3).map("/".join)
    return st.builds(NoteNumber, series, st.integers(1, 999_999_999))


def note_references(
    *, before: NoteNumber | None = None, on_or_before: date = LATEST_DAY
) -> st.SearchStrategy[NoteReference]:
    """References to earlier notes, dated on or before ``on_or_before``.

    With ``before``, the number is never ``before`` itself and, in the same series, has a
    lower serial. Shrinks towards ``A/1`` of :data:`EARLIEST_DAY`.
    """

    def earlier(number: NoteNumber) -> bool:
        if before is None:
            return True
        return number != before and (
            number.series != before.series or number.serial < before.serial
        )

    numbers = note_numbers().filter(earlier)
    if before is not None and before.serial > 1:
        same_series = st.integers(1, before.serial - 1).map(lambda n: NoteNumber(before.series, n))
        numbers = same_series | numbers
    return st.builds(NoteReference, numbers, days(max_value=on_or_before))


def enclosures() -> st.SearchStrategy[Enclosure]:
    """Enclosures with a description and pages, or pages not given.

    Shrinks towards an enclosure described as ``"0"`` whose pages are not given.
    """
    return st.builds(Enclosure, localized_texts(), st.none() | st.integers(1, 500))


def _languages() -> st.SearchStrategy[tuple[Language, ...]]:
    others = st.lists(st.sampled_from([Language.RU, Language.KK]), unique=True)
    return others.flatmap(lambda rest: st.permutations([Language.EN, *rest])).map(tuple)


def notes(*, on: st.SearchStrategy[date] | None = None) -> st.SearchStrategy[Note]:
    """Notes of the Secretariat, valid by construction, or the seed's own Note NCT/G/1501.

    References are to earlier notes only; languages include English. Shrinks towards the
    seed's note, then towards a note ``A/1`` of :data:`EARLIEST_DAY` with no references and
    no enclosures, in English only.
    """

    @st.composite
    def made_up(draw: st.DrawFn) -> Note:
        number = draw(note_numbers())
        day = draw(on if on is not None else days())
        refs = draw(
            st.lists(
                note_references(before=number, on_or_before=day),
                max_size=3,
                unique_by=lambda r: r.number,
            )
        )
        return Note(
            number=number,
            date=day,
            place=draw(localized_texts()),
            sender=draw(localized_texts()),
            addressees=draw(localized_texts()),
            references=tuple(refs),
            enclosures=tuple(draw(st.lists(enclosures(), max_size=2))),
            languages=draw(_languages()),
        )

    if on is not None:
        return made_up()
    return st.builds(samples.nct_g_1501_note) | made_up()


def notices() -> st.SearchStrategy[Notice]:
    """What a procedure's note states, for each kind of note, in a shipped priority area.

    Each kind carries exactly its own facts. Shrinks towards a placement notice in the first
    priority area, coordinated and requested by the first Member State, due on
    :data:`EARLIEST_DAY`.
    """
    area = st.sampled_from([a.id for a in catalogue().priority_areas])
    code = member_codes()
    return st.one_of(
        st.builds(Notice.placement, area, coordinator=code, requested_by=code, deadline=days()),
        st.builds(Notice.extension, area, days()),
        st.builds(Notice.silence_broken, area, code),
        st.builds(Notice.approval, area, days()),
    )
