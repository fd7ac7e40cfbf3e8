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

__all__ = ["as_enum", "as_instance", "as_tuple", "as_whole_number"]

E = TypeVar("E", bound=Enum)
C = TypeVar("C")


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


def as_instance(cls: type[C], field: str, value: Any, allowed: str | None = None) -> C:
    """``value`` if it is a ``cls``; else an error naming ``field`` (``allowed`` says what is)."""
    if not isinstance(value, cls):
        raise InvalidValueError(field, value, allowed or f"a {cls.__name__}")
    return value


def as_whole_number(field: str, value: Any, low: int, high: int) -> int:
    """``value`` if it is an ``int`` (not a bool) from ``low`` to ``high``; else an error.

    The bounds keep a huge number from reaching the standard library, which answers one with
    an ``OverflowError`` rather than an error naming the field.
    """
    if type(value) is not int or not low <= value <= high:
        raise InvalidValueError(field, value, f"a whole number from {low} to {high}")
    return value
