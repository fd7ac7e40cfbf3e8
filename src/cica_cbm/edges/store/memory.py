"""An event store in memory: for tests, and for tools that need no persistence.

It keeps the same promises as the SQLite store (the contract suite checks both), except that
its streams live only as long as the object.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime

from ...core.errors import ConflictError, InvalidValueError
from ...core.silence import Event, SilenceProcedure
from ._base import Codec, Row, StoreBase, check_batch, check_stream, check_version, extend
from .errors import StoreError
from .records import (
    GENESIS,
    ChainReport,
    Record,
    check_recorded_at,
    check_recorded_by,
    link,
    read_recorded_at,
    verify_rows,
)

__all__ = ["MemoryEventStore"]


class MemoryEventStore(StoreBase):
    """Streams of silence procedure events held in a dict; safe to share between threads.

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
        self._procedures: dict[str, SilenceProcedure] = {}
        self._rows: dict[str, list[Row]] = {}
        self._codec = Codec()
        self._lock = threading.Lock()

    def append(
        self,
        stream: str,
        events: Iterable[Event],
        expected_version: int,
        *,
        recorded_by: str | None = None,
        recorded_at: datetime | None = None,
    ) -> int:
        """Append ``events`` to ``stream`` if it is at ``expected_version``; the new version.

        Raises :class:`~cica_cbm.core.errors.ConflictError` if the stream moved, and the core's own
        error for an event the procedure refuses; either way nothing is written.
        """
        stream = check_stream(stream)
        expected = check_version(expected_version)
        batch = check_batch(events)
        by, at = check_recorded_by(recorded_by), check_recorded_at(recorded_at)
        with self._lock:
            current = self._procedures.get(stream)
            actual = len(current) if current is not None else 0
            if actual != expected:
                raise ConflictError(stream, expected, actual)
            if not batch:
                return actual
            proc = extend(current, batch)
            held = self._rows.get(stream, [])
            previous = (held[-1][5] or GENESIS) if held else GENESIS
            rows: list[Row] = []
            for position, event in enumerate(batch, start=actual + 1):
                kind, data = type(event).__name__, self._codec.encode(event)
                digest = None
                if self.chained:
                    digest = previous = link(previous, stream, position, kind, data, by, at)
                rows.append((position, kind, data, by, at, digest))
            self._procedures[stream] = proc
            self._rows[stream] = held + rows
            return actual + len(batch)

    def read(self, stream: str) -> tuple[Event, ...]:
        """The events of ``stream`` in recording order (empty for a stream never written)."""
        stream = check_stream(stream)
        with self._lock:
            current = self._procedures.get(stream)
        return current.events if current is not None else ()

    def records(self, stream: str) -> tuple[Record, ...]:
        """Each event of ``stream`` with who recorded it, when, and its hash (if chained)."""
        stream = check_stream(stream)
        with self._lock:
            current, rows = self._procedures.get(stream), self._rows.get(stream, [])
        events = current.events if current is not None else ()
        return tuple(
            Record(row[0], event, row[3], read_recorded_at(row[4]), row[5])
            for row, event in zip(rows, events, strict=True)
        )

    def verify(self, stream: str) -> ChainReport:
        """Recompute the hash chain of ``stream``; the report names the first bad event."""
        stream = check_stream(stream)
        if not self.chained:
            raise StoreError("memory", "this store keeps no hash chain (made without chain=True)")
        with self._lock:
            rows = list(self._rows.get(stream, []))
        return verify_rows(stream, len(rows), rows)

    def version(self, stream: str) -> int:
        """How many events ``stream`` holds (0 for a stream never written)."""
        stream = check_stream(stream)
        with self._lock:
            current = self._procedures.get(stream)
        return len(current) if current is not None else 0

    def streams(self) -> tuple[str, ...]:
        """The names of the streams that hold events, sorted."""
        with self._lock:
            return tuple(sorted(self._procedures))

    def __repr__(self) -> str:
        return f"<MemoryEventStore: {len(self._procedures)} streams>"
