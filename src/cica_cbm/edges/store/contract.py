"""The contract every event store keeps, as a reusable pytest suite (needs the ``test`` extra).

To check a store, subclass :class:`EventStoreContract` in a test module under a name pytest
collects, and say how to make the store::

    from cica_cbm.store.contract import EventStoreContract

    class TestMyStore(EventStoreContract):
        def make_store(self, directory):
            return MyStore(directory / "events")

        def reopen(self, store, directory):      # for stores that keep data elsewhere
            return MyStore(directory / "events")

Every test then runs against it: exact reload (a property test over generated procedures),
optimistic concurrency, whole-or-nothing batches, refusal of anything that would make the
stream an invalid procedure, and durability across a reopen.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ...core import samples
from ...core.clock import UTC
from ...core.consensus import Decision
from ...core.errors import (
    CbmError,
    ConflictError,
    EventOrderError,
    InvalidValueError,
    NotAPartyError,
    ProcedureClosedError,
)
from ...core.exchange import SharedItem
from ...core.focal_points import FocalPointsNetwork
from ...core.implementation import Implementation
from ...core.participation import Activity
from ...core.reviews import ReviewSchedule
from ...core.silence import (
    CICA_PRACTICE,
    CICA_STRICT,
    EU_COUNCIL,
    NATO,
    OSCE,
    UN_GENERAL_ASSEMBLY,
    CommentSubmitted,
    Deadline,
    DeadlineExtended,
    DeadlineForm,
    ObjectionRaised,
    SilenceProcedure,
    Status,
)
from ..strategies import (
    activities,
    decisions,
    focal_point_networks,
    implementations,
    instants,
    note_numbers,
    review_schedules,
    shared_item_histories,
)
from . import EventStore, UnknownStreamError
from .kinds import KINDS, Kind

__all__ = ["AGGREGATES", "EventStoreContract", "procedures"]

_POLICIES = (CICA_PRACTICE, CICA_STRICT, EU_COUNCIL, NATO, OSCE, UN_GENERAL_ASSEMBLY)
_ACTS = ("comment", "amend", "object", "extend", "withdraw")


@st.composite
def procedures(draw: st.DrawFn, max_events: int = 8) -> SilenceProcedure:
    """Valid procedures on the seed's note and draft, under any shipped policy.

    Up to ``max_events`` comments, amendments, objections, extensions and withdrawals follow
    the opening. Commands the procedure refuses are skipped, so every procedure drawn is one a
    store must accept. Shrinks towards the seed's opening under CICA practice with nothing recorded.
    """
    seed = samples.nct_g_1501()
    members = sorted(seed.parties)
    policy = draw(st.sampled_from(_POLICIES))
    parties = draw(st.none() | st.sets(st.sampled_from(members), min_size=1, max_size=6))
    opened = seed.opening.at + timedelta(minutes=draw(st.integers(0, 24 * 60)))
    deadline: date | datetime
    if policy.deadline_form is DeadlineForm.INSTANT:
        deadline = opened + timedelta(hours=draw(st.integers(72, 24 * 40)))
    else:
        deadline = date(2024, 1, 11) + timedelta(days=draw(st.integers(-20, 10)))
    requested_by = draw(st.none() | st.sampled_from(sorted(parties or members)))
    proc = SilenceProcedure.open(
        seed.note,
        seed.draft,
        deadline=deadline,
        at=opened,
        parties=parties,
        policy=policy,
        body="CICA",
        requested_by=requested_by,
    )
    acting = sorted(proc.parties)
    for _ in range(draw(st.integers(0, max_events))):
        at = draw(instants(start=opened, span=timedelta(days=60)))
        act = draw(st.sampled_from(_ACTS))
        note = draw(st.none() | note_numbers())
        try:
            if act == "extend":
                to: date | datetime = draw(
                    st.dates(date(2023, 12, 14), date(2024, 3, 31))
                    | instants(start=opened, span=timedelta(days=90))
                )
                proc = proc.extend(to=to, at=at, note=note)
            elif act == "withdraw":
                proc = proc.withdraw(at=at, reason=draw(st.text(max_size=30)), note=note)
            else:
                by = draw(st.sampled_from(acting))
                proc = getattr(proc, act)(by=by, at=at, text=draw(st.text(max_size=30)))
        except CbmError:
            continue  # refused: the procedure is unchanged, as the store must leave a stream
    return proc


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


DURING = _utc(2024, 1, 5, 9, 0)
"""An instant inside the seed's silence (which ends 2024-01-11 18:00 UTC)."""
AFTER = _utc(2024, 1, 20, 9, 0)
"""An instant after the seed's deadline."""


def _seed() -> SilenceProcedure:
    return samples.nct_g_1501()


def _comment(by: str, at: datetime = DURING, text: str = "A comment.") -> CommentSubmitted:
    return CommentSubmitted(at=at, by=by, text=text)


