"""Four processes append to the same stream: every event lands exactly once.

The losers of each race see ConflictError and retry.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from _store_processes import Lines, start

import cica_cbm as cbm
from cica_cbm.edges.store import SQLiteEventStore

STREAM = "NCT/G/1501"
WORKERS = ("CHN", "IND", "KAZ", "TUR")
EACH = 20

# A worker appends EACH comments of its own, one per append, each at the version it has just
# read, and retries on ConflictError. Before its first append it waits until all workers have
# read the same version (a barrier of files), so the first round is a real race: one wins,
# three lose. It prints how many conflicts it saw.
WORKER = """
import json, os, sys, time
from datetime import datetime, timedelta, timezone
from cica_cbm.core.errors import ConflictError
from cica_cbm.core.silence import CommentSubmitted
from cica_cbm.edges.store import SQLiteEventStore

db, stream, me, each, barrier, workers = sys.argv[1:7]
each, workers = int(each), int(workers)
store = SQLiteEventStore(db, create=False)
start = datetime(2023, 12, 20, tzinfo=timezone.utc)
conflicts = 0
for i in range(each):
    event = CommentSubmitted(at=start + timedelta(minutes=i), by=me, text=f"{me} {i}")
    while True:
        version = store.version(stream)
        if i == 0 and conflicts == 0:
            open(os.path.join(barrier, me), "w").close()
            deadline = time.monotonic() + 60
            while len(os.listdir(barrier)) < workers and time.monotonic() < deadline:
                time.sleep(0.005)
        try:
            store.append(stream, [event], version)
        except ConflictError as exc:
            assert exc.expected == version and exc.actual > version
            conflicts += 1
        else:
            break
print(json.dumps({"worker": me, "conflicts": conflicts}))
"""


def test_four_processes_appending_to_one_stream_land_every_event_exactly_once(
    tmp_path: Path,
) -> None:
    """After the race, the stream holds the opening and each worker's comments once each."""
    path = tmp_path / "events.db"
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    with SQLiteEventStore(path) as store:
        store.save(STREAM, cbm.samples.nct_g_1501(), 0)
    runs = [
        Lines(start(WORKER, str(path), STREAM, code, str(EACH), str(barrier), str(len(WORKERS))))
        for code in WORKERS
    ]
    reports = []
    for run in runs:
        printed = run.finish()
        assert run.process.returncode == 0, run.stderr
        reports.append(json.loads(printed[-1]))

    with SQLiteEventStore(path, create=False) as store:
        proc = store.load(STREAM)
        assert store.version(STREAM) == 1 + len(WORKERS) * EACH
    comments = [e for e in proc.events if isinstance(e, cbm.CommentSubmitted)]
    assert len(comments) == len(proc) - 1
    texts = Counter(e.text for e in comments)
    assert texts == Counter(f"{code} {i}" for code in WORKERS for i in range(EACH))
    # each worker's own comments landed in its own order
    for code in WORKERS:
        mine = [e.text for e in comments if e.by == code]
        assert mine == [f"{code} {i}" for i in range(EACH)]
    # the first round alone has one winner and three losers
    assert sum(report["conflicts"] for report in reports) >= len(WORKERS) - 1
    assert {report["worker"] for report in reports} == set(WORKERS)
