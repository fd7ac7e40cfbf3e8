"""A JSON Schema for each document :func:`~cica_cbm.to_json` writes: :func:`json_schema`.

A front end, or any program in another language, can check what it sends before
:func:`~cica_cbm.from_json` reads it. The schema is built from the same class definitions and
the same rules as the converter (:mod:`cica_cbm.edges.serialization.converter`): the fields of
each attrs class, by their resolved type hints, each type mapped as the converter writes it:

* ``datetime``: a string with a date, a time and an offset (``Z`` or ``+05:00``), the form
  ``"2024-01-11T18:00:00.000000+00:00"``; ``date``: ``"2024-01-11"``; ``timedelta``:
  ``"PT259200S"``;
* an enum: one of its values; ``frozenset``: an array without repeats; ``tuple`` and ``list``:
  arrays (a ``tuple[A, B]``, an array of exactly those two);
* ``X | None``: the schema of ``X`` or ``null``; a tagged union (the events of a silence
  procedure, :data:`~cica_cbm.edges.serialization.converter.TAGGED_UNIONS`): one of its classes
  with ``"type"`` naming it; any other union of classes: one of them;
* an attrs class: an object of its fields, under ``$defs`` by the class's name; the fields
  without a default are required and no other key is allowed, since the reader refuses them;
* a mapping: an object whose values follow the mapping's value type;
* a note number: its text, ``"NCT/G/1501"``; a Member State: its code, three capital letters;
  a :class:`~cica_cbm.core.silence.SilenceProcedure`: ``{"events": [...]}``, the opening first;
  an aggregate kept as its acts (a ``Decision``, ...): ``{"acts": [...]}``, the founding first.

The whole document is described, envelope included. What a schema cannot say is left to the
reader: whether a code names a Member State, whether events are in order, the checks each
class makes of its values. And JSON Schema counts ``1.0`` as an integer, which the reader
does not. In two places the schema is stricter than the reader, and asks for the forms the
library writes: an offset as ``Z`` or ``+HH:MM``, and a note number without ``"№"``.
"""

from __future__ import annotations

import collections.abc
import typing
from datetime import date, datetime, timedelta
from enum import Enum
from types import NoneType, UnionType
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from ...core.bodies import BODIES, Body
from ...core.errors import InvalidValueError
from ...core.notes import NoteNumber
from ...core.silence import ProcedureOpened, SilenceProcedure
from ...core.states import MemberState
from .converter import FORMAT, SCHEMA_VERSION, TAG, TAGGED_UNIONS, is_act_stream

__all__ = ["DIALECT", "json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every schema :func:`json_schema` returns: draft 2020-12."""

# Patterns use only what ECMA 262 and Python's re read alike: [0-9], never \d, which matches
# other digits in Python.
_DAY = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_CLOCK = r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
_OFFSET = "(Z|[+-][0-9]{2}:[0-9]{2})"  # required: the reader refuses an instant without one
_INSTANT = f"^{_DAY}T{_CLOCK}{_OFFSET}$"
_SERIES = "[A-Z]{1,10}(/[A-Z]{1,10})*"

# The types the converter writes with a hook of its own (make_converter), or as JSON itself.
_LEAVES: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    float: {"type": "number"},
    NoneType: {"type": "null"},
    datetime: {"type": "string", "format": "date-time", "pattern": _INSTANT},
    date: {"type": "string", "format": "date", "pattern": f"^{_DAY}$"},
    timedelta: {"type": "string", "pattern": r"^PT-?[0-9]+(\.[0-9]{1,6})?S$"},
    NoteNumber: {"type": "string", "pattern": f"^{_SERIES}/[1-9][0-9]{{0,8}}$"},
    MemberState: {"type": "string", "pattern": "^[A-Z]{3}$"},
    # a body travels by its id, one of the shipped bodies
    Body: {"type": "string", "enum": sorted(BODIES)},
}

