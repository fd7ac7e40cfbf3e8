"""Acts to JSON text and back, for the stores' ``data`` column.

Each act travels as the converter of :mod:`cica_cbm.edges.serialization` writes it, tagged
with its class under ``"type"`` (the same JSON as the tagged ``Event`` union), keys sorted:
``{"at": "...", "by": "CHN", "text": "...", "type": "CommentSubmitted"}``.

The converter is made once per process (making one takes tens of milliseconds), not once per
store. Comments, amendments and objections, most of a long stream, take a fast path both ways:
written from a template with their strings quoted as ``json.dumps`` quotes them, read by
calling their constructors directly (so their checks still run); anything unusual goes the
general way, which gives the same text and the same errors; what it decodes is remembered by
its exact text (an opening takes milliseconds to build).
"""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime
from typing import Any

from cattrs.preconf.json import JsonConverter

from ...core.clock import UTC
from ...core.errors import InvalidValueError
from ...core.silence import SUBMISSION_TYPES
from ..serialization import make_converter
from ..serialization.converter import datetime_out
from .kinds import act_type

__all__ = ["Codec", "converter", "forget_decoded"]

_SUBMISSIONS: dict[str, type] = {cls.__name__: cls for cls in SUBMISSION_TYPES}
_NAMES: dict[type, str] = {cls: name for name, cls in _SUBMISSIONS.items()}
_KEYS = frozenset({"at", "by", "text", "type"})
_TEMPLATE = '{"at": "%s", "by": %s, "text": %s, "type": "%s"}'
_quoted = json.encoder.encode_basestring
_SURROGATE = re.compile("[\ud800-\udfff]")


@functools.cache
def converter() -> JsonConverter:
    """The process's one converter for the stores (:func:`cica_cbm.make_converter`)."""
    return make_converter()


def _refuse_surrogates(text: str, act: Any) -> str:
    """``text`` if it can be written as UTF-8, else an error naming the act's type."""
    found = None if text.isascii() else _SURROGATE.search(text)
    if found is None:
        return text
    raise InvalidValueError(type(act).__name__, found[0], "text without lone surrogates")


class Codec:
    """Acts to JSON text and back, with the process's converter."""

    def __init__(self) -> None:
        self._converter = converter()

    def encode(self, act: Any) -> str:
        """``act`` as JSON text; a lone surrogate in it is refused (it cannot be stored)."""
        name = _NAMES.get(type(act))
        if name is not None and act.at.tzinfo is UTC:
            text = _TEMPLATE % (datetime_out(act.at), _quoted(act.by), _quoted(act.text), name)
        else:
            data = self._converter.unstructure(act, type(act))
            data["type"] = type(act).__name__
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return _refuse_surrogates(text, act)

    def decode(self, text: str) -> Any:
        """The act written by :meth:`encode`; raises on anything else."""
        data: Any = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"expected a JSON object, got {type(data).__name__}")
        name = data.get("type")
        fast = _SUBMISSIONS.get(name) if type(name) is str else None
        if fast is not None and data.keys() == _KEYS:
            at, by, said = data["at"], data["by"], data["text"]
            if type(at) is str and type(by) is str and type(said) is str:
                instant = datetime.fromisoformat(at)
                if instant.utcoffset() is not None:
                    return fast(at=instant.astimezone(UTC), by=by, text=said)
        return _general(text)


@functools.lru_cache(maxsize=256)
def _general(text: str) -> Any:
    """An act the fast path leaves, decoded by the converter; remembered by its exact text.

    An opening carries its note and draft and takes milliseconds to build: a stream read again
    and again finds it here. Acts are frozen, so the same text may give the same object.
    """
    data: Any = json.loads(text)
    name = data.pop("type", None)
    cls = act_type(name) if isinstance(name, str) else None
    if cls is None:
        raise ValueError(f"no act type is called {name!r}")
    return converter().structure(data, cls)


def forget_decoded() -> None:
    """Forget the acts remembered by their text (see :func:`cica_cbm.edges.store.forget`)."""
    _general.cache_clear()
