"""The SQLite store: its file, its schema version, and clear errors for files it cannot trust."""

from __future__ import annotations

import ast
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest

import cica_cbm as cbm
from cica_cbm.edges.store import (
    CorruptStoreError,
    SchemaVersionError,
    SQLiteEventStore,
    StoreError,
    UnknownStreamError,
    forget,
)
from cica_cbm.edges.store.sqlite import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SRC = Path(cbm.__file__).parent
DURING = datetime(2024, 1, 5, 9, 0, tzinfo=cbm.UTC)


def _filled(path: Path, comments: int = 3) -> cbm.SilenceProcedure:
    proc = cbm.samples.nct_g_1501()
    for i in range(comments):
        proc = proc.comment(by="CHN", at=DURING + timedelta(minutes=i), text=f"Comment {i}.")
    with SQLiteEventStore(path) as store:
        store.save("NCT/G/1501", proc, 0)
    return proc


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


# -- the file --


def test_the_file_is_created_on_first_use_in_wal_mode_with_its_marks(tmp_path: Path) -> None:
    """A new file gets the store's application id, its schema version and a WAL journal."""
    path = tmp_path / "events.db"
    assert not path.exists()
    with SQLiteEventStore(path):
        assert path.exists()
    conn = _raw(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_a_path_with_unusual_characters_is_a_plain_file_name(tmp_path: Path) -> None:
    """Spaces, '?', '#' and '%' in a path name the file; they are not URI syntax."""
    path = tmp_path / "a b?c#d%20e.db"
    proc = _filled(path)
    assert path.exists()
    with SQLiteEventStore(path, create=False) as store:
        assert store.load("NCT/G/1501") == proc


def test_without_create_a_missing_file_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    """``create=False`` never makes a file."""
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no such database file"):
        SQLiteEventStore(path, create=False)
    assert not path.exists()


def test_without_create_an_empty_file_is_an_error_and_stays_empty(tmp_path: Path) -> None:
    """``create=False`` does not turn an empty file into a store."""
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StoreError, match="empty database"):
        SQLiteEventStore(path, create=False)
    assert path.read_bytes() == b""


def test_an_empty_file_becomes_a_store_on_first_use(tmp_path: Path) -> None:
    """An empty file is a store not yet written: it is set up on first use."""
    path = tmp_path / "empty.db"
    path.touch()
    with SQLiteEventStore(path) as store:
        assert store.streams() == ()


def test_a_directory_is_not_a_database_file(tmp_path: Path) -> None:
    """A path that cannot be opened as a file gives a StoreError naming it."""
    with pytest.raises(StoreError, match=str(tmp_path)):
        SQLiteEventStore(tmp_path)


def test_a_closed_store_refuses_to_work(tmp_path: Path) -> None:
    """After close(), every operation is a StoreError; closing again is harmless."""
    store = SQLiteEventStore(tmp_path / "events.db")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.version("s")


def test_check_counts_every_event_of_a_sound_file(tmp_path: Path) -> None:
    """check() runs SQLite's integrity check and reads every stream back."""
    path = tmp_path / "events.db"
    proc = _filled(path, comments=4)
    with SQLiteEventStore(path) as store:
        store.save("other", cbm.samples.nct_g_1501(), 0)
        assert store.check() == len(proc) + 1


def test_a_writer_that_waits_too_long_gets_a_clear_error_and_writes_nothing(
    tmp_path: Path,
) -> None:
    """While another connection holds the write lock, an append gives up cleanly."""
    path = tmp_path / "events.db"
    _filled(path, comments=0)
    blocker = _raw(path)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with SQLiteEventStore(path, timeout=0.05) as store:
            event = cbm.CommentSubmitted(at=DURING, by="IND", text="Blocked.")
            with pytest.raises(StoreError, match="busy"):
                store.append("NCT/G/1501", [event], 1)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with SQLiteEventStore(path) as store:
        assert store.version("NCT/G/1501") == 1


# -- files it cannot trust --


def test_a_file_that_is_not_a_database_is_a_clear_error_and_is_left_alone(
    tmp_path: Path,
) -> None:
    """Text in place of a database: CorruptStoreError, and the file is not touched."""
    path = tmp_path / "notes.txt"
    content = b"These are not the events you are looking for.\n" * 100
    path.write_bytes(content)
    with pytest.raises(CorruptStoreError, match="not an event store") as caught:
        SQLiteEventStore(path)
    assert isinstance(caught.value, cbm.CbmError)
    assert path.read_bytes() == content


