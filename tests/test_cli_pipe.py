"""The command line stops quietly when its reader goes away."""

from __future__ import annotations

import subprocess
import sys


def test_demo_piped_into_a_reader_that_stops_early_prints_no_traceback() -> None:
    """``cica-cbm demo | head -1`` ends without a BrokenPipeError traceback."""
    demo = subprocess.Popen(
        [sys.executable, "-m", "cica_cbm", "demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert demo.stdout is not None
    assert demo.stderr is not None
    first = demo.stdout.readline()
    demo.stdout.close()  # the reader goes away after one line
    err = demo.stderr.read().decode()
    demo.wait(timeout=60)
    assert first.startswith(b"Note NCT/G/1501")
    assert "Traceback" not in err
