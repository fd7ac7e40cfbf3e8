"""``cica-cbm timeline FILE --svg OUT.svg [--mermaid OUT.mmd] [--at INSTANT]``."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

import cica_cbm as cbm
from cica_cbm.edges.cli import main
from cica_cbm.views.diagram import state_diagram
from cica_cbm.views.timeline import timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def saved(tmp_path: Path, proc: cbm.SilenceProcedure) -> tuple[Path, cbm.SilenceProcedure]:
    story = proc.comment(
        by="CHN", at=datetime(2024, 1, 5, 10, tzinfo=cbm.ASTANA), text="a comment"
    ).object(by="IND", at=datetime(2024, 1, 10, tzinfo=cbm.ASTANA), text="an objection")
    path = tmp_path / "proc.json"
    path.write_text(cbm.to_json(story), encoding="utf-8")
    return path, story


def test_timeline_writes_the_svg_of_the_saved_procedure(
    saved: tuple[Path, cbm.SilenceProcedure], tmp_path: Path
) -> None:
    """The file holds the same SVG the library draws, and it parses."""
    path, story = saved
    out_svg = tmp_path / "out.svg"
    code, out, err = _run("timeline", str(path), "--svg", str(out_svg))
    assert (code, out, err) == (0, "", "")
    text = out_svg.read_text(encoding="utf-8")
    assert text == timeline_svg(story) + "\n"
    labels = [t.text or "" for t in ET.fromstring(text).iter(f"{SVG}text")]
    assert any(label.startswith("IND objection") for label in labels)


def test_timeline_at_an_instant_shows_the_procedure_then(
    saved: tuple[Path, cbm.SilenceProcedure],
) -> None:
    """--at draws the outcome at that instant; '-' writes to stdout."""
    path, story = saved
    at = "2024-01-06T00:00+06:00"
    code, out, _ = _run("timeline", str(path), "--svg", "-", "--at", at)
    assert code == 0
    assert out == timeline_svg(story, datetime.fromisoformat(at)) + "\n"
    assert "PENDING at 6 Jan 2024 00:00" in out


def test_timeline_writes_the_state_diagram_of_the_procedures_policy(
    saved: tuple[Path, cbm.SilenceProcedure], tmp_path: Path
) -> None:
    """--mermaid writes the state diagram the engine gives for the procedure's policy."""
    path, story = saved
    mmd = tmp_path / "states.mmd"
    code, _, _ = _run("timeline", str(path), "--mermaid", str(mmd))
    assert code == 0
    assert mmd.read_text(encoding="utf-8") == state_diagram(story.policy) + "\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["timeline", "{dir}/missing.json", "--svg", "-"], "cannot read"),
        (["timeline", "{dir}/bad.json", "--svg", "-"], "cannot read SilenceProcedure"),
        (["timeline", "{dir}/binary.json", "--svg", "-"], "not UTF-8"),
        (["timeline", "{good}"], "give --svg OUT.svg, --mermaid OUT.mmd, or both"),
        (["timeline", "{good}", "--svg", "-", "--at", "2024-01-06"], "has no offset"),
        (["timeline", "{good}", "--svg", "-", "--at", "soon"], "not an ISO 8601 instant"),
        (["timeline", "{good}", "--svg", "{dir}/no/such/dir/out.svg"], "cannot write"),
    ],
)
def test_bad_input_gives_one_line_on_stderr_and_exit_code_2(
    argv: list[str], message: str, saved: tuple[Path, cbm.SilenceProcedure], tmp_path: Path
) -> None:
    """Every kind of bad input is one clear line, never a traceback, and nothing written."""
    (tmp_path / "bad.json").write_text('{"format": "cica_cbm"}', encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    args = [a.format(dir=tmp_path, good=saved[0]) for a in argv]
    code, out, err = _run(*args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert message in err


def test_the_installed_command_runs_the_timeline(
    saved: tuple[Path, cbm.SilenceProcedure], tmp_path: Path
) -> None:
    """``python -m cica_cbm timeline`` works end to end in a fresh interpreter."""
    path, _ = saved
    out_svg = tmp_path / "fresh.svg"
    result = subprocess.run(
        [sys.executable, "-m", "cica_cbm", "timeline", str(path), "--svg", str(out_svg)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert ET.parse(out_svg).getroot().tag == f"{SVG}svg"
