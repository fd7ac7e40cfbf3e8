"""Collection settings for docs/: the pages' examples run as doctests, the build files do not."""

from __future__ import annotations

from pathlib import Path

import pytest

collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*"]


@pytest.fixture(autouse=True)
def _in_a_fresh_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each page in an empty folder, so the files its examples write go nowhere else."""
    monkeypatch.chdir(tmp_path)
