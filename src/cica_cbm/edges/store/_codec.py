"""Acts to JSON text and back, for the stores' ``data`` column.

Each act travels as the converter of :mod:`cica_cbm.edges.serialization` writes it, tagged
with its class under ``"type"`` (the same JSON as the tagged ``Event`` union):
``{"at": "...", "by": "CHN", "text": "...", "type": "CommentSubmitted"}``, keys sorted.
"""

from __future__ import annotations

import json
from typing import Any

from ..serialization import make_converter
from .kinds import act_type

__all__ = ["Codec"]


class Codec:
    """Acts to JSON text and back, through :func:`cica_cbm.make_converter`."""

    def __init__(self) -> None:
        self._converter = make_converter()

    def encode(self, act: Any) -> str:
        """``act`` as JSON text."""
        data = self._converter.unstructure(act, type(act))
        data["type"] = type(act).__name__
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    def decode(self, text: str) -> Any:
        """The act written by :meth:`encode`; raises on anything else."""
        data: Any = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"expected a JSON object, got {type(data).__name__}")
        name = data.pop("type", None)
        cls = act_type(name) if isinstance(name, str) else None
        if cls is None:
            raise ValueError(f"no act type is called {name!r}")
        return self._converter.structure(data, cls)
