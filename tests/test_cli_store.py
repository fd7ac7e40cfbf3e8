"""The command line on an event store: ``cica-cbm --db FILE ...``."""

from __future__ import annotations

import io
import json
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.edges.cli import main
from cica_cbm.edges.store import SQLiteEventStore
from cica_cbm.edges.strategies import instants

SEED = cbm.samples.nct_g_1501()
STREAM = "NCT/G/1501"


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command line; exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def ok(*argv: str) -> str:
    """Run a command that must succeed; its stdout."""
    code, out, err = run(*argv)
    assert (code, err) == (0, ""), err
    return out


def stored(db: Path) -> dict[str, tuple[cbm.Event, ...]]:
    """Every stream in the file and its events."""
    with SQLiteEventStore(db, create=False) as store:
        return {name: store.read(name) for name in store.streams()}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store holding the seed's procedure with one comment."""
    path = tmp_path / "cica.db"
    ok("--db", str(path), "open", "--sample")
    ok(
        "--db",
        str(path),
        "comment",
        STREAM,
        "--by",
        "CHN",
        "--at",
        "2024-01-05T10:00+06:00",
        "--text",
        "A suggestion.",
    )
    return path


def test_a_session_from_an_empty_file_to_an_approved_draft(tmp_path: Path) -> None:
    """Open, comment, extend, and the status after the new deadline is approved."""
    path = str(tmp_path / "new.db")
    out = ok("--db", path, "open", "--sample")
    assert f"stream '{STREAM}', version 1" in out
    assert "Note NCT/G/1501 of 13 December 2023" in out
    out = ok(
        "--db",
        path,
        "comment",
        STREAM,
        "--by",
        "CHN",
        "--at",
        "2024-01-05T10:00+06:00",
        "--text",
        "Suggest a wording.",
    )
    assert out.startswith(f"{STREAM} v2: comment by CHN")
    assert out.rstrip().endswith("pending")
    ok(
        "--db",
        path,
        "extend",
        STREAM,
        "--to",
        "2024-01-25",
        "--at",
        "2024-01-08T10:00+06:00",
        "--note",
        "NCT/G/1600",
    )
    before = ok("--db", path, "status", STREAM, "--at", "2024-01-20T00:00+06:00")
    assert "PENDING" in before
    after = ok("--db", path, "status", STREAM, "--at", "2024-01-26T00:00+06:00")
    assert "APPROVED (decided: 2024-01-26 00:00 Astana" in after
    assert "no objection by 25 January 2024" in after
    timeline = ok("--db", path, "events", STREAM)
    assert "3 events" in timeline
    assert "v3  2024-01-08 10:00 Astana" in timeline
    assert "extended by Note NCT/G/1600 to no later than 25 January 2024" in timeline


def test_an_objection_in_time_breaks_the_silence_on_record(db: Path) -> None:
    """An objection recorded through the command line is the stored, decisive event."""
    out = ok(
        "--db",
        str(db),
        "object",
        STREAM,
        "--by",
        "IND",
        "--at",
        "2024-01-10T09:30Z",
        "--text",
        "No.",
    )
    assert out.rstrip().endswith("silence_broken")
    status = json.loads(
        ok("--db", str(db), "status", STREAM, "--at", "2024-02-01T00:00Z", "--json")
    )
    assert status["data"]["status"] == "silence_broken"
    assert stored(db)[STREAM][-1] == cbm.ObjectionRaised(
        at=datetime(2024, 1, 10, 9, 30, tzinfo=cbm.UTC), by="IND", text="No."
    )


def test_amendments_and_withdrawals_are_recorded(db: Path) -> None:
    """The amend and withdraw commands append their events."""
    ok(
        "--db",
        str(db),
        "amend",
        STREAM,
        "--by",
        "KAZ",
        "--at",
        "2024-01-06T10:00+06:00",
        "--text",
        "Replace II.2.",
    )
    out = ok(
        "--db",
        str(db),
        "withdraw",
        STREAM,
        "--at",
        "2024-01-07T10:00+06:00",
        "--reason",
        "A revised draft follows.",
        "--note",
        "NCT/G/1610",
    )
    assert "withdrawn by Note NCT/G/1610" in out
    assert out.rstrip().endswith("withdrawn")
    kinds = [type(e).__name__ for e in stored(db)[STREAM]]
    assert kinds == [
        "ProcedureOpened",
        "CommentSubmitted",
        "AmendmentProposed",
        "ProcedureWithdrawn",
    ]


