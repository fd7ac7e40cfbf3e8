"""The same procedure document as pydantic v2 models and as msgspec structs.

Both read the JSON that :func:`cica_cbm.to_json` writes, envelope and all, and write their own
(equivalent) JSON back. The opening's ``note`` and ``draft`` are kept as plain mappings here:
one event in a hundred thousand, and it spares the alternatives work, so the comparison leans
their way. Neither checks what the library checks on top (every party a Member State on the
opening date, no event before the opening, the first event an opening).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter

# --- pydantic --------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class PDeadline(_Model):
    """A deadline."""

    instant: AwareDatetime
    stated: date | None = None
    zone: str = "Asia/Almaty"
    known_to_day: bool = False


class PPolicy(_Model):
    """A silence policy."""

    name: str
    breaks_silence: list[str]
    deadline_form: str
    minimum_period: str | None
    clause: str
    body: str = "CICA"
    may_bring_forward: bool = False


class POpened(_Model):
    """The opening."""

    type: Literal["ProcedureOpened"]
    at: AwareDatetime
    note: dict[str, Any] | None
    draft: dict[str, Any]
    parties: list[str]
    deadline: PDeadline
    policy: PPolicy
    requested_by: str | None = None
    revises: str | None = None
    body: str = "CICA"


class PComment(_Model):
    """A comment."""

    type: Literal["CommentSubmitted"]
    at: AwareDatetime
    by: str
    text: str


class PAmendment(_Model):
    """An amendment."""

    type: Literal["AmendmentProposed"]
    at: AwareDatetime
    by: str
    text: str


class PObjection(_Model):
    """An objection."""

    type: Literal["ObjectionRaised"]
    at: AwareDatetime
    by: str
    text: str


class PExtended(_Model):
    """An extension."""

    type: Literal["DeadlineExtended"]
    at: AwareDatetime
    to: PDeadline
    note: str | None = None
    by: str | None = None


class PWithdrawn(_Model):
    """A withdrawal."""

    type: Literal["ProcedureWithdrawn"]
    at: AwareDatetime
    reason: str
    note: str | None = None
    by: str | None = None


PEvent = Annotated[
    POpened | PComment | PAmendment | PObjection | PExtended | PWithdrawn,
    Field(discriminator="type"),
]


class PProcedure(_Model):
    """A procedure: its events."""

    events: list[PEvent]


class PDocument(_Model):
    """The envelope."""

    format: Literal["cica_cbm"]
    version: int = Field(alias="schema")
    type: Literal["SilenceProcedure"]
    data: PProcedure


PYDANTIC: TypeAdapter[PDocument] = TypeAdapter(PDocument)


# --- msgspec ---------------------------------------------------------------------------------

Instant = Annotated[datetime, msgspec.Meta(tz=True)]


class MDeadline(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A deadline."""

    instant: Instant
    stated: date | None = None
    zone: str = "Asia/Almaty"
    known_to_day: bool = False


class MPolicy(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A silence policy."""

    name: str
    breaks_silence: list[str]
    deadline_form: str
    minimum_period: str | None
    clause: str
    body: str = "CICA"
    may_bring_forward: bool = False


class _Event(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="type"):
    pass


class MOpened(_Event, tag="ProcedureOpened", frozen=True):
    """The opening."""

    at: Instant
    note: dict[str, Any] | None
    draft: dict[str, Any]
    parties: list[str]
    deadline: MDeadline
    policy: MPolicy
    requested_by: str | None = None
    revises: str | None = None
    body: str = "CICA"


class MComment(_Event, tag="CommentSubmitted", frozen=True):
    """A comment."""

    at: Instant
    by: str
    text: str


class MAmendment(_Event, tag="AmendmentProposed", frozen=True):
    """An amendment."""

    at: Instant
    by: str
    text: str


class MObjection(_Event, tag="ObjectionRaised", frozen=True):
    """An objection."""

    at: Instant
    by: str
    text: str


class MExtended(_Event, tag="DeadlineExtended", frozen=True):
    """An extension."""

    at: Instant
    to: MDeadline
    note: str | None = None
    by: str | None = None


class MWithdrawn(_Event, tag="ProcedureWithdrawn", frozen=True):
    """A withdrawal."""

    at: Instant
    reason: str
    note: str | None = None
    by: str | None = None


class MProcedure(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A procedure: its events."""

    events: list[MOpened | MComment | MAmendment | MObjection | MExtended | MWithdrawn]


class MDocument(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The envelope."""

    format: Literal["cica_cbm"]
    schema: int
    type: Literal["SilenceProcedure"]
    data: MProcedure


MSGSPEC_DECODER = msgspec.json.Decoder(MDocument)
MSGSPEC_ENCODER = msgspec.json.Encoder()
