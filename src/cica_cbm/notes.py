"""The Secretariat's numbered notes: numbers, references to earlier notes, enclosures.

A note such as ``№NCT/G/1501`` is dated and placed ("Astana, 13 December 2023"), refers to
earlier notes ("its Note No. NCT/G/778 of 16 June 2022") and forwards enclosures ("on 4 p.").

References:
    Note NCT/G/1501, heading, para 1 and the enclosure line.
"""

from __future__ import annotations

import re
from datetime import date
from functools import total_ordering
from typing import Any

import attrs

from ._convert import as_tuple
from .errors import InvalidValueError, MalformedNoteNumberError
from .text import Language, LocalizedText

__all__ = ["Enclosure", "Note", "NoteNumber", "NoteReference"]

_NUMBER = re.compile(
    r"""^\s*
    (?:№|No\.|Nr\.|N°)?\s*      # the written prefix, in any of the seed's languages
    (?P<series>[A-Z]{1,10}(?:/[A-Z]{1,10})*)
    /
    (?P<serial>[1-9][0-9]{0,8})
    \s*$""",
    re.VERBOSE,
)
_SERIES = re.compile(r"^[A-Z]{1,10}(?:/[A-Z]{1,10})*$")


def _check_series(_: object, __: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _SERIES.match(value):
        raise InvalidValueError(
            "NoteNumber.series", value, 'capital letters in parts joined by "/", e.g. "NCT/G"'
        )


def _check_serial(_: object, __: attrs.Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 10**9:
        raise InvalidValueError("NoteNumber.serial", value, "a whole number from 1")


def _note_references(value: Any) -> tuple[Any, ...]:
    return as_tuple("Note.references", value)


def _note_enclosures(value: Any) -> tuple[Any, ...]:
    return as_tuple("Note.enclosures", value)


@total_ordering
@attrs.frozen(slots=True, order=False)
class NoteNumber:
    """A note's number: a series (``NCT/G``) and a serial within it (``1501``).

    Numbers order by series, then numerically by serial, so NCT/G/778 comes before
    NCT/G/1501.

    >>> NoteNumber.parse("№NCT/G/1501")
    NoteNumber('NCT/G/1501')
    >>> NoteNumber.parse("No. NCT/G/778") < NoteNumber.parse("NCT/G/1501")
    True
    """

    series: str = attrs.field(validator=_check_series)
    serial: int = attrs.field(validator=_check_serial)

    @classmethod
    def parse(cls, text: str) -> NoteNumber:
        """Read a number as written: ``"№NCT/G/1501"``, ``"No. NCT/G/778"``, ``"NCT/G/1501"``."""
        if not isinstance(text, str):
            raise MalformedNoteNumberError(repr(text))
        match = _NUMBER.match(text)
        if match is None:
            raise MalformedNoteNumberError(text)
        return cls(match["series"], int(match["serial"]))

    def _key(self) -> tuple[str, int]:
        return (self.series, self.serial)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, NoteNumber):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        return f"{self.series}/{self.serial}"

    def __repr__(self) -> str:
        return f"NoteNumber({str(self)!r})"


def _to_number(value: NoteNumber | str) -> NoteNumber:
    return value if isinstance(value, NoteNumber) else NoteNumber.parse(value)


def _check_date(_: object, attribute: attrs.Attribute[date], value: object) -> None:
    if not isinstance(value, date) or type(value) is not date:
        raise InvalidValueError(attribute.name, value, "a datetime.date (a calendar day)")


@attrs.frozen(slots=True)
class NoteReference:
    """A reference to an earlier note: its number and date ("No. NCT/G/778 of 16 June 2022")."""

    number: NoteNumber = attrs.field(converter=_to_number)
    date: date = attrs.field(validator=_check_date)


def _check_pages(_: object, __: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise InvalidValueError("Enclosure.pages", value, "a whole number of pages from 1, or None")


@attrs.frozen(slots=True)
class Enclosure:
    """Something a note forwards: "Enclosure: as stated, on 4 p."."""

    description: LocalizedText
    pages: int | None = attrs.field(default=None, validator=_check_pages)


def _check_references(
    note: Note, _: attrs.Attribute[tuple[NoteReference, ...]], refs: object
) -> None:
    ref: Any
    for index, ref in enumerate(refs):  # type: ignore[arg-type]
        if not isinstance(ref, NoteReference):
            raise InvalidValueError(f"Note.references[{index}]", ref, "a NoteReference")
        if ref.number == note.number:
            raise InvalidValueError(
                f"Note.references[{index}]",
                str(ref.number),
                "another note: a note cannot refer to itself",
            )
        if ref.date > note.date:
            raise InvalidValueError(
                f"Note.references[{index}].date",
                ref.date,
                f"a day on or before the note's own date ({note.date}): "
                "a note refers only to earlier notes",
            )
        if ref.number.series == note.number.series and ref.number.serial > note.number.serial:
            raise InvalidValueError(
                f"Note.references[{index}]",
                str(ref.number),
                f"an earlier number than {note.number} in the same series",
            )


def _check_languages(
    _: object, __: attrs.Attribute[tuple[Language, ...]], value: tuple[Language, ...]
) -> None:
    if not value or Language.EN not in value or len(set(value)) != len(value):
        raise InvalidValueError(
            "Note.languages",
            value,
            "distinct languages that include English (the adopting language)",
        )


def _languages(value: object) -> tuple[Language, ...]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise InvalidValueError("Note.languages", value, 'a sequence such as ("en", "ru", "kk")')
    try:
        return tuple(Language(v) for v in value)
    except ValueError:
        raise InvalidValueError("Note.languages", value, 'tags among "en", "ru", "kk"') from None


@attrs.frozen(slots=True)
class Note:
    """A numbered diplomatic note of the CICA Secretariat.

    ``sender`` and ``addressees`` are in the note's languages; ``references`` cite earlier
    notes only (never itself, never a later one); ``enclosures`` say what is forwarded.
    """

    number: NoteNumber = attrs.field(converter=_to_number)
    date: date = attrs.field(validator=_check_date)
    place: LocalizedText
    sender: LocalizedText
    addressees: LocalizedText
    references: tuple[NoteReference, ...] = attrs.field(
        default=(), converter=_note_references, validator=_check_references
    )
    enclosures: tuple[Enclosure, ...] = attrs.field(default=(), converter=_note_enclosures)
    languages: tuple[Language, ...] = attrs.field(
        default=(Language.EN,), converter=_languages, validator=_check_languages
    )