def test_another_programs_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    """An SQLite file of another program is not mistaken for a store, nor changed."""
    path = tmp_path / "foreign.db"
    conn = _raw(path)
    conn.execute("CREATE TABLE streams (name TEXT, version INTEGER)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(CorruptStoreError, match="application_id 0x0"):
        SQLiteEventStore(path)
    assert path.read_bytes() == before


def test_a_file_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    """A schema version above this release's is a SchemaVersionError naming both versions."""
    path = tmp_path / "events.db"
    _filled(path)
    conn = _raw(path)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    with pytest.raises(SchemaVersionError, match="schema version 7") as caught:
        SQLiteEventStore(path)
    assert (caught.value.found, caught.value.supported) == (7, SCHEMA_VERSION)


def test_a_store_missing_a_table_is_corrupt(tmp_path: Path) -> None:
    """A store whose events table is gone is damaged, not empty."""
    path = tmp_path / "events.db"
    _filled(path)
    conn = _raw(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE events")
    conn.close()
    with pytest.raises(CorruptStoreError, match="events missing"):
        SQLiteEventStore(path)


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("UPDATE events SET data = '{not json' WHERE position = 2", "event 2 cannot be read"),
        ("UPDATE events SET data = '[1, 2]' WHERE position = 3", "event 3 cannot be read"),
        (
            "UPDATE events SET data = replace(data, '\"at\"', '\"when\"') WHERE position = 2",
            "event 2 cannot be read",
        ),
        ("UPDATE events SET type = 'ObjectionRaised' WHERE position = 2", "filed as"),
        ("DELETE FROM events WHERE position = 3", "holds 3 events"),
        ("UPDATE streams SET version = 9", "version 9"),
        (
            "UPDATE events SET data = replace(data, 'CHN', 'USA') WHERE position = 2",
            "no longer a valid SilenceProcedure",
        ),
    ],
)
def test_a_tampered_stream_is_a_clear_error_never_a_silent_loss(
    tmp_path: Path, statement: str, problem: str
) -> None:
    """Rows changed behind the store's back are reported when the stream is read.

    ``check`` reads everything, even in the process that wrote the stream; ``load`` in a new
    process does too (``forget`` plays one: this process remembers what it wrote).
    """
    path = tmp_path / "events.db"
    _filled(path)
    conn = _raw(path)
    conn.execute(statement)
    conn.close()
    with SQLiteEventStore(path) as store, pytest.raises(CorruptStoreError, match=problem):
        store.check()
    forget()
    with SQLiteEventStore(path) as store:
        with pytest.raises(CorruptStoreError, match=problem):
            store.load("NCT/G/1501")
        with pytest.raises(CorruptStoreError):
            store.check()


def test_damaged_pages_are_a_clear_error(tmp_path: Path) -> None:
    """Overwritten pages inside the file are found, on opening or by check()."""
    path = tmp_path / "events.db"
    _filled(path, comments=200)
    data = bytearray(path.read_bytes())
    assert len(data) > 3 * 4096
    data[4096 : len(data) - 4096] = bytes(range(256)) * ((len(data) - 8192) // 256)
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptStoreError), SQLiteEventStore(path) as store:
        store.check()


# -- schema versions --


class _VersionThree(SQLiteEventStore):
    """A store of a future release whose schema version 3 adds an index."""

    SCHEMA_VERSION: ClassVar[int] = 3
    MIGRATIONS: ClassVar[Mapping[int, tuple[str, ...]]] = {
        **MIGRATIONS,
        3: ("CREATE INDEX events_by_type ON events (type)",),
    }


def test_an_older_file_is_migrated_on_open_and_keeps_every_event(tmp_path: Path) -> None:
    """Opening a version 2 file with a version 3 release runs the missing step."""
    path = tmp_path / "events.db"
    proc = _filled(path)
    with _VersionThree(path) as store:
        assert store.load("NCT/G/1501") == proc
    conn = _raw(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "events_by_type" in names
    finally:
        conn.close()
    with pytest.raises(SchemaVersionError):
        SQLiteEventStore(path)


def test_a_new_file_of_a_later_release_is_built_by_every_step(tmp_path: Path) -> None:
    """A new file runs every migration from 1 up, in one transaction."""
    with _VersionThree(tmp_path / "events.db") as store:
        store.save("s", cbm.samples.nct_g_1501(), 0)
        assert store.version("s") == 1


# -- the edge: the core never imports the store --


def test_importing_the_library_imports_neither_sqlite3_nor_the_store() -> None:
    """``import cica_cbm`` in a fresh interpreter loads no sqlite3 and no store module."""
    code = (
        "import sys, cica_cbm; "
        "print(sorted(m for m in sys.modules if m == 'sqlite3' "
        "or m.startswith('cica_cbm.edges.store')"
        " or m == 'cica_cbm.edges.cli.store'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_no_core_module_imports_the_store() -> None:
    """Only the store itself and its command line name cica_cbm.edges.store in an import."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if relative.parts[:2] == ("edges", "store") or relative.parts[0] == "store":
            continue  # the store itself, and its stable import path
        if relative.parts[:3] == ("edges", "cli", "store.py"):
            continue
        in_cli = relative.parts[:2] == ("edges", "cli")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [a.name for a in node.names]
                # in the command line, "from . import store" is the store's commands module
                cli_commands = in_cli and node.level == 1 and not node.module
                if (node.level and "store" in names and not cli_commands) or (
                    node.module == "cica_cbm.edges.store"
                ):
                    offenders.append(str(relative))
            elif isinstance(node, ast.Import) and any(
                a.name.startswith(("cica_cbm.edges.store", "sqlite3")) for a in node.names
            ):
                offenders.append(str(relative))
    assert offenders == []


# -- the errors --


@pytest.mark.parametrize(
    "error",
    [
        StoreError("cica.db", "the store is closed"),
        CorruptStoreError("cica.db", "damaged"),
        SchemaVersionError("cica.db", 7, 1),
        UnknownStreamError("NCT/G/1501"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_store_errors_keep_their_fields_through_pickle(error: cbm.CbmError) -> None:
    """A store error crosses process boundaries with its message and typed fields."""
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert vars(again) == vars(error)
    assert isinstance(again, cbm.CbmError)
