"""Timing on a shared, noisy machine: side by side, repeated, medians and ratios."""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

MIN_SAMPLE = 0.05
"""Seconds: a sample runs the function often enough to last at least this long."""


def _calls_per_sample(fn: Callable[[], object]) -> int:
    start = time.perf_counter()
    fn()
    once = time.perf_counter() - start
    return max(1, int(MIN_SAMPLE / once) + 1) if once < MIN_SAMPLE else 1


def side_by_side(
    fns: dict[str, Callable[[], object]], repeats: int, *, collector: bool = False
) -> dict[str, list[float]]:
    """Seconds per call of each function, ``repeats`` samples each, taken in turns.

    In every round each function is sampled once, so a slow spell of the machine falls on all
    of them alike; a ratio is then the median of the ratios within rounds.

    Every contender runs under the same collector setting: by default the cyclic garbage
    collector is paused for every sample of every function (the library's bulk steps pause it
    themselves, so pausing it for all is what keeps the comparison fair), and garbage is
    collected between samples, untimed. ``collector=True`` leaves it running for all.
    """
    calls = {name: _calls_per_sample(fn) for name, fn in fns.items()}
    samples: dict[str, list[float]] = {name: [] for name in fns}
    was_enabled = gc.isenabled()
    try:
        for _ in range(repeats):
            for name, fn in fns.items():
                n = calls[name]
                gc.collect()
                if not collector:
                    gc.disable()
                start = time.perf_counter()
                for _ in range(n):
                    fn()
                samples[name].append((time.perf_counter() - start) / n)
                gc.enable()
    finally:
        if not was_enabled:
            gc.disable()
    return samples


def median(values: Sequence[float]) -> float:
    """The median."""
    return statistics.median(values)


def ratio(numerator: Sequence[float], denominator: Sequence[float]) -> float:
    """The median of the ratios of paired samples (taken in the same round)."""
    return statistics.median(a / b for a, b in zip(numerator, denominator, strict=True))


def fresh(commands: dict[str, list[str]], repeats: int) -> dict[str, list[float]]:
    """Wall-clock seconds of each command in a fresh process, ``repeats`` runs each, in turns."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            samples[name].append(time.perf_counter() - start)
    return samples


def import_seconds(statement: str) -> list[str]:
    """A command that prints how long ``statement`` takes in a fresh interpreter.

    Only the import is timed, not the interpreter's own start.
    """
    code = (
        "import time\n"
        "start = time.perf_counter()\n"
        f"{statement}\n"
        "print(time.perf_counter() - start)\n"
    )
    return [sys.executable, "-c", code]


def fresh_imports(statements: dict[str, str], repeats: int) -> dict[str, list[float]]:
    """Seconds each import statement takes in fresh interpreters, ``repeats`` runs, in turns."""
    samples: dict[str, list[float]] = {name: [] for name in statements}
    for _ in range(repeats):
        for name, statement in statements.items():
            done = subprocess.run(
                import_seconds(statement), check=True, capture_output=True, text=True
            )
            samples[name].append(float(done.stdout.strip()))
    return samples
