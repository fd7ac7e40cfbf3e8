"""Event stores: silence procedures kept between runs as append-only streams of events.

An edge of the library: it imports the core, the core never imports it (and ``import
cica_cbm`` does not import ``sqlite3``). Three stores keep the :class:`EventStore` promises:
:class:`MemoryEventStore`, :class:`SQLiteEventStore` and
:class:`~cica_cbm.edges.store.postgres.PostgresEventStore` (the ``postgres`` extra; psycopg is
imported only when ``PostgresEventStore`` is first used); the contract suite in
:mod:`cica_cbm.store.contract` checks them, and any other store can run it too.

A stream holds the acts of one aggregate, its founding act first (a silence procedure: its
``ProcedureOpened``, then what happened), in recording order; the kinds of aggregate are listed
in :mod:`cica_cbm.edges.store.kinds`, and ``load`` returns the aggregate of the stream's kind.
Its version is the number of events it holds. ``append(stream, events,
expected_version)`` writes the whole batch or nothing: it raises
:class:`~cica_cbm.core.errors.ConflictError` when another writer moved the stream first, and the
core's own error when the procedure refuses an event, so a store never holds an invalid
procedure.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

from ...core.errors import ConflictError
from ...core.silence import Event
from ._base import MAX_STREAM_LENGTH, forget
from .errors import CorruptStoreError, SchemaVersionError, StoreError, UnknownStreamError
from .memory import MemoryEventStore
from .records import ChainReport, Record
from .sqlite import SQLiteEventStore

if TYPE_CHECKING:
    from .postgres import PostgresEventStore as PostgresEventStore

__all__ = [
    "MAX_STREAM_LENGTH",
    "ChainReport",
    "ConflictError",
    "CorruptStoreError",
    "EventStore",
    "MemoryEventStore",
    "Record",
    "SQLiteEventStore",
    "SchemaVersionError",
    "StoreError",
    "UnknownStreamError",
    "forget",
]


# PostgresEventStore is left out of __all__: a star import must not need psycopg
_LAZY = {"PostgresEventStore": ".postgres"}


def __getattr__(name: str) -> Any:
    """``PostgresEventStore``, imported (with psycopg) only when first asked for."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


@runtime_checkable
class EventStore(Protocol):
    """What a store of silence procedure events promises (checked by the contract suite).

    * ``append`` writes a whole batch or nothing, only at ``expected_version`` (else
      :class:`~cica_cbm.core.errors.ConflictError`), and only events the procedure accepts;
    * ``read`` gives back exactly the events appended, in order; ``version`` counts them;
    * ``load`` and ``save`` do the same with a :class:`~cica_cbm.core.silence.SilenceProcedure`;
    * ``records`` gives each event with who recorded it and when (as the append said), and
      ``verify`` checks a chained store's hash chain (:mod:`cica_cbm.edges.store.records`).
    """

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

        ``recorded_by`` and ``recorded_at`` (aware) are kept beside each event of the batch.
        """
        ...

    def records(self, stream: str) -> tuple[Record, ...]:
        """Each event of ``stream`` with who recorded it, when, and its hash (if chained)."""
        ...

    def verify(self, stream: str) -> ChainReport:
        """Recompute the hash chain of ``stream``; :class:`StoreError` if the store keeps none."""
        ...

    def read(self, stream: str) -> tuple[Event, ...]:
        """The events of ``stream`` in recording order (empty for a stream never written)."""
        ...

    def version(self, stream: str) -> int:
        """How many events ``stream`` holds (0 for a stream never written)."""
        ...

    def streams(self) -> tuple[str, ...]:
        """The names of the streams that hold events, sorted."""
        ...

    def load(self, stream: str) -> Any:
        """The aggregate in ``stream`` (a ``SilenceProcedure``, ...), else UnknownStreamError."""
        ...

    def save(
        self,
        stream: str,
        aggregate: Any,
        expected_version: int,
        *,
        recorded_by: str | None = None,
        recorded_at: datetime | None = None,
    ) -> int:
        """Append the acts of ``aggregate`` after its first ``expected_version``."""
        ...

    def close(self) -> None:
        """Release what the store holds."""
        ...

    def __enter__(self) -> Self:
        """The store itself, closed at the end of the ``with`` block."""
        ...

    def __exit__(self, *exc_info: object) -> None:
        """Close the store."""
        ...
