"""Hostile input to the store (issue 12).

A refused file is left byte for byte as it was, and a lone surrogate is refused with a
CbmError before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import cica_cbm as cbm
from cica_cbm.core.errors import CbmError, InvalidValueError
from cica_cbm.edges.cli import main
from cica_cbm.edges.store import (
    CorruptStoreError,
    MemoryEventStore,
    SchemaVersionError,
    SQLiteEventStore,
    StoreError,
)
from cica_cbm.edges.store.sqlite import APPLICATION_ID, MIGRATIONS

STREAM = "NCT/G/1501"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return [
            *conn.execute("SELECT * FROM streams ORDER BY name"),
            *conn.execute("SELECT * FROM events ORDER BY stream, position"),
        ]
    finally:
        conn.close()


def _store_file(path: Path) -> None:
    proc = cbm.samples.nct_g_1501()
    for i in range(40):
        proc = proc.comment(by="CHN", at=proc.opening.at, text=f"Comment {i} " + "x" * 300)
    with SQLiteEventStore(path) as store:
        store.save(STREAM, proc, 0)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # one file, no log beside it
    conn.close()


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)


def _truncated(path: Path) -> None:
    _store_file(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _cut_inside_a_page(path: Path) -> None:
    _store_file(path)
    data = path.read_bytes()
    path.write_bytes(data[:-100])


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()


def _future(path: Path) -> None:
    _store_file(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


def _tiny(path: Path) -> None:
    path.write_bytes(b"SQLite")


CASES: dict[str, tuple[Callable[[Path], None], type[CbmError], str]] = {
    "not SQLite": (_not_sqlite, CorruptStoreError, "not an SQLite database"),
    "shorter than a header": (_tiny, CorruptStoreError, "not an SQLite database"),
    "truncated": (_truncated, CorruptStoreError, "cut short"),
    "cut inside a page": (_cut_inside_a_page, CorruptStoreError, "cut short"),
    "a foreign schema": (_foreign, CorruptStoreError, "not a cica_cbm event store"),
    "a future user_version": (_future, SchemaVersionError, "schema version 99"),
}


@pytest.mark.parametrize("create", [True, False])
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_file_is_left_byte_for_byte_as_it_was(
    tmp_path: Path, case: str, create: bool
) -> None:
    """SHA-256 of the file before and after a refused open: the same; nothing appears beside."""
    make, error, message = CASES[case]
    path = tmp_path / "events.db"
    make(path)
    before, names = _sha(path), sorted(os.listdir(tmp_path))
    with pytest.raises(error, match=message):
        SQLiteEventStore(path, create=create)
    assert _sha(path) == before
    assert sorted(os.listdir(tmp_path)) == names


def test_the_command_line_leaves_a_refused_file_as_it_was(tmp_path: Path) -> None:
    """Open and comment on a damaged file: exit 2, one line, the file unchanged."""
    path = tmp_path / "events.db"
    _truncated(path)
    before = _sha(path)
    for argv in (
        ["open", "--sample"],
        ["comment", STREAM, "--by", "CHN", "--at", "2024-01-05T10:00+06:00", "--text", "x"],
        ["streams"],
    ):
        err = io.StringIO()
        assert main(["--db", str(path), *argv], out=io.StringIO(), err=err) == 2
        assert err.getvalue().startswith("error: ")
        assert err.getvalue().count("\n") == 1
    assert _sha(path) == before


def test_a_refused_chain_on_an_old_file_changes_nothing(tmp_path: Path) -> None:
    """chain=True on a version 1 file holding events is refused before the migration."""
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO streams VALUES ('s', 1)")
    conn.execute("INSERT INTO events VALUES ('s', 1, 'ProcedureOpened', '{}')")
    conn.close()
    before = _sha(path)
    with pytest.raises(StoreError, match="chain=True is for a new store"):
        SQLiteEventStore(path, chain=True)
    assert _sha(path) == before


# -- lone surrogates --


@pytest.mark.parametrize("make", [MemoryEventStore, lambda: SQLiteEventStore(":memory:")])
@pytest.mark.parametrize("text", ["\ud800", "before \udfff after", "é\ud83d"])
def test_a_lone_surrogate_in_a_text_is_refused_before_anything_is_written(
    make: Callable[[], MemoryEventStore | SQLiteEventStore], text: str
) -> None:
    """The core accepts the text; the store cannot write it as UTF-8, so it refuses it."""
    with make() as store:
        store.save(STREAM, cbm.samples.nct_g_1501(), 0)
        proc = store.load(STREAM)
        bad = proc.comment(by="CHN", at=proc.opening.at, text=text)
        with pytest.raises(InvalidValueError, match="lone surrogates") as caught:
            store.save(STREAM, bad, 1)
        assert isinstance(caught.value, ValueError)
        assert store.version(STREAM) == 1
        assert store.read(STREAM) == proc.events
        with pytest.raises(InvalidValueError):
            store.append("new", bad.events, 0)
        assert store.streams() == (STREAM,)


def test_a_lone_surrogate_in_a_file_store_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """On a file: refused, and not a row written."""
    path = tmp_path / "events.db"
    _store_file(path)
    before = _rows(path)
    with SQLiteEventStore(path) as store:
        proc = store.load(STREAM)
        with pytest.raises(InvalidValueError):
            store.save(STREAM, proc.comment(by="CHN", at=proc.opening.at, text="\ud800"), len(proc))
        assert store.version(STREAM) == len(proc)
    assert _rows(path) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["comment", STREAM, "--by", "CHN", "--at", "2024-01-05T10:00+06:00", "--text", "\ud800"],
        [
            "comment",
            STREAM,
            "--by",
            "CHN",
            "--at",
            "2024-01-05T10:00+06:00",
            "--text",
            "x",
            "--recorded-by",
            "\udc80",
        ],
        ["open", "--sample", "--stream", "s\ud800"],
    ],
)
def test_the_command_line_refuses_a_lone_surrogate_in_one_line(
    tmp_path: Path, argv: list[str]
) -> None:
    """A lone surrogate typed (or passed) to the command line: exit 2, nothing written."""
    db = tmp_path / "events.db"
    assert main(["--db", str(db), "open", "--sample"], out=io.StringIO()) == 0
    before = _rows(db)
    err = io.StringIO()
    assert main(["--db", str(db), *argv], out=io.StringIO(), err=err) == 2
    assert err.getvalue().startswith("error: ")
    err.getvalue().encode("utf-8")  # the message itself can be written
    assert _rows(db) == before
