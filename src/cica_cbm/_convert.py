"""Converters shared by the attrs classes: values in, clear errors out.

Private machinery: a converter that fails raises :class:`~cica_cbm.errors.InvalidValueError`
naming the field, the value and what is allowed, never a bare ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TypeVar

from .errors import InvalidValueError

E = TypeVar("E", bound=StrEnum)


def enum_value(cls: type[E], field: str, value: Any) -> E:
    """``value`` as a member of ``cls``; anything else is refused with an InvalidValueError."""
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in cls)
        raise InvalidValueError(field, value, f"one of {allowed}") from None


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """``value`` as a tuple; a string or a non-iterable is refused."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError("sequence", value, "a list or tuple of items, not a string")
    return tuple(value)
