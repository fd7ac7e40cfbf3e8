"""The command line: `cica-cbm demo` and `cica-cbm status FILE --at INSTANT [--json]`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import cica_cbm as cbm
from cica_cbm.edges.cli import main

GOLDEN = Path(__file__).parent / "golden"
AT_DEADLINE = "2024-01-12T00:00+06:00"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """The seed's procedure with an objection by India in time, saved with to_json."""
    proc = cbm.samples.nct_g_1501().object(
        by="IND", at=datetime(2024, 1, 10, 9, 30, tzinfo=UTC), text="We object."
    )
    path = tmp_path / "procedure.json"
    path.write_text(cbm.to_json(proc), encoding="utf-8")
    return path


def test_demo_prints_the_seeds_procedure_exactly_as_the_golden_file() -> None:
    code, out, err = run("demo")
    assert (code, err) == (0, "")
    assert out == (GOLDEN / "demo.txt").read_text(encoding="utf-8")


def test_demo_names_the_note_draft_coordinator_parties_deadline_and_outcome() -> None:
    out = run("demo")[1]
    assert "Note NCT/G/1501 of 13 December 2023, Astana" in out
    assert "with reference to Note NCT/G/778 of 16 June 2022" in out
    assert "priority area: New Challenges and Threats (general)" in out
    assert "coordinator: Republic of Türkiye (TUR)" in out
    assert "Parties (28):" in out
    parties = [
        line.split()[0]
        for line in out.splitlines()
        if line.startswith("  ") and line[2:5].isupper() and line[5:7] == "  "
    ]
    assert parties == sorted(cbm.samples.nct_g_1501().parties)
    assert "2024-01-12 00:00 Astana, UTC+0600 (2024-01-11 18:00 UTC)" in out
    assert "APPROVED" in out
    assert "[SILENCE-APPROVED]" in out
    assert "(Note NCT/G/1501 para 3)" in out


def test_the_module_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cica_cbm", "demo"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / "demo.txt").read_text(encoding="utf-8")


def test_status_evaluates_a_saved_procedure_at_an_instant(saved: Path) -> None:
    code, out, err = run("status", str(saved), "--at", AT_DEADLINE)
    assert (code, err) == (0, "")
    assert "SILENCE_BROKEN" in out
    assert "[SILENCE-BROKEN] IND raised an objection" in out
    code, before, _ = run("status", str(saved), "--at", "2024-01-10T09:29:59Z")
    assert code == 0
    assert "PENDING" in before


def test_status_as_json_is_the_outcome_document(saved: Path) -> None:
    code, out, err = run("status", str(saved), "--at", AT_DEADLINE, "--json")
    assert (code, err) == (0, "")
    proc = cbm.from_json(saved.read_text(encoding="utf-8"), cbm.SilenceProcedure)
    at = datetime.fromisoformat(AT_DEADLINE)
    assert cbm.from_json(out, cbm.Outcome) == proc.outcome(at=at)
    assert json.loads(out)["data"]["status"] == "silence_broken"


def _fails_with_one_line(argv: list[str], expected: str) -> None:
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert expected in err
    assert "Traceback" not in err


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _fails_with_one_line(
        ["status", str(tmp_path / "none.json"), "--at", AT_DEADLINE], "cannot read"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json", "not JSON"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b'{"format": "cica_cbm", "schema": 1, "type": "Note", "data": {}}', "$.type"),
        (b'{"format": "cica_cbm", "schema": 1, "type": "SilenceProcedure", "data": {}}', "$.data"),
        (b"[]", "envelope"),
    ],
)
def test_a_bad_file_is_one_line_and_exit_2(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    _fails_with_one_line(["status", str(path), "--at", AT_DEADLINE], expected)


@pytest.mark.parametrize(
    ("instant", "expected"),
    [("tomorrow", "not an ISO 8601 instant"), ("2024-01-12T00:00", "no offset"), ("", "--at")],
)
def test_a_bad_instant_is_one_line_and_exit_2(saved: Path, instant: str, expected: str) -> None:
    _fails_with_one_line(["status", str(saved), "--at", instant], expected)


@pytest.mark.parametrize("argv", [[], ["nope"], ["status"], ["status", "x.json"]])
def test_bad_usage_is_one_line_and_exit_2(argv: list[str]) -> None:
    code, _, err = run(*argv)
    assert code == 2
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_the_installed_program_fails_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cica_cbm", "status", str(path), "--at", AT_DEADLINE],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


# What a command's module brings with it: only the command chosen may load it.
HEAVY = (
    "sqlite3",
    "_sqlite3",
    "cica_cbm.store",
    "cica_cbm.edges.store",
    "cica_cbm.views",
    "cica_cbm.edges.cli.store",
    "cica_cbm.edges.cli.notes",
    "cica_cbm.edges.cli.timeline",
)


@pytest.mark.parametrize(
    ("argv", "runs"), [(["--help"], False), (["demo"], True)], ids=["--help", "demo"]
)
def test_help_and_demo_import_neither_sqlite3_nor_the_store_nor_the_views(
    argv: list[str], runs: bool
) -> None:
    """A fresh interpreter after ``main(argv)``: only the chosen command's module was loaded."""
    code = (
        "import contextlib, io, sys\n"
        "from cica_cbm.edges.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({argv!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted(m for m in sys.modules\n"
        "             if any(m == h or m.startswith(h + '.') for h in heavy)))\n"
        "print('cica_cbm.edges.cli.procedures' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.splitlines() == ["[]", str(runs)], result.stderr
