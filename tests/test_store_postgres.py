"""The PostgreSQL store against a real server: the contract, a killed writer, racing writers.

The server is the one ``CICA_CBM_TEST_POSTGRES`` names, a libpq URL such as
``postgresql://postgres@127.0.0.1:5432/cica_test`` (``. .ci/postgres.sh`` starts a throwaway
one and sets it). Without it these tests are skipped, except where ``CI=true``: there they
fail, so that CI never passes by skipping them. Each test works in a schema (or, for the
command line, a database) of its own, dropped afterwards.
"""

from __future__ import annotations

import json
import os
import pickle
import socket
import subprocess
import sys
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
from _store_processes import Lines, start
from hypothesis import settings
from hypothesis.stateful import run_state_machine_as_test
from test_store_crash import _kill, _numbers
from test_store_stateful import StoreMachine

import cica_cbm as cbm
from cica_cbm.edges.cli import main
from cica_cbm.edges.store import EventStore
from cica_cbm.edges.store.contract import EventStoreContract

if TYPE_CHECKING:
    import psycopg

    from cica_cbm.edges.store.postgres import PostgresEventStore

ENV = "CICA_CBM_TEST_POSTGRES"
STREAM = "NCT/G/1501"
DURING = datetime(2024, 1, 5, 9, 0, tzinfo=cbm.UTC)


def _unavailable(why: str) -> None:
    """Skip, or under CI=true fail: CI must run these tests, never skip them."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true, and {why}: CI must run the PostgreSQL tests", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="session")
def psycopg_module() -> Any:
    """psycopg, or a skip (a failure under CI=true) where it is not installed."""
    try:
        import psycopg
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[postgres]')")
    return psycopg


class Server:
    """The test server: fresh schemas and databases on it, and SQL run as its admin."""

    def __init__(self, dsn: str, psycopg_module: Any) -> None:
        self.dsn = dsn
        self.psycopg = psycopg_module

    def connect(self, dsn: str | None = None) -> psycopg.Connection[tuple[Any, ...]]:
        conn: psycopg.Connection[tuple[Any, ...]] = self.psycopg.connect(
            dsn or self.dsn, autocommit=True, connect_timeout=10
        )
        return conn

    def run(self, statement: str, params: tuple[Any, ...] = (), dsn: str | None = None) -> Any:
        """Run one statement as the test user; its rows, if it has any."""
        with self.connect(dsn) as conn:
            cur = conn.execute(statement.encode(), params)
            return cur.fetchall() if cur.description is not None else None

    @staticmethod
    def fresh_name(prefix: str = "t") -> str:
        return f"{prefix}_{uuid.uuid4().hex[:16]}"

    def drop_schemas(self, *names: str) -> None:
        for name in names:
            self.run(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')

    def with_database(self, name: str) -> str:
        """The test DSN pointed at database ``name``, as a postgresql:// URL."""
        if self.dsn.startswith(("postgresql://", "postgres://")):
            parts = urlsplit(self.dsn)
            return urlunsplit(parts._replace(path=f"/{name}"))
        from psycopg.conninfo import conninfo_to_dict

        return "postgresql://?" + urlencode({**conninfo_to_dict(self.dsn), "dbname": name})

    @property
    def password(self) -> str | None:
        from psycopg.conninfo import conninfo_to_dict

        value = conninfo_to_dict(self.dsn).get("password")
        return None if value is None else str(value)


@pytest.fixture(scope="session")
def server(psycopg_module: Any) -> Server:
    """The server ``CICA_CBM_TEST_POSTGRES`` names; a skip (or a CI failure) if none is."""
    dsn = os.environ.get(ENV, "")
    if not dsn:
        _unavailable(f"{ENV} is not set (. .ci/postgres.sh starts a server and sets it)")
    try:
        psycopg_module.connect(dsn, connect_timeout=10).close()
    except psycopg_module.Error as exc:
        pytest.fail(f"{ENV} names a server that cannot be reached: {exc}", pytrace=False)
    return Server(dsn, psycopg_module)


@pytest.fixture
def schema(server: Server) -> Iterator[str]:
    """A schema name no other test uses; dropped afterwards."""
    name = server.fresh_name()
    yield name
    server.drop_schemas(name)


