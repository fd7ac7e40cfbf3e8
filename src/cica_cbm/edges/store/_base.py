"""What every store shares: checking names, versions and batches, and validating a stream.

A store writes nothing that is not a valid silence procedure: the batch is recorded, event by
event, on the procedure the stream already holds (:meth:`SilenceProcedure.record`), and only
if every event is accepted is the batch written, whole.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Generic, Self, TypeVar

import cattrs

from ...core.errors import CbmError, ConflictError, InvalidValueError
from ...core.silence import (
    AmendmentProposed,
    CommentSubmitted,
    DeadlineExtended,
    Event,
    ObjectionRaised,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilenceProcedure,
)
from ..serialization import make_converter
from .errors import CorruptStoreError, StoreError, UnknownStreamError
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
    "EVENT_TYPES",
    "MAX_STREAM_LENGTH",
    "Codec",
    "DatabaseStore",
    "Row",
    "StoreBase",
    "check_stream",
    "check_version",
    "decode_rows",
    "rebuild",
]

EVENT_TYPES: tuple[type, ...] = (
    ProcedureOpened,
    CommentSubmitted,
    AmendmentProposed,
    ObjectionRaised,
    DeadlineExtended,
    ProcedureWithdrawn,
)
"""The events a stream may hold, the opening first."""

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


def check_batch(events: object) -> tuple[Event, ...]:
    """The events of a batch as a tuple; anything but silence procedure events is refused."""
    if isinstance(events, str | bytes) or not isinstance(events, Iterable):
        raise InvalidValueError("events", events, "a sequence of silence procedure events")
    batch = tuple(events)
    for index, event in enumerate(batch):
        if not isinstance(event, EVENT_TYPES):
            raise InvalidValueError(
                f"events[{index}]", event, "a silence procedure event (ProcedureOpened, ...)"
            )
    return batch


def extend(current: SilenceProcedure | None, batch: tuple[Event, ...]) -> SilenceProcedure:
    """The procedure ``current`` with ``batch`` recorded, else the core's error for a bad event.

    A new stream (``current is None``) must begin with its ``ProcedureOpened``.
    """
    if current is None:
        proc = SilenceProcedure(batch[:1])
        _check_opening(proc.opening)
        rest = batch[1:]
    else:
        proc, rest = current, batch
    for event in rest:
        proc = proc.record(event)
    return proc


def _check_opening(opening: ProcedureOpened) -> None:
    """Refuse an opening that :meth:`SilenceProcedure.open` would not make.

    ``SilenceProcedure(events)`` checks only the stream's shape; a store also checks what
    ``open`` checks (parties, a deadline after the opening that the policy allows).
    """
    remade = SilenceProcedure.open(
        opening.note,
        opening.draft,
        deadline=opening.deadline,
        at=opening.at,
        parties=opening.parties,
        policy=opening.policy,
        requested_by=opening.requested_by,
        body=opening.body,
        revises=opening.revises,
    ).opening
    if remade != opening:  # pragma: no cover - open() keeps what it is given
        raise InvalidValueError("events[0]", opening, "an opening as SilenceProcedure.open makes")


class Codec:
    """Events to JSON text and back, through :func:`cica_cbm.make_converter`.

    Each event travels as the tagged union of :mod:`cica_cbm.edges.serialization`:
    ``{"type": "ObjectionRaised", "at": "...", ...}``.
    """

    def __init__(self) -> None:
        self._converter = make_converter()

    def encode(self, event: Event) -> str:
        """``event`` as JSON text."""
        data = self._converter.unstructure(event, Event)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    def decode(self, text: str) -> Event:
        """The event written by :meth:`encode`; raises on anything else."""
        data: Any = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"expected a JSON object, got {type(data).__name__}")
        event: Event = self._converter.structure(data, Event)  # type: ignore[arg-type]
        return event


def decode_rows(
    codec: Codec, where: str, stream: str, version: int, rows: Iterable[tuple[int, str, str]]
) -> tuple[Event, ...]:
    """The events of ``stream`` from its stored rows, ``(position, type, JSON)`` by position.

    The rows must be positions 1 to ``version`` with no gap, each a readable event filed
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
    events: list[Event] = []
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


