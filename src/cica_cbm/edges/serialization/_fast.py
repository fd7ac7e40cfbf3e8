"""The hand-written fast path for long procedures: the same JSON as the converter, sooner."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from itertools import compress, count
from operator import attrgetter, itemgetter, methodcaller, not_
from typing import Any, TypeVar

from cattrs.preconf.json import JsonConverter

from ...core.clock import UTC
from ...core.silence import (
    SUBMISSION_TYPES,
    AmendmentProposed,
    CommentSubmitted,
    Event,
    ObjectionRaised,
    SilenceProcedure,
)
from ...core.silence.events import submissions
from .converter import FORMAT, SCHEMA_VERSION, datetime_out, make_converter

__all__ = ["procedure_text", "shared_converter"]

T = TypeVar("T")

"""The schema version written into every document; readers accept versions up to it."""


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
    cls.__name__: cls for cls in SUBMISSION_TYPES
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
                        "at": datetime_out(event.at),
                        "by": event.by,  # type: ignore[union-attr]
                        "text": event.text,  # type: ignore[union-attr]
                        "type": cls.__name__,
                    }
                )
            else:
                add(general(event))
        return {"events": events}

    return procedure_out


_type_of = methodcaller("get", "type")
_fields_of = tuple(map(itemgetter, ("at", "by", "text")))


def _fast_events_in(converter: JsonConverter, items: list[Any]) -> list[Event]:
    """The events of ``items``: the submissions read together, the others by the converter.

    Each step maps a C function over all the submissions (their types, their keys, their
    values, the instants parsed), then :func:`~cica_cbm.core.silence.events.submissions` makes
    them, with the constructors' checks made once over each field; the other events go
    through the converter one by one. Anything unusual raises, for the general path.
    """
    general = converter.get_structure_hook(Event)
    kinds = _SUBMISSION_TYPES
    if set(map(type, items)) - {dict}:
        raise _UnusualInputError
    types = list(map(_type_of, items))
    is_submission = list(map(kinds.__contains__, types))  # an unhashable type raises
    found = list(compress(items, is_submission))
    if set(map(len, found)) - {len(_SUBMISSION_KEYS)}:
        raise _UnusualInputError  # with "type" and the three fields, exactly these keys
    # a missing field raises (three getters mapped cost less than one getting three)
    ats, bys, texts = (list(map(field, found)) for field in _fields_of)
    if set(map(type, ats)) - {str}:
        raise _UnusualInputError
    instants = list(map(datetime.fromisoformat, ats))  # a malformed instant raises
    # one without an offset is refused by submissions(), then by the general path, with its path
    cls = list(map(kinds.__getitem__, compress(types, is_submission)))
    events: list[Event] = list(submissions(cls, instants, bys, texts))
    for index in compress(count(), map(not_, is_submission)):
        events.insert(index, general(items[index], Event))  # in order: each lands in place
    return events


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
def shared_converter() -> JsonConverter:
    """The process's one converter: :func:`make_converter` with the fast path for procedures."""
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
# datetime_out writes one in UTC (isoformat pads the year to four digits and always writes
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
        f'{{"at": "{datetime_out(at)}", "by": {codes[by]}, "text": {text}, "type": "{name}"}}'
        for at, by, text, name in zip(ats, bys, texts, names, strict=True)
    ]


def procedure_text(proc: SilenceProcedure) -> str:
    """A procedure's document, written by hand for speed: the same text as the converter's."""
    """``to_json(proc)`` written directly: the text json.dumps writes, character for character.

    Runs of comments, amendments and objections are written from a template with their strings
    quoted as json.dumps quotes them; every other event goes through the converter and
    json.dumps. This skips building a dictionary per event for json.dumps to walk, which was
    most of the cost of writing.
    """
    general = shared_converter().get_unstructure_hook(Event)
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
