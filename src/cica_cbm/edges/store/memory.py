"""An event store in memory: for tests, and for tools that need no persistence.

It keeps the same promises as the SQLite store (the contract suite checks both), except that
its streams live only as long as the object.
"""

from __future__ import annotations

import threading
from typing import Any

from ...core.errors import ConflictError, InvalidValueError
from ._base import Codec, Row, StoreBase, check_continues, check_stream, extend, kind_of
from .errors import StoreError
from .records import GENESIS, ChainReport, Record, link, read_recorded_at, verify_rows

__all__ = ["MemoryEventStore"]


class MemoryEventStore(StoreBase):
    """Streams of acts (silence procedure events, ...) in a dict; safe to share between threads.

    ``chain=True`` keeps a hash chain over each stream, as the SQLite store does.

    >>> from cica_cbm import samples
    >>> store = MemoryEventStore()
    >>> store.append("NCT/G/1501", samples.nct_g_1501().events, expected_version=0)
    1
    >>> store.load("NCT/G/1501") == samples.nct_g_1501()
    True
    """

    def __init__(self, *, chain: bool = False) -> None:
        if not isinstance(chain, bool):
            raise InvalidValueError("chain", chain, "True or False")
        self.chained = chain
        self._aggregates: dict[str, Any] = {}
        self._rows: dict[str, list[Row]] = {}
        self._codec = Codec()
        self._lock = threading.Lock()

    def _append(
        self,
        stream: str,
        batch: tuple[Any, ...],
        expected: int,
        continues: tuple[Any, Any] | None,
        by: str | None,
        at: str | None,
    ) -> int:
        with self._lock:
            current = self._aggregates.get(stream)
            held = self._rows.get(stream, [])
            actual = len(held)
            if actual != expected:
                raise ConflictError(stream, expected, actual)
            if continues is not None and current is not None:
                check_continues(stream, continues[0], kind_of(current).acts(current), continues[1])
            if not batch:
                return actual
            aggregate = extend(current, batch)
            previous = (held[-1][5] or GENESIS) if held else GENESIS
            rows: list[Row] = []
            for position, event in enumerate(batch, start=actual + 1):
                kind, data = type(event).__name__, self._codec.encode(event)
                digest = None
                if self.chained:
                    digest = previous = link(previous, stream, position, kind, data, by, at)
                rows.append((position, kind, data, by, at, digest))
            self._aggregates[stream] = aggregate
            self._rows[stream] = held + rows
            return actual + len(batch)

    def _load(self, stream: str) -> tuple[int, Any] | None:
        with self._lock:
            current, rows = self._aggregates.get(stream), self._rows.get(stream, [])
        return None if current is None else (len(rows), current)

    def read(self, stream: str) -> tuple[Any, ...]:
        """The acts of ``stream`` in recording order (empty for a stream never written)."""
        found = self._load(check_stream(stream))
        return () if found is None else kind_of(found[1]).acts(found[1])

    def records(self, stream: str) -> tuple[Record, ...]:
        """Each act of ``stream`` with who recorded it, when, and its hash (if chained)."""
        stream = check_stream(stream)
        with self._lock:
            rows = list(self._rows.get(stream, []))
        events = self.read(stream)[: len(rows)]
        return tuple(
            Record(row[0], event, row[3], read_recorded_at(row[4]), row[5])
            for row, event in zip(rows, events, strict=True)
        )

    def verify(self, stream: str) -> ChainReport:
        """Recompute the hash chain of ``stream``; the report names the first bad act."""
        stream = check_stream(stream)
        if not self.chained:
            raise StoreError("memory", "this store keeps no hash chain (made without chain=True)")
        with self._lock:
            rows = list(self._rows.get(stream, []))
        return verify_rows(stream, len(rows), rows)

    def version(self, stream: str) -> int:
        """How many acts ``stream`` holds (0 for a stream never written)."""
        stream = check_stream(stream)
        with self._lock:
            return len(self._rows.get(stream, []))

    def streams(self) -> tuple[str, ...]:
        """The names of the streams that hold acts, sorted."""
        with self._lock:
            return tuple(sorted(self._aggregates))

    def __repr__(self) -> str:
        return f"<MemoryEventStore: {len(self._aggregates)} streams>"