def test_the_timeline_as_json_gives_back_the_stored_events(db: Path) -> None:
    """The events --json command lists each event with its version, in the library's JSON form."""
    rows = json.loads(ok("--db", str(db), "events", STREAM, "--json"))
    converter = cbm.make_converter()
    events: list[cbm.Event] = [
        converter.structure(row["event"], cbm.Event)  # type: ignore[arg-type]
        for row in rows
    ]
    assert [row["version"] for row in rows] == [1, 2]
    assert tuple(events) == stored(db)[STREAM]


def test_streams_lists_the_stored_procedures(db: Path, tmp_path: Path) -> None:
    """The streams command prints each stream with its version."""
    ok("--db", str(db), "open", "--sample", "--stream", "copy")
    assert ok("--db", str(db), "streams").splitlines() == [
        f"{STREAM}\tversion 2",
        "copy\tversion 1",
    ]
    empty = tmp_path / "empty.db"
    SQLiteEventStore(empty).close()
    assert ok("--db", str(empty), "streams") == "(no procedures stored yet)\n"


def test_a_procedure_saved_as_json_is_opened_with_all_its_events(tmp_path: Path) -> None:
    """The open --procedure command stores every event of a file written by to_json."""
    proc = SEED.comment(by="CHN", at=datetime(2024, 1, 3, tzinfo=cbm.UTC), text="x").object(
        by="IND", at=datetime(2024, 1, 4, tzinfo=cbm.UTC), text="y"
    )
    saved = tmp_path / "proc.json"
    saved.write_text(cbm.to_json(proc), encoding="utf-8")
    db = tmp_path / "cica.db"
    ok("--db", str(db), "open", "--procedure", str(saved), "--stream", "saved")
    assert stored(db) == {"saved": proc.events}


def test_a_new_procedure_is_opened_from_a_saved_note_and_draft(tmp_path: Path) -> None:
    """The open --note --draft --deadline command builds what SilenceProcedure.open builds."""
    note, draft = tmp_path / "note.json", tmp_path / "draft.json"
    note.write_text(cbm.to_json(SEED.note), encoding="utf-8")
    draft.write_text(cbm.to_json(SEED.draft), encoding="utf-8")
    db = tmp_path / "cica.db"
    ok(
        "--db",
        str(db),
        "open",
        "--note",
        str(note),
        "--draft",
        str(draft),
        "--deadline",
        "2024-01-11",
        "--requested-by",
        "TUR",
    )
    assert stored(db) == {STREAM: SEED.events}
    ok(
        "--db",
        str(db),
        "open",
        "--note",
        str(note),
        "--draft",
        str(draft),
        "--stream",
        "strict",
        "--deadline",
        "2024-01-11T12:00+06:00",
        "--policy",
        "CICA strict",
        "--at",
        "2023-12-14T09:00Z",
    )
    with SQLiteEventStore(db, create=False) as store:
        strict = store.load("strict")
    assert strict.policy == cbm.CICA_STRICT
    assert strict.opened_at == datetime(2023, 12, 14, 9, 0, tzinfo=cbm.UTC)


def test_status_of_a_json_file_still_works_without_db(tmp_path: Path) -> None:
    """Without --db, status reads a file written by to_json, as before."""
    saved = tmp_path / "proc.json"
    saved.write_text(cbm.to_json(SEED), encoding="utf-8")
    assert "APPROVED" in ok("status", str(saved), "--at", "2024-02-01T00:00Z")


# -- bad input: one line, exit 2, nothing written --

