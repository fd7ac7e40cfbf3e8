"""Conversions for attrs fields that refuse bad input with an error naming the field.

Private machinery: a plain ``converter=ItemKind`` or ``converter=tuple`` would let a bare
``ValueError`` or ``TypeError`` escape, where the library promises an
:class:`~cica_cbm.core.errors.InvalidValueError` that says which field, which value and what is
allowed. Each field has a small named converter that calls these (mypy's attrs plugin reads
named functions, not converters made by a factory).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from .errors import InvalidValueError

__all__ = ["as_enum", "as_tuple"]

E = TypeVar("E", bound=Enum)


def as_enum(cls: type[E], field: str, value: Any) -> E:
    """``value`` as a member of the enum ``cls`` (given a member or its value)."""
    try:
        return cls(value)
    except (ValueError, TypeError):
        allowed = "one of " + ", ".join(repr(member.value) for member in cls)
        raise InvalidValueError(field, value, allowed) from None


def as_tuple(field: str, value: Any) -> tuple[Any, ...]:
    """``value`` (any iterable but a string) as a tuple."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(field, value, "a sequence (a tuple or a list)")
    return tuple(value)
