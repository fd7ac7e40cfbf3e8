"""The scripts in examples/ run as a user would run them, and print what they promise."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cica_cbm.core.silence import CLAUSE_WITHDRAWAL

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def run(script: Path, **env: str) -> str:
    """Run ``script`` in a fresh interpreter; fail on a non-zero exit or anything on stderr."""
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@functools.cache
def output_of(name: str) -> str:
    """What ``examples/<name>`` prints (each script is run once per session)."""
    return run(ROOT / "examples" / name)


def blocks(output: str) -> dict[str, list[str]]:
    """The output's paragraphs by their first line's label (the text before the first colon)."""
    found: dict[str, list[str]] = {}
    for paragraph in output.strip().split("\n\n"):
        lines = paragraph.splitlines()
        found[lines[0].partition(":")[0]] = lines
    return found


def test_there_are_examples() -> None:
    assert [p.name for p in EXAMPLES if p.name == "seed_scenarios.py"] == ["seed_scenarios.py"]


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_every_example_runs_cleanly_and_prints_something(script: Path) -> None:
    assert output_of(script.name).strip()


# scenario -> (status and decision instant, decisive rule)
SEED_SCENARIOS = {
    "no submissions": ("approved at 2024-01-12 00:00 Astana time", "SILENCE-APPROVED"),
    "a comment": ("approved at 2024-01-12 00:00 Astana time", "SILENCE-APPROVED"),
    "an objection in time": (
        "silence_broken at 2024-01-11 22:00 Astana time",
        "SILENCE-BROKEN",
    ),
    "a late objection from New York": (
        "approved at 2024-01-12 00:00 Astana time",
        "SILENCE-APPROVED",
    ),
    "an extension, then approval": (
        "approved at 2024-01-26 00:00 Astana time",
        "SILENCE-APPROVED",
    ),
    "a withdrawal": ("withdrawn at 2024-01-03 15:00 Astana time", "SILENCE-WITHDRAWN"),
}


def test_seed_scenarios_prints_each_scenarios_status_and_decisive_finding() -> None:
    found = blocks(output_of("seed_scenarios.py"))
    assert found["Note NCT/G/1501 of 13 December 2023"][0] == (
        "Note NCT/G/1501 of 13 December 2023: no later than 11 January 2024, "
        "that is until 2024-01-12 00:00 Astana time."
    )
    for name, (status, rule) in SEED_SCENARIOS.items():
        lines = found[name]
        assert lines[0] == f"{name}: {status}"
        assert lines[1].startswith(f"  decisive: [{rule}] ")
        # the note says nothing of withdrawal: that finding cites the library's model
        clause = CLAUSE_WITHDRAWAL if rule == "SILENCE-WITHDRAWN" else "Note NCT/G/1501 para 3"
        assert lines[2] == f"  clause: {clause}"
    assert set(found) == {"Note NCT/G/1501 of 13 December 2023", *SEED_SCENARIOS}


def test_seed_scenarios_reports_the_late_objection_and_the_comments_without_effect() -> None:
    found = blocks(output_of("seed_scenarios.py"))
    late = found["a late objection from New York"]
    assert any(
        line.startswith("  also: [SILENCE-LATE] Late: IND's objection at 2024-01-12 07:00 Astana")
        for line in late
    )
    assert any("[SILENCE-COMMENT] CHN submitted a comment" in line for line in found["a comment"])
    extension = found["an extension, then approval"]
    assert any("[SILENCE-EXTENDED]" in line for line in extension)
    assert any("[SILENCE-COMMENT] KAZ submitted a comment" in line for line in extension)
    assert "no objection by 25 January 2024" in extension[1]


def test_seed_scenarios_gives_the_same_output_without_the_machines_zone_data(
    tmp_path: Path,
) -> None:
    script = ROOT / "examples" / "seed_scenarios.py"
    assert run(script, PYTHONTZPATH=str(tmp_path)) == output_of("seed_scenarios.py")


def test_compare_policies_breaks_silence_only_where_an_amendment_breaks_it() -> None:
    output = output_of("compare_policies.py")
    lines = output.splitlines()
    by_policy = {
        lines[i].partition(":")[0]: (lines[i + 1].strip(), lines[i + 2].strip())
        for i in range(0, len(lines), 3)
    }
    assert by_policy == {
        "CICA practice": (
            "status: approved",
            "decisive: [SILENCE-APPROVED] (Note NCT/G/1501 para 3)",
        ),
        "OSCE": (
            "status: silence_broken",
            "decisive: [SILENCE-BROKEN] (OSCE Rules of Procedure (2006), Annex 1(A))",
        ),
        "UN General Assembly": (
            "status: approved",
            "decisive: [SILENCE-APPROVED] (UN General Assembly decision 74/544)",
        ),
    }
