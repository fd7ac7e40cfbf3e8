"""The event store at the cost of SQLite (issue 13): rounds, one-by-one appends and reads.

Budgets, every size printed whether or not its budget holds:

* a round (open the file, load, record one act, save) at 10,000 events within 2x a round at
  100: the round must not grow with the stream;
* appends one by one within 1.5x raw ``sqlite3`` doing the same transaction (``BEGIN
  IMMEDIATE``, read the version, move it, insert the row, commit) with the same pragmas (WAL,
  ``synchronous = FULL``, foreign keys);
* reading a stream within 1.5x a raw ``SELECT`` of its rows with ``json.loads`` of each.

Every contender runs under the same garbage-collector setting: the collector is paused
around each sample, for all of them alike (the core pauses it while it folds long streams).
"""

from __future__ import annotations

import functools
import gc
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import _timing

import cica_cbm as cbm
from cica_cbm.edges.store import SQLiteEventStore

STREAM = "NCT/G/1501"


@contextmanager
def _collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _paused(fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        with _collector_paused():
            return fn()

    return run


def _filled(path: Path, n: int) -> cbm.SilenceProcedure:
    proc = cbm.samples.nct_g_1501()
    at = proc.opening.at
    events = [
        cbm.CommentSubmitted(at=at + timedelta(seconds=i), by="CHN", text=f"Comment {i}.")
        for i in range(n - 1)
    ]
    with SQLiteEventStore(path) as store:
        store.append(STREAM, (*proc.events, *events), 0)
        loaded: cbm.SilenceProcedure = store.load(STREAM)
        return loaded


class _Raw:
    """The same append as the store's, written straight against sqlite3."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA journal_mode = WAL")

    def append(self, stream: str, data: dict[str, Any]) -> int:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        (version,) = conn.execute(
            "SELECT version FROM streams WHERE name = ?", (stream,)
        ).fetchone()
        conn.execute("UPDATE streams SET version = ? WHERE name = ?", (version + 1, stream))
        conn.execute(
            "INSERT INTO events (stream, position, type, data, recorded_by, recorded_at, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                stream,
                version + 1,
                data["type"],
                json.dumps(data, ensure_ascii=False, sort_keys=True),
                None,
                None,
                None,
            ),
        )
        conn.execute("COMMIT")
        return int(version) + 1

    def read(self, stream: str) -> list[Any]:
        rows = self.conn.execute(
            "SELECT data FROM events WHERE stream = ? ORDER BY position", (stream,)
        ).fetchall()
        return [json.loads(row[0]) for row in rows]


def bench(
    sizes: tuple[int, ...], repeats: int, row: Callable[..., Any], seconds: Callable[[float], str]
) -> list[Any]:
    """The rows of the store's table: ``row(area, what, ours, against, theirs, ratio, budget)``."""
    folder = Path(tempfile.mkdtemp(prefix="cica-store-bench-"))
    out: list[Any] = []
    try:
        round_fns: dict[str, Callable[[], object]] = {}
        for n in sizes:
            path, raw_path = folder / f"ours-{n}.db", folder / f"raw-{n}.db"
            proc = _filled(path, n)
            shutil.copyfile(path, raw_path)
            tick = [0]

            def one_round(
                path: Path = path,
                tick: list[int] = tick,
                start: Any = proc.opening.at + timedelta(days=1),
            ) -> None:
                tick[0] += 1
                with SQLiteEventStore(path) as store:
                    loaded = store.load(STREAM)
                    after = loaded.comment(
                        by="IND", at=start + timedelta(microseconds=tick[0]), text="A round."
                    )
                    store.save(STREAM, after, len(loaded))

            ours = SQLiteEventStore(path)
            raw = _Raw(raw_path)

            def our_append(
                ours: SQLiteEventStore = ours,
                tick: list[int] = tick,
                start: Any = proc.opening.at + timedelta(days=2),
            ) -> None:
                tick[0] += 1
                event = cbm.CommentSubmitted(
                    at=start + timedelta(microseconds=tick[0]), by="KAZ", text="One by one."
                )
                ours.append(STREAM, [event], ours.version(STREAM))

            def raw_append(
                raw: _Raw = raw,
                tick: list[int] = tick,
                start: Any = proc.opening.at + timedelta(days=2),
            ) -> None:
                tick[0] += 1
                at = start + timedelta(microseconds=tick[0])
                raw.append(
                    STREAM,
                    {
                        "at": at.isoformat(timespec="microseconds"),
                        "by": "KAZ",
                        "text": "One by one.",
                        "type": "CommentSubmitted",
                    },
                )

            # the reads first, while both files hold the same n events
            reads = _timing.side_by_side(
                {
                    "read": _paused(functools.partial(ours.read, STREAM)),
                    "raw read": _paused(functools.partial(raw.read, STREAM)),
                },
                repeats,
            )
            samples = _timing.side_by_side(
                {
                    "append": _paused(our_append),
                    "raw append": _paused(raw_append),
                },
                repeats,
            )
            round_fns[f"{n}"] = _paused(one_round)
            ours.close()
            raw.conn.close()
            out.append(
                row(
                    "store",
                    f"append one act, {n:,} events",
                    seconds(_timing.median(samples["append"])),
                    "raw sqlite3, the same transaction and pragmas",
                    seconds(_timing.median(samples["raw append"])),
                    _timing.ratio(samples["append"], samples["raw append"]),
                    1.5,
                )
            )
            out.append(
                row(
                    "store",
                    f"read a stream, {n:,} events",
                    seconds(_timing.median(reads["read"])),
                    "raw SELECT and json.loads of each row",
                    seconds(_timing.median(reads["raw read"])),
                    _timing.ratio(reads["read"], reads["raw read"]),
                    1.5,
                )
            )
        # the rounds of every size in turns, so a slow spell of the disk falls on all alike
        rounds = _timing.side_by_side(round_fns, repeats)
        first = rounds[f"{sizes[0]}"]
        out[:0] = [
            row(
                "store",
                f"a round (open, load, act, save), {n:,} events",
                seconds(_timing.median(rounds[f"{n}"])),
                f"a round at {sizes[0]:,} events",
                seconds(_timing.median(first)),
                _timing.ratio(rounds[f"{n}"], first),
                2.0 if n == sizes[-1] and n != sizes[0] else None,
            )
            for n in sizes
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


if __name__ == "__main__":

    def _row(*fields: Any) -> tuple[Any, ...]:
        return fields

    for line in bench((100, 1_000, 10_000), 5, _row, lambda s: f"{s * 1e3:.2f} ms"):
        ratio, budget = line[5], line[6]
        verdict = "-" if budget is None else ("yes" if ratio <= budget else "no")
        print(f"{line[1]:<48} {line[2]:>10} vs {line[4]:>10} {ratio:5.2f}x {budget}: {verdict}")