@pytest.fixture
def database(server: Server) -> Iterator[str]:
    """A new, empty database of its own, as a postgresql:// URL; dropped afterwards."""
    name = server.fresh_name("cica_cli")
    server.run(f'CREATE DATABASE "{name}"')
    yield server.with_database(name)
    server.run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _store_class() -> type[PostgresEventStore]:
    from cica_cbm.edges.store.postgres import PostgresEventStore

    return PostgresEventStore


def _filled(server: Server, schema: str, comments: int = 3) -> cbm.SilenceProcedure:
    proc = cbm.samples.nct_g_1501()
    for i in range(comments):
        proc = proc.comment(by="CHN", at=DURING + timedelta(minutes=i), text=f"Comment {i}.")
    with _store_class()(server.dsn, schema=schema) as store:
        store.save(STREAM, proc, 0)
    return proc


# -- the contract --


class TestPostgresEventStore(EventStoreContract):
    """The PostgreSQL store, one schema per test directory, reopened through a new connection."""

    @pytest.fixture(autouse=True)
    def _schemas(self, server: Server) -> Iterator[None]:
        self.server = server
        self.schemas: dict[Path, str] = {}
        yield
        server.drop_schemas(*self.schemas.values())

    def make_store(self, directory: Path) -> EventStore:
        name = self.schemas.setdefault(directory, self.server.fresh_name())
        return _store_class()(self.server.dsn, schema=name)

    def reopen(self, store: EventStore, directory: Path) -> EventStore:
        return _store_class()(self.server.dsn, schema=self.schemas[directory], create=False)


def test_the_store_behaves_as_a_dict_of_lists(server: Server) -> None:
    """The stateful model of tests/test_store_stateful.py, run on the PostgreSQL store."""

    class PostgresStoreMachine(StoreMachine):
        schema = ""

        def make_store(self) -> EventStore:
            if not self.schema:
                self.schema = server.fresh_name()
            return _store_class()(server.dsn, schema=self.schema)

        def teardown(self) -> None:
            super().teardown()
            server.drop_schemas(self.schema)

    run_state_machine_as_test(
        PostgresStoreMachine, settings=settings(max_examples=10, stateful_step_count=25)
    )


# -- the schema --


