"""Replaying a stream of acts: the first bad act is refused with its index, nothing changes.

An aggregate kept as its acts (a decision, a review schedule, a shared item) is rebuilt by
replaying them through the same checks as its commands. :func:`replay` does the bookkeeping
they share: the stream must be a sequence whose first act founds the aggregate, and an error
raised by an act's check is re-raised, of the same type, with the act's index in front of its
message (``acts[3]: ...``), so a reader of a file is told which act is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ._convert import as_tuple
from .errors import CbmError, InvalidValueError

__all__ = ["indexed", "replay", "stream_of"]

T = TypeVar("T")


def indexed(index: int, error: CbmError) -> CbmError:
    """``error`` with ``acts[index]:`` in front of its message (the same error, re-used)."""
    error.args = (f"acts[{index}]: {error}",)
    return error


def stream_of(acts: object, founding: type, name: str) -> tuple[Any, ...]:
    """``acts`` as a tuple whose first member is a ``founding`` act, or an error.

    >>> stream_of([], int, "a number")
    Traceback (most recent call last):
    ...
    cica_cbm.core.errors.InvalidValueError: acts: [] is not allowed; expected at least the ...
    """
    stream = as_tuple("acts", acts)
    if not stream:
        raise InvalidValueError("acts", [], f"at least the founding act, {name}")
    if not isinstance(stream[0], founding):
        raise InvalidValueError("acts[0]", type(stream[0]).__name__, f"the founding act, {name}")
    return stream


def replay(
    acts: object,
    founding: type,
    name: str,
    found: Callable[[Any], T],
    step: Callable[[T, Any], T],
) -> T:
    """Fold ``acts``: ``found`` the first (a ``founding`` act), then ``step`` through the rest.

    The first act an error is raised for is named by its index; the acts themselves are
    frozen, so nothing is left half changed.
    """
    stream = stream_of(acts, founding, name)
    try:
        value = found(stream[0])
    except CbmError as error:
        raise indexed(0, error) from None
    for index, act in enumerate(stream[1:], start=1):
        try:
            value = step(value, act)
        except CbmError as error:
            raise indexed(index, error) from None
    return value
