"""A stream holds the acts of one aggregate of any registered kind, fixed by its founding act."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import cica_cbm as cbm
from cica_cbm.core.errors import InvalidValueError
from cica_cbm.edges.store import MemoryEventStore, SQLiteEventStore, forget, kinds
from cica_cbm.edges.store.errors import CorruptStoreError
from cica_cbm.edges.store.kinds import KINDS, SILENCE, Kind


@attrs.frozen
class TallyOpened:
    """A toy founding act."""

    by: str
    name: str


@attrs.frozen
class Counted:
    """A toy act: ``by`` counts ``n`` (> 0)."""

    by: str
    n: int


@attrs.frozen
class Tally:
    """A toy aggregate keeping the acts protocol: acts, from_acts, then."""

    acts: tuple[Any, ...]

    @classmethod
    def from_acts(cls, acts: tuple[Any, ...]) -> Tally:
        """Replay ``acts``, refusing the first bad one by its index."""
        for index, act in enumerate(acts):
            founding = index == 0
            if founding != isinstance(act, TallyOpened) or (
                isinstance(act, Counted) and act.n <= 0
            ):
                raise InvalidValueError(f"acts[{index}]", act, "a TallyOpened, then counts > 0")
        return cls(tuple(acts))

    def then(self, act: Any) -> Tally:
        """One more act, checked."""
        return Tally.from_acts((*self.acts, act))

    @property
    def total(self) -> int:
        """The sum of the counts."""
        return sum(act.n for act in self.acts[1:])


TALLY = Kind(TallyOpened, Tally, (TallyOpened, Counted))


@pytest.fixture(params=["memory", "sqlite"])
def store(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MemoryEventStore | SQLiteEventStore]:
    """A store that knows the toy kind besides the silence procedure (one entry more)."""
    monkeypatch.setattr(kinds, "KINDS", (*KINDS, TALLY))
    made = MemoryEventStore() if request.param == "memory" else SQLiteEventStore(tmp_path / "k.db")
    yield made
    made.close()


def test_the_silence_procedure_is_registered() -> None:
    """The one kind shipped today: ProcedureOpened founds a SilenceProcedure."""
    assert SILENCE in KINDS
    assert (SILENCE.founding, SILENCE.aggregate, SILENCE.name) == (
        cbm.ProcedureOpened,
        cbm.SilenceProcedure,
        "SilenceProcedure",
    )
    assert cbm.DeadlineBroughtForward in SILENCE.act_types


def test_a_new_kind_is_stored_through_its_acts(store: Any) -> None:
    """Save writes acts, load returns from_acts, append checks with then."""
    tally = Tally.from_acts((TallyOpened("KAZ", "votes"), Counted("CHN", 2)))
    assert store.save("t", tally, 0) == 2
    assert store.append("t", [Counted("IND", 3)], 2) == 3
    loaded = store.load("t")
    assert type(loaded) is Tally
    assert loaded.total == 5
    assert store.save("t", loaded.then(Counted("KAZ", 1)), 3) == 4
    with pytest.raises(InvalidValueError, match=r"acts\[4\]"):
        store.append("t", [Counted("IND", 0)], 4)
    assert store.version("t") == 4


def test_a_streams_kind_is_fixed_by_its_founding_act(store: Any) -> None:
    """Acts of another kind are refused in a stream, both ways; nothing is written."""
    store.save("t", Tally.from_acts((TallyOpened("KAZ", "votes"),)), 0)
    store.save("p", cbm.samples.nct_g_1501(), 0)
    comment = cbm.CommentSubmitted(at=cbm.samples.nct_g_1501().opening.at, by="CHN", text="x")
    with pytest.raises(InvalidValueError, match="an act of a Tally"):
        store.append("t", [comment], 1)
    with pytest.raises(InvalidValueError, match="an act of a SilenceProcedure"):
        store.append("p", [Counted("CHN", 1)], 1)
    with pytest.raises(InvalidValueError, match="a founding act"):
        store.append("new", [Counted("CHN", 1)], 0)
    assert (store.version("t"), store.version("p"), store.version("new")) == (1, 1, 0)


def test_an_unregistered_aggregate_is_refused(store: Any) -> None:
    """Save names the aggregate's type and the kinds it may be."""
    with pytest.raises(InvalidValueError, match=r"aggregate: 'str'.*SilenceProcedure"):
        store.save("s", "not an aggregate", 0)


def test_a_stored_kind_no_longer_registered_is_a_corrupt_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file holding acts this release does not know is refused clearly, never misread."""
    path = tmp_path / "k.db"
    with monkeypatch.context() as patch:
        patch.setattr(kinds, "KINDS", (*KINDS, TALLY))
        with SQLiteEventStore(path) as store:
            store.save("t", Tally.from_acts((TallyOpened("KAZ", "votes"),)), 0)
    forget()  # as a new process, which knows nothing of the stream
    with SQLiteEventStore(path) as store, pytest.raises(CorruptStoreError, match="TallyOpened"):
        store.load("t")
