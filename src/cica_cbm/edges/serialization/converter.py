"""JSON for every public type, through one cattrs converter made by :func:`make_converter`.

How each type travels:

* instants (``datetime``) as ISO 8601 strings in UTC with microseconds, e.g.
  ``"2024-01-11T18:00:00+00:00"``; a string without an offset is refused;
* calendar days (``date``) as ISO 8601 ``"2024-01-11"``; durations (``timedelta``) as
  ``"PT259200S"``;
* enums by value (``"silence_broken"``); ``frozenset`` as a sorted list;
* note numbers as text (``"NCT/G/1501"``);
* a :class:`~cica_cbm.core.states.MemberState` by its code, looked up in the shipped registry;
* a :class:`~cica_cbm.core.bodies.Body` by its id (``"UNGA"``), looked up in ``BODIES``;
* the events of a silence procedure as a tagged union: ``{"type": "ObjectionRaised", ...}``;
* a :class:`~cica_cbm.core.silence.SilenceProcedure` as ``{"events": [...]}``;
* an :class:`~cica_cbm.core.participation.Activity` and a
  :class:`~cica_cbm.core.focal_points.FocalPointsNetwork` as ``{"acts": [...]}``, each act
  tagged, replayed through the same checks as the API when read;
* an :class:`~cica_cbm.core.implementation.Implementation` as ``{"acts": [...]}``, each act
  tagged; the evidence of an approval (a Decision, or a procedure's ``{"events": [...]}``) whole.

A document is wrapped in an envelope that names the library, its schema version and the type:
``{"format": "cica_cbm", "schema": 1, "type": "SilenceProcedure", "data": {...}}``, so a later
release can read today's files. Malformed input raises
:class:`~cica_cbm.core.errors.DeserializationError`, which names the path of each bad field.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar, Union, get_origin

import attrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _json_converter
from cattrs.strategies import configure_tagged_union

from ...core.activity_acts import ActivityAct
from ...core.bodies import BODIES, Body
from ...core.clock import UTC, require_aware
from ...core.consensus import Decision
from ...core.errors import InvalidValueError
from ...core.focal_points import NetworkAct
from ...core.implementation_acts import ImplementationAct
from ...core.notes import NoteNumber
from ...core.silence import (
    DeadlineBroughtForward,
    DeadlineExtended,
    Event,
    Outcome,
    ProcedureWithdrawn,
    SilenceProcedure,
    Submission,
)
from ...core.states import MemberState, member_state

__all__ = [
    "FORMAT",
    "SCHEMA_VERSION",
    "TAG",
    "TAGGED_UNIONS",
    "act_union",
    "datetime_out",
    "is_act_stream",
    "make_converter",
]

T = TypeVar("T")

FORMAT = "cica_cbm"
SCHEMA_VERSION = 1
"""The schema version written into every document; readers accept versions up to it."""


TAG = "type"
"""The key that names the member of a tagged union: ``{"type": "ObjectionRaised", ...}``."""

# the three submissions share their fields, so they too travel tagged (in LateSubmission
# and SilenceContext), and so does an optional event (SilenceContext.decisive)
# and a change of deadline, or a change or withdrawal, as the fold keeps them in its context
TAGGED_UNIONS: dict[str, Any] = {
    "Event": Event,
    "Submission": Submission,
    "DeadlineChange": DeadlineExtended | DeadlineBroughtForward,
    "ChangeOrWithdrawal": DeadlineExtended | DeadlineBroughtForward | ProcedureWithdrawn,
    # an activity and a focal-points network travel as their acts, the founding act first
    "ActivityAct": ActivityAct,
    "NetworkAct": NetworkAct,
    # the acts of an Action Plan's implementation, the founding PlanOpened first
    "ImplementationAct": ImplementationAct,
}
"""The unions whose members travel tagged with their class name under :data:`TAG`, by name."""


def is_act_stream(cls: Any) -> bool:
    """Whether ``cls`` is an aggregate kept as its acts, which travels as ``{"acts": [...]}``.

    Such a class names its act types in ``ACT_TYPES`` (the founding act first) and has
    ``from_acts``; reading one replays the acts through it, so a document is read only if
    building the same value through the API would be allowed. (Duck-typed, so the modules
    beyond the decision core still load on first use.)
    """
    return isinstance(cls, type) and hasattr(cls, "ACT_TYPES") and hasattr(cls, "from_acts")


def act_union(cls: Any) -> Any:
    """The union of the act types of the aggregate ``cls`` (see :func:`is_act_stream`)."""
    return Union[cls.ACT_TYPES]  # noqa: UP007 - built from a tuple at run time


_DURATION = re.compile(r"^PT(?P<seconds>-?[0-9]+(?:\.[0-9]{1,6})?)S$")


def datetime_out(value: datetime) -> str:
    """An instant as the converter writes it: ISO 8601 in UTC with microseconds."""
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _datetime_in(value: Any, _: Any) -> datetime:
    if not isinstance(value, str):
        raise InvalidValueError("instant", value, "an ISO 8601 string with an offset")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidValueError("instant", value, "an ISO 8601 string with an offset") from None
    return require_aware(parsed, "instant").astimezone(UTC)


def _date_in(value: Any, _: Any) -> date:
    if not isinstance(value, str):
        raise InvalidValueError("date", value, "an ISO 8601 date string")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidValueError("date", value, "an ISO 8601 date such as 2024-01-11") from None


def _duration_out(value: timedelta) -> str:
    micro = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    return f"PT{Decimal(micro).scaleb(-6).normalize():f}S"


def _duration_in(value: Any, _: Any) -> timedelta:
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None:
        raise InvalidValueError(
            "duration", value, 'an ISO 8601 duration in seconds, e.g. "PT259200S"'
        )
    return timedelta(microseconds=int(Decimal(match["seconds"]).scaleb(6)))


def _number_in(value: Any, _: Any) -> NoteNumber:
    if not isinstance(value, str):
        raise InvalidValueError("note number", value, 'a string such as "NCT/G/1501"')
    return NoteNumber.parse(value)


def _state_in(value: Any, _: Any) -> MemberState:
    if not isinstance(value, str):
        raise InvalidValueError("member state", value, "a Member State's code")
    return member_state(value)


def _strict(kind: type, expected: str) -> Any:
    def structure(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            raise InvalidValueError(kind.__name__, value, expected)
        return value

    return structure


def _enum_in(value: Any, cls: type[StrEnum]) -> StrEnum:
    allowed = ", ".join(repr(member.value) for member in cls)
    if type(value) is not str:
        raise InvalidValueError(cls.__name__, value, f"one of {allowed}")
    try:
        return cls(value)
    except ValueError:
        raise InvalidValueError(cls.__name__, value, f"one of {allowed}") from None


def _class_name(cls: type) -> str:
    return cls.__name__


def _body_in(value: Any, _: Any) -> Body:
    if not isinstance(value, str):
        raise InvalidValueError("body", value, "a shipped body's id, e.g. 'UNGA'")
    return BODIES[value]


def make_converter() -> JsonConverter:
    """A new cattrs converter that reads and writes every public type (see the module doc)."""
    converter = _json_converter(forbid_extra_keys=True, detailed_validation=True)
    # JSON values are taken as they are: no "3" for 3, no 1 for True
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_structure_hook(int, _strict(int, "a whole number"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    # a StrEnum is a str too: without this its members would come back as plain strings
    converter.register_structure_hook(StrEnum, _enum_in)
    converter.register_unstructure_hook(datetime, datetime_out)
    converter.register_structure_hook(datetime, _datetime_in)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(date, _date_in)
    converter.register_unstructure_hook(timedelta, _duration_out)
    converter.register_structure_hook(timedelta, _duration_in)
    converter.register_unstructure_hook(NoteNumber, str)
    converter.register_structure_hook(NoteNumber, _number_in)
    converter.register_unstructure_hook(MemberState, lambda s: s.code)
    converter.register_structure_hook(MemberState, _state_in)
    # frozenset[str] and the like too, not only the bare type: one value, one document
    converter.register_unstructure_hook_func(
        _is_frozenset,
        lambda s: sorted((converter.unstructure(x) for x in s), key=_sort_key),
    )
    # an aggregate kept as its acts travels as them; registered before the tagged unions
    # below, which build their members' hooks at once (an act may hold such an aggregate)
    streams: dict[type, tuple[Any, Any]] = {}
    converter.register_unstructure_hook_factory(
        is_act_stream, lambda cls: _stream_hooks(converter, cls, streams)[0]
    )
    converter.register_structure_hook_factory(
        is_act_stream, lambda cls: _stream_hooks(converter, cls, streams)[1]
    )
    # the evidence of an approval: a decision, or a procedure ({"events": [...]}), told apart by
    # its fields; looked up when used, so the procedure's own (fast) hooks serve it
    evidence: Any = Decision | SilenceProcedure
    converter.register_unstructure_hook(evidence, lambda e: converter.unstructure(e, type(e)))
    converter.register_structure_hook(
        evidence,
        lambda v, _: converter.structure(
            v, SilenceProcedure if isinstance(v, dict) and "events" in v else Decision
        ),
    )
    for union in TAGGED_UNIONS.values():
        configure_tagged_union(union, converter, tag_generator=_class_name, tag_name=TAG)
    # a body travels by its id, looked up among the shipped bodies
    converter.register_unstructure_hook(Body, lambda b: b.id)
    converter.register_structure_hook(Body, _body_in)
    # an outcome travels as its facts; the context it was made from stays in memory
    converter.register_unstructure_hook(
        Outcome,
        make_dict_unstructure_fn(Outcome, converter, context=override(omit=True)),
    )
    converter.register_structure_hook(
        Outcome,
        make_dict_structure_fn(
            Outcome, converter, _cattrs_forbid_extra_keys=True, context=override(omit=True)
        ),
    )
    event: Any = Event
    converter.register_unstructure_hook(
        Event | None, lambda e: None if e is None else converter.unstructure(e, event)
    )
    converter.register_structure_hook(
        Event | None, lambda v, _: None if v is None else converter.structure(v, event)
    )

    def procedure_out(proc: SilenceProcedure) -> dict[str, Any]:
        return {"events": converter.unstructure(list(proc.events), list[Event])}

    def procedure_in(value: Any, _: Any) -> SilenceProcedure:
        return SilenceProcedure(converter.structure(value, _ProcedureDocument).events)

    converter.register_unstructure_hook(SilenceProcedure, procedure_out)
    converter.register_structure_hook(SilenceProcedure, procedure_in)
    return converter


def _stream_hooks(
    converter: JsonConverter, aggregate: Any, made: dict[type, tuple[Any, Any]]
) -> tuple[Any, Any]:
    """How ``aggregate`` travels, ``{"acts": [...]}``, and is read back through ``from_acts``."""
    if aggregate in made:
        return made[aggregate]
    union: Any = act_union(aggregate)
    configure_tagged_union(union, converter, tag_generator=_class_name, tag_name=TAG)
    acts: Any = list[union]
    document: Any = _ActsDocument[union]

    def stream_out(value: Any) -> dict[str, Any]:
        return {"acts": converter.unstructure(list(value.acts), acts)}

    def stream_in(value: Any, _: Any) -> Any:
        return aggregate.from_acts(converter.structure(value, document).acts)

    made[aggregate] = stream_out, stream_in
    return made[aggregate]


@attrs.frozen
class _ActsDocument(Generic[T]):
    """How an aggregate kept as its acts travels: its acts, the founding act first."""

    acts: list[T]


@attrs.frozen
class _ProcedureDocument:
    """How a SilenceProcedure travels: its events, the opening first."""

    events: list[Event]


def _is_frozenset(t: Any) -> bool:
    return t is frozenset or get_origin(t) is frozenset


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)
