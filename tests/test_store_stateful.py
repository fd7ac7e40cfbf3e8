"""Each store behaves as a dict of lists of events, whatever sequence of appends it is given.

The model is trivially correct: a stream is a list; an append at the list's length extends it
if the silence procedure accepts every event of the batch (the core's own ``record`` is the
oracle), and leaves it unchanged otherwise.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import cica_cbm as cbm
from cica_cbm.edges.store import EventStore, MemoryEventStore, SQLiteEventStore
from cica_cbm.edges.store._base import extend
from cica_cbm.edges.strategies import instants

SEED = cbm.samples.nct_g_1501()
OPENED = SEED.opening.at
STREAMS = ("NCT/G/1501", "second", "third")
# parties (mostly), and codes that are not: an observer, a non-member, a made-up code
ACTORS = ("CHN", "IND", "KAZ", "TUR") * 4 + ("USA", "FRA", "XYZ")


def _submissions(start: datetime, span: timedelta) -> st.SearchStrategy[cbm.Event]:
    return st.builds(
        lambda kind, at, by, text: kind(at=at, by=by, text=text),
        st.sampled_from([cbm.CommentSubmitted, cbm.AmendmentProposed, cbm.ObjectionRaised]),
        instants(start=start, span=span),
        st.sampled_from(ACTORS),
        st.text(max_size=12),
    )


submissions = _submissions(OPENED, timedelta(days=50))
too_early = _submissions(OPENED - timedelta(days=3), timedelta(days=3))
extensions = st.builds(
    cbm.DeadlineExtended,
    at=instants(start=OPENED, span=timedelta(days=50)),
    to=st.dates(date(2024, 1, 1), date(2024, 2, 20)).map(cbm.Deadline.no_later_than),
)
withdrawals = st.builds(
    cbm.ProcedureWithdrawn,
    at=instants(start=OPENED, span=timedelta(days=50)),
    reason=st.text(max_size=12),
)
# mostly submissions, as in life; now and then one dated before the opening, or a second
# opening: both always refused
events = st.sampled_from(
    [submissions] * 6 + [extensions, withdrawals, too_early, st.just(SEED.opening)]
).flatmap(lambda strategy: strategy)


def _accepted(stored: list[cbm.Event], batch: list[cbm.Event]) -> bool:
    """The oracle: whether the procedure accepts ``batch`` after ``stored``."""
    current = cbm.SilenceProcedure(stored) if stored else None
    try:
        extend(current, tuple(batch))
    except cbm.CbmError:
        return False
    return True


def _attempt(
    store: EventStore, stream: str, batch: list[cbm.Event], expected: int
) -> tuple[int | None, cbm.CbmError | None]:
    """The new version, or the error the store refused the append with."""
    try:
        return store.append(stream, batch, expected), None
    except cbm.CbmError as exc:
        return None, exc


class StoreMachine(RuleBasedStateMachine):
    """A store checked step by step against a dict of lists."""

    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="cica-store-"))
        self.store: EventStore = self.make_store()
        self.model: dict[str, list[cbm.Event]] = {name: [] for name in STREAMS}

    def make_store(self) -> EventStore:
        """A store on ``self.directory`` (the same data when called again)."""
        raise NotImplementedError

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    @initialize()
    def open_the_seed(self) -> None:
        """Every run starts with the seed's procedure in the first stream."""
        assert self.store.append(STREAMS[0], SEED.events, 0) == 1
        self.model[STREAMS[0]].append(SEED.opening)

    @rule(stream=st.sampled_from(STREAMS), at=st.none() | instants(start=OPENED))
    def open(self, stream: str, at: datetime | None) -> None:
        """Opening a stream succeeds only while it is empty, and only with a valid opening."""
        opening = SEED.opening if at is None else attrs.evolve(SEED.opening, at=at)
        model = self.model[stream]
        version, error = _attempt(self.store, stream, [opening], 0)
        if isinstance(error, cbm.ConflictError):
            assert model
            assert error.actual == len(model)
        elif error is not None:
            assert not model
            assert not _accepted([], [opening])
        else:
            assert not model
            assert version == 1
            model.append(opening)

    @rule(
        stream=st.sampled_from([STREAMS[0]] * 4 + list(STREAMS[1:])),
        batch=st.lists(events, min_size=1, max_size=4),
        skew=st.sampled_from([0, 0, 0, 0, 0, 0, -1, 1, 5]),
    )
    def append(self, stream: str, batch: list[cbm.Event], skew: int) -> None:
        """An append lands whole if the version holds and every event is accepted; else not."""
        model = self.model[stream]
        expected = len(model) + skew
        if expected < 0:
            expected = len(model) + 1
        version, error = _attempt(self.store, stream, batch, expected)
        if isinstance(error, cbm.ConflictError):
            assert expected != len(model)
            assert (error.expected, error.actual) == (expected, len(model))
        elif error is not None:
            assert expected == len(model)
            assert not _accepted(model, batch)
        else:
            assert expected == len(model)
            assert _accepted(model, batch)
            model.extend(batch)
            assert version == len(model)

    @precondition(lambda self: any(self.model.values()))
    @rule(data=st.data())
    def save_after_load(self, data: st.DataObject) -> None:
        """Load, comment, save: the same as appending the comment at the loaded version."""
        stream = data.draw(st.sampled_from([s for s in STREAMS if self.model[s]]))
        proc = self.store.load(stream)
        assert proc == cbm.SilenceProcedure(self.model[stream])
        at = data.draw(instants(start=proc.opening.at, span=timedelta(days=40)))
        proc2 = proc.comment(by=data.draw(st.sampled_from(["CHN", "IND"])), at=at, text="s")
        assert self.store.save(stream, proc2, len(proc)) == len(proc2)
        self.model[stream] = list(proc2.events)

    @rule()
    def reopen(self) -> None:
        """A new connection to the same data sees the same streams."""
        self.store.close()
        self.store = self.make_store()

    @invariant()
    def matches_the_model(self) -> None:
        """Every stream holds exactly the model's events, at the model's version."""
        for name, model in self.model.items():
            assert self.store.read(name) == tuple(model)
            assert self.store.version(name) == len(model)
        assert self.store.streams() == tuple(sorted(s for s, m in self.model.items() if m))


class MemoryStoreMachine(StoreMachine):
    """The store in memory (reopening keeps the same object, as its data lives there)."""

    def make_store(self) -> EventStore:
        existing = getattr(self, "store", None)
        if isinstance(existing, MemoryEventStore):
            return existing
        return MemoryEventStore()

    def teardown(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


class SQLiteStoreMachine(StoreMachine):
    """The SQLite store in a file, reopened through a new connection."""

    def make_store(self) -> EventStore:
        return SQLiteEventStore(self.directory / "events.db")


TestMemoryStoreAgainstAListModel = MemoryStoreMachine.TestCase
TestMemoryStoreAgainstAListModel.settings = settings(
    max_examples=50, stateful_step_count=30, deadline=None
)
TestSQLiteStoreAgainstAListModel = SQLiteStoreMachine.TestCase
TestSQLiteStoreAgainstAListModel.settings = settings(
    max_examples=15, stateful_step_count=30, deadline=None
)
