"""The command line as a working tool: save, export, read stores and stdin, echo, help, errors.

``demo --save``, ``--db DB export``, ``--db DB timeline`` and ``--db DB note render``, ``-`` as
FILE, the refusal of a repeated act, the echo after an act, ``--help`` of every command, and bad
input (one escaped line, exit 2) including bytes that are not UTF-8.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import cica_cbm as cbm
from cica_cbm.edges.cli import main
from cica_cbm.edges.cli.app import COMMANDS, build_parser
from cica_cbm.edges.store import SQLiteEventStore
from cica_cbm.views.note_text import render_note
from cica_cbm.views.timeline import timeline_svg

ROOT = Path(__file__).resolve().parent.parent
SEED = cbm.samples.nct_g_1501()
STREAM = "NCT/G/1501"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def ok(*argv: str) -> str:
    code, out, err = run(*argv)
    assert (code, err) == (0, ""), err
    return out


def fails(*argv: str) -> str:
    """Run a command that must fail: exit 2, nothing on stdout, one line on stderr."""
    code, out, err = run(*argv)
    assert (code, out) == (2, ""), (code, out, err)
    assert err.startswith("error: ")
    assert err.count("\n") == 1, err
    assert err.endswith("\n"), err
    assert "Traceback" not in err
    return err


def stored(db: Path) -> dict[str, tuple[cbm.Event, ...]]:
    with SQLiteEventStore(db, create=False) as store:
        return {name: store.read(name) for name in store.streams()}


def cli(
    *argv: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``python -m cica_cbm ARGV`` in a fresh process, bytes in and out."""
    return subprocess.run(
        [sys.executable, "-m", "cica_cbm", *argv],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store holding the seed's procedure and a comment by China."""
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
        "A wording.",
    )
    return path


def story() -> cbm.SilenceProcedure:
    """The procedure the ``db`` fixture holds."""
    return SEED.comment(by="CHN", at=datetime(2024, 1, 5, 10, tzinfo=cbm.ASTANA), text="A wording.")


# -- demo --save --


def test_demo_save_writes_the_seeds_procedure_as_the_json_status_reads(tmp_path: Path) -> None:
    path = tmp_path / "procedure.json"
    out = ok("demo", "--save", str(path))
    assert f"to {path}" in out
    assert cbm.from_json(path.read_text(encoding="utf-8"), cbm.SilenceProcedure) == SEED
    assert "APPROVED" in ok("status", str(path), "--at", "2024-01-12T00:00+06:00")


def test_demo_save_dash_writes_only_the_json_to_stdout() -> None:
    out = ok("demo", "--save", "-")
    assert cbm.from_json(out, cbm.SilenceProcedure) == SEED


def test_demo_save_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    assert "cannot write" in fails("demo", "--save", str(tmp_path / "no" / "such.json"))


# -- export --


def test_export_writes_the_stored_procedure_to_stdout(db: Path) -> None:
    assert cbm.from_json(ok("--db", str(db), "export", STREAM), cbm.SilenceProcedure) == story()
    dash = ok("--db", str(db), "export", STREAM, "-o", "-")
    assert cbm.from_json(dash, cbm.SilenceProcedure) == story()