_ARRAYS = {tuple, list, frozenset, collections.abc.Sequence, collections.abc.Set}
_MAPPINGS = {dict, collections.abc.Mapping}


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every ``to_json(obj)`` of ``cls`` meets.

    The schema describes the whole document, the envelope and its ``data``. ``cls`` is a
    public type that :func:`~cica_cbm.to_json` writes; a rule, which holds code, has none.

    >>> schema = json_schema(NoteNumber)
    >>> schema["properties"]["type"], schema["properties"]["data"]["pattern"]
    ({'const': 'NoteNumber'}, '^[A-Z]{1,10}(/[A-Z]{1,10})*/[1-9][0-9]{0,8}$')
    """
    if not isinstance(cls, type):
        raise InvalidValueError("json_schema", cls, "a class, such as cica_cbm.Note")
    builder = _Builder(cls)
    data = builder.schema(cls)
    document: dict[str, Any] = {
        "$schema": DIALECT,
        "title": f"{cls.__name__} document",
        "description": (
            f"A {cls.__name__} as cica_cbm.to_json writes it, "
            f"in the {FORMAT!r} envelope of schema {SCHEMA_VERSION}."
        ),
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "schema": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION},
            "type": {"const": cls.__name__},
            "data": data,
        },
        # the reader checks these four and lets other keys of the envelope be
        "required": ["format", "schema", "type", "data"],
    }
    if builder.defs:
        document["$defs"] = dict(sorted(builder.defs.items()))
    return document


class _Builder:
    """Walks the types reachable from one class, keeping the ``$defs`` they need."""

    def __init__(self, root: type) -> None:
        self.root = root
        self.defs: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, object] = {}
        self.path: list[str] = []  # where the walk is, for an error message

    def schema(self, tp: Any) -> dict[str, Any]:
        """The schema of a value of type ``tp``, as the converter writes it."""
        if tp is Any:
            return {}
        if tp is None:
            tp = NoneType
        leaf = _LEAVES.get(tp)
        if leaf is not None:
            return dict(leaf)
        origin = get_origin(tp)
        if origin in (Union, UnionType):
            return self._union(tp)
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if origin in _ARRAYS or tp in _ARRAYS:
            return self._array(origin or tp, get_args(tp))
        if origin in _MAPPINGS or tp in _MAPPINGS:
            return self._mapping(get_args(tp))
        if tp is SilenceProcedure:
            return self._ref(tp, tp.__name__, self._procedure)
        if is_act_stream(tp):
            return self._ref(tp, tp.__name__, lambda: self._acts(tp))
        if isinstance(tp, type) and issubclass(tp, Enum):
            return self._ref(tp, tp.__name__, lambda: self._enum(tp))
        if isinstance(tp, type) and attrs.has(tp):
            return self._ref(tp, tp.__name__, lambda: self._object(tp))
        if isinstance(origin, type) and attrs.has(origin):
            # a generic class such as Rule[C]: its fields, with any type variable refused below
            return self._ref(origin, origin.__name__, lambda: self._object(origin))
        raise InvalidValueError(
            f"json_schema({self.root.__name__}) at {'.'.join(self.path) or 'data'}",
            tp,
            "a type that cica_cbm.to_json writes: data, not code",
        )

    def _ref(
        self, owner: object, name: str, build: typing.Callable[[], dict[str, Any]]
    ) -> dict[str, Any]:
        known = self.owners.setdefault(name, owner)
        if known is not owner:
            raise InvalidValueError("json_schema", name, "one type for each name in $defs")
        if name not in self.defs:
            self.defs[name] = {}  # a class that refers to itself finds its name taken
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def _union(self, tp: Any) -> dict[str, Any]:
        members = get_args(tp)
        present = tuple(arg for arg in members if arg is not NoneType)
        if len(present) == 1:
            schema = self.schema(present[0])
        elif (name := _tagged_name(present)) is not None:
            schema = self._ref(TAGGED_UNIONS[name], name, lambda: self._tagged(name))
        else:
            # cattrs tells the classes of an untagged union apart by their fields
            keyword = "oneOf" if all(attrs.has(arg) for arg in present) else "anyOf"
            schema = {keyword: [self.schema(arg) for arg in present]}
        if len(present) == len(members):
            return schema
        return {"anyOf": [schema, {"type": "null"}]}

    def _array(self, origin: Any, args: tuple[Any, ...]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array"}
        if origin is tuple and args and args[-1] is not Ellipsis:
            schema["prefixItems"] = [self.schema(arg) for arg in args]
            schema.update(items=False, minItems=len(args), maxItems=len(args))
            return schema
        if args:
            schema["items"] = self.schema(args[0])
        if origin in (frozenset, collections.abc.Set):
            schema["uniqueItems"] = True  # written sorted, each member once
        return schema

    def _mapping(self, args: tuple[Any, ...]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object"}
        if not args:
            return schema
        key, value = args
        if key is not str:
            names = self.schema(key)
            if names.get("type") != "string" and "$ref" not in names:
                raise InvalidValueError("json_schema", key, "text keys for a mapping")
            schema["propertyNames"] = names
        schema["additionalProperties"] = self.schema(value)
        return schema

    def _enum(self, cls: type[Enum]) -> dict[str, Any]:
        values = [member.value for member in cls]
        if all(isinstance(value, str) for value in values):
            return {"title": cls.__name__, "type": "string", "enum": values}
        return {"title": cls.__name__, "enum": values}

    def _fields(self, cls: type) -> tuple[dict[str, Any], list[str]]:
        """The properties of an attrs class and its required ones, in field order."""
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue  # cattrs neither writes nor reads a field that __init__ does not take
            self.path.append(field.name)
            properties[field.name] = self.schema(hints[field.name])
            self.path.pop()
            if field.default is attrs.NOTHING:
                required.append(field.name)
        return properties, required

    def _object(self, cls: type) -> dict[str, Any]:
        self.path.append(cls.__name__)
        properties, required = self._fields(cls)
        self.path.pop()
        return _object(cls.__name__, properties, required)

    def _tagged(self, name: str, classes: tuple[type, ...] | None = None) -> dict[str, Any]:
        """One of the union's classes, each an object with ``"type"`` naming its class."""
        variants = []
        for cls in classes if classes is not None else get_args(TAGGED_UNIONS[name]):
            self.path.append(cls.__name__)
            properties, required = self._fields(cls)
            self.path.pop()
            if TAG in properties:
                raise InvalidValueError(
                    f"{cls.__name__}.{TAG}", TAG, "a field not named as the tag"
                )
            properties[TAG] = {"const": cls.__name__}
            variants.append(_object(cls.__name__, properties, [*required, TAG]))
        return {"title": name, "oneOf": variants}

    def _procedure(self) -> dict[str, Any]:
        """``{"events": [...]}``: the opening first, then any event but another opening."""
        event = self.schema(TAGGED_UNIONS["Event"])
        opening = {"const": ProcedureOpened.__name__}
        events = {
            "type": "array",
            "prefixItems": [{**event, "properties": {TAG: opening}}],
            "items": {**event, "properties": {TAG: {"not": opening}}},
            "minItems": 1,
        }
        return _object(SilenceProcedure.__name__, {"events": events}, ["events"])

    def _acts(self, aggregate: type) -> dict[str, Any]:
        """``{"acts": [...]}``: the founding act first, then any act but another founding."""
        classes = aggregate.ACT_TYPES  # type: ignore[attr-defined]
        name = f"{aggregate.__name__}Act"
        act = self._ref(classes, name, lambda: self._tagged(name, classes))
        first = {"const": classes[0].__name__}
        acts = {
            "type": "array",
            "prefixItems": [{**act, "properties": {TAG: first}}],
            "items": {**act, "properties": {TAG: {"not": first}}},
            "minItems": 1,
        }
        return _object(aggregate.__name__, {"acts": acts}, ["acts"])


def _object(title: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": title, "type": "object", "properties": properties}
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False  # the converter forbids extra keys
    return schema


def _tagged_name(members: tuple[Any, ...]) -> str | None:
    """The name of the tagged union made of exactly these classes, if there is one."""
    for name, union in TAGGED_UNIONS.items():
        if set(get_args(union)) == set(members):
            return name
    return None
