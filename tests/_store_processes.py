"""Helpers for the tests that run store writers in other processes (crash, concurrency)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

# How long any one wait on another process may last before the test fails (not a timing
# assertion: only a bound, so that a stuck process fails the test instead of hanging it).
BOUND = 60.0


def start(code: str, *args: str) -> subprocess.Popen[bytes]:
    """Run ``code`` in a fresh interpreter with ``args``, its stdout a pipe."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


class Lines:
    """The lines a process prints, read without blocking past :data:`BOUND` seconds."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.lines: list[str] = []
        self._buffer = b""
        self.stderr = ""

    def _fail(self, why: str) -> None:
        self.process.kill()
        _, err = self.process.communicate(timeout=BOUND)
        raise AssertionError(f"{why}; last lines {self.lines[-3:]}; stderr: {err.decode()[-2000:]}")

    def until(self, wanted: Callable[[str], bool]) -> str:
        """Read until a line satisfies ``wanted``; that line."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + BOUND
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._fail(f"no wanted line within {BOUND} s")
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                self._fail("the process ended first")
            self._buffer += chunk
            *complete, self._buffer = self._buffer.split(b"\n")
            for raw in complete:
                line = raw.decode()
                self.lines.append(line)
                if wanted(line):
                    return line

    def finish(self) -> Sequence[str]:
        """Wait for the process to end and read the rest of its lines; every line."""
        out, err = self.process.communicate(timeout=BOUND)
        self.stderr = err.decode()
        rest = (self._buffer + out).decode().splitlines()
        self._buffer = b""
        self.lines.extend(rest)
        return self.lines
