"""The ``cica-cbm note`` commands: render a saved procedure's note, parse a note's text."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import cica_cbm as cbm
from cica_cbm.edges.cli import main

SEED_NOTE = cbm.samples.nct_g_1501_note()


GOLDEN = Path(__file__).resolve().parent / "golden"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def saved(tmp_path: Path, proc: cbm.SilenceProcedure) -> Path:
    path = tmp_path / "procedure.json"
    path.write_text(cbm.to_json(proc), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_note_render_writes_the_saved_procedures_note_in_one_language(
    saved: Path, lang: str
) -> None:
    code, out, err = run("note", "render", str(saved), "--lang", lang)
    assert (code, err) == (0, "")
    assert out == (GOLDEN / f"note_placement.{lang}.md").read_text(encoding="utf-8")


def test_note_render_without_a_language_writes_every_version(
    saved: Path, proc: cbm.SilenceProcedure
) -> None:
    code, out, _ = run("note", "render", str(saved))
    assert code == 0
    assert out == cbm.render_note(SEED_NOTE)


def test_note_render_also_takes_a_saved_note(tmp_path: Path, proc: cbm.SilenceProcedure) -> None:
    path = tmp_path / "note.json"
    path.write_text(cbm.to_json(SEED_NOTE), encoding="utf-8")
    code, out, _ = run("note", "render", str(path), "--lang", "ru")
    assert code == 0
    assert out == cbm.render_note(SEED_NOTE, "ru")


def test_note_parse_prints_the_note_as_json(tmp_path: Path, proc: cbm.SilenceProcedure) -> None:
    path = tmp_path / "note.md"
    path.write_text(cbm.render_note(SEED_NOTE), encoding="utf-8")
    code, out, err = run("note", "parse", str(path))
    assert (code, err) == (0, "")
    assert cbm.from_json(out, cbm.Note) == SEED_NOTE
    assert json.loads(out)["data"]["notice"]["deadline"] == "2024-01-11"


def test_note_parse_reads_the_seed_file_as_it_is(proc: cbm.SilenceProcedure) -> None:
    code, out, _ = run("note", "parse", str(GOLDEN / "nct_g_1501.seed.txt"))
    assert code == 0
    assert cbm.from_json(out, cbm.Note) == SEED_NOTE


def test_note_parse_takes_the_number_and_languages_a_kazakh_version_lacks(
    proc: cbm.SilenceProcedure,
) -> None:
    path = str(GOLDEN / "note_placement.kk.md")
    code, out, _ = run("note", "parse", path, "--number", "NCT/G/1501", "--languages", "en,ru,kk")
    assert code == 0
    assert cbm.from_json(out, cbm.Note) == SEED_NOTE


def one_error_line(code: int, out: str, err: str) -> str:
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    return err


def test_a_missing_file_gives_one_line_and_exit_code_2(tmp_path: Path) -> None:
    err = one_error_line(*run("note", "parse", str(tmp_path / "absent.md")))
    assert "cannot read" in err


def test_a_file_that_is_not_utf8_gives_one_line_and_exit_code_2(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(b"\xff\xfe\x00note")
    err = one_error_line(*run("note", "parse", str(path)))
    assert "not UTF-8" in err


def test_a_malformed_note_gives_one_line_naming_the_missing_part(
    tmp_path: Path, proc: cbm.SilenceProcedure
) -> None:
    path = tmp_path / "note.md"
    text = cbm.render_note(SEED_NOTE, "en").replace("**№NCT/G/1501**", "")
    path.write_text(text, encoding="utf-8")
    err = one_error_line(*run("note", "parse", str(path)))
    assert "number" in err


def test_render_of_a_file_that_is_not_a_saved_procedure_gives_exit_code_2(tmp_path: Path) -> None:
    path = tmp_path / "procedure.json"
    path.write_text("not json", encoding="utf-8")
    one_error_line(*run("note", "render", str(path)))
    path.write_text('{"format": "cica_cbm", "schema": 1, "type": "SilenceProcedure"}', "utf-8")
    one_error_line(*run("note", "render", str(path)))


def test_render_in_an_unknown_language_is_a_usage_error(saved: Path) -> None:
    one_error_line(*run("note", "render", str(saved), "--lang", "fr"))
