"""What a store keeps beside each event: who recorded it, when, and its link in a hash chain.

Each append may say who recorded it (``recorded_by``: a person, a desk, a tool) and when
(``recorded_at``: an aware instant, kept in UTC). The store never reads a clock for it: the
caller supplies the instant, as the core is given its "now". :meth:`records` gives them back,
one frozen :class:`Record` per event.

A store opened with ``chain=True`` also links each event to the one before it: the event's
``hash`` is SHA-256 over the previous event's hash and a canonical encoding of this event
(stream, version, type, its JSON as stored, who recorded it and when). ``verify(stream)``
recomputes the chain and names the first event whose hash does not match
(:class:`ChainReport`).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from ...core.clock import UTC
from ...core.errors import InvalidValueError
from ..serialization.converter import datetime_out

__all__ = [
    "GENESIS",
    "MAX_RECORDER_LENGTH",
    "ChainReport",
    "Record",
    "check_recorded_at",
    "check_recorded_by",
    "link",
    "read_recorded_at",
    "verify_rows",
]

GENESIS = ""
"""The "previous hash" of a stream's first event."""

MAX_RECORDER_LENGTH = 200
"""The longest ``recorded_by``, in characters."""


@attrs.frozen(slots=True)
class Record:
    """One stored event with what the store keeps beside it.

    ``version`` is the event's position in its stream (1 for the founding act);
    ``recorded_by`` and ``recorded_at`` are what the append said (``None`` where it said
    nothing, as in files written before they were kept); ``hash`` is its link in the stream's
    hash chain (``None`` when the store keeps no chain).
    """

    version: int
    event: Any
    recorded_by: str | None
    recorded_at: datetime | None
    hash: str | None


@attrs.frozen(slots=True)
class ChainReport:
    """What :meth:`verify` found: ``ok``, or the first event that does not match.

    ``checked`` is how many events were read; ``head`` the hash of the last event that
    matched (keep it elsewhere to notice a stream cut short later: a chain proves what is
    there, not that nothing was removed from its end); ``first_bad`` the version of the first
    event whose hash does not match (``None`` when ``ok``), and ``problem`` says why.
    """

    stream: str
    checked: int
    head: str
    first_bad: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """Whether every event's hash matched."""
        return self.first_bad is None

    def describe(self) -> str:
        """One line for people."""
        if self.ok:
            return (
                f"stream {self.stream!r}: {self.checked} events, hash chain intact "
                f"(head {self.head})"
            )
        return (
            f"stream {self.stream!r}: event {self.first_bad} fails the hash chain: {self.problem}"
        )


def _text_without_controls(field: str, value: object, longest: int) -> str:
    allowed = (
        f"a non-empty text of at most {longest} characters, "
        "without control characters, lone surrogates or surrounding spaces"
    )
    if (
        not isinstance(value, str)
        or not value
        or len(value) > longest
        or value != value.strip()
        or any(unicodedata.category(c).startswith("C") for c in value)
    ):
        raise InvalidValueError(field, value, allowed)
    return value


def check_recorded_by(value: object) -> str | None:
    """``value`` if it names who recorded an append (or is ``None``), else an error."""
    if value is None:
        return None
    return _text_without_controls("recorded_by", value, MAX_RECORDER_LENGTH)


def check_recorded_at(value: object) -> str | None:
    """``value`` (an aware instant, or ``None``) as the UTC text a store keeps."""
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError("recorded_at", value, "an aware datetime (with its offset)")
    return datetime_out(value.astimezone(UTC))


def read_recorded_at(text: str | None) -> datetime | None:
    """The instant kept as ``text`` by :func:`check_recorded_at`."""
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)


def link(
    previous: str,
    stream: str,
    version: int,
    kind: str,
    data: str,
    recorded_by: str | None,
    recorded_at: str | None,
) -> str:
    """The hash of one event: SHA-256 (hex) over ``previous`` and the event's canonical form.

    The canonical form is the compact JSON array ``[previous, stream, version, type, data,
    recorded_by, recorded_at]`` in UTF-8, ``data`` being the event's JSON exactly as stored.
    """
    canonical = json.dumps(
        [previous, stream, version, kind, data, recorded_by, recorded_at],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def verify_rows(
    stream: str,
    version: int,
    rows: Iterable[tuple[int, str, str, str | None, str | None, str | None]],
) -> ChainReport:
    """The report on a stream's stored rows ``(position, type, data, by, at, hash)``."""
    head, checked = GENESIS, 0
    for expected, (position, kind, data, by, at, stored) in enumerate(rows, start=1):
        if position != expected:
            return ChainReport(stream, checked, head, expected, "the event is missing")
        computed = link(head, stream, position, kind, data, by, at)
        if stored != computed:
            problem = (
                "it carries no hash"
                if stored is None
                else "its hash does not match its content or the events before it"
            )
            return ChainReport(stream, checked, head, position, problem)
        head, checked = computed, checked + 1
    if checked != version:
        return ChainReport(
            stream, checked, head, checked + 1, f"the stream says {version} events are stored"
        )
    return ChainReport(stream, checked, head)
