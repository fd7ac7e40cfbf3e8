"""JSON for every public type: :func:`to_json`, :func:`from_json` and :func:`make_converter`.

How each type travels is listed in :mod:`cica_cbm.edges.serialization.converter`.
"""

from __future__ import annotations

import json
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import cattrs

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
    with collector_paused():
        if type(obj) is SilenceProcedure and indent is None:
            return procedure_text(obj)
        data = shared_converter().unstructure(obj, type(obj))
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
    with collector_paused():
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
        return shared_converter().structure(document["data"], cls)
    except (cattrs.BaseValidationError, cattrs.StructureHandlerNotFoundError) as exc:
        raise DeserializationError(target, _where(exc)) from None
    except CbmError as exc:
        raise DeserializationError(target, (("$.data", str(exc)),)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DeserializationError(target, (("$.data", f"{type(exc).__name__}: {exc}"),)) from None