def test_the_schema_is_created_on_first_use_with_its_marks(server: Server, schema: str) -> None:
    """A new schema gets the three tables and one schema_version row naming the store."""
    from cica_cbm.edges.store.postgres import APPLICATION, SCHEMA_VERSION

    assert server.run("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)) == []
    with _store_class()(server.dsn, schema=schema) as store:
        assert store.streams() == ()
    tables = server.run(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY 1", (schema,)
    )
    assert [row[0] for row in tables] == ["events", "meta", "schema_version", "streams"]
    marks = server.run(f'SELECT application, version FROM "{schema}".schema_version')
    assert marks == [(APPLICATION, SCHEMA_VERSION)]
    assert SCHEMA_VERSION == 2


def test_the_default_schema_is_cica_cbm(database: str, server: Server) -> None:
    """Without schema=, the tables go into the schema cica_cbm of the database named."""
    with _store_class()(database) as store:
        store.save(STREAM, cbm.samples.nct_g_1501(), 0)
        assert store.where == store.dsn_shown
    rows = server.run("SELECT name, version FROM cica_cbm.streams", dsn=database)
    assert rows == [(STREAM, 1)]


def test_without_create_an_empty_schema_is_an_error_and_nothing_is_created(
    server: Server, schema: str
) -> None:
    """``create=False`` never makes the schema nor its tables."""
    with pytest.raises(cbm.CbmError, match="holds no event store yet") as caught:
        _store_class()(server.dsn, schema=schema, create=False)
    assert schema in str(caught.value)
    assert server.run("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)) == []


def test_an_existing_empty_schema_becomes_a_store(server: Server, schema: str) -> None:
    """A schema made beforehand (say by the database's owner) is used as it is."""
    server.run(f'CREATE SCHEMA "{schema}"')
    with _store_class()(server.dsn, schema=schema) as store:
        assert store.append("s", cbm.samples.nct_g_1501().events, 0) == 1


def test_another_programs_tables_are_refused_and_left_alone(server: Server, schema: str) -> None:
    """A schema holding other tables is not mistaken for a store, nor changed."""
    from cica_cbm.edges.store import CorruptStoreError

    server.run(f'CREATE SCHEMA "{schema}"')
    server.run(f'CREATE TABLE "{schema}".streams (name TEXT, version INTEGER)')
    with pytest.raises(CorruptStoreError, match=r"not a cica_cbm event store \(streams\)"):
        _store_class()(server.dsn, schema=schema)
    tables = server.run("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,))
    assert tables == [("streams",)]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {s}.schema_version SET application = 'something else'",
        "DELETE FROM {s}.schema_version",
        "UPDATE {s}.schema_version SET version = 0",
    ],
)
def test_a_schema_version_table_that_is_not_ours_is_refused(
    server: Server, schema: str, statement: str
) -> None:
    """The marks must say cica_cbm and a version it wrote."""
    from cica_cbm.edges.store import CorruptStoreError

    _filled(server, schema)
    server.run(statement.format(s=f'"{schema}"'))
    with pytest.raises(CorruptStoreError):
        _store_class()(server.dsn, schema=schema)


def test_a_schema_from_a_newer_release_is_refused(server: Server, schema: str) -> None:
    """A schema version above this release's is a SchemaVersionError naming both versions."""
    from cica_cbm.edges.store import SchemaVersionError

    _filled(server, schema)
    server.run(f'UPDATE "{schema}".schema_version SET version = 7')
    with pytest.raises(SchemaVersionError, match="schema version 7") as caught:
        _store_class()(server.dsn, schema=schema)
    assert (caught.value.found, caught.value.supported) == (7, 2)
    assert schema in str(caught.value)


def test_a_store_missing_a_table_is_corrupt(server: Server, schema: str) -> None:
    """A store whose events table is gone is damaged, not empty."""
    from cica_cbm.edges.store import CorruptStoreError

    _filled(server, schema)
    server.run(f'DROP TABLE "{schema}".events')
    with pytest.raises(CorruptStoreError, match="events missing"):
        _store_class()(server.dsn, schema=schema)


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("UPDATE {s}.events SET data = '{{not json' WHERE position = 2", "event 2 cannot be read"),
        ("UPDATE {s}.events SET data = '[1, 2]' WHERE position = 3", "event 3 cannot be read"),
        (
            "UPDATE {s}.events SET data = replace(data, '\"at\"', '\"when\"') WHERE position = 2",
            "event 2 cannot be read",
        ),
        ("UPDATE {s}.events SET type = 'ObjectionRaised' WHERE position = 2", "filed as"),
        ("DELETE FROM {s}.events WHERE position = 3", "holds 3 events"),
        ("UPDATE {s}.streams SET version = 9", "version 9"),
        (
            "UPDATE {s}.events SET data = replace(data, 'CHN', 'USA') WHERE position = 2",
            "no longer a valid SilenceProcedure",
        ),
    ],
)
def test_a_tampered_stream_is_a_clear_error_never_a_silent_loss(
    server: Server, schema: str, statement: str, problem: str
) -> None:
    """Rows changed behind the store's back are reported when the stream is read."""
    from cica_cbm.edges.store import CorruptStoreError

    _filled(server, schema)
    server.run(statement.format(s=f'"{schema}"'))
    with _store_class()(server.dsn, schema=schema) as store:
        with pytest.raises(CorruptStoreError, match=problem):
            store.load(STREAM)
        with pytest.raises(CorruptStoreError):
            store.check()


def test_check_counts_every_event(server: Server, schema: str) -> None:
    """check() reads every stream back and rebuilds its procedure."""
    proc = _filled(server, schema, comments=4)
    with _store_class()(server.dsn, schema=schema) as store:
        store.save("other", cbm.samples.nct_g_1501(), 0)
        assert store.check() == len(proc) + 1


def _version_two() -> type[PostgresEventStore]:
    """A store of a future release, version 3 (named for the step it adds to today's)."""
    from cica_cbm.edges.store.postgres import MIGRATIONS as TODAY

    class VersionThree(_store_class()):  # type: ignore[misc]
        """A store of a future release whose schema version 3 adds an index."""

        SCHEMA_VERSION: ClassVar[int] = 3
        MIGRATIONS: ClassVar[Mapping[int, tuple[str, ...]]] = {
            **TODAY,
            3: ("CREATE INDEX events_by_type ON {schema}.events (type)",),
        }

    return VersionThree


