"""The Secretariat's numbered notes: numbers, references to earlier notes, enclosures.

A note such as ``№NCT/G/1501`` is dated and placed ("Astana, 13 December 2023"), refers to
earlier notes ("its Note No. NCT/G/778 of 16 June 2022") and forwards enclosures ("on 4 p.").

References:
    Note NCT/G/1501, heading, para 1 and the enclosure line.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from functools import total_ordering
from typing import Any

import attrs

from ._convert import as_enum, as_tuple
from .catalogue import priority_area as _priority_area
from .errors import InvalidValueError, MalformedNoteNumberError
from .states import member_state
from .text import Language, LocalizedText

__all__ = ["Enclosure", "Note", "NoteNumber", "NoteReference", "Notice", "NoticeKind"]

_NUMBER = re.compile(
    r"""^\s*
    (?:№|No\.|Nr\.|N°)?\s*  # the seed writes "№" and "No."; "Nr." and "N°" are common too
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
            raise MalformedNoteNumberError(text)  # the value itself, not its repr as text
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


class NoticeKind(StrEnum):
    """What a note of a silence procedure tells the Member States."""

    PLACEMENT = "placement"
    """A draft is placed under the silence procedure (the seed's note)."""
    EXTENSION = "extension"
    """The deadline for comments and suggestions is extended."""
    SILENCE_BROKEN = "silence_broken"
    """A Member State objected: the silence is broken."""
    APPROVAL = "approval"
    """No objection was made by the deadline: the draft is considered approved."""


# which facts each kind of notice states; the others stay None
_NOTICE_FIELDS: dict[NoticeKind, frozenset[str]] = {
    NoticeKind.PLACEMENT: frozenset({"coordinator", "requested_by", "deadline"}),
    NoticeKind.EXTENSION: frozenset({"deadline"}),
    NoticeKind.SILENCE_BROKEN: frozenset({"objector"}),
    NoticeKind.APPROVAL: frozenset({"deadline"}),
}


def _check_area(_: object, __: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError("Notice.priority_area", value, 'a priority area id, "nct-general"')
    _priority_area(value)


def _check_state(_: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise InvalidValueError(f"Notice.{attribute.name}", value, "a Member State's code")
    member_state(value)


def _check_optional_date(_: object, attribute: attrs.Attribute[date | None], value: object) -> None:
    if value is not None and (not isinstance(value, date) or type(value) is not date):
        raise InvalidValueError(
            f"Notice.{attribute.name}", value, "a datetime.date (a calendar day) or None"
        )


def _to_notice_kind(value: Any) -> NoticeKind:
    return as_enum(NoticeKind, "Notice.kind", value)


@attrs.frozen(slots=True)
class Notice:
    """What the body of a silence-procedure note states, as facts (the words are templates).

    The seed's note is a :attr:`NoticeKind.PLACEMENT`: the draft in the priority area
    ``priority_area`` (a catalogue id), prepared by the ``coordinator``, is placed under
    silence at the request of ``requested_by``, with comments due no later than ``deadline``.
    An extension states the new ``deadline``; a broken silence names the ``objector``; an
    approval states the ``deadline`` by which no objection was made. States are Member State
    codes. Each kind states exactly its own facts; the others are ``None``.

    >>> Notice.extension("nct-general", date(2024, 1, 25)).kind
    <NoticeKind.EXTENSION: 'extension'>
    """

    kind: NoticeKind = attrs.field(converter=_to_notice_kind)
    priority_area: str = attrs.field(validator=_check_area)
    coordinator: str | None = attrs.field(default=None, validator=_check_state)
    requested_by: str | None = attrs.field(default=None, validator=_check_state)
    deadline: date | None = attrs.field(default=None, validator=_check_optional_date)
    objector: str | None = attrs.field(default=None, validator=_check_state)

    def __attrs_post_init__(self) -> None:
        wanted = _NOTICE_FIELDS[self.kind]
        for name in ("coordinator", "requested_by", "deadline", "objector"):
            value = getattr(self, name)
            if name in wanted and value is None:
                raise InvalidValueError(
                    f"Notice.{name}", value, f"a value: a {self.kind.value} notice states it"
                )
            if name not in wanted and value is not None:
                raise InvalidValueError(
                    f"Notice.{name}", value, f"None: a {self.kind.value} notice does not state it"
                )

    @classmethod
    def placement(
        cls, priority_area: str, *, coordinator: str, requested_by: str, deadline: date
    ) -> Notice:
        """A draft placed under silence, as in the seed's note."""
        return cls(
            NoticeKind.PLACEMENT,
            priority_area,
            coordinator=coordinator,
            requested_by=requested_by,
            deadline=deadline,
        )

    @classmethod
    def extension(cls, priority_area: str, deadline: date) -> Notice:
        """The deadline extended to ``deadline``."""
        return cls(NoticeKind.EXTENSION, priority_area, deadline=deadline)

    @classmethod
    def silence_broken(cls, priority_area: str, objector: str) -> Notice:
        """The silence broken by ``objector``'s objection."""
        return cls(NoticeKind.SILENCE_BROKEN, priority_area, objector=objector)

    @classmethod
    def approval(cls, priority_area: str, deadline: date) -> Notice:
        """No objection made by ``deadline``: the draft is considered approved."""
        return cls(NoticeKind.APPROVAL, priority_area, deadline=deadline)


def _check_notice(_: object, __: attrs.Attribute[Notice | None], value: object) -> None:
    if value is not None and not isinstance(value, Notice):
        raise InvalidValueError("Note.notice", value, "a Notice or None")


@attrs.frozen(slots=True)
class Note:
    """A numbered diplomatic note of the CICA Secretariat.

    ``sender`` and ``addressees`` are in the note's languages; ``references`` cite earlier
    notes only (never itself, never a later one); ``enclosures`` say what is forwarded;
    ``notice``, when known, is what the body states (see :class:`Notice`), which
    :func:`cica_cbm.render_note` needs to write the note out.
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
    notice: Notice | None = attrs.field(default=None, validator=_check_notice)

    def _repr_html_(self) -> str:
        from ..views import html as render  # only notebooks need it: loaded on first use

        return render.note_html(self)
