"""An event store in a PostgreSQL database, through psycopg 3 (the ``postgres`` extra).

``PostgresEventStore("postgresql://cica@db.example/cica")`` keeps the same promises as
:class:`~cica_cbm.store.SQLiteEventStore` (the contract suite checks both), for several
machines writing to one server. Its tables live in one schema of the database, ``cica_cbm``
unless ``schema=`` says otherwise, created on first use; the database itself must exist.

Each append is one transaction: it locks the stream's row (``SELECT ... FOR UPDATE``, or a
new row whose primary key a rival cannot insert twice), checks the expected version, records
the batch on the stored procedure (:meth:`~cica_cbm.core.silence.SilenceProcedure.record`) and
writes it whole, or writes nothing. A reader sees one snapshot (``REPEATABLE READ``), so a
stream is never read half-written.

Durability: an append returns only after PostgreSQL has committed it, and with
``synchronous_commit`` on (PostgreSQL's default; the store turns it back on for its own
session if the server has it off) a commit is flushed to the server's write-ahead log first.
So a committed append survives the writer being killed, and the server crashing, as long as
the server keeps ``fsync = on`` (its default). A writer killed before the commit leaves
nothing: the server rolls its transaction back when the connection drops.

The schema (version 2), in the store's schema::

    schema_version(application TEXT, version INTEGER)   -- one row
    streams(name TEXT PRIMARY KEY, version INTEGER > 0)
    events(stream -> streams.name, position INTEGER > 0, type TEXT, data TEXT JSON,
           recorded_by TEXT, recorded_at TEXT, hash TEXT, PRIMARY KEY (stream, position))
    meta(key TEXT PRIMARY KEY, value TEXT)   -- "chain" if the store keeps one

``schema_version`` marks the schema as a cica_cbm store and holds its version; both are
checked on open. A schema holding other tables, or damaged, gives
:class:`~cica_cbm.store.CorruptStoreError`; a newer version gives
:class:`~cica_cbm.store.SchemaVersionError`; an older one is migrated on open, in one
transaction under an advisory lock (see ``MIGRATIONS``). A connection string that libpq cannot
read, or a server that cannot be reached, gives a one-line
:class:`~cica_cbm.store.StoreError` that names the connection string without its password.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any, ClassVar

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict
except ImportError as exc:  # pragma: no cover - the postgres extra is part of the test extra
    raise ModuleNotFoundError(
        "the PostgreSQL event store needs psycopg 3: pip install 'cica_cbm[postgres]'",
        name=exc.name,
    ) from exc

from ...core.errors import ConflictError, InvalidValueError
from ._base import (
    Codec,
    DatabaseStore,
    Row,
)
from .errors import CorruptStoreError, SchemaVersionError, StoreError

__all__ = [
    "APPLICATION",
    "DEFAULT_SCHEMA",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "PostgresEventStore",
    "redact",
]

APPLICATION = "cica_cbm event store"
"""What ``schema_version.application`` says in a cica_cbm store."""

SCHEMA_VERSION = 2
"""The schema version this release writes, kept in ``schema_version.version``."""

DEFAULT_SCHEMA = "cica_cbm"
"""The schema that holds the store's tables unless ``schema=`` names another."""

MIGRATIONS: Mapping[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE {schema}.streams ("
        " name TEXT NOT NULL PRIMARY KEY,"
        " version INTEGER NOT NULL CHECK (version > 0))",
        "CREATE TABLE {schema}.events ("
        " stream TEXT NOT NULL REFERENCES {schema}.streams (name),"
        " position INTEGER NOT NULL CHECK (position > 0),"
        " type TEXT NOT NULL,"
        " data TEXT NOT NULL,"
        " PRIMARY KEY (stream, position))",
    ),
    2: (
        "ALTER TABLE {schema}.events ADD COLUMN recorded_by TEXT,"
        " ADD COLUMN recorded_at TEXT, ADD COLUMN hash TEXT",
        "CREATE TABLE {schema}.meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)",
    ),
}
"""The statements that bring a schema from version ``n - 1`` to ``n``, by ``n``.

``{schema}`` stands for the store's schema, quoted as an identifier.
"""