def test_export_to_a_file_round_trips_through_open_and_status(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "stored.json"
    out = ok("--db", str(db), "export", STREAM, "-o", str(path))
    assert out == f"Exported stream {STREAM!r} (2 events) to {path}.\n"
    assert cbm.from_json(path.read_text(encoding="utf-8"), cbm.SilenceProcedure) == story()
    ok("--db", str(db), "open", "--procedure", str(path), "--stream", "copy")
    assert stored(db)["copy"] == stored(db)[STREAM]


def test_export_of_an_unknown_stream_or_without_db_is_refused(db: Path) -> None:
    fails("--db", str(db), "export", "nope")
    assert "--db" in fails("export", STREAM)


# -- --db for timeline and note render --


def test_timeline_draws_a_stored_stream(db: Path, tmp_path: Path) -> None:
    svg = tmp_path / "stored.svg"
    ok("--db", str(db), "timeline", STREAM, "--svg", str(svg))
    assert svg.read_text(encoding="utf-8") == timeline_svg(story(), None) + "\n"
    assert ok("--db", str(db), "timeline", STREAM, "--svg", "-") == timeline_svg(story()) + "\n"


def test_note_render_renders_a_stored_streams_note(db: Path) -> None:
    assert SEED.note is not None
    assert ok("--db", str(db), "note", "render", STREAM, "--lang", "ru") == render_note(
        SEED.note, "ru"
    )


def test_timeline_and_note_render_of_an_unknown_stream_are_one_line(db: Path) -> None:
    fails("--db", str(db), "timeline", "nope", "--svg", "-")
    fails("--db", str(db), "note", "render", "nope")


def test_commands_that_read_no_store_refuse_db(db: Path) -> None:
    assert "leave out --db" in fails("--db", str(db), "demo")
    assert "leave out --db" in fails("--db", str(db), "note", "parse", "note.md")


# -- '-' reads standard input --


def test_status_timeline_and_note_render_read_stdin() -> None:
    saved = cbm.to_json(SEED).encode()
    result = cli("status", "-", "--at", "2024-01-12T00:00+06:00", stdin=saved)
    assert result.returncode == 0, result.stderr
    assert b"APPROVED" in result.stdout
    result = cli("timeline", "-", "--svg", "-", stdin=saved)
    assert result.stdout.decode() == timeline_svg(SEED) + "\n"
    result = cli("note", "render", "-", "--lang", "en", stdin=saved)
    assert SEED.note is not None
    assert result.stdout.decode() == render_note(SEED.note, "en")


def test_open_procedure_reads_stdin(tmp_path: Path) -> None:
    db = tmp_path / "cica.db"
    result = cli("--db", str(db), "open", "--procedure", "-", stdin=cbm.to_json(SEED).encode())
    assert result.returncode == 0, result.stderr
    assert stored(db) == {STREAM: SEED.events}


def test_stdin_that_is_not_utf8_is_one_clear_line() -> None:
    result = cli("status", "-", "--at", "2024-01-12T00:00+06:00", stdin=b"\xff\xfe{}")
    assert result.returncode == 2
    assert result.stderr == b"error: standard input: not UTF-8 text\n"


def test_export_piped_into_status() -> None:
    """What the README shows: ``--db DB export STREAM | cica-cbm status - --at ...``."""
    exported = cli("demo", "--save", "-").stdout
    result = cli("status", "-", "--at", "2024-02-01T00:00Z", "--json", stdin=exported)
    assert cbm.from_json(result.stdout.decode(), cbm.Outcome).status is cbm.Status.APPROVED


# -- a repeated act --


@pytest.mark.parametrize(
    "act",
    [
        ("object", STREAM, "--by", "IND", "--at", "2024-01-10T09:30Z", "--text", "No."),
        ("comment", STREAM, "--by", "KAZ", "--at", "2024-01-06T10:00+06:00", "--text", "Yes."),
        ("amend", STREAM, "--by", "KAZ", "--at", "2024-01-06T10:00+06:00", "--text", "II.2."),
    ],
    ids=lambda act: act[0],
)
def test_a_repeated_act_is_refused_and_nothing_is_stored(db: Path, act: tuple[str, ...]) -> None:
    ok("--db", str(db), *act)
    before = stored(db)
    err = fails("--db", str(db), *act)
    assert "already holds this act as v3" in err
    assert "nothing recorded" in err
    assert stored(db) == before


def test_the_same_instant_in_another_zone_is_the_same_act(db: Path) -> None:
    ok(
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
    fails(
        "--db",
        str(db),
        "object",
        STREAM,
        "--by",
        "IND",
        "--at",
        "2024-01-10T15:30+06:00",
        "--text",
        "No.",
    )


def test_acts_that_differ_in_text_or_instant_are_both_stored(db: Path) -> None:
    base = ("object", STREAM, "--by", "IND", "--at", "2024-01-10T09:30Z", "--text")
    ok("--db", str(db), *base, "No.")
    ok("--db", str(db), *base, "No!")
    ok(
        "--db",
        str(db),
        "object",
        STREAM,
        "--by",
        "IND",
        "--at",
        "2024-01-10T09:31Z",
        "--text",
        "No.",
    )
    assert len(stored(db)[STREAM]) == 5


# -- the echo: the effect, and the status now --

NOW = "Status now, at the latest instant on record, "


@pytest.mark.parametrize(
    ("act", "effect", "status"),
    [
        (
            ("comment", "--by", "KAZ", "--at", "2024-01-06T10:00+06:00", "--text", "Yes."),
            "in time",
            "pending",
        ),
        (
            ("object", "--by", "IND", "--at", "2024-01-10T09:30Z", "--text", "No."),
            "breaks the silence",
            "silence_broken",
        ),
        (
            ("object", "--by", "IND", "--at", "2024-01-20T09:30Z", "--text", "Too late."),
            "late: no effect",
            "approved",
        ),
        (
            ("extend", "--to", "2024-01-25", "--at", "2024-01-08T10:00+06:00"),
            "extends the deadline",
            "pending",
        ),
        (
            ("withdraw", "--at", "2024-01-07T10:00+06:00", "--reason", "A new draft."),
            "withdraws",
            "withdrawn",
        ),
    ],
    ids=["comment", "objection", "late objection", "extension", "withdrawal"],
)
def test_the_echo_gives_the_acts_effect_and_the_status_now(
    db: Path, act: tuple[str, ...], effect: str, status: str
) -> None:
    out = ok("--db", str(db), act[0], STREAM, *act[1:])
    first, second = out.splitlines()
    assert first.startswith(f"{STREAM} v3: ")
    assert first.endswith(f" ({effect})")
    at = datetime.fromisoformat(act[act.index("--at") + 1])
    assert second.startswith(NOW)
    assert f"({at.astimezone(cbm.UTC):%Y-%m-%d %H:%M} UTC)" in second
    assert second.endswith(f": {status}")


def test_an_act_earlier_than_the_record_reports_the_status_at_the_latest_event(db: Path) -> None:
    ok(
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
    out = ok(
        "--db",
        str(db),
        "comment",
        STREAM,
        "--by",
        "KAZ",
        "--at",
        "2024-01-06T10:00Z",
        "--text",
        "Earlier.",
    )
    first, second = out.splitlines()
    assert first.endswith("(in time)")
    # now is the objection's instant, not the comment's: the silence is broken
    assert second == (
        f"{NOW}2024-01-10 15:30 Astana, UTC+0600 (2024-01-10 09:30 UTC): silence_broken"
    )


def test_a_deadline_brought_forward_is_described_not_an_assertion_error() -> None:
    """A stream opened from another body's procedure may hold one (``events`` lists it)."""
    from cica_cbm.edges.cli.store import _describe

    at = datetime(2020, 4, 1, 12, tzinfo=cbm.UTC)
    event = cbm.DeadlineBroughtForward(at=at, to=cbm.Deadline.of(at, "UTC", at))
    assert _describe(event).startswith("deadline brought forward to ")


# -- --help --


def _subparsers() -> dict[str, object]:
    import argparse

    parser = build_parser()
    found: dict[str, object] = {"": parser}
    pending = [("", parser)]
    while pending:
        prefix, current = pending.pop()
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    key = f"{prefix} {name}".strip()
                    found[key] = sub
                    pending.append((key, sub))
    return found


PARSERS = _subparsers()


@pytest.mark.parametrize("command", sorted(PARSERS), ids=lambda c: c or "cica-cbm")
def test_help_says_what_a_command_does_and_shows_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main([*command.split(), "--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    usage, _, rest = text.partition("\n\n")
    assert usage.startswith("usage: cica-cbm")
    assert rest.strip()[0].isupper()  # the description: a sentence
    assert "\nexamples:\n" in text
    examples = text.split("\nexamples:\n", 1)[1].splitlines()
    assert examples
    assert all(line.startswith("  cica-cbm ") for line in examples)
    if command:  # the first example runs the command itself
        assert f" {command.split()[-1]} " in f"{examples[0]} "


def test_every_example_in_help_is_a_valid_command_line() -> None:
    """Each example parses (the part before a pipe or a redirection)."""
    lines: list[str] = []
    for parser in PARSERS.values():
        epilog = getattr(parser, "epilog", None) or ""
        lines += [line.strip() for line in epilog.splitlines() if line.startswith("  cica-cbm ")]
    for part in [p for line in lines for p in line.split("|")]:
        argv = shlex.split(part.split(">")[0])
        assert argv[0] == "cica-cbm", part
        build_parser().parse_args(argv[1:])
    assert len(lines) >= len(COMMANDS) + 3


# -- bad input: one line, escaped --


def test_a_newline_in_a_file_name_stays_escaped_on_one_line(tmp_path: Path) -> None:
    err = fails("status", str(tmp_path / "a\nb.json"), "--at", "2024-01-12T00:00Z")
    assert "a\\nb.json" in err


def test_control_characters_in_a_stream_name_are_escaped(db: Path) -> None:
    err = fails("--db", str(db), "status", "x\x1b[31m\ny", "--at", "2024-01-12T00:00Z")
    assert "\x1b" not in err
    assert "\\x1b" in err


@pytest.mark.parametrize(
    "argv",
    [
        ("status", "x.json", "--at", "2024-01-12\n00:00Z"),
        ("frob\nnicate",),
        ("demo", "--unknown\u2028option"),
        ("note", "render", "x.json", "--lang", "r\nu"),
    ],
    ids=["instant", "command", "option", "choice"],
)
def test_what_the_user_typed_never_breaks_the_error_line(argv: tuple[str, ...]) -> None:
    err = fails(*argv)
    assert "\u2028" not in err


def test_an_argument_that_is_not_utf8_is_one_clear_line(db: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cica_cbm",
            "--db",
            os.fsencode(db),
            "comment",
            STREAM.encode(),
            b"--by",
            b"CHN",
            b"--at",
            b"2024-01-05T11:00Z",
            b"--text",
            b"caf\xe9",
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == b"error: argument 10 is not UTF-8 text: b'caf\\xe9'\n"
    assert len(stored(db)[STREAM]) == 2


def test_a_file_that_is_not_utf8_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"caf\xe9": 1}')
    for argv in (
        ("status", str(path), "--at", "2024-01-12T00:00Z"),
        ("timeline", str(path), "--svg", "-"),
        ("note", "render", str(path)),
        ("note", "parse", str(path)),
    ):
        assert "not UTF-8 text" in fails(*argv)


# -- the README's command line, run as written --


def readme_commands() -> list[str]:
    """The lines of the README's command-line block, as a reader would paste them."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The command line\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block[1].splitlines() if line.startswith("cica-cbm ")]


def test_the_readme_shows_the_command_line() -> None:
    commands = readme_commands()
    assert commands[1].startswith("cica-cbm demo --save procedure.json")
    shown = {shlex.split(line.split("|")[0], comments=True)[1] for line in commands}
    assert {"demo", "status", "timeline", "note", "--db"} <= shown


def test_the_readmes_commands_run_as_written(tmp_path: Path) -> None:
    """Each line of the README's block, in a shell, in an empty folder, after demo --save."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    program = bin_dir / "cica-cbm"
    program.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m cica_cbm "$@"\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    first = subprocess.run(
        ["cica-cbm", "demo", "--save", "procedure.json"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert first.stderr == b""
    for line in readme_commands():
        result = subprocess.run(
            ["/bin/sh", "-c", line],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert (result.returncode, result.stderr) == (0, ""), f"{line}\n{result.stderr}"
    assert {"procedure.json", "procedure.svg", "cica.db", "stored.svg", "stored.json"} <= {
        p.name for p in work.iterdir()
    }
