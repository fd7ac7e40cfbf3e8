"""Reading the shipped data files: loaded once, validated on load, errors that name the path.

Private machinery for :mod:`cica_cbm.core.states`, :mod:`cica_cbm.core.catalogue` and
:mod:`cica_cbm.core.samples`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from .errors import CbmError
from .text import LocalizedText

__all__ = ["DataError", "Reader", "load"]


class DataError(CbmError):
    """A shipped data file is malformed; ``file`` and ``path`` say where."""

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        super().__init__(f"{file} at {path}: {problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.file, self.path, self.problem))


_str = str


class Reader:
    """A cursor into one JSON value that knows its file and path, for precise errors."""

    __slots__ = ("file", "path", "value")

    def __init__(self, value: Any, file: str, path: str = "$") -> None:
        self.value = value
        self.file = file
        self.path = path

    def fail(self, problem: str) -> DataError:
        """An error about this place in the file."""
        return DataError(self.file, self.path, problem)

    def __getitem__(self, key: str) -> Reader:
        if not isinstance(self.value, dict):
            raise self.fail("expected an object")
        if key not in self.value:
            raise DataError(self.file, f"{self.path}.{key}", "missing")
        return Reader(self.value[key], self.file, f"{self.path}.{key}")

    def get(self, key: str) -> Reader | None:
        """The member ``key``, or ``None`` when it is absent or null."""
        if not isinstance(self.value, dict):
            raise self.fail("expected an object")
        if self.value.get(key) is None:
            return None
        return Reader(self.value[key], self.file, f"{self.path}.{key}")

    def items(self) -> Iterator[Reader]:
        """The elements of a JSON array."""
        if not isinstance(self.value, list):
            raise self.fail("expected an array")
        for index, item in enumerate(self.value):
            yield Reader(item, self.file, f"{self.path}[{index}]")

    def keys(self) -> list[str]:
        """The keys of a JSON object, in file order."""
        if not isinstance(self.value, dict):
            raise self.fail("expected an object")
        return list(self.value)

    def str(self) -> str:
        """The value as a non-empty string."""
        if not isinstance(self.value, str) or not self.value.strip():
            raise self.fail(f"expected a non-empty string, got {self.value!r}")
        return self.value

    def int(self) -> int:
        """The value as an integer."""
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.fail(f"expected an integer, got {self.value!r}")
        return self.value

    def date(self) -> date:
        """The value as an ISO 8601 calendar date."""
        try:
            return date.fromisoformat(self.str())
        except ValueError:
            raise self.fail(f"expected an ISO 8601 date, got {self.value!r}") from None

    def opt_str(self, key: _str) -> _str | None:
        """The member ``key`` as a non-empty string, or ``None`` when absent or null."""
        item = self.get(key)
        return None if item is None else item.str()

    def strs(self) -> tuple[_str, ...]:
        """The value as an array of non-empty strings."""
        return tuple(item.str() for item in self.items())

    def text(self) -> LocalizedText:
        """The value as ``{"en": ..., "ru": ..., "kk": ...}``."""
        try:
            return LocalizedText(
                en=self["en"].str(),
                ru=self.opt_str("ru"),
                kk=self.opt_str("kk"),
            )
        except CbmError as exc:
            if isinstance(exc, DataError):
                raise
            raise self.fail(str(exc)) from None


def load(name: str) -> Reader:
    """Parse the shipped data file ``name`` (under ``cica_cbm/data``)."""
    from importlib import resources  # loaded with the first file, not with the package

    resource = resources.files("cica_cbm").joinpath("data", name)
    try:
        value = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(name, "$", f"cannot be read as JSON: {exc}") from None
    return Reader(value, name)
