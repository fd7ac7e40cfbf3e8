"""An event store in one SQLite file (the standard library's ``sqlite3``; no server).

The file is created on first use. Each procedure is a stream of events with a version (how
many events it holds); each append is one ``BEGIN IMMEDIATE`` transaction that checks the
expected version, validates the batch on the stored procedure and writes it whole, or writes
nothing. The journal is write-ahead (WAL) with ``synchronous = FULL``: a committed append
survives the writer being killed and the machine losing power, and readers never block the
writer. A file that is refused (not SQLite, cut short, another program's, newer) is left byte
for byte as it was: every check that may refuse it runs before anything is written.

The schema (version 2)::

    streams(name TEXT PRIMARY KEY, version INTEGER > 0)
    events(stream -> streams.name, position INTEGER > 0, type TEXT, data TEXT JSON,
           recorded_by TEXT, recorded_at TEXT, hash TEXT, PRIMARY KEY (stream, position))
    meta(key TEXT PRIMARY KEY, value TEXT)   -- the store's id; "chain" if it keeps one

``PRAGMA application_id`` marks the file as a cica_cbm store and ``PRAGMA user_version`` holds
the schema version; both are checked on open. A file that is not a store, or is damaged, gives
:class:`~cica_cbm.store.CorruptStoreError`; a newer schema gives
:class:`~cica_cbm.store.SchemaVersionError`; an older one is migrated on open (see
``MIGRATIONS`` and ``docs/store.md``).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, ClassVar

from ...core.errors import InvalidValueError
from ._base import (
    Codec,
    DatabaseStore,
    Row,
    new_store_id,
)
from .errors import CorruptStoreError, SchemaVersionError, StoreError

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "SQLiteEventStore"]

APPLICATION_ID = 0x43424D73
"""``PRAGMA application_id`` of a cica_cbm event store: the bytes ``b"CBMs"``."""

SCHEMA_VERSION = 2
"""The schema version this release writes, kept in ``PRAGMA user_version``."""

MIGRATIONS: Mapping[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE streams ("
        " name TEXT NOT NULL PRIMARY KEY,"
        " version INTEGER NOT NULL CHECK (version > 0)"
        ") WITHOUT ROWID",
        "CREATE TABLE events ("
        " stream TEXT NOT NULL REFERENCES streams (name),"
        " position INTEGER NOT NULL CHECK (position > 0),"
        " type TEXT NOT NULL,"
        " data TEXT NOT NULL,"
        " PRIMARY KEY (stream, position)"
        ") WITHOUT ROWID",
    ),
    2: (
        "ALTER TABLE events ADD COLUMN recorded_by TEXT",
        "ALTER TABLE events ADD COLUMN recorded_at TEXT",
        "ALTER TABLE events ADD COLUMN hash TEXT",
        "CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    ),
}
"""The statements that bring a file from version ``n - 1`` to version ``n``, by ``n``."""

_TABLES = frozenset({"streams", "events", "meta"})
_CHAIN = "sha256"  # meta "chain": the hash of the chain the store keeps
_DAMAGED = ("not a database", "malformed", "corrupt", "disk image", "no such table")


def _mode(create: bool) -> str:
    return "rwc" if create else "rw"


_MAGIC = b"SQLite format 3\x00"


def _check_header(where: str, file: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not a database or is cut short.

    SQLite reads a damaged file lazily: a store cut short may open and only fail when a stream
    is read, after the open has already written to it (switching it to WAL). The header says
    how long the file must be; a file that is not a whole database is refused untouched.
    """
    try:
        with file.open("rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(where, f"cannot read the database file ({exc.strerror})") from None
    if size == 0:
        return
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise CorruptStoreError(
            where,
            "not an SQLite database, so not an event store (no SQLite header); nothing was changed",
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the page count is kept up to date
    if (
        page_size < 512
        or page_size & (page_size - 1)
        or size % page_size
        or (valid and pages * page_size > size)
    ):
        raise CorruptStoreError(
            where,
            f"damaged database: {size} bytes, not the {pages} pages of {page_size} bytes its "
            "header promises (cut short?); nothing was changed",
        )


class SQLiteEventStore(DatabaseStore[sqlite3.Connection]):
    """Streams of silence procedure events in an SQLite file, or in ``":memory:"``.

    ``create=False`` refuses a file that does not exist yet, or is still empty, instead of
    making a store of it; ``timeout`` is how many seconds an append waits for another writer.
    Use one store per thread (``sqlite3`` connections are not shared between threads).

    >>> from cica_cbm import samples
    >>> with SQLiteEventStore(":memory:") as store:
    ...     store.append("NCT/G/1501", samples.nct_g_1501().events, expected_version=0)
    ...     store.load("NCT/G/1501") == samples.nct_g_1501()
    1
    True
    """

    SCHEMA_VERSION: ClassVar[int] = SCHEMA_VERSION
    MIGRATIONS: ClassVar[Mapping[int, tuple[str, ...]]] = MIGRATIONS

    def __init__(
        self,
        path: str | os.PathLike[str] = ":memory:",
        *,
        create: bool = True,
        timeout: float = 30.0,
        chain: bool | None = None,
    ) -> None:
        if chain is not None and not isinstance(chain, bool):
            raise InvalidValueError("chain", chain, "True, False or None (as the file says)")
        self._chain_asked = chain
        self.path = os.fspath(path)
        self.where = self.path
        self.timeout = timeout
        self._codec = Codec()
        self._cache = {}
        self._conn: sqlite3.Connection | None = None
        if self.path == ":memory:":
            target, uri = ":memory:", False
        else:
            file = Path(self.path)
            if not create and not file.exists():
                raise StoreError(self.path, "no such database file; nothing was created")
            target, uri = f"{file.absolute().as_uri()}?mode={_mode(create)}", True
            _check_header(self.path, file)
        try:
            conn = sqlite3.connect(target, uri=uri, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._translate(exc) from None
        try:
            self._prepare(conn, create)
        except sqlite3.Error as exc:
            conn.close()
            raise self._translate(exc) from None
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    # -- opening --

    def _prepare(self, conn: sqlite3.Connection, create: bool) -> None:
        # nothing is written before every check that may refuse the file has passed
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        if self._classify(conn):
            if not create:
                raise StoreError(self.path, "empty database, not an event store yet")
            self._migrate(conn)
        elif self._user_version(conn) < self.SCHEMA_VERSION:
            if self._chain_asked and conn.execute("SELECT count(*) FROM streams").fetchone()[0]:
                raise StoreError(
                    self.path,
                    "this store holds events without a hash chain; chain=True is for a new "
                    "store; nothing was changed",
                )
            self._migrate(conn)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        missing = _TABLES - tables
        if missing:
            raise CorruptStoreError(
                self.path, f"damaged event store: table(s) {', '.join(sorted(missing))} missing"
            )
        self.chained = self._chain(conn)
        row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
        if row is not None and self.path != ":memory:":
            where = Path(self.path).resolve()
            self._shared_key = f"sqlite {row[0]} {where.stat().st_ino} {where}"
        if self.path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")

    def _chain(self, conn: sqlite3.Connection) -> bool:
        """Whether the store keeps a hash chain: as the file says; set only on a new store."""
        row = conn.execute("SELECT value FROM meta WHERE key = 'chain'").fetchone()
        kept = row is not None and row[0] == _CHAIN
        if self._chain_asked is False and kept:
            raise StoreError(
                self.path, "this store keeps a hash chain, which cannot be turned off (chain=False)"
            )
        if self._chain_asked and not kept:
            if conn.execute("SELECT count(*) FROM streams").fetchone()[0]:
                raise StoreError(
                    self.path,
                    "this store holds events without a hash chain; chain=True is for a new "
                    "store; nothing was changed",
                )
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('chain', ?)", (_CHAIN,))
            kept = True
        return kept

    @staticmethod
    def _user_version(conn: sqlite3.Connection) -> int:
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    def _classify(self, conn: sqlite3.Connection) -> bool:
        """Whether the file is empty (a new store); raise if it is not a store we can read."""
        app_id: int = conn.execute("PRAGMA application_id").fetchone()[0]
        version = self._user_version(conn)
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == 0 and version == 0 and objects == 0:
            return True
        if app_id != APPLICATION_ID:
            raise CorruptStoreError(
                self.path,
                f"not a cica_cbm event store (application_id {app_id:#x}, expected "
                f"{APPLICATION_ID:#x}); nothing was changed",
            )
        if version > self.SCHEMA_VERSION:
            raise SchemaVersionError(self.path, version, self.SCHEMA_VERSION)
        return False

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Bring the file to ``SCHEMA_VERSION`` in one transaction (re-checked under the lock)."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            fresh = self._classify(conn)
            found = 0 if fresh else self._user_version(conn)
            for version in range(found + 1, self.SCHEMA_VERSION + 1):
                for statement in self.MIGRATIONS[version]:
                    conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', ?)", (new_store_id(),)
            )
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {self.SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _translate(self, exc: sqlite3.Error) -> StoreError:
        message = str(exc)
        lowered = message.lower()
        if isinstance(exc, sqlite3.IntegrityError) or any(m in lowered for m in _DAMAGED):
            return CorruptStoreError(
                self.path, f"damaged or not an event store ({message}); nothing was written"
            )
        if "locked" in lowered or "busy" in lowered:
            return StoreError(
                self.path,
                f"the database stayed busy for {self.timeout} s (another writer); "
                "nothing was written",
            )
        if "unable to open" in lowered:
            return StoreError(self.path, f"cannot open the database file ({message})")
        return StoreError(self.path, message)

    # -- the connection --

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(self.path, "the store is closed")
        return self._conn

    @contextmanager
    def _transaction(self, mode: str) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        try:
            conn.execute(f"BEGIN {mode}")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise self._translate(exc) from None

    def close(self) -> None:
        """Close the database file; the store cannot be used afterwards."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- the steps of DatabaseStore --

    def _writing(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._transaction("IMMEDIATE")

    def _reading(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._transaction("DEFERRED")

    @staticmethod
    def _version(conn: sqlite3.Connection, stream: str) -> int:
        row = conn.execute("SELECT version FROM streams WHERE name = ?", (stream,)).fetchone()
        return int(row[0]) if row is not None else 0

    def _locked_version(self, conn: sqlite3.Connection, stream: str) -> int:
        return self._version(conn, stream)  # BEGIN IMMEDIATE already holds the write lock

    def _rows(self, conn: sqlite3.Connection, stream: str) -> list[Row]:
        return conn.execute(
            "SELECT position, type, data, recorded_by, recorded_at, hash FROM events"
            " WHERE stream = ? ORDER BY position",
            (stream,),
        ).fetchall()

    def _start(self, conn: sqlite3.Connection, stream: str, version: int, expected: int) -> None:
        conn.execute("INSERT INTO streams (name, version) VALUES (?, ?)", (stream, version))

    def _move(self, conn: sqlite3.Connection, stream: str, version: int) -> None:
        conn.execute("UPDATE streams SET version = ? WHERE name = ?", (version, stream))

    def _insert(self, conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
        conn.executemany(
            "INSERT INTO events (stream, position, type, data, recorded_by, recorded_at, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    # -- reading --

    def streams(self) -> tuple[str, ...]:
        """The names of the streams that hold events, sorted."""
        with self._transaction("DEFERRED") as conn:
            return tuple(sorted(row[0] for row in conn.execute("SELECT name FROM streams")))

    def check(self) -> int:
        """Check the whole file (SQLite's integrity check, then every stream); events checked.

        Raises :class:`~cica_cbm.store.CorruptStoreError` on the first problem.
        """
        with self._transaction("DEFERRED") as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise CorruptStoreError(self.path, "; ".join(problems[:3]))
        return self._check_streams()

    def __repr__(self) -> str:
        return f"<SQLiteEventStore {self.path!r}>"