def test_an_older_schema_is_migrated_on_open_and_keeps_every_event(
    server: Server, schema: str
) -> None:
    """Opening a version 2 schema with a version 3 release runs the missing step."""
    from cica_cbm.edges.store import SchemaVersionError

    proc = _filled(server, schema)
    with _version_two()(server.dsn, schema=schema) as store:
        assert store.load(STREAM) == proc
    assert server.run(f'SELECT version FROM "{schema}".schema_version') == [(3,)]
    indexes = server.run("SELECT indexname FROM pg_indexes WHERE schemaname = %s", (schema,))
    assert ("events_by_type",) in indexes
    with pytest.raises(SchemaVersionError):
        _store_class()(server.dsn, schema=schema)


def test_a_new_schema_of_a_later_release_is_built_by_every_step(
    server: Server, schema: str
) -> None:
    """A new schema runs every migration from 1 up."""
    with _version_two()(server.dsn, schema=schema) as store:
        store.save("s", cbm.samples.nct_g_1501(), 0)
        assert store.version("s") == 1
    assert server.run(f'SELECT version FROM "{schema}".schema_version') == [(3,)]


def test_stores_opening_one_new_schema_at_once_set_it_up_once(server: Server, schema: str) -> None:
    """Four threads open the same new schema together: the advisory lock lets one build it."""
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            barrier.wait(timeout=30)
            _store_class()(server.dsn, schema=schema).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(server.run(f'SELECT * FROM "{schema}".schema_version')) == 1


@pytest.mark.parametrize("schema_name", ["", "pg_mine", "x" * 64, 7])
def test_bad_schema_names_are_refused_before_connecting(
    psycopg_module: Any, schema_name: Any
) -> None:
    """A schema name is 1 to 63 bytes and not one of PostgreSQL's own (pg_...)."""
    with pytest.raises(cbm.InvalidValueError, match="schema"):
        _store_class()("postgresql://127.0.0.1:1/none", schema=schema_name)


@pytest.mark.parametrize("timeout", [0, -1, float("inf"), float("nan"), "5", True])
def test_bad_timeouts_are_refused_before_connecting(psycopg_module: Any, timeout: Any) -> None:
    """The timeout is a finite number of seconds above zero."""
    with pytest.raises(cbm.InvalidValueError, match="timeout"):
        _store_class()("postgresql://127.0.0.1:1/none", timeout=timeout)


def test_a_database_not_in_utf8_is_refused(server: Server) -> None:
    """Event text is Unicode: a LATIN1 database is refused with a clear error."""
    from cica_cbm.edges.store import StoreError

    name = server.fresh_name("cica_latin1")
    server.run(
        f"CREATE DATABASE \"{name}\" ENCODING 'LATIN1' TEMPLATE template0"
        " LC_COLLATE 'C' LC_CTYPE 'C'"
    )
    try:
        with pytest.raises(StoreError, match="encoding is LATIN1"):
            _store_class()(server.with_database(name))
    finally:
        server.run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- the connection --


def test_a_closed_store_refuses_to_work(server: Server, schema: str) -> None:
    """After close(), every operation is a StoreError; closing again is harmless."""
    from cica_cbm.edges.store import StoreError

    store = _store_class()(server.dsn, schema=schema)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.version("s")


def test_commits_are_durable_even_if_the_server_says_otherwise(server: Server, schema: str) -> None:
    """synchronous_commit = off for the connection is turned back on by the store."""
    from psycopg.conninfo import make_conninfo

    dsn = make_conninfo(server.dsn, options="-c synchronous_commit=off")
    assert server.run("SHOW synchronous_commit", dsn=dsn) == [("off",)]
    with _store_class()(dsn, schema=schema) as store:
        assert store._connection().execute("SHOW synchronous_commit").fetchone() == ("on",)


def test_a_writer_that_waits_too_long_gets_a_clear_error_and_writes_nothing(
    server: Server, schema: str
) -> None:
    """While another transaction holds the stream's row, an append gives up cleanly."""
    from cica_cbm.edges.store import StoreError

    _filled(server, schema, comments=0)
    with server.connect() as blocker:
        blocker.autocommit = False
        blocker.execute(
            f'SELECT * FROM "{schema}".streams WHERE name = %s FOR UPDATE'.encode(), (STREAM,)
        )
        with _store_class()(server.dsn, schema=schema, timeout=0.2) as store:
            event = cbm.CommentSubmitted(at=DURING, by="IND", text="Blocked.")
            with pytest.raises(StoreError, match="locked") as caught:
                store.append(STREAM, [event], 1)
            assert "nothing was written" in str(caught.value)
        blocker.rollback()
    with _store_class()(server.dsn, schema=schema) as store:
        assert store.version(STREAM) == 1