BAD_ON_A_STORE = [
    ("object", STREAM, "--by", "USA", "--at", "2024-01-05T10:00Z", "--text", "No."),
    ("object", STREAM, "--by", "XYZ", "--at", "2024-01-05T10:00Z", "--text", "No."),
    (
        "comment",
        STREAM,
        "--by",
        "IND",
        "--at",
        "2024-01-05T10:00Z",
        "--text",
        "x",
        "--sent-by",
        "CHN",
    ),
    ("comment", STREAM, "--by", "IND", "--at", "2024-01-05T10:00", "--text", "naive"),
    ("comment", STREAM, "--by", "IND", "--at", "tomorrow", "--text", "x"),
    ("comment", STREAM, "--by", "IND", "--at", "2023-12-01T10:00Z", "--text", "before opening"),
    ("comment", STREAM, "--by", "IND", "--at", "2024-01-05T10:00Z"),
    ("comment", "no such stream", "--by", "IND", "--at", "2024-01-05T10:00Z", "--text", "x"),
    ("comment", " padded", "--by", "IND", "--at", "2024-01-05T10:00Z", "--text", "x"),
    ("extend", STREAM, "--to", "2024-01-02", "--at", "2024-01-01T10:00Z"),
    ("extend", STREAM, "--to", "soon", "--at", "2024-01-01T10:00Z"),
    ("extend", STREAM, "--to", "2024-01-25T10:00", "--at", "2024-01-01T10:00Z"),
    ("extend", STREAM, "--to", "2024-01-25", "--at", "2024-01-20T10:00Z"),
    ("extend", STREAM, "--to", "2024-01-25", "--at", "2024-01-01T10:00Z", "--note", "1501"),
    ("withdraw", STREAM, "--at", "2024-01-20T10:00Z", "--reason", "after approval"),
    ("status", "no such stream", "--at", "2024-01-20T10:00Z"),
    ("status", STREAM, "--at", "noon"),
    ("events", "no such stream"),
    ("open", "--sample"),
    ("open", "--sample", "--deadline", "2024-01-11"),
    # a note opens a CICA procedure: another body's policy is not among the choices
    (
        "open",
        "--note",
        "note.json",
        "--draft",
        "d.json",
        "--deadline",
        "2024-01-11",
        "--policy",
        "OSCE",
    ),
    ("open", "--note", "note.json"),
    ("open", "--procedure", "missing.json", "--stream", "x"),
    ("open", "--sample", "--stream", ""),
    ("open",),
    ("frobnicate",),
]


@pytest.mark.parametrize("argv", BAD_ON_A_STORE, ids=lambda argv: " ".join(argv)[:60])
def test_bad_input_is_one_line_exit_2_and_nothing_written(db: Path, argv: tuple[str, ...]) -> None:
    """Each bad command prints one error line, exits 2 and leaves the store as it was."""
    before = stored(db)
    code, out, err = run("--db", str(db), *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert stored(db) == before


def test_without_db_a_store_command_is_refused(tmp_path: Path) -> None:
    """The store's commands need --db before them."""
    code, _, err = run("comment", STREAM, "--by", "IND", "--at", "2024-01-05T10:00Z", "--text", "x")
    assert code == 2
    assert "--db FILE" in err


def test_a_missing_database_is_not_created_by_a_bad_command(tmp_path: Path) -> None:
    """Recording on a file that does not exist refuses, and creates no file."""
    path = tmp_path / "missing.db"
    code, _, err = run(
        "--db",
        str(path),
        "comment",
        STREAM,
        "--by",
        "IND",
        "--at",
        "2024-01-05T10:00Z",
        "--text",
        "x",
    )
    assert code == 2
    assert "no such database file" in err
    assert not path.exists()


def test_a_refused_opening_does_not_create_the_database(tmp_path: Path) -> None:
    """An open with a bad saved procedure fails before the file is made."""
    saved = tmp_path / "proc.json"
    saved.write_text(
        '{"format": "cica_cbm", "schema": 1, "type": "SilenceProcedure", "data": {"events": []}}',
        encoding="utf-8",
    )
    path = tmp_path / "cica.db"
    code, _, err = run("--db", str(path), "open", "--procedure", str(saved))
    assert code == 2
    assert err.count("\n") == 1
    assert not path.exists()


def test_a_foreign_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    """--db naming a file that is not a store gives one clear line and changes nothing."""
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 50, encoding="utf-8")
    code, _, err = run("--db", str(path), "open", "--sample")
    assert code == 2
    assert "not an event store" in err
    assert path.read_text(encoding="utf-8") == "not a database\n" * 50


