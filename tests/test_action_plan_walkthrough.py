"""The example that walks the seed's Action Plan runs and tells the story it promises."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent.parent / "examples" / "action_plan_walkthrough.py"


def test_the_walkthrough_runs_from_approval_to_the_first_review(
    capsys: pytest.CaptureFixture[str],
) -> None:
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "Note NCT/G/1501: approved at 2024-01-12 00:00:00+06:00" in out
    assert "Approved by silence: i.lead, ii.lead, iii.lead, iv.lead" in out
    assert "Still awaiting approval: i.1, i.2, i.3, i.4, i.5, i.6, ii.1, ii.2, ii.3, ii.4" in out
    assert "Seminars in 2024: 16 April 2024, 16 October 2024" in out
    assert "KAZ may not join le-seminar-1 for UZB" in out
    assert "hosted by KAZ, with CHN, IND, TUR" in out
    assert "Next review due (seen on 1 June 2024): 2025-01-11" in out
    assert "Overdue on 1 February 2025: SOC for year 1 (due 2025-01-11)" in out
    assert "Next review due (seen on 1 February 2025): 2026-01-11" in out
