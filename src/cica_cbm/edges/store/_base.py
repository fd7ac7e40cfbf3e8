"""What every store shares: checking names, versions and batches, and validating a stream.

A store writes nothing that is not a valid aggregate: a batch is recorded, act by act, on the
aggregate the stream already holds (its kind's ``then``, the API's own checks), and only if
every act is accepted is the batch written, whole. The kinds are listed in
:mod:`cica_cbm.edges.store.kinds`.
"""

from __future__ import annotations

import secrets
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Generic, Self, TypeVar

import cattrs

from ...core.errors import CbmError, ConflictError, InvalidValueError
from . import kinds
from ._codec import Codec, forget_decoded
from .errors import CorruptStoreError, StoreError, UnknownStreamError
from .kinds import Kind, act_types, kind_of_aggregate, kind_of_founding
from .records import (
    GENESIS,
    ChainReport,
    Record,
    check_recorded_at,
    check_recorded_by,
    link,
    read_recorded_at,
    verify_rows,
)

__all__ = [
    "MAX_STREAM_LENGTH",
    "SHARED_STREAMS",
    "Codec",
    "DatabaseStore",
    "Entry",
    "Row",
    "StoreBase",
    "check_batch",
    "check_continues",
    "check_stream",
    "check_version",
    "decode_rows",
    "extend",
    "forget",
    "kind_of",
    "new_store_id",
    "rebuild",
]

H = TypeVar("H")

MAX_STREAM_LENGTH = 200
"""The longest stream name, in characters."""


def check_stream(stream: object) -> str:
    """``stream`` if it is a usable stream name, else :class:`InvalidValueError`."""
    allowed = (
        f"a non-empty name of at most {MAX_STREAM_LENGTH} characters, "
        "without control characters or surrounding spaces"
    )
    if (
        not isinstance(stream, str)
        or not stream
        or len(stream) > MAX_STREAM_LENGTH
        or stream != stream.strip()
        or any(unicodedata.category(c).startswith("C") for c in stream)
    ):
        raise InvalidValueError("stream", stream, allowed)
    return stream


def check_version(expected_version: object) -> int:
    """``expected_version`` if it is a whole number >= 0, else :class:`InvalidValueError`."""
    if (
        not isinstance(expected_version, int)
        or isinstance(expected_version, bool)
        or expected_version < 0
    ):
        raise InvalidValueError(
            "expected_version", expected_version, "a whole number >= 0 (0 for a new stream)"
        )
    return expected_version


def check_batch(events: object) -> tuple[Any, ...]:
    """The acts of a batch as a tuple; anything but the acts of a registered kind is refused."""
    if isinstance(events, str | bytes) or not isinstance(events, Iterable):
        raise InvalidValueError("events", events, "a sequence of acts (ProcedureOpened, ...)")
    batch = tuple(events)
    allowed = act_types()
    for index, event in enumerate(batch):
        if not isinstance(event, allowed):
            raise InvalidValueError(
                f"events[{index}]", event, "an act of a stored kind (ProcedureOpened, ...)"
            )
    return batch


def kind_of(aggregate: object) -> Kind:
    """The registered kind of ``aggregate``, else :class:`InvalidValueError`."""
    kind = kind_of_aggregate(aggregate)
    if kind is None:
        allowed = ", ".join(k.name for k in kinds.KINDS)
        raise InvalidValueError("aggregate", type(aggregate).__name__, f"one of {allowed}")
    return kind


def _same_kind(kind: Kind, batch: tuple[Any, ...]) -> None:
    for index, act in enumerate(batch):
        if not isinstance(act, kind.act_types):
            raise InvalidValueError(
                f"events[{index}]", type(act).__name__, f"an act of a {kind.name}"
            )


def extend(current: Any | None, batch: tuple[Any, ...]) -> Any:
    """The aggregate ``current`` with ``batch`` recorded, else the core's error for a bad act.

    A new stream (``current is None``) must begin with a founding act, which fixes its kind;
    every act then goes through the kind's checks (``from_acts``, ``then``).
    """
    if current is None:
        kind = kind_of_founding(batch[0])
        if kind is None:
            raise InvalidValueError(
                "events[0]",
                type(batch[0]).__name__,
                f"a founding act ({', '.join(k.founding.__name__ for k in kinds.KINDS)})",
            )
        _same_kind(kind, batch)
        return kind.replay(batch)
    kind = kind_of(current)
    _same_kind(kind, batch)
    for act in batch:
        current = kind.then(current, act)
    return current


