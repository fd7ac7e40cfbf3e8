"""JSON for every public type, through one cattrs converter made by :func:`make_converter`.

How each type travels:

* instants (``datetime``) as ISO 8601 strings in UTC with microseconds, e.g.
  ``"2024-01-11T18:00:00+00:00"``; a string without an offset is refused;
* calendar days (``date``) as ISO 8601 ``"2024-01-11"``; durations (``timedelta``) as
  ``"PT259200S"``;
* enums by value (``"silence_broken"``); ``frozenset`` as a sorted list;
* note numbers as text (``"NCT/G/1501"``);
* a :class:`~cica_cbm.core.states.MemberState` by its code, looked up in the shipped registry;
* the events of a silence procedure as a tagged union: ``{"type": "ObjectionRaised", ...}``;
* a :class:`~cica_cbm.core.silence.SilenceProcedure` as ``{"events": [...]}``.

A document is wrapped in an envelope that names the library, its schema version and the type:
``{"format": "cica_cbm", "schema": 1, "type": "SilenceProcedure", "data": {...}}``, so a later
release can read today's files. Malformed input raises
:class:`~cica_cbm.core.errors.DeserializationError`, which names the path of each bad field.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from itertools import compress, count
from operator import attrgetter, not_
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _json_converter
from cattrs.strategies import configure_tagged_union

from ..core.clock import UTC, require_aware
from ..core.errors import CbmError, DeserializationError, InvalidValueError
from ..core.notes import NoteNumber
from ..core.silence import (
    AmendmentProposed,
    CommentSubmitted,
    Event,
    ObjectionRaised,
    SilenceProcedure,
    Submission,
    _collector_paused,
)
from ..core.states import MemberState, member_state

__all__ = ["FORMAT", "SCHEMA_VERSION", "from_json", "make_converter", "to_json"]

T = TypeVar("T")

FORMAT = "cica_cbm"
SCHEMA_VERSION = 1
"""The schema version written into every document; readers accept versions up to it."""

_DURATION = re.compile(r"^PT(?P<seconds>-?[0-9]+(?:\.[0-9]{1,6})?)S$")


def _datetime_out(value: datetime) -> str:
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


def make_converter() -> JsonConverter:
    """A new cattrs converter that reads and writes every public type (see the module doc)."""
    converter = _json_converter(forbid_extra_keys=True, detailed_validation=True)
    # JSON values are taken as they are: no "3" for 3, no 1 for True
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_structure_hook(int, _strict(int, "a whole number"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    # a StrEnum is a str too: without this its members would come back as plain strings
    converter.register_structure_hook(StrEnum, _enum_in)
    converter.register_unstructure_hook(datetime, _datetime_out)
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
    configure_tagged_union(Event, converter, tag_generator=lambda cl: cl.__name__, tag_name="type")
    # the three submissions share their fields, so they too travel tagged (in LateSubmission
    # and SilenceContext), and so does an optional event (SilenceContext.decisive)
    configure_tagged_union(
        Submission, converter, tag_generator=lambda cl: cl.__name__, tag_name="type"
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


@attrs.frozen
class _ProcedureDocument:
    """How a SilenceProcedure travels: its events, the opening first."""

    events: list[Event]


def _is_frozenset(t: Any) -> bool:
    return t is frozenset or get_origin(t) is frozenset


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


# --- the fast path ---------------------------------------------------------------------------
#
# A long procedure is mostly comments, amendments and objections, and cattrs spends most of its
# time on each one dispatching through the tagged union. to_json and from_json use a converter
# with two more hooks for SilenceProcedure that handle these three event types directly and
# pass every other event to the converter. They write the same dictionaries (same keys, same
# order, same values) and build the same events through the same constructors, so the checks
# still run. Anything unusual on the way in (a missing or extra key, a value of another type,
# a bad instant, a refused event) makes the reader start again on the general path, which
# raises the error it always raised, with the path of the bad field. make_converter() itself
# is unchanged: hooks registered on it by a caller are not bypassed.

_SUBMISSION_TYPES: dict[str, type[CommentSubmitted | AmendmentProposed | ObjectionRaised]] = {
    cls.__name__: cls for cls in (CommentSubmitted, AmendmentProposed, ObjectionRaised)
}
_SUBMISSION_KEYS = frozenset({"at", "by", "text", "type"})
_SUBMISSION_NAMES: dict[type, str] = {cls: name for name, cls in _SUBMISSION_TYPES.items()}


class _UnusualInputError(Exception):
    """The fast reader met something it leaves to the general path."""


def _fast_procedure_out(converter: JsonConverter) -> Callable[[SilenceProcedure], Any]:
    general = converter.get_unstructure_hook(Event)

    def procedure_out(proc: SilenceProcedure) -> dict[str, Any]:
        events: list[Any] = []
        add = events.append
        for event in proc.events:
            cls = type(event)
            if cls is CommentSubmitted or cls is AmendmentProposed or cls is ObjectionRaised:
                add(
                    {
                        "at": _datetime_out(event.at),
                        "by": event.by,  # type: ignore[union-attr]
                        "text": event.text,  # type: ignore[union-attr]
                        "type": cls.__name__,
                    }
                )
            else:
                add(general(event))
        return {"events": events}

    return procedure_out


def _fast_events_in(converter: JsonConverter, items: list[Any]) -> Iterator[Event]:
    general = converter.get_structure_hook(Event)
    kinds, keys = _SUBMISSION_TYPES, _SUBMISSION_KEYS
    for item in items:
        if type(item) is not dict:
            raise _UnusualInputError
        cls = kinds.get(item.get("type"))  # type: ignore[arg-type]
        if cls is None:
            yield general(item, Event)
            continue
        if item.keys() != keys:
            raise _UnusualInputError
        at, by, text = item["at"], item["by"], item["text"]
        if type(at) is not str or type(by) is not str or type(text) is not str:
            raise _UnusualInputError
        instant = datetime.fromisoformat(at)
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise _UnusualInputError
        yield cls(at=instant.astimezone(UTC), by=by, text=text)


def _fast_procedure_in(
    converter: JsonConverter, general: Callable[[Any, Any], SilenceProcedure]
) -> Callable[[Any, Any], SilenceProcedure]:
    def procedure_in(value: Any, type_: Any) -> SilenceProcedure:
        if type(value) is dict and value.keys() == {"events"} and type(value["events"]) is list:
            try:
                return SilenceProcedure(_fast_events_in(converter, value["events"]))
            except Exception:  # the general path raises the error, with its path
                pass
        return general(value, type_)

    return procedure_in


@functools.cache
def _converter() -> JsonConverter:
    converter = make_converter()
    general_in = converter.get_structure_hook(SilenceProcedure)
    converter.register_unstructure_hook(SilenceProcedure, _fast_procedure_out(converter))
    converter.register_structure_hook(SilenceProcedure, _fast_procedure_in(converter, general_in))
    return converter


# What json.dumps(..., ensure_ascii=False) writes for a string, quotes included.
_quoted: Callable[[str], str] = json.encoder.encode_basestring


_at, _by, _text, _zone = (attrgetter(name) for name in ("at", "by", "text", "tzinfo"))
_day = attrgetter("year", "month", "day")
_clock = [attrgetter(name) for name in ("hour", "minute", "second", "microsecond")]
# what json.dumps writes for a submission's dictionary after its day's prefix, the instant as
# _datetime_out writes one in UTC (isoformat pads the year to four digits and always writes
# microseconds)
_TEMPLATE = '%s%02d:%02d:%02d.%06d+00:00", "by": %s, "text": %s, "type": "%s"}'


class _DayPrefixes(dict[tuple[int, int, int], str]):
    """The start of a submission's text up to its instant's time of day, written once a day."""

    def __missing__(self, day: tuple[int, int, int]) -> str:
        prefix = self[day] = '{"at": "%04d-%02d-%02dT' % day  # noqa: UP031 - as _TEMPLATE
        return prefix


def _submissions_text(run: Sequence[Event]) -> Iterable[str]:
    """The JSON text of a run of submissions, each as json.dumps writes its dictionary.

    Each step maps a C function over the whole run, so no Python code runs per event; that is
    what brings writing down to about the cost of pydantic's. Instants that are not in UTC
    (which the events' constructors never make) are written one by one.
    """
    ats = list(map(_at, run))
    bys = list(map(_by, run))
    codes = {code: _quoted(code) for code in set(bys)}
    texts = map(_quoted, map(_text, run))
    names = map(_SUBMISSION_NAMES.__getitem__, map(type, run))
    if set(map(_zone, ats)) == {UTC}:
        days = map(_DayPrefixes().__getitem__, map(_day, ats))
        clock = [map(part, ats) for part in _clock]
        rows = zip(days, *clock, map(codes.__getitem__, bys), texts, names, strict=True)
        return map(_TEMPLATE.__mod__, rows)
    return [
        f'{{"at": "{_datetime_out(at)}", "by": {codes[by]}, "text": {text}, "type": "{name}"}}'
        for at, by, text, name in zip(ats, bys, texts, names, strict=True)
    ]


def _procedure_text(proc: SilenceProcedure) -> str:
    """``to_json(proc)`` written directly: the text json.dumps writes, character for character.

    Runs of comments, amendments and objections are written from a template with their strings
    quoted as json.dumps quotes them; every other event goes through the converter and
    json.dumps. This skips building a dictionary per event for json.dumps to walk, which was
    most of the cost of writing.
    """
    general = _converter().get_unstructure_hook(Event)
    events = proc.events
    submission = map(_SUBMISSION_NAMES.__contains__, map(type, events))
    others = list(compress(count(), map(not_, submission)))
    head = json.dumps(
        {"format": FORMAT, "schema": SCHEMA_VERSION, "type": type(proc).__name__},
        ensure_ascii=False,
    )
    pieces: list[str] = [f'{head[:-1]}, "data": {{"events": [']
    start = 0
    for k in [*others, len(events)]:
        if k > start:
            pieces.extend(_submissions_text(events[start:k]))
        if k < len(events):
            pieces.append(json.dumps(general(events[k]), ensure_ascii=False))
        start = k + 1
    # one copy of the whole text, by the join: the opening and closing brackets are joined to
    # the first and last events rather than added around the joined text
    if len(pieces) > 1:
        pieces[:2] = [pieces[0] + pieces[1]]
    pieces[-1] += "]}}"
    return ", ".join(pieces)


def to_json(obj: object, *, indent: int | None = None) -> str:
    """``obj`` (any public cica_cbm type) as a JSON document with the envelope.

    >>> from cica_cbm.core.notes import NoteNumber
    >>> to_json(NoteNumber.parse("NCT/G/1501"))
    '{"format": "cica_cbm", "schema": 1, "type": "NoteNumber", "data": "NCT/G/1501"}'
    """
    with _collector_paused():
        if type(obj) is SilenceProcedure and indent is None:
            return _procedure_text(obj)
        data = _converter().unstructure(obj, type(obj))
        document = {
            "format": FORMAT,
            "schema": SCHEMA_VERSION,
            "type": type(obj).__name__,
            "data": data,
        }
        try:
            return json.dumps(document, ensure_ascii=False, indent=indent)
        except TypeError:
            # a Rule (or RuleSet) holds its check, a function: code, which JSON cannot carry
            raise InvalidValueError(
                "to_json", type(obj).__name__, "a cica_cbm value made of data, not of code"
            ) from None


def _format(exc: BaseException, type_: Any) -> str:
    """One problem in words, with what was allowed; never Python's internals."""
    if isinstance(exc, CbmError):
        return str(exc)
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(exc.extra_fields))}; remove them"
    if isinstance(exc, KeyError):
        if get_origin(type_) in (Union, UnionType):
            names = ", ".join(arg.__name__ for arg in get_args(type_))
            return f"unknown type {exc.args[0]!r}; expected one of {names}"
        return "required field missing"
    name = getattr(type_, "__name__", None) or str(type_)
    if isinstance(exc, (AttributeError, TypeError)):
        return f"invalid value, expected {name} (a JSON object of its fields)"
    return f"invalid value, expected {name}: {exc}"