@settings(max_examples=15, deadline=None)
@given(
    acts=st.lists(
        st.tuples(
            st.sampled_from(["comment", "object", "amend"]),
            st.sampled_from(["CHN", "IND", "TUR", "USA", "JPN"]),
            instants(start=SEED.opening.at - timedelta(days=3), span=timedelta(days=50)),
        ),
        max_size=5,
    )
)
def test_the_store_holds_what_the_library_accepts_and_nothing_else(
    acts: list[tuple[str, str, datetime]],
) -> None:
    """Whatever is typed, the stream equals the procedure the library builds from it.

    (Less the repeats: an act already on record is refused by the command line.)
    """
    with tempfile.TemporaryDirectory() as directory:
        db = str(Path(directory) / "cica.db")
        ok("--db", db, "open", "--sample")
        model = SEED
        for act, by, at in acts:
            code, _, _ = run(
                "--db",
                db,
                act,
                STREAM,
                "--by",
                by,
                "--at",
                at.isoformat(),
                "--text",
                f"{act} by {by}",
            )
            try:
                acted = getattr(model, act)(by=by, at=at, text=f"{act} by {by}")
            except cbm.CbmError:
                assert code == 2
                continue
            if acted.events[-1] in model.events:  # the same act typed twice: refused
                assert code == 2
            else:
                assert code == 0
                model = acted
        assert stored(Path(db)) == {STREAM: model.events}


# -- who recorded it, and the hash chain --


def test_acts_keep_who_recorded_them_and_the_edges_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--recorded-by is kept; without it, the acting party, or the body's Secretariat."""
    import sqlite3 as raw
    from datetime import UTC

    from cica_cbm.edges.cli import store as commands

    clock = datetime(2024, 1, 5, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(commands, "_now", lambda: clock)
    db = str(tmp_path / "cica.db")
    assert main(["--db", db, "open", "--sample"], out=io.StringIO()) == 0
    argv = ["--db", db, "comment", "NCT/G/1501", "--by", "CHN", "--at", "2024-01-05T10:00+06:00"]
    assert main([*argv, "--text", "One."], out=io.StringIO()) == 0
    assert main([*argv, "--text", "Two.", "--recorded-by", "desk 3"], out=io.StringIO()) == 0
    with SQLiteEventStore(db) as store:
        records = store.records("NCT/G/1501")
    assert [r.recorded_by for r in records] == ["CICA Secretariat", "CHN", "desk 3"]
    assert {r.recorded_at for r in records} == {clock}
    err = io.StringIO()
    assert main([*argv, "--text", "Three.", "--recorded-by", " "], err=err) == 2
    assert "recorded_by" in err.getvalue()
    conn = raw.connect(db)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 3
    conn.close()


def test_verify_names_the_first_tampered_event(tmp_path: Path) -> None:
    """verify: exit 0 on an intact chain, 1 naming the version someone changed."""
    import sqlite3 as raw

    db = tmp_path / "cica.db"
    SQLiteEventStore(db, chain=True).close()
    assert main(["--db", str(db), "open", "--sample"], out=io.StringIO()) == 0
    argv = ["--db", str(db), "comment", "NCT/G/1501", "--by", "CHN", "--text", "x"]
    for hour in (10, 11, 12):
        assert main([*argv, "--at", f"2024-01-05T{hour}:00+06:00"], out=io.StringIO()) == 0
    out = io.StringIO()
    assert main(["--db", str(db), "verify", "NCT/G/1501"], out=out) == 0
    assert "4 events, hash chain intact" in out.getvalue()
    conn = raw.connect(db, isolation_level=None)
    conn.execute("UPDATE events SET data = replace(data, '\"x\"', '\"y\"') WHERE position = 3")
    conn.close()
    out = io.StringIO()
    assert main(["--db", str(db), "verify", "NCT/G/1501"], out=out) == 1
    assert "event 3 fails the hash chain" in out.getvalue()
    err = io.StringIO()
    assert main(["--db", str(db), "verify", "nothing"], err=err) == 2
    assert "nothing" in err.getvalue()