def decode_rows(
    codec: Codec, where: str, stream: str, version: int, rows: Iterable[tuple[int, str, str]]
) -> tuple[Any, ...]:
    """The acts of ``stream`` from its stored rows, ``(position, type, JSON)`` by position.

    The rows must be positions 1 to ``version`` with no gap, each a readable act filed
    under its own type; else :class:`~cica_cbm.store.CorruptStoreError` naming ``where``.
    """
    rows = list(rows)
    positions = [row[0] for row in rows]
    if positions != list(range(1, version + 1)):
        raise CorruptStoreError(
            where,
            f"stream {stream!r} is at version {version} but holds {len(rows)} events "
            "(a gap or an extra event)",
        )
    events: list[Any] = []
    for position, kind, data in rows:
        try:
            event = codec.decode(data)
        except (CbmError, ValueError, TypeError, KeyError, cattrs.BaseValidationError) as exc:
            raise CorruptStoreError(
                where, f"stream {stream!r} event {position} cannot be read: {exc}"
            ) from None
        if type(event).__name__ != kind:
            raise CorruptStoreError(
                where,
                f"stream {stream!r} event {position} is a {type(event).__name__} "
                f"but is filed as {kind}",
            )
        events.append(event)
    return tuple(events)


def rebuild(where: str, stream: str, events: tuple[Any, ...]) -> Any:
    """The aggregate of a stream's acts, else :class:`~cica_cbm.store.CorruptStoreError`."""
    kind = kind_of_founding(events[0]) if events else None
    if kind is None:
        raise CorruptStoreError(where, f"stream {stream!r} does not begin with a founding act")
    try:
        _same_kind(kind, events)
        return kind.replay(events)
    except CbmError as exc:
        raise CorruptStoreError(
            where, f"stream {stream!r} is no longer a valid {kind.name}: {exc}"
        ) from None


def check_continues(
    stream: str, aggregate: Any, stored: tuple[Any, ...], acts: tuple[Any, ...]
) -> None:
    """Refuse a saved aggregate whose first acts are not the ``stored`` ones."""
    # acts loaded from this store are the very objects cached: the comparison is by identity
    if acts != stored:
        raise InvalidValueError(
            "aggregate",
            type(aggregate).__name__,
            f"an aggregate whose first {len(stored)} acts are those of stream {stream!r}",
        )


class StoreBase:
    """What the stores share: checking ``append`` and ``save``, ``load``, ``with``.

    A store gives ``_append`` (the checked batch, at the expected version, with what it must
    continue), ``read`` and ``_load``.
    """

    def _append(
        self,
        stream: str,
        batch: tuple[Any, ...],
        expected: int,
        continues: tuple[Any, Any] | None,
        by: str | None,
        at: str | None,
    ) -> int:
        """Write ``batch`` at version ``expected`` (checked), else change nothing.

        ``continues`` is ``(aggregate, its first acts)`` on a save: what the stream must hold.
        """
        raise NotImplementedError

    def read(self, stream: str) -> tuple[Any, ...]:
        """The acts of ``stream`` in recording order (empty for a stream never written)."""
        raise NotImplementedError

    def append(
        self,
        stream: str,
        events: Iterable[Any],
        expected_version: int,
        *,
        recorded_by: str | None = None,
        recorded_at: datetime | None = None,
    ) -> int:
        """Append ``events`` to ``stream`` if it is at ``expected_version``; the new version.

        ``recorded_by`` and ``recorded_at`` (an aware instant; the store reads no clock) are
        kept beside each act of the batch. Raises
        :class:`~cica_cbm.core.errors.ConflictError` if the stream moved, and the core's own
        error for an act the aggregate refuses; either way nothing is written.
        """
        stream = check_stream(stream)
        expected = check_version(expected_version)
        batch = check_batch(events)
        by, at = check_recorded_by(recorded_by), check_recorded_at(recorded_at)
        return self._append(stream, batch, expected, None, by, at)

    def close(self) -> None:
        """Release what the store holds; the default holds nothing."""

    def load(self, stream: str) -> Any:
        """The aggregate stored under ``stream`` (a :class:`SilenceProcedure`, ...).

        :class:`UnknownStreamError` if the stream was never written.
        """
        stream = check_stream(stream)
        found = self._load(stream)
        if found is None:
            raise UnknownStreamError(stream)
        return found[1]

    def _load(self, stream: str) -> tuple[int, Any] | None:
        """``(version, aggregate)`` of ``stream``, or ``None`` for a stream never written."""
        events = self.read(stream)
        return (len(events), rebuild("store", stream, events)) if events else None

    def save(
        self,
        stream: str,
        aggregate: Any,
        expected_version: int,
        *,
        recorded_by: str | None = None,
        recorded_at: datetime | None = None,
    ) -> int:
        """Append the acts of ``aggregate`` after its first ``expected_version``.

        ``aggregate`` must continue the stream: its first ``expected_version`` acts are the
        stream's. The usual round is ``proc = store.load(s)``, ``proc2 = proc.comment(...)``,
        ``store.save(s, proc2, len(proc))``. The store compares counts (the version it holds
        against ``expected_version``) and the acts it already holds, without reading the
        stream again. ``recorded_by`` and ``recorded_at`` are kept beside each new act, as in
        :meth:`append`. Returns the new version.
        """
        stream = check_stream(stream)
        expected = check_version(expected_version)
        kind = kind_of(aggregate)
        by, at = check_recorded_by(recorded_by), check_recorded_at(recorded_at)
        acts = kind.acts(aggregate)
        if len(acts) < expected:
            raise InvalidValueError(
                "aggregate",
                type(aggregate).__name__,
                f"an aggregate of at least {expected} acts (it has {len(acts)})",
            )
        batch = check_batch(acts[expected:])
        return self._append(stream, batch, expected, (aggregate, acts[:expected]), by, at)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


