"""An event store in memory: for tests, and for tools that need no persistence.

It keeps the same promises as the SQLite store (the contract suite checks both), except that
its streams live only as long as the object.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from ...core.errors import ConflictError
from ...core.silence import Event, SilenceProcedure
from ._base import StoreBase, check_batch, check_stream, check_version, extend

__all__ = ["MemoryEventStore"]


class MemoryEventStore(StoreBase):
    """Streams of silence procedure events held in a dict; safe to share between threads.

    >>> from cica_cbm import samples
    >>> store = MemoryEventStore()
    >>> store.append("NCT/G/1501", samples.nct_g_1501().events, expected_version=0)
    1
    >>> store.load("NCT/G/1501") == samples.nct_g_1501()
    True
    """

    def __init__(self) -> None:
        self._procedures: dict[str, SilenceProcedure] = {}
        self._lock = threading.Lock()

    def append(self, stream: str, events: Iterable[Event], expected_version: int) -> int:
        """Append ``events`` to ``stream`` if it is at ``expected_version``; the new version.

        Raises :class:`~cica_cbm.core.errors.ConflictError` if the stream moved, and the core's own
        error for an event the procedure refuses; either way nothing is written.
        """
        stream = check_stream(stream)
        expected = check_version(expected_version)
        batch = check_batch(events)
        with self._lock:
            current = self._procedures.get(stream)
            actual = len(current) if current is not None else 0
            if actual != expected:
                raise ConflictError(stream, expected, actual)
            if batch:
                self._procedures[stream] = extend(current, batch)
            return actual + len(batch)

    def read(self, stream: str) -> tuple[Event, ...]:
        """The events of ``stream`` in recording order (empty for a stream never written)."""
        stream = check_stream(stream)
        with self._lock:
            current = self._procedures.get(stream)
        return current.events if current is not None else ()

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
