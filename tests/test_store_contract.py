"""Both stores keep the reusable contract in cica_cbm.edges.store.contract."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from cica_cbm import samples
from cica_cbm.core.clock import UTC
from cica_cbm.core.errors import ConflictError
from cica_cbm.core.silence import CommentSubmitted
from cica_cbm.edges.store import EventStore, MemoryEventStore, SQLiteEventStore
from cica_cbm.edges.store.contract import EventStoreContract


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


def test_the_memory_store_lands_every_event_once_under_threads() -> None:
    """Four threads race to append to one stream; with retries, each event lands once."""
    store = MemoryEventStore()
    store.save("s", samples.nct_g_1501(), 0)
    start = datetime(2023, 12, 20, tzinfo=UTC)

    def work(code: str) -> None:
        for i in range(25):
            event = CommentSubmitted(at=start + timedelta(minutes=i), by=code, text=f"{code} {i}")
            while True:
                version = store.version("s")
                try:
                    store.append("s", [event], version)
                except ConflictError:
                    continue  # another thread got there first: read again
                else:
                    break

    threads = [threading.Thread(target=work, args=(code,)) for code in ("CHN", "IND", "KAZ", "TUR")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    texts = Counter(getattr(e, "text", None) for e in store.read("s")[1:])
    assert texts == Counter(f"{c} {i}" for c in ("CHN", "IND", "KAZ", "TUR") for i in range(25))