Row = tuple[int, str, str, str | None, str | None, str | None]
"""A stored act: ``(position, type, JSON, recorded_by, recorded_at, hash)``."""

Entry = tuple[int, Any, str | None]
"""What a store remembers of a stream: its version, its aggregate and its last hash."""

SHARED_STREAMS = 256
"""How many streams the process remembers between stores (the least recently used go first)."""

_shared: OrderedDict[tuple[str, str], Entry] = OrderedDict()
_shared_lock = threading.Lock()


def forget() -> None:
    """Forget what this process remembers of every store's streams (they are read again).

    For a tool that edits a store file behind the store's back in the same process, or a test
    that plays another process doing so.
    """
    with _shared_lock:
        _shared.clear()
    forget_decoded()


def new_store_id() -> str:
    """A random id for a new store file or schema, kept in its metadata."""
    return secrets.token_hex(16)


class DatabaseStore(StoreBase, Generic[H]):
    """The shape of a store on a database server or file (SQLite, PostgreSQL).

    ``_append`` is the same on both: one write transaction (``_writing``) that reads the
    stream's version under the writers' lock (``_locked_version``), checks it, records the
    batch on the stored aggregate (cached with its version and last hash: a stream's past never
    changes), starts or moves the stream's row (``_start``, ``_move``) and inserts the acts
    (``_insert``), each with who recorded it, when, and (``chained``) its hash. Reading is one
    snapshot (``_reading``) of the stream's version and rows. A subclass says how each step is
    done on its database, with ``H`` the handle its transactions give.
    """

    where: str
    """How errors name the store (a path, or a connection string without its password)."""
    chained: bool = False
    """Whether the store keeps a hash chain over each stream (fixed when it was created)."""
    _codec: Codec
    _cache: dict[str, Entry]
    _shared_key: str | None = None
    """Set to a key naming this very database (its store id, where it is) to share what is
    remembered of its streams with the other stores of the process: a round of open, load,
    act, save then reads only the stream's version. A stream's past never changes through a
    store, so an aggregate remembered at the version the database holds is the one it holds
    (rows edited behind the store's back are found by ``check``, ``verify`` and a new
    process, which read everything; :func:`forget` makes this one read everything again)."""

    def _remembered(self, stream: str, version: int) -> Entry | None:
        entry = self._cache.get(stream)
        if self._shared_key is not None and (entry is None or entry[0] != version):
            with _shared_lock:
                entry = _shared.get((self._shared_key, stream))
                if entry is not None:
                    _shared.move_to_end((self._shared_key, stream))
        return entry if entry is not None and entry[0] == version else None

    def _remember(self, stream: str, entry: Entry) -> None:
        self._cache[stream] = entry
        if self._shared_key is not None:
            with _shared_lock:
                _shared[(self._shared_key, stream)] = entry
                _shared.move_to_end((self._shared_key, stream))
                while len(_shared) > SHARED_STREAMS:
                    _shared.popitem(last=False)

    def _writing(self) -> AbstractContextManager[H]:
        """One write transaction, committed at the end of the block, else rolled back."""
        raise NotImplementedError

    def _reading(self) -> AbstractContextManager[H]:
        """One read transaction that sees a single snapshot."""
        raise NotImplementedError

    def _version(self, handle: H, stream: str) -> int:
        """The version of ``stream`` (0 for a stream never written)."""
        raise NotImplementedError

    def _locked_version(self, handle: H, stream: str) -> int:
        """The version of ``stream``, read under the lock that keeps other writers out."""
        raise NotImplementedError

    def _rows(self, handle: H, stream: str) -> list[Row]:
        """The stored rows of ``stream``, by position."""
        raise NotImplementedError

    def _start(self, handle: H, stream: str, version: int, expected: int) -> None:
        """Create the row of a new ``stream`` at ``version`` (a rival's first is a conflict)."""
        raise NotImplementedError

    def _move(self, handle: H, stream: str, version: int) -> None:
        """Move the row of ``stream`` to ``version``."""
        raise NotImplementedError

    def _insert(self, handle: H, rows: list[tuple[Any, ...]]) -> None:
        """Insert the rows ``(stream, position, type, JSON, by, at, hash)`` of one batch."""
        raise NotImplementedError

    def streams(self) -> tuple[str, ...]:
        """The names of the streams that hold events, sorted."""
        raise NotImplementedError

    # -- writing --

    def _append(
        self,
        stream: str,
        batch: tuple[Any, ...],
        expected: int,
        continues: tuple[Any, Any] | None,
        by: str | None,
        at: str | None,
    ) -> int:
        with self._writing() as handle:
            actual = self._locked_version(handle, stream)
            if actual != expected:
                raise ConflictError(stream, expected, actual)
            current, previous = self._current(handle, stream, actual)
            if continues is not None and current is not None:
                check_continues(stream, continues[0], kind_of(current).acts(current), continues[1])
            if not batch:
                return actual
            aggregate = extend(current, batch)
            new = actual + len(batch)
            # every row is encoded (a lone surrogate refused) before anything is written
            rows: list[tuple[Any, ...]] = []
            previous = previous or GENESIS
            for position, event in enumerate(batch, start=actual + 1):
                kind, data = type(event).__name__, self._codec.encode(event)
                digest = None
                if self.chained:
                    digest = previous = link(previous, stream, position, kind, data, by, at)
                rows.append((stream, position, kind, data, by, at, digest))
            if actual == 0:
                self._start(handle, stream, new, expected)
            else:
                self._move(handle, stream, new)
            self._insert(handle, rows)
        self._remember(stream, (new, aggregate, digest))
        return new

    def _current(self, handle: H, stream: str, version: int) -> tuple[Any | None, str | None]:
        """The stored aggregate at ``version`` and its last hash (cached: the past is fixed)."""
        if version == 0:
            return None, None
        cached = self._remembered(stream, version)
        if cached is not None:
            return cached[1], cached[2]
        rows = self._rows(handle, stream)
        aggregate = self._rebuild(stream, version, rows)
        return aggregate, rows[-1][5]

    def _rebuild(self, stream: str, version: int, rows: list[Row]) -> Any:
        aggregate = rebuild(self.where, stream, self._decode(stream, version, rows))
        self._remember(stream, (version, aggregate, rows[-1][5] if rows else None))
        return aggregate

    # -- reading --

    def _decode(self, stream: str, version: int, rows: list[Row]) -> tuple[Any, ...]:
        return decode_rows(self._codec, self.where, stream, version, [r[:3] for r in rows])

    def _snapshot(self, stream: str) -> tuple[int, list[Row]]:
        stream = check_stream(stream)
        with self._reading() as handle:
            version = self._version(handle, stream)
            return version, self._rows(handle, stream) if version else []

    def _load(self, stream: str) -> tuple[int, Any] | None:
        # the version first: an aggregate remembered at it is not read again
        with self._reading() as handle:
            version = self._version(handle, stream)
            if not version:
                return None
            cached = self._remembered(stream, version)
            if cached is not None:
                return version, cached[1]
            rows = self._rows(handle, stream)
        return version, self._rebuild(stream, version, rows)

    def read(self, stream: str) -> tuple[Any, ...]:
        """The acts of ``stream`` in recording order (empty for a stream never written)."""
        version, rows = self._snapshot(stream)
        return self._decode(stream, version, rows)

    def records(self, stream: str) -> tuple[Record, ...]:
        """Each act of ``stream`` with who recorded it, when, and its hash (if chained)."""
        version, rows = self._snapshot(stream)
        events = self._decode(stream, version, rows)
        return tuple(
            Record(row[0], event, row[3], read_recorded_at(row[4]), row[5])
            for row, event in zip(rows, events, strict=True)
        )

    def version(self, stream: str) -> int:
        """How many acts ``stream`` holds (0 for a stream never written)."""
        stream = check_stream(stream)
        with self._reading() as handle:
            return self._version(handle, stream)

    def verify(self, stream: str) -> ChainReport:
        """Recompute the hash chain of ``stream``; the report names the first bad act.

        A store without a chain raises :class:`~cica_cbm.store.StoreError`.
        """
        if not self.chained:
            raise StoreError(
                self.where, "this store keeps no hash chain (it was created without chain=True)"
            )
        version, rows = self._snapshot(stream)
        return verify_rows(stream, version, rows)

    def _check_streams(self) -> int:
        """Read every stream back and rebuild its aggregate; the number of acts checked."""
        total = 0
        for stream in self.streams():
            version, rows = self._snapshot(stream)
            self._rebuild(stream, version, rows)
            total += version
        return total