def _where(exc: BaseException) -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in cattrs.transform_error(exc, path="$.data", format_exception=_format):
        problem, _, path = line.rpartition(" @ ")
        pairs.append((path or "$.data", problem or line))
    return tuple(pairs)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Read a document written by :func:`to_json` as an instance of ``cls``.

    Round trips are exact: ``from_json(to_json(x), type(x)) == x``.
    """
    with _collector_paused():
        return _from_json(text, cls)


def _from_json(text: str | bytes, cls: type[T]) -> T:
    target = getattr(cls, "__name__", repr(cls))
    try:
        document = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise DeserializationError(target, (("$", f"not JSON: {exc}"),)) from None
    if not isinstance(document, dict):
        raise DeserializationError(target, (("$", "expected the cica_cbm envelope, an object"),))
    problems = []
    if document.get("format") != FORMAT:
        problems.append(("$.format", f"expected {FORMAT!r}, got {document.get('format')!r}"))
    schema = document.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or not 1 <= schema <= SCHEMA_VERSION:
        problems.append(
            ("$.schema", f"expected a schema version from 1 to {SCHEMA_VERSION}, got {schema!r}")
        )
    if document.get("type") != target:
        problems.append(("$.type", f"expected {target!r}, got {document.get('type')!r}"))
    if "data" not in document:
        problems.append(("$.data", "missing"))
    if problems:
        raise DeserializationError(target, tuple(problems))
    try:
        return _converter().structure(document["data"], cls)
    except (cattrs.BaseValidationError, cattrs.StructureHandlerNotFoundError) as exc:
        raise DeserializationError(target, _where(exc)) from None
    except CbmError as exc:
        raise DeserializationError(target, (("$.data", str(exc)),)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DeserializationError(target, (("$.data", f"{type(exc).__name__}: {exc}"),)) from None
