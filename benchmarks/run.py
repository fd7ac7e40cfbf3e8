"""Benchmarks of cica_cbm against the fastest alternatives, with the budgets they must meet.

Run from the repository root, after ``pip install -e ".[bench]"``::

    python benchmarks/run.py            # the full run, a few minutes; writes docs/performance.md
    python benchmarks/run.py --quick    # smaller sizes and fewer repeats, about a minute

Every figure is a ratio of two measurements taken side by side in the same run (in turns,
repeated, medians), never a bare time: the machines this runs on are shared and noisy. The
table is printed and written, with a description of the machine, to ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import gc
import importlib.metadata
import itertools
import os
import platform
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _baseline  # noqa: E402 - found through the path set just above
import _timing  # noqa: E402
import _workload  # noqa: E402
import store_bench  # noqa: E402

import cica_cbm  # noqa: E402
from cica_cbm import SilenceProcedure, SubmissionKind  # noqa: E402

ROOT = HERE.parent
DEFAULT_OUTPUT = ROOT / "docs" / "performance.md"
IMPORT_BASELINE = "import attrs, cattrs, dateutil.rrule, zoneinfo"
NEVER_IMPORTED = ("cattrs", "hypothesis", "sqlite3", "babel", "argparse")


@dataclass(frozen=True)
class Size:
    """How big and how often: one set for the full run, smaller ones for --quick and --smoke."""

    outcome: tuple[int, ...]
    building: tuple[int, int]
    json: int
    memory: int
    repeats: int
    big_repeats: int
    processes: int


FULL = Size((100, 1_000, 10_000, 100_000, 1_000_000), (1_000, 10_000), 100_000, 1_000_000, 7, 3, 21)
QUICK = Size((100, 1_000, 10_000, 100_000), (1_000, 10_000), 10_000, 100_000, 5, 3, 9)
SMOKE = Size((10, 100), (10, 100), 100, 1_000, 1, 1, 1)


@dataclass(frozen=True)
class Row:
    """One line of the table: ours against theirs, the ratio and its budget."""

    area: str
    what: str
    ours: str
    against: str
    theirs: str
    ratio: float | None
    budget: float | None
    note: str = ""

    @property
    def verdict(self) -> str:
        """Whether the budget is met ("yes", "no (+x%)") or there is none ("-")."""
        if self.budget is None or self.ratio is None:
            return "-"
        if self.ratio <= self.budget:
            return "yes"
        return f"no (+{(self.ratio / self.budget - 1) * 100:.0f}%)"


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def _count(n: int) -> str:
    return f"{n:,}"


# --- 1. outcome -------------------------------------------------------------------------------


def _opening_values() -> dict[str, Any]:
    opening = cica_cbm.core.samples.nct_g_1501().opening
    kinds = {
        SubmissionKind.COMMENT: _workload.COMMENT,
        SubmissionKind.AMENDMENT: _workload.AMENDMENT,
        SubmissionKind.OBJECTION: _workload.OBJECTION,
    }
    return {
        "number": str(cica_cbm.core.samples.nct_g_1501_note().number),
        "date": cica_cbm.core.samples.nct_g_1501_note().date,
        "parties": len(opening.parties),
        "requested_by": opening.requested_by,
        "deadline": (opening.deadline.instant, opening.deadline.stated),
        "breaking": frozenset(kinds[k] for k in opening.policy.breaks_silence),
        "policy": opening.policy.name,
    }


def _same_answer(proc: SilenceProcedure, rows: list[_baseline.Row], at: dt.datetime) -> None:
    out = proc.outcome(at)
    status, decided_at, deadline, findings = _baseline.outcome(_opening_values(), rows, at)
    ours = (out.status.value, out.decided_at, out.deadline.instant)
    mine = [(f.rule, f.clause, f.message, f.decisive) for f in out.findings]
    if ours != (status, decided_at, deadline) or mine != findings:
        raise SystemExit(f"the baseline and the library disagree on {len(rows) + 1} events")


def _outcome_samples(
    proc: SilenceProcedure,
    rows: list[_baseline.Row],
    at: dt.datetime,
    opening: dict[str, Any],
    repeats: int,
) -> dict[str, list[float]]:
    instants = sorted(row[0] for row in rows)  # the bisect's list, sorted once beforehand
    last = rows[-1]
    later = _workload.to_event((last[0] + dt.timedelta(seconds=1), *last[1:]))
    proc.status(at)  # the index exists, as after any first question
    appended = proc.record(later)  # the index moved with the append: no fold again
    if "index" not in appended._cache:
        raise SystemExit("recording an event at the end did not carry the index along")
    return _timing.side_by_side(
        {
            "findings": lambda: proc.outcome(at).findings,
            "baseline": lambda: _baseline.outcome(opening, rows, at),
            "outcome": lambda: proc.outcome(at).status,
            "status": lambda: proc.status(at),
            "bisect": lambda: bisect.bisect_right(instants, at),
            "appended status": lambda: appended.status(at),
            "appended outcome": lambda: appended.outcome(at).status,
            "record": lambda: proc.record(later).status(at),
        },
        repeats,
    )


def _quick_rows(n: int, samples: dict[str, list[float]]) -> list[Row]:
    """The answers that must cost about a bisection: status and outcome, also once appended."""
    bisect_time = _seconds(_timing.median(samples["bisect"]))
    rows = []
    for name, what, note in (
        ("status", "status(at)", "from the procedure's index"),
        ("outcome", "outcome(at).status", "findings not read: none are worded"),
        ("appended status", "status(at) on a version just appended to", "index moved in O(1)"),
        ("appended outcome", "outcome(at).status on a version just appended to", ""),
    ):
        rows.append(
            Row(
                "outcome",
                f"{what}, {_count(n)} events",
                _seconds(_timing.median(samples[name])),
                "bisect over pre-sorted instants",
                bisect_time,
                _timing.ratio(samples[name], samples["bisect"]),
                5.0,
                note,
            )
        )
    rows.append(
        Row(
            "outcome",
            f"append one event, then status(at), {_count(n)} events",
            _seconds(_timing.median(samples["record"])),
            "bisect over pre-sorted instants",
            bisect_time,
            _timing.ratio(samples["record"], samples["bisect"]),
            None,
            "not a budget: includes checking and recording the event; the index moves in O(1)",
        )
    )
    return rows


def _flat(name: str, per: dict[int, float]) -> Row | None:
    """How ``name`` grows from 1,000 to 100,000 events (or the nearest sizes measured)."""
    sizes = sorted(per)
    small = 1_000 if 1_000 in per else sizes[0]
    big = 100_000 if 100_000 in per else sizes[-1]
    if big < small * 10:
        return None
    return Row(
        "outcome",
        f"{name} growth, {_count(small)} to {_count(big)} events",
        _seconds(per[big]),
        f"{_count(small)} events",
        _seconds(per[small]),
        per[big] / per[small],
        2.0,
        "flat in the number of events",
    )


def bench_outcome(size: Size) -> list[Row]:
    """Budget 1: outcome(at) against a bisection and the tuple loop, and how it grows."""
    rows_out: list[Row] = []
    opening = _opening_values()
    per_size: dict[int, float] = {}
    per_quick: dict[str, dict[int, float]] = {"status(at)": {}, "outcome(at).status": {}}
    for n in size.outcome:
        proc = _workload.procedure(n)
        rows = _workload.event_tuples(n)
        at = rows[-1][0] + dt.timedelta(seconds=1)
        _same_answer(proc, rows, at)  # also sorts the events once, as any first call does
        repeats = size.big_repeats if n >= 1_000_000 else size.repeats
        samples = _outcome_samples(proc, rows, at, opening, repeats)
        ours = _timing.median(samples["findings"])
        per_size[n] = ours
        rows_out.append(
            Row(
                "outcome",
                f"outcome(at), every finding read, {_count(n)} events",
                _seconds(ours),
                "tuple loop, same findings",
                _seconds(_timing.median(samples["baseline"])),
                _timing.ratio(samples["findings"], samples["baseline"]),
                1.5,
            )
        )
        rows_out.extend(_quick_rows(n, samples))
        per_quick["status(at)"][n] = _timing.median(samples["status"])
        per_quick["outcome(at).status"][n] = _timing.median(samples["outcome"])
        del proc, rows
        gc.collect()
    for name, per in per_quick.items():
        row = _flat(name, per)
        if row is not None:
            rows_out.append(row)
    sizes = sorted(per_size)
    for small, big in itertools.pairwise(sizes):
        if big == small * 10:
            rows_out.append(
                Row(
                    "outcome",
                    f"every finding read, growth, {_count(small)} to {_count(big)} events",
                    _seconds(per_size[big]),
                    f"{_count(small)} events",
                    _seconds(per_size[small]),
                    per_size[big] / per_size[small],
                    12.0,
                    "time for 10x the events",
                )
            )
    return rows_out


# --- 2. building ------------------------------------------------------------------------------


def bench_building(size: Size) -> list[Row]:
    """Budget 2: recording events one by one is linear."""
    small, big = size.building
    streams = {n: list(_workload.events(n)) for n in (small, big)}
    samples = _timing.side_by_side(
        {
            str(n): functools.partial(_workload.record_one_by_one, stream)
            for n, stream in streams.items()
        },
        size.repeats * 3,  # short samples, so more of them against the noise
        collector=True,
    )
    ours, theirs = samples[str(big)], samples[str(small)]
    paused = _timing.side_by_side(
        {
            str(n): functools.partial(_workload.record_one_by_one, stream)
            for n, stream in streams.items()
        },
        size.repeats * 3,
    )
    return [
        Row(
            "building",
            f"record {_count(big)} events one by one",
            _seconds(_timing.median(ours)),
            f"{_count(small)} events",
            _seconds(_timing.median(theirs)),
            _timing.ratio(ours, theirs),
            (big / small) * 1.2,
            f"{_timing.median(ours) / big * 1e6:.1f} µs per event",
        ),
        Row(
            "building",
            "the same, garbage collector paused",
            _seconds(_timing.median(paused[str(big)])),
            f"{_count(small)} events",
            _seconds(_timing.median(paused[str(small)])),
            _timing.ratio(paused[str(big)], paused[str(small)]),
            None,
            "not a budget: what the collector adds (see below)",
        ),
    ]


# --- 3. JSON ----------------------------------------------------------------------------------


def bench_json(size: Size) -> list[Row]:
    """Budget 3: to_json and from_json against pydantic v2, and msgspec for reference."""
    n = size.json
    proc = _workload.procedure(n)
    text = cica_cbm.to_json(proc)
    if cica_cbm.from_json(text, SilenceProcedure) != proc:
        raise SystemExit("from_json(to_json(proc)) is not proc")
    try:
        import _models
    except ImportError:
        note = 'pydantic and msgspec are not installed: pip install -e ".[bench]"'
        return [
            Row("json", f"to_json / from_json, {_count(n)} events", "-", "-", "-", None, None, note)
        ]
    validated = _models.PYDANTIC.validate_json(text)
    decoded = _models.MSGSPEC_DECODER.decode(text)
    if len(validated.data.events) != n or len(decoded.data.events) != n:
        raise SystemExit("the alternatives did not read every event")
    samples = _timing.side_by_side(
        {
            "to_json": lambda: cica_cbm.to_json(proc),
            "pydantic dump": lambda: _models.PYDANTIC.dump_json(validated, by_alias=True),
            "msgspec encode": lambda: _models.MSGSPEC_ENCODER.encode(decoded),
            "from_json": lambda: cica_cbm.from_json(text, SilenceProcedure),
            "pydantic validate": lambda: _models.PYDANTIC.validate_json(text),
            "msgspec decode": lambda: _models.MSGSPEC_DECODER.decode(text),
        },
        size.repeats,
    )
    out: list[Row] = []
    for ours, verb in (("to_json", "write"), ("from_json", "read")):
        alternatives = (
            ("pydantic dump", "pydantic v2 TypeAdapter.dump_json", 1.0),
            ("msgspec encode", "msgspec Encoder.encode", None),
        )
        if verb == "read":
            alternatives = (
                ("pydantic validate", "pydantic v2 TypeAdapter.validate_json", 1.0),
                ("msgspec decode", "msgspec Decoder.decode", None),
            )
        for name, label, budget in alternatives:
            out.append(
                Row(
                    "json",
                    f"{ours}, {_count(n)} events",
                    _seconds(_timing.median(samples[ours])),
                    label,
                    _seconds(_timing.median(samples[name])),
                    _timing.ratio(samples[ours], samples[name]),
                    budget,
                    "" if budget else "reference: the fastest option",
                )
            )
    return out


# --- 4 and 5. import and command line -----------------------------------------------------------


def _console_script(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("cica-cbm")
    if script.exists():
        return [str(script), *args]
    code = f"from cica_cbm.edges.cli import main; raise SystemExit(main({list(args)!r}))"
    return [sys.executable, "-c", code]


def bench_startup(size: Size) -> list[Row]:
    """Budgets 4 and 5: import time and the demo command, in fresh interpreters."""
    imports = _timing.fresh_imports(
        {
            "ours": "import cica_cbm",
            "theirs": IMPORT_BASELINE,
            "package": "import attrs, cattrs, zoneinfo, json, decimal\n"
            "start = time.perf_counter()\nimport cica_cbm",
        },
        size.processes,
    )
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import cica_cbm, sys; print(*[m for m in {NEVER_IMPORTED!r} if m in sys.modules])",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    commands = _timing.fresh(
        {
            "help": _console_script("--help"),
            "demo": _console_script("demo"),
            "import": [sys.executable, "-c", "import cica_cbm"],
        },
        size.processes,
    )
    return [
        Row(
            "import",
            "import cica_cbm",
            _seconds(_timing.median(imports["ours"])),
            f"`{IMPORT_BASELINE}`",
            _seconds(_timing.median(imports["theirs"])),
            _timing.ratio(imports["ours"], imports["theirs"]),
            1.25,
            "imports none of " + ", ".join(NEVER_IMPORTED)
            if not check
            else "ALSO IMPORTS " + ", ".join(check),
        ),
        Row(
            "import",
            "of which: cica_cbm's own modules (dependencies already imported)",
            _seconds(_timing.median(imports["package"])),
            f"`{IMPORT_BASELINE}`",
            _seconds(_timing.median(imports["theirs"])),
            _timing.ratio(imports["package"], imports["theirs"]),
            None,
            "not a budget: mostly attrs compiling the methods of the package's classes",
        ),
        Row(
            "command line",
            "cica-cbm --help",
            _seconds(_timing.median(commands["help"])),
            '`python -c "import cica_cbm"`',
            _seconds(_timing.median(commands["import"])),
            _timing.ratio(commands["help"], commands["import"]),
            1.2,
            "whole processes; the subcommands' modules are imported only when chosen",
        ),
        Row(
            "command line",
            "cica-cbm demo",
            _seconds(_timing.median(commands["demo"])),
            '`python -c "import cica_cbm"`',
            _seconds(_timing.median(commands["import"])),
            _timing.ratio(commands["demo"], commands["import"]),
            2.0,
            "whole processes, interpreter start included",
        ),
    ]


# --- 6. memory --------------------------------------------------------------------------------


def memory_child(n: int) -> None:
    """Print peak and retained bytes of building an ``n``-event procedure and evaluating it."""
    events = list(_workload.events(n))
    at = events[-1].at + dt.timedelta(seconds=1)
    tracemalloc.start()
    tuples = _workload.event_tuples(n)
    plain = tracemalloc.get_traced_memory()[0]
    del tuples
    tracemalloc.stop()
    del events
    gc.collect()
    tracemalloc.start()
    proc = _workload.procedure(n)
    built = tracemalloc.get_traced_memory()[0]
    proc.status(at)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    slotted = all(
        not hasattr(event, "__dict__") and hasattr(type(event), "__slots__")
        for event in proc.events[:10]
    )
    print(built, current, peak, plain, int(slotted))


def bench_memory(size: Size) -> list[Row]:
    """Budget 6: peak memory and bytes per event, reported."""
    n = size.memory
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--memory-child", str(n)],
        check=True,
        capture_output=True,
        text=True,
    )
    built, current, peak, plain, slotted = (int(v) for v in done.stdout.split())
    mib = 1024 * 1024
    classes = "slotted classes, no __dict__" if slotted else "SOME EVENTS HAVE A __dict__"
    return [
        Row(
            "memory",
            f"{_count(n)}-event procedure, bytes per event",
            f"{built / n:.0f} B",
            "the same events as plain tuples",
            f"{plain / n:.0f} B",
            built / plain,
            None,
            f"{classes}; built {built / mib:.0f} MiB, peak {peak / mib:.0f} MiB, "
            f"{current / mib:.0f} MiB once evaluated (sorted events and final state cached)",
        )
    ]


# --- the report -------------------------------------------------------------------------------


WHY = {
    "import": (
        "`import cica_cbm` now loads only what deciding a silence procedure needs: cattrs and "
        "the JSON converter, the consensus rules, the Russian wording and "
        "`importlib.resources` (with `tempfile` and `zipfile`) load on first use, and Astana's "
        "zone is read from the tzdata package's file where it lies. What is left is the "
        "decision core itself, mostly attrs generating and compiling the methods of some forty "
        "classes at import (events, the procedure, deadlines, policies, notes, drafts, the "
        "Catalogue, states, bodies, rules): the row 'of which: cica_cbm's own modules'. "
        "What it would take: about halving that, by moving the classes a procedure only "
        "refers to (the Action Plan's items and sections, notices, enclosures, the "
        "Catalogue's editions) into modules of their own loaded on first use, which splits "
        "core/drafts.py and core/notes.py; or classes whose methods are written out in the "
        "source rather than generated by attrs at import."
    ),
    "json": (
        "pydantic reads and writes with its Rust core. `from_json` now reads the submissions "
        "column by column (each step a C function mapped over all of them: their types, keys "
        "and values, the instants parsed) and makes them with the constructors' checks made "
        "once over each field; `SilenceProcedure(events)` checks them all at once; lone "
        "surrogates are looked for by encoding the text, not by a pattern. `to_json` maps C "
        "functions over each run of submissions. What is left per event is the JSON parser's "
        "own dictionaries and the instants' parsing and formatting, each about the cost of "
        "pydantic's whole per-event work: so writing sits at about 1x (1.00x in the last full "
        "run, reading 0.76x) and a noisy run can cross it. What it would take to be clearly "
        "under: writing each instant's text in C (a C extension), or a JSON library that "
        "writes attrs classes natively (msgspec, the reference row, is twenty times faster), "
        "a new dependency."
    ),
    "building": (
        "recording is constant time per event (a persistent log node; the two extensions each "
        "fold the events once, which is linear). With the garbage collector paused the ratio "
        "is about 10x; with it, the log nodes of a 10,000-event build live long enough to be "
        "promoted to the oldest generation and paid for by its full passes, while those of a "
        "1,000-event build mostly die young, which puts the ratio near 12x on a quiet machine "
        "and above it on a noisy one."
    ),
    "outcome": (
        "the answers that must cost about a bisection do: `outcome(at)` makes an Outcome with "
        "three slots set (the instant, the status, where the rest comes from) after the same "
        "index lookup as `status(at)`, and its findings wait until read. On a loaded machine "
        "these microsecond ratios move with the load (a preempted sample counts whole); what "
        "would make them surely hold there is a C extension, or an outcome kept per instant "
        "by the procedure (which would keep the findings of every instant asked for). Reading "
        "every finding is within its budget at every size. Its growth rows compare medians "
        "taken in separate runs of each size, not side by side; from 100,000 to a million "
        "events the tuple loop grows about as much (11.1 s against 850 ms in the last full "
        "run, 13x), so the excess is the machine's memory (a million findings and sentences, "
        "some 200 MiB, no longer in its caches), not the algorithm, which is one fold and one "
        "sentence per event. What it would take: findings that are not kept as objects at "
        "all (worded as they are read, one at a time), which the issue does not ask for."
    ),
    "command line": (
        "`cica-cbm --help` imports the package, argparse and the table of subcommands; no "
        "subcommand's module, no cattrs, no Russian wording. What is left beyond `import "
        "cica_cbm` is argparse itself and building the parser of every subcommand."
    ),
    "store": (
        "reading a stream back costs about two to three times a raw `SELECT` with "
        "`json.loads`, because every act read is rebuilt through its constructor and "
        "re-checked (acts, not states, are the record: a row is never trusted as it lies), "
        "which `json.loads` does not do. Rounds, appends and saves are within budget. What it "
        "would take: reading a stream's submissions column by column as `from_json` does "
        "(one constructor check per field over the whole batch instead of one per act), "
        "which the store's row-at-a-time codec does not yet share with the JSON reader."
    ),
}


def _machine() -> list[str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {_version(name)}"
        for name in ("cica_cbm", "attrs", "cattrs", "pydantic", "pydantic_core", "msgspec")
    )
    return [
        f"- {platform.python_implementation()} {platform.python_version()} on "
        f"{platform.system()} ({platform.machine()})",
        f"- {cpu}, {os.cpu_count()} logical CPUs; shared with other work, so times vary by a "
        "factor of two from run to run; ratios much less",
        f"- {versions}",
    ]


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def table(rows: list[Row], *, markdown: bool) -> str:
    """The rows as a Markdown table or as aligned text."""
    head = ("Area", "Benchmark", "Ours", "Against", "Theirs", "Ratio", "Budget", "Met", "Note")
    body = [
        (
            r.area,
            r.what,
            r.ours,
            r.against,
            r.theirs,
            f"{r.ratio:.2f}x" if r.ratio is not None else "-",
            f"<= {r.budget:g}x" if r.budget is not None else "-",
            r.verdict,
            r.note,
        )
        for r in rows
    ]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines)
    cols = head[:-1]
    widths = [max(len(c[i]) for c in [cols, *(b[:-1] for b in body)]) for i in range(len(cols))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(fmt.format(*cells) for cells in [cols, *(b[:-1] for b in body)])


def report(rows: list[Row], mode: str, seconds: float) -> str:
    """docs/performance.md."""
    missed = sorted({r.area for r in rows if r.verdict.startswith("no")})
    why = [f"- **{area}**: {WHY.get(area, 'see the note in the table.')}" for area in missed]
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join(
        [
            "# Performance",
            "",
            "How fast cica_cbm is, as ratios against the fastest alternatives, measured side by",
            "side in one run. Reproduce with:",
            "",
            "```",
            'pip install -e ".[bench]"',
            "python benchmarks/run.py            # the full run (a few minutes)",
            "python benchmarks/run.py --quick    # smaller sizes, fewer repeats",
            "```",
            "",
            f"Last run: {when}, {mode} mode, {seconds:.0f} s in all, on:",
            "",
            *_machine(),
            "",
            "## Results",
            "",
            table(rows, markdown=True),
            "",
            "## Budgets missed",
            "",
            *(why or ["None."]),
            "",
            "## How it is measured",
            "",
            "- Every ratio compares two measurements taken in turns within the same run: each",
            "  round times every contender once, each sample repeats a call until it lasts 50 ms,",
            "  and the ratio is the median of the per-round ratios. Times shown are medians.",
            "- **The garbage collector**: every contender runs under the same setting. Outside",
            "  the building rows it is paused for every sample of every contender (the library",
            "  pauses it itself in its bulk steps, so pausing it for all keeps the comparison",
            "  fair), and garbage is collected between samples, untimed.",
            "- **Findings on demand**: `outcome(at)` answers its status, decision instant and",
            "  deadline from the procedure's index, like `status(at)`; the fold and the",
            "  findings' sentences wait until a finding (or the objectors, the late",
            "  submissions, the silent parties, the context) is first read. The rows",
            "  `outcome(at).status` time the first; the rows 'every finding read' time",
            "  `outcome(at).findings`, the whole work, against the tuple loop.",
            "- **Workload**: the seed's opening (Note NCT/G/1501, CICA practice, 28 parties)",
            "  then submissions from the parties in turn: comments, amendments, two deadline",
            "  extensions, an objection in time at four fifths and late submissions after it.",
            "  `outcome(at)` is asked after the last event, so every event yields a finding.",
            "  A version just appended to is the procedure with one more comment recorded",
            "  after its last event; its index moved with the append (the run checks it).",
            "- **Baseline for `outcome(at)`**: `benchmarks/_baseline.py`, one loop over",
            "  `(at, kind, by, text, payload)` tuples in time order, writing the same findings",
            "  word for word as tuples; the run checks that both answers are equal before",
            "  timing. The events are sorted once, on the first call, and cached by the",
            "  procedure; the baseline gets its tuples already in order.",
            "- **JSON**: the same document, read by pydantic v2 models and msgspec structs that",
            "  mirror it (`benchmarks/_models.py`; the opening's note and draft as plain",
            "  mappings, which favours them). The library also checks that every party is a",
            "  Member State and that no event precedes the opening; they do not.",
            "- **Import**: the time of the import statement alone in fresh interpreters, so the",
            "  interpreter's own start is not counted. The command line rows time whole",
            '  processes: `cica-cbm --help` against `python -c "import cica_cbm"`.',
            "- **Building**: each sample records the whole stream one event at a time. The",
            "  ratio sits above 10x because of the garbage collector: the log nodes of a",
            "  10,000-event build live long enough to reach the oldest generation and its full",
            "  passes, those of a 1,000-event build mostly die young (see the row with the",
            "  collector paused).",
            "- **Memory**: tracemalloc while building the procedure from its events in a fresh",
            "  process; retained bytes divided by the number of events, against the same events",
            "  as plain tuples. Texts are distinct strings, as real submissions would be.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the table and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks the script runs")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the report to write")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    size = SMOKE if args.smoke else QUICK if args.quick else FULL
    started = time.perf_counter()
    rows: list[Row] = []

    def bench_store(size: Size) -> list[Row]:
        """Budget 6: the event store against raw sqlite3 (benchmarks/store_bench.py)."""
        sizes = size.outcome[:2] if size is SMOKE else (100, 1_000, 10_000)
        return store_bench.bench(sizes, size.repeats, Row, _seconds)

    steps: list[Callable[[Size], list[Row]]] = [
        bench_startup,
        bench_building,
        bench_json,
        bench_memory,
        bench_outcome,
        bench_store,
    ]
    for step in steps:
        print(f"... {step.__doc__.splitlines()[0] if step.__doc__ else step.__name__}", flush=True)
        rows.extend(step(size))
        gc.collect()
    seconds = time.perf_counter() - started
    order = ["outcome", "building", "json", "import", "command line", "memory", "store"]
    rows.sort(key=lambda r: order.index(r.area))
    print()
    print(table(rows, markdown=False))
    if not args.no_write:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(report(rows, mode, seconds), encoding="utf-8")
        print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
