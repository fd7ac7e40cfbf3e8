"""Who recorded each event and when, and the optional hash chain, on every store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.clock import UTC
from cica_cbm.core.errors import CbmError, InvalidValueError
from cica_cbm.edges.store import MemoryEventStore, SQLiteEventStore, StoreError
from cica_cbm.edges.store.records import ChainReport, Record, link
from cica_cbm.edges.store.sqlite import APPLICATION_ID, MIGRATIONS

STREAM = "NCT/G/1501"
DURING = datetime(2024, 1, 5, 9, 0, tzinfo=UTC)
ASTANA = timezone(timedelta(hours=6))


def _comments(n: int, start: int = 0) -> list[cbm.CommentSubmitted]:
    return [
        cbm.CommentSubmitted(at=DURING + timedelta(minutes=i), by="CHN", text=f"Comment {i}.")
        for i in range(start, start + n)
    ]


@pytest.fixture(params=["memory", "sqlite"])
def make(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A function making a store (``chain=...``) of the parametrized kind."""
    made: list[MemoryEventStore | SQLiteEventStore] = []

    def factory(chain: bool = False) -> MemoryEventStore | SQLiteEventStore:
        store: MemoryEventStore | SQLiteEventStore
        if request.param == "memory":
            store = MemoryEventStore(chain=chain)
        else:
            store = SQLiteEventStore(tmp_path / f"s{len(made)}.db", chain=chain)
        made.append(store)
        return store

    yield factory
    for store in made:
        store.close()


# -- who recorded it, and when --


def test_each_event_keeps_who_recorded_its_append_and_when(make: object) -> None:
    """``records`` gives version, event, recorded_by, recorded_at (UTC) and no hash."""
    store = make()  # type: ignore[operator]
    at = datetime(2024, 1, 5, 15, 0, tzinfo=ASTANA)
    store.append(STREAM, cbm.samples.nct_g_1501().events, 0, recorded_by="desk", recorded_at=at)
    store.append(STREAM, _comments(2), 1, recorded_by="CHN", recorded_at=at + timedelta(hours=1))
    records = store.records(STREAM)
    assert [r.version for r in records] == [1, 2, 3]
    assert [r.event for r in records] == list(store.read(STREAM))
    assert [r.recorded_by for r in records] == ["desk", "CHN", "CHN"]
    assert records[0].recorded_at == at
    assert records[0].recorded_at.tzinfo == UTC
    assert records[2].recorded_at == at + timedelta(hours=1)
    assert all(r.hash is None for r in records)
    with pytest.raises(AttributeError):
        records[0].recorded_by = "someone else"


def test_an_append_that_says_nothing_keeps_none(make: object) -> None:
    """recorded_by and recorded_at are optional; unstated, they read back as None."""
    store = make()  # type: ignore[operator]
    store.save(STREAM, cbm.samples.nct_g_1501(), 0)
    assert store.records(STREAM) == (Record(1, cbm.samples.nct_g_1501().opening, None, None, None),)
    assert store.records("never written") == ()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("recorded_by", ""),
        ("recorded_by", " desk"),
        ("recorded_by", "a\nb"),
        ("recorded_by", "\ud800"),
        ("recorded_by", 7),
        ("recorded_by", "x" * 201),
        ("recorded_at", datetime(2024, 1, 5, 9, 0)),
        ("recorded_at", "2024-01-05T09:00+00:00"),
    ],
)
def test_bad_metadata_is_refused_and_nothing_is_written(
    make: object, field: str, value: object
) -> None:
    """A recorder that is not printable text, or a naive instant, is refused with its field."""
    store = make()  # type: ignore[operator]
    with pytest.raises(InvalidValueError, match=field):
        store.append(STREAM, cbm.samples.nct_g_1501().events, 0, **{field: value})
    assert store.streams() == ()


def test_save_passes_who_and_when_to_the_new_events_only(make: object) -> None:
    """Load, act, save: the new event carries the saver's metadata, the old keep theirs."""
    store = make()  # type: ignore[operator]
    store.save(STREAM, cbm.samples.nct_g_1501(), 0, recorded_by="opener", recorded_at=DURING)
    proc = store.load(STREAM)
    later = DURING + timedelta(days=1)
    store.save(
        STREAM,
        proc.comment(by="IND", at=DURING, text="Fine."),
        1,
        recorded_by="IND",
        recorded_at=later,
    )
    assert [(r.recorded_by, r.recorded_at) for r in store.records(STREAM)] == [
        ("opener", DURING),
        ("IND", later),
    ]


# -- the hash chain --


def test_a_chained_store_links_every_event_to_the_one_before(make: object) -> None:
    """Each hash is SHA-256 over the previous hash and the event's canonical form."""
    store = make(chain=True)  # type: ignore[operator]
    store.append(STREAM, cbm.samples.nct_g_1501().events, 0, recorded_by="desk")
    store.append(STREAM, _comments(3), 1, recorded_at=DURING)
    records = store.records(STREAM)
    hashes = [r.hash for r in records]
    assert all(h is not None and len(h) == 64 for h in hashes)
    assert len(set(hashes)) == 4
    report = store.verify(STREAM)
    assert report == ChainReport(STREAM, 4, hashes[-1])
    assert report.ok
    assert "intact" in report.describe()


def test_verify_on_a_store_without_a_chain_says_so(make: object) -> None:
    """A store made without chain=True has nothing to verify: a StoreError, a CbmError."""
    store = make()  # type: ignore[operator]
    store.save(STREAM, cbm.samples.nct_g_1501(), 0)
    with pytest.raises(StoreError, match="no hash chain"):
        store.verify(STREAM)


