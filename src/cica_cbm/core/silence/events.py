"""The events of a silence procedure: opened, submissions, extended, withdrawn."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from operator import attrgetter, methodcaller
from typing import Any, ClassVar, TypeAlias

import attrs

from ..clock import UTC, zone
from ..drafts import Draft, Paper
from ..errors import InvalidValueError
from ..notes import Note, NoteNumber
from ._time import long_date, utc_instant
from .deadlines import Deadline
from .policies import CICA_PRACTICE, SilencePolicy, SubmissionKind


def _party_code(_: Any, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidValueError(attribute.name, value, "a Member State's code")


def _text(_: Any, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(attribute.name, value, "a string")


def as_parties(value: Iterable[str]) -> frozenset[str]:
    """The parties of a procedure as a frozenset, refusing a bare string or a non-collection."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError("parties", value, "a collection of Member State codes")
    codes = tuple(value)
    # each code is checked before the frozenset, which fails on an unhashable one
    for code in codes:
        if not isinstance(code, str):
            raise InvalidValueError("parties", code, "a Member State's code")
    return frozenset(codes)


def _optional_party_code(_: Any, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise InvalidValueError(attribute.name, value, "a Member State's code, or None")


def _optional_key(_: Any, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise InvalidValueError(attribute.name, value, "an earlier procedure's key, or None")


def _instance_of(cls: Any, allowed: str) -> Any:
    def check(_: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidValueError(f"ProcedureOpened.{attribute.name}", value, allowed)

    return check


def _body(_: Any, __: Any, value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InvalidValueError("ProcedureOpened.body", value, "a body's id, e.g. 'CICA'")


@attrs.frozen(slots=True)
class ProcedureOpened:
    """The body's secretariat or chair placed ``draft`` under the silence procedure.

    ``note`` is the note that did it, or ``None`` for a silence set at a meeting or by an
    unnumbered letter; ``revises`` the :attr:`SilenceProcedure.key` of the earlier procedure
    this one follows (usually on a revised draft).
    """

    at: datetime = attrs.field(converter=utc_instant)
    note: Note | None = attrs.field(
        validator=_instance_of(Note | None, "a Note, or None for a silence set at a meeting")
    )
    draft: Draft | Paper = attrs.field(
        validator=_instance_of(Draft | Paper, "a Draft (CICA) or a Paper")
    )
    parties: frozenset[str] = attrs.field(converter=as_parties)
    deadline: Deadline = attrs.field(validator=_instance_of(Deadline, "a Deadline"))
    policy: SilencePolicy = attrs.field(
        default=CICA_PRACTICE, validator=_instance_of(SilencePolicy, "a SilencePolicy")
    )
    requested_by: str | None = attrs.field(default=None, validator=_optional_party_code)
    revises: str | None = attrs.field(default=None, validator=_optional_key)
    body: str = attrs.field(default="CICA", validator=_body)
    """The id of the body whose procedure it is (its policy may be another body's, for a
    what-if run of their rules)."""

    @property
    def source(self) -> str:
        """What opened it, in words: "Note NCT/G/1501" or "the silence set on 30 March 2020"."""
        if self.note is not None:
            return f"Note {self.note.number}"
        return (
            f"the silence set on {long_date(self.at.astimezone(zone(self.deadline.zone)).date())}"
        )

    @property
    def headline(self) -> str:
        """What opened it, dated: "Note NCT/G/1501 of 13 December 2023", or the meeting's day."""
        if self.note is not None:
            return f"Note {self.note.number} of {long_date(self.note.date)}"
        return self.source

    @property
    def title(self) -> str:
        """The draft's title in English (a Paper's with its symbol)."""
        return self.draft.title.en if isinstance(self.draft, Draft) else str(self.draft)

    @property
    def day(self) -> date:
        """The opening's day: the note's date, or the opening instant's day in the body's zone."""
        if self.note is not None:
            return self.note.date
        return self.at.astimezone(zone(self.deadline.zone)).date()


@attrs.frozen(slots=True)
class _Submitted:
    """What every submission carries: when, by which party, and its text."""

    at: datetime = attrs.field(converter=utc_instant)
    by: str = attrs.field(validator=_party_code)
    text: str = attrs.field(validator=_text)

    kind: ClassVar[SubmissionKind]


@attrs.frozen(slots=True)
class CommentSubmitted(_Submitted):
    """A party submitted a comment or suggestion on the draft."""

    kind = SubmissionKind.COMMENT


@attrs.frozen(slots=True)
class AmendmentProposed(_Submitted):
    """A party proposed an amendment to the text."""

    kind = SubmissionKind.AMENDMENT


@attrs.frozen(slots=True)
class ObjectionRaised(_Submitted):
    """A party objected to the draft."""

    kind = SubmissionKind.OBJECTION


def _optional_number(value: NoteNumber | str | None) -> NoteNumber | None:
    if value is None or isinstance(value, NoteNumber):
        return value
    return NoteNumber.parse(value)


def _actor(_: Any, __: Any, value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise InvalidValueError("by", value, "the id of who acts (the body's chair), or None")


@attrs.frozen(slots=True)
class DeadlineExtended:
    """The secretariat or chair extended the deadline, by a note if one is named.

    ``by`` is who acted; ``None`` means the body's secretariat or chair.
    """

    at: datetime = attrs.field(converter=utc_instant)
    to: Deadline
    note: NoteNumber | None = attrs.field(default=None, converter=_optional_number)
    by: str | None = attrs.field(default=None, validator=_actor)


@attrs.frozen(slots=True)
class DeadlineBroughtForward:
    """The chair brought the deadline forward (never to before its own act), where allowed.

    The UN General Assembly's President once ended a silence "effective immediately"
    (April 2020): ``to`` may be the act's own instant.
    """

    at: datetime = attrs.field(converter=utc_instant)
    to: Deadline
    note: NoteNumber | None = attrs.field(default=None, converter=_optional_number)
    by: str | None = attrs.field(default=None, validator=_actor)


@attrs.frozen(slots=True)
class ProcedureWithdrawn:
    """The secretariat or chair withdrew the procedure (a revised draft is to follow, say)."""

    at: datetime = attrs.field(converter=utc_instant)
    reason: str = attrs.field(validator=_text)
    note: NoteNumber | None = attrs.field(default=None, converter=_optional_number)
    by: str | None = attrs.field(default=None, validator=_actor)


Submission: TypeAlias = CommentSubmitted | AmendmentProposed | ObjectionRaised
Event: TypeAlias = (
    ProcedureOpened
    | CommentSubmitted
    | AmendmentProposed
    | ObjectionRaised
    | DeadlineExtended
    | DeadlineBroughtForward
    | ProcedureWithdrawn
)
"""Any event of a silence procedure; JSON carries it as a union tagged by ``"type"``."""
SUBMISSION_TYPES = (CommentSubmitted, AmendmentProposed, ObjectionRaised)
"""The classes of the submissions a party may send, for ``isinstance`` checks."""
EVENT_TYPES = (
    ProcedureOpened,
    *SUBMISSION_TYPES,
    DeadlineExtended,
    DeadlineBroughtForward,
    ProcedureWithdrawn,
)
"""Every event class of a silence procedure, in the order the docs list them."""


# --- many submissions at once ------------------------------------------------------------------
#
# A document of a long procedure holds thousands of submissions; making each through its
# generated __init__ (a converter and two validators in Python) cost more than parsing the JSON.
# submissions() makes the same checks over each field of all of them at once, by C functions
# mapped over the values, then sets the slots the same way. Should a submission's fields ever
# change their checks, it makes every submission through __init__ again.

_FIELD_NAMES = ("at", "by", "text")
_CHECKS = {"at": (utc_instant, None), "by": (None, _party_code), "text": (None, _text)}
_PLAIN = not hasattr(_Submitted, "__attrs_post_init__") and all(
    tuple(a.name for a in attrs.fields(cls)) == _FIELD_NAMES
    and all((a.converter, a.validator) == _CHECKS[a.name] for a in attrs.fields(cls))
    and cls.__dict__.get("__slots__") == ()
    for cls in SUBMISSION_TYPES
)
_SLOT_SETTERS = tuple(_Submitted.__dict__[name].__set__ for name in _FIELD_NAMES)
_EDGE_YEARS = frozenset({1, 9999})  # where utc_instant also checks Astana time (_time.py)
_offset, _in_utc = methodcaller("utcoffset"), methodcaller("astimezone", UTC)
_zone_of, _year = attrgetter("tzinfo"), attrgetter("year")


def _checked_instants(at: Sequence[object]) -> list[datetime] | None:
    """``at`` in UTC, as utc_instant converts each; ``None`` if it would refuse one of them.

    ``None`` too at the ends of the calendar, where utc_instant checks more.
    """
    if set(map(type, at)) - {datetime}:
        return None
    zones = set(map(_zone_of, at))
    if None in zones:
        return None  # naive
    if any(type(zone) is not timezone for zone in zones) and None in map(_offset, at):
        return None  # a zone without an offset at one of them (a fixed offset always has one)
    utc: list[datetime] = list(map(_in_utc, at))
    return utc if _EDGE_YEARS.isdisjoint(map(_year, utc)) else None


def submissions(
    kinds: Sequence[type[Submission]],
    at: Sequence[datetime],
    by: Sequence[str],
    text: Sequence[str],
) -> list[Submission]:
    """``[kind(at=a, by=b, text=t) for ...]`` over the four sequences, checked all at once.

    The same events, and the same error when a value is refused: then the submissions are
    made one by one, and the first refused raises its own error.

    >>> from datetime import datetime, UTC
    >>> submissions([CommentSubmitted], [datetime(2024, 1, 5, tzinfo=UTC)], ["KZ"], ["Fine."])
    ... # doctest: +ELLIPSIS
    [CommentSubmitted(at=datetime.datetime(2024, 1, 5, 0, 0, tzinfo=...), by='KZ', text='Fine.')]
    """
    if not len(kinds) == len(at) == len(by) == len(text):
        lengths = [len(kinds), len(at), len(by), len(text)]
        raise InvalidValueError(
            "submissions", lengths, "as many instants, parties and texts as kinds"
        )
    utc = None
    if _PLAIN and set(kinds) <= set(SUBMISSION_TYPES):
        try:
            if not set(map(type, by)) - {str} and "" not in by and not set(map(type, text)) - {str}:
                utc = _checked_instants(at)
        except Exception:  # one of them is refused: they are made one by one below
            utc = None
    if utc is None:
        return [kind(at=a, by=b, text=t) for kind, a, b, t in zip(kinds, at, by, text, strict=True)]
    made: list[Submission] = list(map(object.__new__, kinds))
    for setter, values in zip(_SLOT_SETTERS, (utc, by, text), strict=True):
        deque(map(setter, made, values), 0)
    return made