_VERSION_TABLE = (
    "CREATE TABLE {schema}.schema_version ("
    " one BOOLEAN NOT NULL PRIMARY KEY DEFAULT TRUE CHECK (one),"
    " application TEXT NOT NULL,"
    " version INTEGER NOT NULL)"
)
# the same in every release: it is what an older release reads to refuse a newer schema

_TABLES = frozenset({"schema_version", "streams", "events", "meta"})
_CHAIN = "sha256"  # meta "chain": the hash of the chain the store keeps
_MAX_IDENTIFIER = 63  # bytes: PostgreSQL cuts longer names short (NAMEDATALEN - 1)

_URL_PASSWORD = re.compile(r"(?i)(postgres(?:ql)?://[^:@/]*:)[^@/]*(?=@)")
_KEY_PASSWORD = re.compile(r"(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&]*)")
_QUOTED = re.compile(r'"[^"]*"')
_AFTER_PASSWORD = re.compile(r"(?i)(\bpassword\s*=\s*).*")


def redact(dsn: str) -> str:
    """``dsn`` with any password in it replaced by ``***``, fit to print or log.

    >>> redact("postgresql://cica:s3cret@db.example:5432/cica")
    'postgresql://cica:***@db.example:5432/cica'
    >>> redact("host=db.example dbname=cica password='s3 cret'")
    'host=db.example dbname=cica password=***'
    """
    shown = _URL_PASSWORD.sub(r"\1***", dsn)
    return _KEY_PASSWORD.sub(r"\1***", shown)


def _has_password(dsn: str) -> bool:
    return redact(dsn) != dsn


def _one_line(message: str) -> str:
    """A libpq message on one line: its lines joined, its leading "connection failed: " cut."""
    lines = [" ".join(line.split()) for line in message.splitlines()]
    text = "; ".join(line for line in lines if line)
    for prefix in ("connection failed: ", "connection is bad: "):
        text = text.removeprefix(prefix)
    return text


def _check_schema(schema: object) -> str:
    if (
        not isinstance(schema, str)
        or not schema
        or len(schema.encode("utf-8")) > _MAX_IDENTIFIER
        or "\x00" in schema
        or schema.lower().startswith("pg_")
    ):
        raise InvalidValueError(
            "schema", schema, f"a schema name of 1 to {_MAX_IDENTIFIER} bytes, not starting pg_"
        )
    return schema


