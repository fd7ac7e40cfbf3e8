"""The events of a silence procedure: opened, submissions, extended, withdrawn."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar, TypeAlias

import attrs

from ..drafts import Draft
from ..errors import InvalidValueError
from ..notes import Note, NoteNumber
from ._time import utc_instant
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
    return frozenset(value)


@attrs.frozen(slots=True)
class ProcedureOpened:
    """The Secretariat placed ``draft`` under the silence procedure by ``note``."""

    at: datetime = attrs.field(converter=utc_instant)
    note: Note
    draft: Draft
    parties: frozenset[str] = attrs.field(converter=as_parties)
    deadline: Deadline
    policy: SilencePolicy = CICA_PRACTICE
    requested_by: str | None = None


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


@attrs.frozen(slots=True)
class DeadlineExtended:
    """The Secretariat extended the deadline, by a note if one is named."""

    at: datetime = attrs.field(converter=utc_instant)
    to: Deadline
    note: NoteNumber | None = attrs.field(default=None, converter=_optional_number)


@attrs.frozen(slots=True)
class ProcedureWithdrawn:
    """The Secretariat withdrew the procedure (for instance, a revised draft is to follow)."""

    at: datetime = attrs.field(converter=utc_instant)
    reason: str = attrs.field(validator=_text)
    note: NoteNumber | None = attrs.field(default=None, converter=_optional_number)


Submission: TypeAlias = CommentSubmitted | AmendmentProposed | ObjectionRaised
Event: TypeAlias = (
    ProcedureOpened
    | CommentSubmitted
    | AmendmentProposed
    | ObjectionRaised
    | DeadlineExtended
    | ProcedureWithdrawn
)
"""Any event of a silence procedure; JSON carries it as a union tagged by ``"type"``."""
SUBMISSION_TYPES = (CommentSubmitted, AmendmentProposed, ObjectionRaised)
"""The classes of the submissions a party may send, for ``isinstance`` checks."""
EVENT_TYPES = (ProcedureOpened, *SUBMISSION_TYPES, DeadlineExtended, ProcedureWithdrawn)
"""Every event class of a silence procedure, in the order the docs list them."""
