"""The acts a shared item is made of: the provider shares it, and changes its release.

A :class:`~cica_cbm.core.exchange.SharedItem` is the fold of its acts:

* :class:`Shared`, the founding act: Member State ``by`` (the provider) shares an item on
  ``on`` under a :class:`Release`;
* :class:`ReleaseChanged`: the provider, and only the provider, changes to whom the item is
  released, on ``on``, no earlier than the act before it. The states listed must be Member
  States on that day.

References:
    Concept Paper III.5 (information exchange within the restrictions of national
    legislation); Action Plan i.5 and iv (voluntary information exchange).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any, TypeAlias

import attrs

from ._convert import as_enum, as_tuple
from .clock import require_day
from .errors import InvalidValueError

__all__ = ["Release", "ReleaseChanged", "Shared", "SharedItemAct", "codes"]


class Release(StrEnum):
    """To whom a shared item is releasable."""

    ALL_MEMBER_STATES = "all_member_states"
    LISTED_STATES = "listed_states"
    SECRETARIAT_ONLY = "secretariat_only"


def codes(value: object, field: str = "listed") -> frozenset[str]:
    """``value`` as a frozenset of state codes, or an error naming ``field``."""
    given = as_tuple(field, value)
    for code in given:
        if not isinstance(code, str):
            raise InvalidValueError(field, code, "Member State codes")
    return frozenset(given)


def _text(act: Any, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{type(act).__name__}.{attribute.name}", value, "a non-empty text")


def _optional_text(act: Any, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidValueError(f"{type(act).__name__}.{attribute.name}", value, "a text, or None")


def _string(act: Any, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(f"{type(act).__name__}.{attribute.name}", value, "a text")


def _day(act: Any, attribute: attrs.Attribute[date], value: Any) -> None:
    require_day(value, f"{type(act).__name__}.{attribute.name}", "a datetime.date (a calendar day)")


def _shared_release(value: object) -> Release:
    return as_enum(Release, "Shared.release", value)


def _shared_listed(value: object) -> frozenset[str]:
    return codes(value, "Shared.listed")


@attrs.frozen(slots=True)
class Shared:
    """The founding act: Member State ``by`` shares item ``id`` on ``on``, released as said.

    ``item`` is the action item it serves, if any; ``restriction`` cites the national
    legislation behind the restriction, where the provider gives it.
    """

    by: str = attrs.field(validator=_text)
    on: date = attrs.field(validator=_day)
    id: str = attrs.field(validator=_text)
    title: str = attrs.field(validator=_string)
    release: Release = attrs.field(converter=_shared_release)
    listed: frozenset[str] = attrs.field(default=frozenset(), converter=_shared_listed)
    item: str | None = attrs.field(default=None, validator=_optional_text)
    restriction: str | None = attrs.field(default=None, validator=_optional_text)


def _changed_release(value: object) -> Release:
    return as_enum(Release, "ReleaseChanged.release", value)


def _changed_listed(value: Iterable[str]) -> frozenset[str]:
    return codes(value, "ReleaseChanged.listed")


@attrs.frozen(slots=True)
class ReleaseChanged:
    """The provider ``by`` releases the item to ``release`` (and ``listed``) from ``on``."""

    by: str = attrs.field(validator=_text)
    on: date = attrs.field(validator=_day)
    release: Release = attrs.field(converter=_changed_release)
    listed: frozenset[str] = attrs.field(default=frozenset(), converter=_changed_listed)


SharedItemAct: TypeAlias = Shared | ReleaseChanged
"""Any act of a shared item."""