def test_a_lost_connection_is_an_error_then_opened_again(server: Server, schema: str) -> None:
    """The server ends the session: that call fails clearly, the next one reconnects."""
    from cica_cbm.edges.store import StoreError

    proc = _filled(server, schema)
    with _store_class()(server.dsn, schema=schema) as store:
        pid = store._connection().info.backend_pid
        server.run("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StoreError, match="lost the connection"):
            store.version(STREAM)
        assert store.load(STREAM) == proc
        assert store._connection().info.backend_pid != pid


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_an_unreachable_server_is_one_line_naming_the_dsn_without_its_password(
    psycopg_module: Any,
) -> None:
    """Nothing listens on the port: a one-line StoreError, the password masked."""
    from cica_cbm.edges.store import StoreError

    dsn = f"postgresql://cica:hunter2@127.0.0.1:{_closed_port()}/cica"
    with pytest.raises(StoreError) as caught:
        _store_class()(dsn, timeout=2)
    message = str(caught.value)
    assert isinstance(caught.value, cbm.CbmError)
    assert "\n" not in message
    assert "hunter2" not in message
    assert message.startswith(f"postgresql://cica:***@127.0.0.1:{dsn.split(':')[-1]}: ")
    assert "cannot connect to the PostgreSQL server" in message
    assert "Connection refused" in message


@pytest.mark.parametrize(
    "dsn",
    [
        "postgresql://cica:hunter2@[::1/cica",
        "host=localhost password=hunter2 oops",
        "host=localhost password='hunter2",
        "host=localhost password=hunter2 port=notaport",
        "postgresql://cica:hunter2@localhost:notaport/cica",
        "postgresql://cica@localhost/cica?password=hunter2&nonsense=1",
        "nonsense",
    ],
)
def test_a_bad_dsn_is_one_line_naming_it_without_its_password(
    psycopg_module: Any, dsn: str
) -> None:
    """A string libpq refuses: a one-line StoreError that never shows the password."""
    from cica_cbm.edges.store import StoreError

    with pytest.raises(StoreError) as caught:
        _store_class()(dsn, timeout=2)
    message = str(caught.value)
    assert "\n" not in message
    assert "hunter2" not in message
    assert message.startswith(dsn.split("hunter2")[0].rstrip("'"))
    assert "not a PostgreSQL connection string" in message


def test_redact_hides_passwords_in_both_forms(psycopg_module: Any) -> None:
    """URLs, key=value strings and URL query parameters all lose their password."""
    from cica_cbm.edges.store.postgres import redact

    assert redact("postgres://u:p%40ss@h/d") == "postgres://u:***@h/d"
    assert redact("postgresql://u@h/d?password=x&sslmode=require") == (
        "postgresql://u@h/d?password=***&sslmode=require"
    )
    assert redact("host=h PASSWORD = 'a \\' b' dbname=d") == "host=h PASSWORD = *** dbname=d"
    assert redact("postgresql://u@h:5432/d") == "postgresql://u@h:5432/d"


# -- the edge: psycopg only when asked for --


def test_importing_the_store_packages_does_not_import_psycopg() -> None:
    """Neither store path loads psycopg on import; both offer ``PostgresEventStore`` lazily."""
    code = (
        "import sys, cica_cbm, cica_cbm.store, cica_cbm.edges.store as edge; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'psycopg' "
        "or m == 'cica_cbm.edges.store.postgres')); "
        "print(['PostgresEventStore' in dir(m) for m in (cica_cbm.store, edge)]); "
        "print(['PostgresEventStore' in m.__all__ for m in (cica_cbm.store, edge)]); "
        "from cica_cbm.store import *; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'psycopg'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split("\n")[:4] == ["[]", "[True, True]", "[False, False]", "[]"]


def test_the_store_class_is_reached_through_both_packages(psycopg_module: Any) -> None:
    """``PostgresEventStore`` of cica_cbm.edges.store and cica_cbm.store is the module's."""
    import cica_cbm.edges.store
    import cica_cbm.store
    from cica_cbm.edges.store.postgres import PostgresEventStore
    from cica_cbm.store import PostgresEventStore as Stable

    assert cica_cbm.edges.store.PostgresEventStore is PostgresEventStore
    assert cica_cbm.store.PostgresEventStore is PostgresEventStore
    assert Stable is PostgresEventStore
    with pytest.raises(AttributeError, match="NoSuchStore"):
        _ = cica_cbm.edges.store.NoSuchStore
    with pytest.raises(AttributeError, match="NoSuchStore"):
        _ = cica_cbm.store.NoSuchStore


def test_without_psycopg_the_cli_says_what_to_install() -> None:
    """--db postgresql://... where psycopg is missing: one line naming the extra, exit 2."""
    code = (
        "import sys; sys.modules['psycopg'] = None; "
        "from cica_cbm.edges.cli import main; "
        "sys.exit(main(['--db', 'postgresql://cica:hunter2@localhost/cica', 'streams']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "cica_cbm[postgres]" in result.stderr
    assert "hunter2" not in result.stderr


def test_store_errors_keep_their_fields_through_pickle(psycopg_module: Any) -> None:
    """The connection error crosses process boundaries (the errors are the SQLite store's)."""
    from cica_cbm.edges.store import StoreError

    with pytest.raises(StoreError) as caught:
        _store_class()(f"postgresql://127.0.0.1:{_closed_port()}/x", timeout=2)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (type(again), str(again)) == (StoreError, str(caught.value))


# -- the command line --


def run(*argv: str) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_cli_works_on_a_postgresql_url(server: Server, database: str) -> None:
    """--db postgresql://... opens, records on and reads a stream in that database."""
    from cica_cbm.edges.store.postgres import redact

    code, out, err = run("--db", database, "open", "--sample")
    assert (code, err) == (0, "")
    assert f"Stored in {redact(database)} as stream '{STREAM}', version 1." in out
    if server.password:
        assert server.password not in out
    code, out, err = run(
        "--db",
        database,
        "comment",
        STREAM,
        "--by",
        "CHN",
        "--at",
        "2024-01-05T10:00+06:00",
        "--text",
        "A suggestion.",
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"{STREAM} v2: comment by CHN")
    code, out, err = run("--db", database, "streams")
    assert (code, out, err) == (0, f"{STREAM}\tversion 2\n", "")
    # the postgres:// spelling names the same database
    alias = "postgres://" + database.removeprefix("postgresql://")
    code, out, err = run("--db", alias, "status", STREAM, "--at", "2024-01-20T00:00+06:00")
    assert (code, err) == (0, "")
    assert "APPROVED" in out
    with _store_class()(database, create=False) as store:
        assert [type(e).__name__ for e in store.read(STREAM)] == [
            "ProcedureOpened",
            "CommentSubmitted",
        ]


def test_the_cli_refuses_bad_input_on_postgresql_and_writes_nothing(
    server: Server, database: str
) -> None:
    """A refused objection, and a command before open: one line, exit 2, nothing written."""
    code, out, err = run("--db", database, "streams")
    assert code == 2
    assert err.count("\n") == 1
    assert "holds no event store yet" in err
    assert server.run("SELECT 1 FROM pg_namespace WHERE nspname = 'cica_cbm'", dsn=database) == []
    assert run("--db", database, "open", "--sample")[0] == 0
    code, out, err = run(
        "--db",
        database,
        "object",
        STREAM,
        "--by",
        "USA",
        "--at",
        "2024-01-05T10:00Z",
        "--text",
        "No.",
    )
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert server.run("SELECT count(*) FROM cica_cbm.events", dsn=database) == [(1,)]


def test_the_cli_names_an_unreachable_server_without_its_password(psycopg_module: Any) -> None:
    """One line on stderr, exit 2, the password masked."""
    db = f"postgresql://cica:hunter2@127.0.0.1:{_closed_port()}/cica"
    code, out, err = run("--db", db, "streams")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "cica:***@127.0.0.1" in err
    assert "hunter2" not in err


# -- a writer killed mid-stream (as tests/test_store_crash.py does to the SQLite store) --

# The writer appends batches of SIZE comments, numbered on from what the stream holds, and
# says "begin N" before and "done N" after each append. With PAUSE_AT >= 0 it stops for a
# minute in the middle of writing that batch's rows (inside the transaction) and says "inside".
WRITER = """
import os, sys, time
from datetime import datetime, timedelta, timezone
from cica_cbm.core.silence import CommentSubmitted
from cica_cbm.edges.store.postgres import PostgresEventStore

dsn, schema, stream = sys.argv[1:4]
size, pause_at = int(sys.argv[4]), int(sys.argv[5])


class Writer(PostgresEventStore):
    pausing = False

    def _insert(self, cur, rows):
        if not self.pausing:
            return super()._insert(cur, rows)
        super()._insert(cur, rows[: len(rows) // 2])
        os.write(1, b"inside\\n")
        time.sleep(60)
        super()._insert(cur, rows[len(rows) // 2 :])


store = Writer(dsn, schema=schema, create=False)
version = store.version(stream)
number = (version - 1) // size
start = datetime(2023, 12, 20, tzinfo=timezone.utc)
while True:
    batch = [
        CommentSubmitted(at=start + timedelta(seconds=number), by="CHN", text=f"{number}:{j}")
        for j in range(size)
    ]
    store.pausing = number == pause_at
    os.write(1, f"begin {number}\\n".encode())
    version = store.append(stream, batch, version)
    os.write(1, f"done {number}\\n".encode())
    number += 1
"""


def _batches(server: Server, schema: str, size: int) -> dict[int, list[int]]:
    """The batches in the stream: batch number -> the comment numbers, in stream order."""
    with _store_class()(server.dsn, schema=schema, create=False) as store:
        assert store.check() == store.version(STREAM)
        proc = store.load(STREAM)
    found: dict[int, list[int]] = defaultdict(list)
    for event in proc.events[1:]:
        assert isinstance(event, cbm.CommentSubmitted)
        number, item = event.text.split(":")
        found[int(number)].append(int(item))
    assert len(proc) == 1 + size * len(found)
    return found


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_writer_killed_many_times_loses_nothing_committed_and_leaves_no_partial_batch(
    server: Server, schema: str
) -> None:
    """Three writers, each killed as it begins an append, after many appends."""
    size = 25
    _filled(server, schema, comments=0)
    done: set[int] = set()
    begun: set[int] = set()
    for kill_at in (30, 55, 80):
        lines = Lines(start(WRITER, server.dsn, schema, STREAM, str(size), "-1"))
        lines.until(f"begin {kill_at}".__eq__)
        printed = _kill(lines)
        done |= _numbers(printed, "done")
        begun |= _numbers(printed, "begin")
        found = _batches(server, schema, size)
        # no committed batch lost; every batch whole and in order; only batches begun
        assert done <= set(found) <= begun
        assert all(items == list(range(size)) for items in found.values())
        assert sorted(found) == list(range(len(found)))
    assert len(found) >= 80


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_writer_killed_inside_its_transaction_leaves_no_trace_of_that_batch(
    server: Server, schema: str
) -> None:
    """Killed after writing half a batch's rows, the writer leaves the three batches before."""
    size = 10
    _filled(server, schema, comments=0)
    lines = Lines(start(WRITER, server.dsn, schema, STREAM, str(size), "3"))
    lines.until("inside".__eq__)
    printed = _kill(lines)
    assert _numbers(printed, "done") == {0, 1, 2}
    assert _batches(server, schema, size).keys() == {0, 1, 2}
    # the server rolled the dead writer's transaction back and let its row lock go
    with _store_class()(server.dsn, schema=schema, create=False, timeout=10) as store:
        event = cbm.CommentSubmitted(at=cbm.samples.nct_g_1501().deadline, by="IND", text="x")
        assert store.append(STREAM, [event], 1 + 3 * size) == 2 + 3 * size


# -- racing writers (as tests/test_store_concurrency.py does to the SQLite store) --

WORKERS = ("CHN", "IND", "KAZ", "TUR")
EACH = 20

# A worker appends EACH comments of its own, one per append, each at the version it has just
# read, and retries on ConflictError. Before its first append it waits until all workers have
# read the same version (a barrier of files), so the first round is a real race: one wins,
# three lose. It prints how many conflicts it saw.
WORKER = """
import json, os, sys, time
from datetime import datetime, timedelta, timezone
from cica_cbm.core.errors import ConflictError
from cica_cbm.core.silence import CommentSubmitted
from cica_cbm.edges.store.postgres import PostgresEventStore

dsn, schema, stream, me, each, barrier, workers = sys.argv[1:8]
each, workers = int(each), int(workers)
store = PostgresEventStore(dsn, schema=schema, create=False)
start = datetime(2023, 12, 20, tzinfo=timezone.utc)
conflicts = 0
for i in range(each):
    event = CommentSubmitted(at=start + timedelta(minutes=i), by=me, text=f"{me} {i}")
    while True:
        version = store.version(stream)
        if i == 0 and conflicts == 0:
            open(os.path.join(barrier, me), "w").close()
            deadline = time.monotonic() + 60
            while len(os.listdir(barrier)) < workers and time.monotonic() < deadline:
                time.sleep(0.005)
        try:
            store.append(stream, [event], version)
        except ConflictError as exc:
            assert exc.expected == version and exc.actual > version
            conflicts += 1
        else:
            break
print(json.dumps({"worker": me, "conflicts": conflicts}))
"""


def _race(server: Server, schema: str, barrier: Path) -> list[dict[str, Any]]:
    runs = [
        Lines(
            start(
                WORKER,
                server.dsn,
                schema,
                STREAM,
                code,
                str(EACH),
                str(barrier),
                str(len(WORKERS)),
            )
        )
        for code in WORKERS
    ]
    reports = []
    for run_ in runs:
        printed = run_.finish()
        assert run_.process.returncode == 0, run_.stderr
        reports.append(json.loads(printed[-1]))
    return reports


def test_four_processes_appending_to_one_stream_land_every_event_exactly_once(
    server: Server, schema: str, tmp_path: Path
) -> None:
    """After the race, the stream holds the opening and each worker's comments once each."""
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    _filled(server, schema, comments=0)
    reports = _race(server, schema, barrier)
    with _store_class()(server.dsn, schema=schema, create=False) as store:
        proc = store.load(STREAM)
        assert store.version(STREAM) == 1 + len(WORKERS) * EACH
    comments = [e for e in proc.events if isinstance(e, cbm.CommentSubmitted)]
    assert len(comments) == len(proc) - 1
    texts = Counter(e.text for e in comments)
    assert texts == Counter(f"{code} {i}" for code in WORKERS for i in range(EACH))
    for code in WORKERS:
        mine = [e.text for e in comments if e.by == code]
        assert mine == [f"{code} {i}" for i in range(EACH)]
    # the first round alone has one winner and three losers
    assert sum(report["conflicts"] for report in reports) >= len(WORKERS) - 1
    assert {report["worker"] for report in reports} == set(WORKERS)


def test_rivals_opening_the_same_new_stream_one_wins_the_others_conflict(
    server: Server, schema: str
) -> None:
    """Several stores append an opening at version 0 together: one lands, the rest conflict."""
    _store_class()(server.dsn, schema=schema).close()
    barrier = threading.Barrier(4)
    outcomes: list[object] = []

    def open_it() -> None:
        with _store_class()(server.dsn, schema=schema) as store:
            barrier.wait(timeout=30)
            try:
                outcomes.append(store.append("new", cbm.samples.nct_g_1501().events, 0))
            except cbm.ConflictError as exc:
                outcomes.append((exc.expected, exc.actual))

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes, key=repr) == [(0, 1), (0, 1), (0, 1), 1]


def test_records_and_the_hash_chain_on_a_server(server: Server, schema: str) -> None:
    """Who and when are kept; a chained schema names the first row changed behind its back."""
    from datetime import UTC, datetime

    from cica_cbm.edges.store import StoreError

    at = datetime(2024, 1, 5, 9, 0, tzinfo=UTC)
    with _store_class()(server.dsn, schema=schema, chain=True) as store:
        proc = cbm.samples.nct_g_1501()
        for i in range(3):
            proc = proc.comment(by="CHN", at=at, text=f"Comment {i}.")
        store.save(STREAM, proc, 0, recorded_by="desk", recorded_at=at)
        records = store.records(STREAM)
        assert [(r.recorded_by, r.recorded_at) for r in records] == [("desk", at)] * 4
        assert store.verify(STREAM).ok
    server.run(
        f"UPDATE \"{schema}\".events SET data = replace(data, 'Comment 1', 'Comment 9')"
        " WHERE position = 3"
    )
    with _store_class()(server.dsn, schema=schema) as store:
        assert store.chained
        report = store.verify(STREAM)
        assert (report.ok, report.first_bad) == (False, 3)
    with pytest.raises(StoreError, match="cannot be turned off"):
        _store_class()(server.dsn, schema=schema, chain=False)
