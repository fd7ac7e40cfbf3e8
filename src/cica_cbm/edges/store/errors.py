"""The errors of the event stores, below :class:`~cica_cbm.core.errors.CbmError`.

A refused append raises the core's own errors (a bad event is refused by the silence procedure
itself); a lost race raises :class:`~cica_cbm.core.errors.ConflictError`. The errors here are about
the store: a stream that is not there, a database file that is not a store, or one that is
damaged.
"""

from __future__ import annotations

from typing import Any

from ...core.errors import CbmError

__all__ = ["CorruptStoreError", "SchemaVersionError", "StoreError", "UnknownStreamError"]


class StoreError(CbmError):
    """A store cannot do what was asked: ``where`` names the store, ``problem`` what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.where, self.problem))


class CorruptStoreError(StoreError):
    """A database file is damaged or is not a cica_cbm event store; nothing was changed."""


class SchemaVersionError(StoreError):
    """A database file was written by a newer release, with a schema this one cannot read."""

    def __init__(self, where: str, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        StoreError.__init__(
            self,
            where,
            f"schema version {found} is newer than this release reads (up to {supported}); "
            "upgrade cica_cbm to open it",
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.where, self.found, self.supported))


class UnknownStreamError(CbmError, LookupError):
    """No procedure has been stored under ``stream``."""

    def __init__(self, stream: str) -> None:
        self.stream = stream
        super().__init__(f"stream {stream!r}: no procedure is stored under this name")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.stream,))
