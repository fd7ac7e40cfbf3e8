"""JSON for every public type: :func:`to_json`, :func:`from_json` and :func:`make_converter`.

How each type travels is listed in :mod:`cica_cbm.edges.serialization.converter`.
"""

from __future__ import annotations

import json
import math
import re
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import cattrs

from ...core._convert import as_whole_number
from ...core._gc import collector_paused
from ...core.errors import CbmError, DeserializationError, InvalidValueError
from ...core.silence import (
    SilenceProcedure,
)
from ._fast import procedure_text, shared_converter
from .converter import FORMAT, SCHEMA_VERSION, make_converter

__all__ = ["FORMAT", "SCHEMA_VERSION", "from_json", "make_converter", "to_json"]

T = TypeVar("T")

"""The schema version written into every document; readers accept versions up to it."""


def to_json(obj: object, *, indent: int | None = None) -> str:
    """``obj`` (any public cica_cbm type) as a JSON document with the envelope.

    >>> from cica_cbm.core.notes import NoteNumber
    >>> to_json(NoteNumber.parse("NCT/G/1501"))
    '{"format": "cica_cbm", "schema": 1, "type": "NoteNumber", "data": "NCT/G/1501"}'
    """
    if indent is not None:
        as_whole_number("indent", indent, 0, 80)
    with collector_paused():
        if type(obj) is SilenceProcedure and indent is None:
            return _encodable(procedure_text(obj), obj)
        data = shared_converter().unstructure(obj, type(obj))
        document = {
            "format": FORMAT,
            "schema": SCHEMA_VERSION,
            "type": type(obj).__name__,
            "data": data,
        }
        try:
            return _encodable(json.dumps(document, ensure_ascii=False, indent=indent), obj)
        except TypeError:
            # a Rule (or RuleSet) holds its check, a function: code, which JSON cannot carry
            raise InvalidValueError(
                "to_json", type(obj).__name__, "a cica_cbm value made of data, not of code"
            ) from None


_SURROGATE = re.compile("[\ud800-\udfff]")
"""A UTF-16 surrogate: not a character, and not encodable as UTF-8 (a lone one in a string)."""
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""How JSON text escapes a surrogate; a pair decodes to one character, a lone one does not."""
_LONGEST_INTEGER = 4300
"""Digits in the longest whole number a document may hold (Python's default limit for reading
one from text); a longer one is refused with its path rather than by int()'s ValueError."""


class _Refused:
    """A number JSON may write but a document may not hold, kept where it was found."""

    __slots__ = ("problem",)

    def __init__(self, problem: str) -> None:
        self.problem = problem


def _load(text: str | bytes, target: str) -> Any:
    """``text`` parsed as JSON, or a DeserializationError naming the path of what is refused.

    Refused: bytes that are not UTF-8, NaN and Infinity (not JSON, though Python writes them),
    numbers too large for a whole number or a float, lone surrogates in strings (they cannot
    be written back as UTF-8), and nesting deeper than the parser can follow. The walk that
    finds the path of a refused value runs only when parsing saw one, so a well-formed document
    costs no more to read.
    """
    decoded = isinstance(text, bytes | bytearray)  # then strict UTF-8 made no surrogate
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DeserializationError(
                target, (("$", f"not UTF-8: byte {exc.object[exc.start]:#04x} at {exc.start}"),)
            ) from None
    if not isinstance(text, str):
        raise DeserializationError(target, (("$", f"expected JSON text, got {text!r:.60}"),))
    suspicious = bool(_SURROGATE_ESCAPE.search(text)) or (
        not decoded and not text.isascii() and _has_surrogate(text)
    )

    def integer(digits: str) -> Any:
        nonlocal suspicious
        if len(digits.lstrip("-")) > _LONGEST_INTEGER:
            suspicious = True
            return _Refused(
                f"a number of {len(digits)} characters; expected at most {_LONGEST_INTEGER} digits"
            )
        return int(digits)

    def real(digits: str) -> Any:
        nonlocal suspicious
        value = float(digits)
        if not math.isfinite(value):
            suspicious = True
            return _Refused(f"{digits[:20]!r} is too large for a number")
        return value

    def constant(name: str) -> Any:
        nonlocal suspicious
        suspicious = True
        return _Refused(f"{name} is not a JSON number")

    try:
        document = json.loads(text, parse_int=integer, parse_float=real, parse_constant=constant)
    except RecursionError:
        raise DeserializationError(
            target, (("$", "arrays or objects nested too deeply"),)
        ) from None
    except ValueError as exc:
        raise DeserializationError(target, (("$", f"not JSON: {exc}"),)) from None
    if suspicious:
        problems = _refused_parts(document)
        if problems:
            raise DeserializationError(target, tuple((at, why) for at, _, why in problems))
    return document


def _has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate: it cannot be encoded as UTF-8 then.

    Encoding finds one in a fraction of the time of searching for it with a pattern.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _refused_parts(document: Any) -> list[tuple[str, Any, str]]:
    """What the document holds that a document may not: ``(path, value, problem)`` triples.

    Walks with a stack of its own, never by recursion, so any depth that parsed is walked.
    """
    problems: list[tuple[str, Any, str]] = []
    stack: list[tuple[str, Any]] = [("$", document)]
    while stack and len(problems) < 10:
        path, value = stack.pop()
        if isinstance(value, _Refused):
            problems.append((path, value, value.problem))
        elif isinstance(value, str):
            if _SURROGATE.search(value):
                problems.append((path, value, f"{value!r:.60} holds a lone surrogate"))
        elif isinstance(value, dict):
            for key in reversed(value):
                if _SURROGATE.search(key):
                    problems.append((path, key, f"key {key!r:.60} holds a lone surrogate"))
                stack.append((f"{path}.{key}", value[key]))
        elif isinstance(value, list):
            for index in reversed(range(len(value))):
                stack.append((f"{path}[{index}]", value[index]))
    return problems


def _encodable(text: str, obj: object) -> str:
    """``text`` if it can be written as UTF-8; else an error naming the lone surrogate's path.

    A document holds characters; a lone surrogate is none, and from_json refuses one, so
    to_json refuses to write a document that could not be saved or read back.
    """
    if text.isascii() or not _has_surrogate(text):
        return text
    data = shared_converter().unstructure(obj, type(obj))
    path, value, _ = _refused_parts(data)[0]
    raise InvalidValueError(
        f"to_json {path.replace('$', '$.data', 1)}", value, "text without lone surrogates"
    )


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
    with collector_paused():
        return _from_json(text, cls)


def _from_json(text: str | bytes, cls: type[T]) -> T:
    target = getattr(cls, "__name__", repr(cls))
    document = _load(text, target)
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
        return shared_converter().structure(document["data"], cls)
    except (cattrs.BaseValidationError, cattrs.StructureHandlerNotFoundError) as exc:
        raise DeserializationError(target, _where(exc)) from None
    except CbmError as exc:
        raise DeserializationError(target, (("$.data", str(exc)),)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        # cattrs checks the shape of a class's object before its detailed validation starts
        raise DeserializationError(target, (("$.data", _format(exc, cls)),)) from None