def _lock_key(schema: str) -> int:
    """The advisory lock that serializes setting up ``schema`` (a signed 64-bit number)."""
    digest = hashlib.blake2b(f"cica_cbm:{schema}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class PostgresEventStore(DatabaseStore[psycopg.Cursor[tuple[Any, ...]]]):
    """Streams of silence procedure events in a PostgreSQL database.

    ``dsn`` is a libpq connection string, ``postgresql://USER@HOST:PORT/DATABASE`` or
    ``"host=... dbname=..."`` (passwords are best kept in ``~/.pgpass`` or ``PGPASSWORD``).
    ``schema`` holds the store's tables, created on first use; ``create=False`` refuses a
    schema that is not a store yet instead of making one. ``timeout`` is how many seconds
    connecting, and an append waiting for another writer's lock, may take.

    One connection per store: safe to share between threads (they take turns), not between
    processes; a lost connection is opened again on the next call.
    """

    SCHEMA_VERSION: ClassVar[int] = SCHEMA_VERSION
    MIGRATIONS: ClassVar[Mapping[int, tuple[str, ...]]] = MIGRATIONS

    def __init__(
        self,
        dsn: str,
        *,
        schema: str = DEFAULT_SCHEMA,
        create: bool = True,
        timeout: float = 30.0,
        chain: bool | None = None,
    ) -> None:
        if chain is not None and not isinstance(chain, bool):
            raise InvalidValueError("chain", chain, "True, False or None (as the store says)")
        self._chain_asked = chain
        if not isinstance(dsn, str):
            raise InvalidValueError("dsn", dsn, "a PostgreSQL connection string")
        self.schema = _check_schema(schema)
        if (
            not isinstance(timeout, int | float)
            or isinstance(timeout, bool)
            or not 0 < timeout < math.inf
        ):
            raise InvalidValueError("timeout", timeout, "a number of seconds > 0")
        self.timeout = timeout
        self.dsn_shown = redact(dsn) or "(libpq's defaults)"
        """The connection string without its password."""
        self.where = (
            self.dsn_shown if schema == DEFAULT_SCHEMA else f"{self.dsn_shown} schema {schema}"
        )
        """How errors name the store: the connection string without its password, and the
        schema if it is not the default."""
        self._dsn = dsn
        self._codec = Codec()
        self._cache = {}
        self._lock = threading.RLock()
        self._queries = self._compose()
        self._closed = False
        self._conn: psycopg.Connection[tuple[Any, ...]] | None = self._connect()
        try:
            self._prepare(create)
        except BaseException:
            self.close()
            raise

    # -- connecting --

    def _connect(self) -> psycopg.Connection[tuple[Any, ...]]:
        try:
            params = conninfo_to_dict(self._dsn)
        except psycopg.Error as exc:
            reason, shown = _one_line(str(exc)), self.dsn_shown
            if _has_password(self._dsn):
                # libpq may quote a piece of the password, and may not have ended it where
                # its writer meant to: show nothing quoted, nor anything after "password"
                reason = _QUOTED.sub(lambda m: m[0] if m[0] == '"="' else '"..."', reason)
                shown = _AFTER_PASSWORD.sub(r"\1*** ...", shown)
            raise StoreError(
                shown,
                f"not a PostgreSQL connection string ({redact(reason)}); expected "
                "postgresql://USER@HOST:PORT/DATABASE or 'host=HOST dbname=DATABASE ...'",
            ) from None
        ports = str(params.get("port", "")).split(",")
        if "port" in params and not all(port.strip().isdigit() for port in ports):
            raise StoreError(
                self.dsn_shown,
                f"not a PostgreSQL connection string (port {params['port']!r} is not a number)",
            )
        extra: dict[str, Any] = {}
        if "connect_timeout" not in params and "PGCONNECT_TIMEOUT" not in os.environ:
            extra["connect_timeout"] = max(2, math.ceil(self.timeout))
        if "application_name" not in params and "PGAPPNAME" not in os.environ:
            extra["application_name"] = "cica_cbm"
        try:
            conn = psycopg.connect(self._dsn, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise StoreError(
                self.dsn_shown,
                f"cannot connect to the PostgreSQL server: {redact(_one_line(str(exc)))}",
            ) from None
        try:
            encoding = conn.execute("SHOW server_encoding").fetchone()
            if encoding is None or encoding[0] != "UTF8":
                raise StoreError(
                    self.dsn_shown,
                    f"the database's encoding is {encoding[0] if encoding else '?'}; the event "
                    "store needs a UTF8 database (CREATE DATABASE ... ENCODING 'UTF8')",
                )
            milliseconds = max(1, round(self.timeout * 1000))
            conn.execute("SELECT set_config('lock_timeout', %s, false)", (f"{milliseconds}ms",))
            durable = conn.execute("SHOW synchronous_commit").fetchone()
            if durable is not None and durable[0] == "off":
                conn.execute("SET synchronous_commit = on")
        except psycopg.Error as exc:
            conn.close()
            raise self._translate(exc) from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _compose(self) -> dict[str, sql.Composed]:
        statements = {
            "version": "SELECT version FROM {schema}.streams WHERE name = %s",
            "lock": "SELECT version FROM {schema}.streams WHERE name = %s FOR UPDATE",
            "create": "INSERT INTO {schema}.streams (name, version) VALUES (%s, %s)"
            " ON CONFLICT (name) DO NOTHING RETURNING name",
            "move": "UPDATE {schema}.streams SET version = %s WHERE name = %s",
            "insert": "INSERT INTO {schema}.events"
            " (stream, position, type, data, recorded_by, recorded_at, hash)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            "events": "SELECT position, type, data, recorded_by, recorded_at, hash"
            " FROM {schema}.events WHERE stream = %s ORDER BY position",
            "chain": "SELECT value FROM {schema}.meta WHERE key = 'chain'",
            "count": "SELECT count(*) FROM {schema}.streams",
            "set_chain": "INSERT INTO {schema}.meta (key, value) VALUES ('chain', %s)"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            "streams": "SELECT name FROM {schema}.streams",
            "marks": "SELECT application, version FROM {schema}.schema_version",
        }
        return {name: self._sql(text) for name, text in statements.items()}

    def _sql(self, text: str) -> sql.Composed:
        return sql.SQL(text).format(schema=sql.Identifier(self.schema))

    # -- opening --

    def _prepare(self, create: bool) -> None:
        """Check the schema's marks; set it up, or migrate it, under an advisory lock."""
        with self._transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_lock_key(self.schema),))
            found = self._classify(cur)
            if found == 0 and not create:
                raise StoreError(
                    self.where,
                    f"schema {self.schema!r} holds no event store yet; nothing was created",
                )
            if found < self.SCHEMA_VERSION:
                self._migrate(cur, found)
            missing = _TABLES - self._tables(cur)
            if missing:
                raise CorruptStoreError(
                    self.where,
                    f"damaged event store: table(s) {', '.join(sorted(missing))} missing",
                )
            self.chained = self._chain(cur)

    def _chain(self, cur: psycopg.Cursor[tuple[Any, ...]]) -> bool:
        """Whether the store keeps a hash chain: as its schema says; set only on a new store."""
        row = cur.execute(self._queries["chain"]).fetchone()
        kept = row is not None and row[0] == _CHAIN
        if self._chain_asked is False and kept:
            raise StoreError(
                self.where,
                "this store keeps a hash chain, which cannot be turned off (chain=False)",
            )
        if self._chain_asked and not kept:
            counted = cur.execute(self._queries["count"]).fetchone()
            if counted is not None and counted[0]:
                raise StoreError(
                    self.where,
                    "this store holds events without a hash chain; chain=True is for a new "
                    "store; nothing was changed",
                )
            cur.execute(self._queries["set_chain"], (_CHAIN,))
            kept = True
        return kept

    def _tables(self, cur: psycopg.Cursor[tuple[Any, ...]]) -> set[str]:
        cur.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
            (self.schema,),
        )
        return {row[0] for row in cur.fetchall()}

    def _classify(self, cur: psycopg.Cursor[tuple[Any, ...]]) -> int:
        """The schema version found; 0 for no tables yet; raise if it is not a store we read."""
        tables = self._tables(cur)
        if not tables:
            return 0
        if "schema_version" not in tables:
            shown = ", ".join(sorted(tables)[:5])
            raise CorruptStoreError(
                self.where,
                f"schema {self.schema!r} holds tables that are not a cica_cbm event store "
                f"({shown}); nothing was changed",
            )
        rows = cur.execute(self._queries["marks"]).fetchall()
        if len(rows) != 1 or rows[0][0] != APPLICATION or not isinstance(rows[0][1], int):
            raise CorruptStoreError(
                self.where,
                f"not a cica_cbm event store (schema_version holds {rows[:2]!r}, expected "
                f"{[(APPLICATION, self.SCHEMA_VERSION)]!r}); nothing was changed",
            )
        version: int = rows[0][1]
        if version > self.SCHEMA_VERSION:
            raise SchemaVersionError(self.where, version, self.SCHEMA_VERSION)
        if version < 1:
            raise CorruptStoreError(self.where, f"schema version {version} is not one we wrote")
        return version

    def _migrate(self, cur: psycopg.Cursor[tuple[Any, ...]], found: int) -> None:
        """Bring the schema from ``found`` to ``SCHEMA_VERSION`` (in the open's transaction)."""
        if found == 0:
            cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (self.schema,))
            if cur.fetchone() is None:  # asks for CREATE on the database only when needed
                cur.execute(self._sql("CREATE SCHEMA {schema}"))
            cur.execute(self._sql(_VERSION_TABLE))
            cur.execute(
                self._sql(
                    "INSERT INTO {schema}.schema_version (application, version) VALUES (%s, 0)"
                ),
                (APPLICATION,),
            )
        for version in range(found + 1, self.SCHEMA_VERSION + 1):
            for statement in self.MIGRATIONS[version]:
                cur.execute(self._sql(statement))
        cur.execute(
            self._sql("UPDATE {schema}.schema_version SET version = %s"), (self.SCHEMA_VERSION,)
        )

    # -- the connection --

    def _connection(self) -> psycopg.Connection[tuple[Any, ...]]:
        if self._closed:
            raise StoreError(self.where, "the store is closed")
        if self._conn is not None and self._conn.broken:
            self._conn.close()  # the server went away since the last call
            self._conn = None
        if self._conn is None:
            self._conn = self._connect()
        return self._conn

    @contextmanager
    def _transaction(self, *, snapshot: bool = False) -> Iterator[psycopg.Cursor[tuple[Any, ...]]]:
        """One transaction (a ``REPEATABLE READ`` read-only one with ``snapshot``)."""
        with self._lock:
            conn = self._connection()
            committing = False
            try:
                with conn.transaction(), conn.cursor() as cur:
                    if snapshot:
                        cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    yield cur
                    committing = True
            except psycopg.Error as exc:
                raise self._translate(exc, committing=committing) from None

    def _translate(self, exc: psycopg.Error, *, committing: bool = False) -> StoreError:
        message = redact(_one_line(str(exc)))
        if isinstance(exc, pg_errors.LockNotAvailable):
            return StoreError(
                self.where,
                f"the stream stayed locked for {self.timeout} s (another writer); "
                "nothing was written",
            )
        if isinstance(exc, pg_errors.UndefinedTable | pg_errors.InvalidSchemaName):
            return CorruptStoreError(
                self.where, f"damaged event store ({message}); nothing was written"
            )
        if isinstance(exc, psycopg.IntegrityError):
            return CorruptStoreError(
                self.where, f"the stored rows disagree with each other ({message})"
            )
        if self._conn is not None and self._conn.broken:
            if committing:
                return StoreError(
                    self.where,
                    f"lost the connection to the server while committing ({message}); the "
                    "append may or may not have been written: read the stream's version",
                )
            return StoreError(
                self.where, f"lost the connection to the server ({message}); nothing was written"
            )
        return StoreError(self.where, f"{message}; nothing was written")

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- the steps of DatabaseStore --

    def _writing(self) -> AbstractContextManager[psycopg.Cursor[tuple[Any, ...]]]:
        return self._transaction()

    def _reading(self) -> AbstractContextManager[psycopg.Cursor[tuple[Any, ...]]]:
        return self._transaction(snapshot=True)

    def _version(self, cur: psycopg.Cursor[tuple[Any, ...]], stream: str) -> int:
        row = cur.execute(self._queries["version"], (stream,)).fetchone()
        return int(row[0]) if row is not None else 0

    def _locked_version(self, cur: psycopg.Cursor[tuple[Any, ...]], stream: str) -> int:
        row = cur.execute(self._queries["lock"], (stream,)).fetchone()
        return int(row[0]) if row is not None else 0

    def _rows(self, cur: psycopg.Cursor[tuple[Any, ...]], stream: str) -> list[Row]:
        return cur.execute(self._queries["events"], (stream,)).fetchall()

    def _start(
        self, cur: psycopg.Cursor[tuple[Any, ...]], stream: str, version: int, expected: int
    ) -> None:
        # a rival creating the same stream holds the key: wait for it, then lose
        if cur.execute(self._queries["create"], (stream, version)).fetchone() is None:
            raise ConflictError(stream, expected, self._version(cur, stream))

    def _move(self, cur: psycopg.Cursor[tuple[Any, ...]], stream: str, version: int) -> None:
        cur.execute(self._queries["move"], (version, stream))

    def _insert(self, cur: psycopg.Cursor[tuple[Any, ...]], rows: list[tuple[Any, ...]]) -> None:
        cur.executemany(self._queries["insert"], rows)

    # -- reading --

    def streams(self) -> tuple[str, ...]:
        """The names of the streams that hold events, sorted."""
        with self._transaction(snapshot=True) as cur:
            rows = cur.execute(self._queries["streams"]).fetchall()
        return tuple(sorted(row[0] for row in rows))

    def check(self) -> int:
        """Read every stream back and rebuild its procedure; the number of events checked.

        Raises :class:`~cica_cbm.store.CorruptStoreError` on the first problem.
        """
        return self._check_streams()

    def __repr__(self) -> str:
        return f"<PostgresEventStore {self.where!r}>"
