"""Both stores keep the reusable contract in cica_cbm.store.contract."""

from __future__ import annotations

from pathlib import Path

from cica_cbm.store import EventStore, MemoryEventStore, SQLiteEventStore
from cica_cbm.store.contract import EventStoreContract


class TestMemoryEventStore(EventStoreContract):
    """The store in memory."""

    def make_store(self, directory: Path) -> EventStore:
        return MemoryEventStore()


class TestSQLiteEventStoreInAFile(EventStoreContract):
    """The SQLite store in a file, reopened through a new connection."""

    def make_store(self, directory: Path) -> EventStore:
        return SQLiteEventStore(directory / "events.db")

    def reopen(self, store: EventStore, directory: Path) -> EventStore:
        return SQLiteEventStore(directory / "events.db", create=False)


class TestSQLiteEventStoreInMemory(EventStoreContract):
    """The SQLite store in ":memory:"."""

    def make_store(self, directory: Path) -> EventStore:
        return SQLiteEventStore(":memory:")