class EventStoreContract:
    """The tests every :class:`~cica_cbm.store.EventStore` passes.

    Subclass it and define :meth:`make_store` (and :meth:`reopen` for a store that keeps its
    data outside the object).
    """

    def make_store(self, directory: Path) -> EventStore:
        """A new, empty store, which may keep its files in ``directory``."""
        raise NotImplementedError

    def reopen(self, store: EventStore, directory: Path) -> EventStore:
        """The same data seen afresh (a new connection to the same file); by default ``store``."""
        return store

    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[EventStore]:
        """A new store for one test, closed afterwards."""
        store = self.make_store(tmp_path)
        yield store
        store.close()

    # -- streams and versions --

    def test_a_store_is_an_event_store(self, store: EventStore) -> None:
        """The store has every method of the protocol."""
        assert isinstance(store, EventStore)

    def test_a_stream_never_written_is_empty_at_version_zero(self, store: EventStore) -> None:
        """Reading a stream nobody wrote gives no events, version 0, and lists no stream."""
        assert store.read("nothing") == ()
        assert store.version("nothing") == 0
        assert store.streams() == ()

    def test_loading_a_stream_never_written_is_an_unknown_stream_error(
        self, store: EventStore
    ) -> None:
        """``load`` of an unknown stream names it, as a CbmError and a LookupError."""
        with pytest.raises(UnknownStreamError, match="nothing") as caught:
            store.load("nothing")
        assert isinstance(caught.value, CbmError)
        assert isinstance(caught.value, LookupError)

    def test_the_opening_starts_a_stream_at_version_one(self, store: EventStore) -> None:
        """Appending the opening at version 0 gives version 1 and the opening back."""
        proc = _seed()
        assert store.append("s", proc.events, expected_version=0) == 1
        assert store.version("s") == 1
        assert store.read("s") == proc.events
        assert store.streams() == ("s",)

    def test_a_loaded_procedure_equals_the_saved_one(self, store: EventStore) -> None:
        """The procedure loaded is equal to the one saved, and evaluates the same."""
        proc = _seed().comment(by="CHN", at=DURING, text="Suggestion.")
        proc = proc.extend(to=date(2024, 1, 25), at=DURING + timedelta(hours=1), note="NCT/G/9")
        store.save("s", proc, expected_version=0)
        loaded = store.load("s")
        assert loaded == proc
        assert loaded.events == proc.events
        assert loaded.outcome(at=AFTER) == proc.outcome(at=AFTER)

    def test_appends_return_the_new_version_and_keep_recording_order(
        self, store: EventStore
    ) -> None:
        """Versions count events; events come back in the order they were recorded."""
        store.append("s", _seed().events, 0)
        later = _comment("IND", DURING + timedelta(days=2), "later, recorded first")
        earlier = _comment("KAZ", DURING, "earlier, recorded second")
        assert store.append("s", [later], 1) == 2
        assert store.append("s", [earlier, _comment("CHN")], 2) == 4
        assert store.read("s")[1:] == (later, earlier, _comment("CHN"))
        assert store.version("s") == 4

    def test_streams_are_independent_and_listed_in_order(self, store: EventStore) -> None:
        """Each stream has its own version; ``streams()`` lists the written ones, sorted."""
        store.append("b", _seed().events, 0)
        store.append("a", _seed().events, 0)
        store.append("a", [_comment("IND")], 1)
        assert store.streams() == ("a", "b")
        assert (store.version("a"), store.version("b")) == (2, 1)
        assert store.read("b") == _seed().events

    # -- optimistic concurrency --

    @pytest.mark.parametrize("stale", [0, 1, 3])
    def test_an_append_at_another_version_is_a_conflict_and_writes_nothing(
        self, store: EventStore, stale: int
    ) -> None:
        """Another writer got there first: ConflictError with both versions; nothing written."""
        store.append("s", _seed().events, 0)
        store.append("s", [_comment("IND")], 1)
        with pytest.raises(ConflictError) as caught:
            store.append("s", [_comment("CHN")], stale)
        assert (caught.value.stream, caught.value.expected, caught.value.actual) == ("s", stale, 2)
        assert store.version("s") == 2
        assert store.read("s")[1:] == (_comment("IND"),)

    def test_opening_an_existing_stream_again_is_a_conflict(self, store: EventStore) -> None:
        """A second opening at version 0 loses: the stream already exists."""
        store.append("s", _seed().events, 0)
        with pytest.raises(ConflictError):
            store.append("s", _seed().events, 0)
        assert store.version("s") == 1

    def test_an_empty_batch_writes_nothing_but_still_checks_the_version(
        self, store: EventStore
    ) -> None:
        """Appending no events returns the version; at a wrong version it is a conflict."""
        store.append("s", _seed().events, 0)
        assert store.append("s", [], 1) == 1
        with pytest.raises(ConflictError):
            store.append("s", [], 0)
        assert store.append("new", [], 0) == 0
        assert store.streams() == ("s",)

    # -- only valid procedures are written --

    def test_a_stream_must_begin_with_its_opening(self, store: EventStore) -> None:
        """A new stream whose first event is not a ProcedureOpened is refused."""
        with pytest.raises(InvalidValueError, match=r"events\[0\]"):
            store.append("s", [_comment("IND")], 0)
        assert store.version("s") == 0
        assert store.streams() == ()

    def test_a_second_opening_in_a_stream_is_refused(self, store: EventStore) -> None:
        """A stream holds one procedure: a later ProcedureOpened is refused."""
        store.append("s", _seed().events, 0)
        with pytest.raises(InvalidValueError):
            store.append("s", _seed().events, 1)
        assert store.version("s") == 1

    def test_a_batch_with_one_refused_event_is_not_written_at_all(self, store: EventStore) -> None:
        """A non-party's comment at the end of a batch refuses the whole batch."""
        store.append("s", _seed().events, 0)
        batch = [_comment("IND"), _comment("CHN"), _comment("USA")]
        with pytest.raises(NotAPartyError, match="USA"):
            store.append("s", batch, 1)
        assert store.read("s") == _seed().events
        assert store.append("s", batch[:2], 1) == 3

    def test_an_opening_with_a_refused_event_writes_no_stream(self, store: EventStore) -> None:
        """A new stream whose batch holds a refused event is not created."""
        events = (*_seed().events, _comment("FRA"))
        with pytest.raises(NotAPartyError):
            store.append("s", events, 0)
        assert store.streams() == ()

    def test_an_event_before_the_opening_is_refused(self, store: EventStore) -> None:
        """Nothing can happen to a procedure before it was opened."""
        store.append("s", _seed().events, 0)
        with pytest.raises(EventOrderError):
            store.append("s", [_comment("IND", at=_utc(2023, 12, 1))], 1)
        assert store.version("s") == 1

    def test_an_extension_of_a_decided_procedure_is_refused(self, store: EventStore) -> None:
        """After an objection in time, the deadline can no longer be extended."""
        store.append("s", _seed().events, 0)
        store.append("s", [ObjectionRaised(at=DURING, by="IND", text="No.")], 1)
        extension = DeadlineExtended(
            at=DURING + timedelta(hours=1), to=Deadline.no_later_than(date(2024, 1, 25))
        )
        with pytest.raises(ProcedureClosedError):
            store.append("s", [extension], 2)
        assert store.version("s") == 2

    def test_late_submissions_are_kept_and_change_nothing(self, store: EventStore) -> None:
        """Nothing received is dropped: a late objection is stored and reported as late."""
        store.append("s", _seed().events, 0)
        late = ObjectionRaised(at=AFTER, by="IND", text="Too late.")
        store.append("s", [late], 1)
        loaded = store.load("s")
        assert loaded.events[-1] == late
        assert loaded.outcome(at=AFTER + timedelta(days=1)).status is Status.APPROVED
        assert loaded.context(AFTER + timedelta(days=1)).late[0].event == late

    @pytest.mark.parametrize("thing", ["a string", 42, None, [_seed()]])
    def test_things_that_are_not_events_are_refused(self, store: EventStore, thing: Any) -> None:
        """Only silence procedure events go into a stream."""
        with pytest.raises(InvalidValueError):
            store.append("s", thing, 0)
        assert store.streams() == ()

    @pytest.mark.parametrize("stream", ["", " s", "s\n", "a\x00b", "x" * 201, 7, None])
    def test_bad_stream_names_are_refused(self, store: EventStore, stream: Any) -> None:
        """A stream name is a non-empty, printable, trimmed string of at most 200 characters."""
        with pytest.raises(InvalidValueError, match="stream"):
            store.append(stream, _seed().events, 0)
        with pytest.raises(InvalidValueError, match="stream"):
            store.read(stream)
        assert store.streams() == ()

    @pytest.mark.parametrize("version", [-1, True, 1.0, "0", None])
    def test_bad_expected_versions_are_refused(self, store: EventStore, version: Any) -> None:
        """The expected version is a whole number >= 0."""
        with pytest.raises(InvalidValueError, match="expected_version"):
            store.append("s", _seed().events, version)
        assert store.streams() == ()

    def test_a_refused_append_leaves_the_stream_usable(self, store: EventStore) -> None:
        """After a conflict and a refusal, the right append at the right version succeeds."""
        store.append("s", _seed().events, 0)
        with pytest.raises(ConflictError):
            store.append("s", [_comment("IND")], 5)
        with pytest.raises(NotAPartyError):
            store.append("s", [_comment("GBR")], 1)
        assert store.append("s", [_comment("IND")], 1) == 2

    # -- save --

    def test_save_appends_only_the_new_events(self, store: EventStore) -> None:
        """Load, act, save at the loaded length: the stream grows by the new events only."""
        store.save("s", _seed(), 0)
        proc = store.load("s")
        proc2 = proc.comment(by="CHN", at=DURING, text="Fine.").object(
            by="IND", at=DURING, text="No."
        )
        assert store.save("s", proc2, len(proc)) == 3
        assert store.load("s") == proc2

    def test_save_refuses_a_procedure_that_does_not_continue_the_stream(
        self, store: EventStore
    ) -> None:
        """A procedure whose past differs from the stream's is not appended to it."""
        store.save("s", _seed().comment(by="CHN", at=DURING, text="One."), 0)
        other = _seed().comment(by="IND", at=DURING, text="Another.")
        with pytest.raises(InvalidValueError, match="aggregate"):
            store.save("s", other.comment(by="KAZ", at=DURING, text="More."), 2)
        assert store.version("s") == 2

    def test_save_at_a_stale_version_is_a_conflict(self, store: EventStore) -> None:
        """Two writers load version 1; the second to save loses."""
        store.save("s", _seed(), 0)
        first, second = store.load("s"), store.load("s")
        store.save("s", first.comment(by="CHN", at=DURING, text="First."), 1)
        with pytest.raises(ConflictError):
            store.save("s", second.comment(by="IND", at=DURING, text="Second."), 1)
        assert [getattr(e, "by", None) for e in store.read("s")] == [None, "CHN"]

    # -- durability and exact reload --

    def test_what_was_appended_is_there_when_the_store_is_reopened(
        self, store: EventStore, tmp_path: Path
    ) -> None:
        """A reopened store holds every stream, event and version written before."""
        proc = _seed().comment(by="CHN", at=DURING, text="Kept.")
        store.save("s", proc, 0)
        store.save("t", _seed(), 0)
        again = self.reopen(store, tmp_path)
        try:
            assert again.streams() == ("s", "t")
            assert again.load("s") == proc
            assert again.version("s") == 2
        finally:
            if again is not store:
                again.close()

    def test_every_registered_kind_has_a_strategy(self) -> None:
        """A kind registered in the store is tested here once it has a strategy."""
        assert {kind.aggregate for kind in KINDS} <= set(AGGREGATES)

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
    def test_reload_is_exact_for_any_aggregate(self, kind: Kind) -> None:
        """Appended in any batches, an aggregate reads, loads and reopens equal to itself."""

        # the property is built per call: Hypothesis refuses one @given method shared by
        # several test classes (its "differing executors" health check)
        @settings(max_examples=25, deadline=None)
        @given(aggregate=AGGREGATES[kind.aggregate](), cuts=st.lists(st.integers(1, 4), max_size=8))
        def reloads_exactly(aggregate: Any, cuts: list[int]) -> None:
            with tempfile.TemporaryDirectory() as name:
                directory = Path(name)
                store = self.make_store(directory)
                try:
                    acts, version = kind.acts(aggregate), 0
                    for size in [*cuts, len(acts)]:
                        version = store.append("p", acts[version : version + size], version)
                    assert version == len(acts)
                    assert store.read("p") == acts
                    assert store.load("p") == aggregate
                    assert type(store.load("p")) is kind.aggregate
                    again = self.reopen(store, directory)
                    try:
                        assert again.load("p") == aggregate
                        assert again.version("p") == len(acts)
                        assert [r.event for r in again.records("p")] == list(acts)
                    finally:
                        if again is not store:
                            again.close()
                finally:
                    store.close()

        reloads_exactly()

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
    def test_save_writes_the_acts_of_any_aggregate(self, kind: Kind) -> None:
        """``save`` of an aggregate at 0, then ``load``: the same aggregate, of its kind."""

        @settings(max_examples=10, deadline=None)
        @given(aggregate=AGGREGATES[kind.aggregate]())
        def saves(aggregate: Any) -> None:
            with tempfile.TemporaryDirectory() as name:
                store = self.make_store(Path(name))
                try:
                    assert store.save("p", aggregate, 0) == len(kind.acts(aggregate))
                    assert store.load("p") == aggregate
                finally:
                    store.close()

        saves()


AGGREGATES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    SilenceProcedure: procedures,
    Implementation: implementations,
    Decision: decisions,
    ReviewSchedule: review_schedules,
    SharedItem: shared_item_histories,
    Activity: activities,
    FocalPointsNetwork: focal_point_networks,
}
"""A strategy of valid aggregates for each registered kind: registering a kind in
:data:`cica_cbm.edges.store.kinds.KINDS` and adding its strategy here runs the contract's
property tests on it."""