def test_the_hash_covers_the_version_the_metadata_and_the_stream() -> None:
    """Changing any part of the canonical form changes the hash."""
    base = link("", "s", 1, "CommentSubmitted", "{}", "desk", "2024-01-05T09:00:00.000000+00:00")
    others = {
        link("x", "s", 1, "CommentSubmitted", "{}", "desk", "2024-01-05T09:00:00.000000+00:00"),
        link("", "t", 1, "CommentSubmitted", "{}", "desk", "2024-01-05T09:00:00.000000+00:00"),
        link("", "s", 2, "CommentSubmitted", "{}", "desk", "2024-01-05T09:00:00.000000+00:00"),
        link("", "s", 1, "ObjectionRaised", "{}", "desk", "2024-01-05T09:00:00.000000+00:00"),
        link("", "s", 1, "CommentSubmitted", "{ }", "desk", "2024-01-05T09:00:00.000000+00:00"),
        link("", "s", 1, "CommentSubmitted", "{}", None, "2024-01-05T09:00:00.000000+00:00"),
        link("", "s", 1, "CommentSubmitted", "{}", "desk", None),
    }
    assert base not in others
    assert len(others) == 7


def _chained_file(path: Path, comments: int = 5) -> None:
    with SQLiteEventStore(path, chain=True) as store:
        store.append(STREAM, cbm.samples.nct_g_1501().events, 0, recorded_by="desk")
        store.append(STREAM, _comments(comments), 1, recorded_by="desk", recorded_at=DURING)


@settings(max_examples=20, deadline=None)
@given(
    victim=st.integers(1, 6),
    column=st.sampled_from(["data", "recorded_by", "recorded_at", "hash"]),
)
def test_tampering_with_the_file_is_named_at_the_first_bad_version(
    tmp_path_factory: pytest.TempPathFactory, victim: int, column: str
) -> None:
    """An UPDATE behind the store's back is found, at the very version it touched."""
    path = tmp_path_factory.mktemp("chain") / "events.db"
    _chained_file(path)
    conn = sqlite3.connect(path, isolation_level=None)
    if column == "data":
        conn.execute(
            "UPDATE events SET data = replace(data, '\"CHN\"', '\"IND\"') WHERE position = ?",
            (victim,),
        )
        changed = conn.execute("SELECT changes()").fetchone()[0]
        if victim == 1:  # the opening names no CHN: change its text another way
            conn.execute("UPDATE events SET data = data || ' ' WHERE position = 1")
            changed = 1
    else:
        conn.execute(f"UPDATE events SET {column} = 'x' WHERE position = ?", (victim,))
        changed = 1
    conn.close()
    assert changed == 1
    with SQLiteEventStore(path) as store:
        assert store.chained
        report = store.verify(STREAM)
    assert not report.ok
    assert report.first_bad == victim
    assert report.checked == victim - 1
    assert f"event {victim}" in report.describe()


def test_a_deleted_event_is_named_as_missing(tmp_path: Path) -> None:
    """A row deleted from the middle of a stream is the first bad version."""
    path = tmp_path / "events.db"
    _chained_file(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DELETE FROM events WHERE position = 3")
    conn.close()
    with SQLiteEventStore(path) as store:
        report = store.verify(STREAM)
    assert (report.first_bad, report.problem) == (3, "the event is missing")


def test_a_chain_cannot_be_turned_off_nor_on_afterwards(tmp_path: Path) -> None:
    """The chain is fixed in the file's metadata when the store is made."""
    chained, plain = tmp_path / "chained.db", tmp_path / "plain.db"
    _chained_file(chained)
    with pytest.raises(StoreError, match="cannot be turned off"):
        SQLiteEventStore(chained, chain=False)
    with SQLiteEventStore(chained) as store:  # None: as the file says
        assert store.chained
        store.append(STREAM, _comments(1, start=10), 6)
        assert store.verify(STREAM).ok
    with SQLiteEventStore(plain) as store:
        store.save(STREAM, cbm.samples.nct_g_1501(), 0)
    with pytest.raises(StoreError, match="chain=True is for a new store"):
        SQLiteEventStore(plain, chain=True)
    with SQLiteEventStore(plain) as store:
        assert not store.chained
    with pytest.raises(InvalidValueError, match="chain"):
        SQLiteEventStore(tmp_path / "x.db", chain="yes")  # type: ignore[arg-type]


def test_a_version_one_file_migrates_and_keeps_every_event_without_metadata(
    tmp_path: Path,
) -> None:
    """A file of schema version 1 gains the new columns on open; its events read back."""
    path = tmp_path / "v1.db"
    proc = cbm.samples.nct_g_1501().comment(by="CHN", at=DURING, text="Old.")
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with SQLiteEventStore(":memory:") as fresh:
        codec = fresh._codec  # the same JSON as version 1 wrote
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO streams VALUES (?, 2)", (STREAM,))
    for position, event in enumerate(proc.events, start=1):
        conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?)",
            (STREAM, position, type(event).__name__, codec.encode(event)),
        )
    conn.close()
    with SQLiteEventStore(path) as store:
        assert store.load(STREAM) == proc
        assert [(r.recorded_by, r.recorded_at, r.hash) for r in store.records(STREAM)] == [
            (None, None, None)
        ] * 2
        store.append(STREAM, _comments(1), 2, recorded_by="desk", recorded_at=DURING)
        assert store.records(STREAM)[-1].recorded_by == "desk"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def test_errors_are_cbm_errors() -> None:
    """StoreError is a CbmError, so the command line reports it in one line."""
    assert issubclass(StoreError, CbmError)