def rebuild(where: str, stream: str, events: tuple[Event, ...]) -> SilenceProcedure:
    """The procedure of a stream's events, else :class:`~cica_cbm.store.CorruptStoreError`."""
    try:
        return SilenceProcedure(events)
    except CbmError as exc:
        raise CorruptStoreError(
            where, f"stream {stream!r} is no longer a valid procedure: {exc}"
        ) from None


class StoreBase:
    """What the stores share on top of ``read`` and ``append``: ``load``, ``save``, ``with``.

    A store on a database adds the few steps that differ between servers (:class:`DatabaseStore`).
    """

    def read(self, stream: str) -> tuple[Event, ...]:
        """The events of ``stream`` in recording order (empty for a stream never written)."""
        raise NotImplementedError

    def append(
        self,
        stream: str,
        events: Iterable[Event],
        expected_version: int,
        *,
        recorded_by: str | None = None,
        recorded_at: datetime | None = None,
    ) -> int:
        """Append ``events`` to ``stream`` if it is at ``expected_version``; the new version."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the store holds; the default holds nothing."""

    def load(self, stream: str) -> SilenceProcedure:
        """The procedure stored under ``stream``; its ``len()`` is the stream's version."""
        events = self.read(stream)
        if not events:
            raise UnknownStreamError(check_stream(stream))
        return self._rebuild(stream, events)

    def _rebuild(self, stream: str, events: tuple[Event, ...]) -> SilenceProcedure:
        return SilenceProcedure(events)

    def save(
        self,
        stream: str,
        procedure: SilenceProcedure,
        expected_version: int,
        *,
        recorded_by: str | None = None,
        recorded_at: datetime | None = None,
    ) -> int:
        """Append the events of ``procedure`` after the first ``expected_version``.

        ``procedure`` must continue the stream: its first ``expected_version`` events are the
        stream's. The usual round is ``proc = store.load(s)``, ``proc2 = proc.comment(...)``,
        ``store.save(s, proc2, len(proc))``. ``recorded_by`` and ``recorded_at`` are kept
        beside each new event, as in :meth:`append`. Returns the new version.
        """
        stream = check_stream(stream)
        expected = check_version(expected_version)
        if not isinstance(procedure, SilenceProcedure):
            raise InvalidValueError("procedure", procedure, "a SilenceProcedure")
        stored = self.read(stream)
        if len(stored) != expected:
            raise ConflictError(stream, expected, len(stored))
        if procedure.events[:expected] != stored:
            raise InvalidValueError(
                "procedure",
                procedure,
                f"a procedure whose first {expected} events are those of stream {stream!r}",
            )
        return self.append(
            stream,
            procedure.events[expected:],
            expected,
            recorded_by=recorded_by,
            recorded_at=recorded_at,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


Row = tuple[int, str, str, str | None, str | None, str | None]
"""A stored event: ``(position, type, JSON, recorded_by, recorded_at, hash)``."""


class DatabaseStore(StoreBase, Generic[H]):
    """The shape of a store on a database server or file (SQLite, PostgreSQL).

    ``append`` is the same on both: one write transaction (``_writing``) that reads the
    stream's version under the writers' lock (``_locked_version``), checks it, records the
    batch on the stored procedure (cached: a stream's past never changes), starts or moves the
    stream's row (``_start``, ``_move``) and inserts the events (``_insert``), each with who
    recorded it, when, and (``chained``) its hash. Reading is one snapshot (``_reading``) of
    the stream's version and rows. A subclass says how each step is done on its database,
    with ``H`` the handle its transactions give.
    """

    where: str
    """How errors name the store (a path, or a connection string without its password)."""
    chained: bool = False
    """Whether the store keeps a hash chain over each stream (fixed when it was created)."""
    _codec: Codec
    _cache: dict[str, SilenceProcedure]

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

    def _last_hash(self, handle: H, stream: str, version: int) -> str | None:
        """The hash stored with event ``version`` of ``stream``."""
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

    def append(
        self,
        stream: str,
        events: Iterable[Event],
        expected_version: int,
        *,
        recorded_by: str | None = None,
        recorded_at: datetime | None = None,
    ) -> int:
        """Append ``events`` to ``stream`` if it is at ``expected_version``; the new version.

        ``recorded_by`` and ``recorded_at`` (an aware instant; the store reads no clock) are
        kept beside each event of the batch. One write transaction: raises
        :class:`~cica_cbm.core.errors.ConflictError` if the stream moved, and the core's own
        error for an event the procedure refuses; either way nothing is written.
        """
        stream = check_stream(stream)
        expected = check_version(expected_version)
        batch = check_batch(events)
        by, at = check_recorded_by(recorded_by), check_recorded_at(recorded_at)
        with self._writing() as handle:
            actual = self._locked_version(handle, stream)
            if actual != expected:
                raise ConflictError(stream, expected, actual)
            if not batch:
                return actual
            proc = extend(self._current(handle, stream, actual), batch)
            new = actual + len(batch)
            if actual == 0:
                self._start(handle, stream, new, expected)
            else:
                self._move(handle, stream, new)
            rows: list[tuple[Any, ...]] = []
            previous = GENESIS
            if self.chained and actual:
                previous = self._last_hash(handle, stream, actual) or GENESIS
            for position, event in enumerate(batch, start=actual + 1):
                kind, data = type(event).__name__, self._codec.encode(event)
                digest = None
                if self.chained:
                    digest = previous = link(previous, stream, position, kind, data, by, at)
                rows.append((stream, position, kind, data, by, at, digest))
            self._insert(handle, rows)
        self._cache[stream] = proc
        return new

    def _current(self, handle: H, stream: str, version: int) -> SilenceProcedure | None:
        """The stored procedure at ``version`` (a stream's past never changes, so it is cached)."""
        if version == 0:
            return None
        cached = self._cache.get(stream)
        if cached is not None and len(cached) == version:
            return cached
        rows = self._rows(handle, stream)
        return self._rebuild(stream, self._decode(stream, version, rows))

    def _rebuild(self, stream: str, events: tuple[Event, ...]) -> SilenceProcedure:
        proc = rebuild(self.where, stream, events)
        self._cache[stream] = proc
        return proc

    # -- reading --

    def _decode(self, stream: str, version: int, rows: list[Row]) -> tuple[Event, ...]:
        return decode_rows(self._codec, self.where, stream, version, (r[:3] for r in rows))

    def _snapshot(self, stream: str) -> tuple[int, list[Row]]:
        stream = check_stream(stream)
        with self._reading() as handle:
            version = self._version(handle, stream)
            return version, self._rows(handle, stream) if version else []

    def read(self, stream: str) -> tuple[Event, ...]:
        """The events of ``stream`` in recording order (empty for a stream never written)."""
        version, rows = self._snapshot(stream)
        return self._decode(stream, version, rows)

    def records(self, stream: str) -> tuple[Record, ...]:
        """Each event of ``stream`` with who recorded it, when, and its hash (if chained)."""
        version, rows = self._snapshot(stream)
        events = self._decode(stream, version, rows)
        return tuple(
            Record(row[0], event, row[3], read_recorded_at(row[4]), row[5])
            for row, event in zip(rows, events, strict=True)
        )

    def version(self, stream: str) -> int:
        """How many events ``stream`` holds (0 for a stream never written)."""
        stream = check_stream(stream)
        with self._reading() as handle:
            return self._version(handle, stream)

    def verify(self, stream: str) -> ChainReport:
        """Recompute the hash chain of ``stream``; the report names the first bad event.

        A store without a chain raises :class:`~cica_cbm.store.StoreError`.
        """
        if not self.chained:
            raise StoreError(
                self.where, "this store keeps no hash chain (it was created without chain=True)"
            )
        version, rows = self._snapshot(stream)
        return verify_rows(stream, version, rows)

    def _check_streams(self) -> int:
        """Read every stream back and rebuild its procedure; the number of events checked."""
        total = 0
        for stream in self.streams():
            total += len(self._rebuild(stream, self.read(stream)))
        return total
