"""Information exchange within national restrictions (Concept Paper III.5).

"In implementation of information exchange, the CICA Member States shall follow the principles
of transparency of information, taking into account restrictions, foreseen by their national
legislation in respective areas." A :class:`SharedItem` says to whom its provider releases it:

* :attr:`Release.ALL_MEMBER_STATES` - every Member State, and the Secretariat that circulates it;
* :attr:`Release.LISTED_STATES` - only the Member States listed (not the Secretariat);
* :attr:`Release.SECRETARIAT_ONLY` - only the Secretariat.

:func:`can_read` applies the rule: the provider always reads its own item; others only as
released; observers and non-members never. Only the provider may change the release.

References:
    Concept Paper III.5; Action Plan i.5 ("voluntary information exchange") and iv
    ("voluntary sharing of information and best practices").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

import attrs

from ._convert import as_enum, as_instance, as_tuple
from .clock import require_day
from .errors import InvalidValueError, NotAuthorizedError
from .states import all_member_states, is_member

__all__ = ["SECRETARIAT", "Release", "SharedItem", "can_read", "readers"]

SECRETARIAT = "SECRETARIAT"
"""The reader id of the CICA Secretariat."""


class Release(StrEnum):
    """To whom a shared item is releasable."""

    ALL_MEMBER_STATES = "all_member_states"
    LISTED_STATES = "listed_states"
    SECRETARIAT_ONLY = "secretariat_only"


def _to_release(value: object) -> Release:
    return as_enum(Release, "SharedItem.release", value)


def _codes(value: object, field: str = "listed") -> frozenset[str]:
    codes = as_tuple(field, value)
    for code in codes:
        if not isinstance(code, str):
            raise InvalidValueError(field, code, "Member State codes")
    return frozenset(codes)


def _shared_item_listed(value: object) -> frozenset[str]:
    return _codes(value, "SharedItem.listed")


def _day(value: object) -> date:
    return require_day(value, "SharedItem.shared_on")


@attrs.frozen(slots=True)
class SharedItem:
    """A piece of information a Member State shares, with its release restriction.

    ``provider`` is the Member State that shares it; ``release`` and ``listed`` say to whom;
    ``item`` is the action item it serves, if any; ``restriction`` cites the national
    legislation behind the restriction, where the provider gives it.
    """

    id: str
    provider: str
    title: str
    shared_on: date = attrs.field(validator=lambda _, __, v: _day(v))
    release: Release = attrs.field(converter=_to_release)
    listed: frozenset[str] = attrs.field(default=frozenset(), converter=_shared_item_listed)
    item: str | None = None
    restriction: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidValueError("SharedItem.id", self.id, "a non-empty id")
        if not is_member(self.provider, self.shared_on):
            raise InvalidValueError(
                "SharedItem.provider",
                self.provider,
                f"a Member State on {self.shared_on}: only Member States share information",
            )
        if self.release is Release.LISTED_STATES:
            if not self.listed:
                raise InvalidValueError(
                    "SharedItem.listed", sorted(self.listed), "at least one Member State"
                )
            for code in sorted(self.listed):
                if not is_member(code, self.shared_on):
                    raise InvalidValueError(
                        "SharedItem.listed", code, f"Member States on {self.shared_on}"
                    )
        elif self.listed:
            raise InvalidValueError(
                "SharedItem.listed",
                sorted(self.listed),
                f"no list: the release is {self.release.value}",
            )

    def release_to(
        self, release: Release | str, *, by: str, listed: Iterable[str] = ()
    ) -> SharedItem:
        """The provider (``by``) changes to whom the item is released; nobody else may."""
        if by != self.provider:
            raise NotAuthorizedError(str(by), self.provider, f"change the release of {self.id}")
        return attrs.evolve(self, release=release, listed=_codes(listed))


def _is_member_state(reader: str, on: date | None) -> bool:
    if on is None:
        return reader in {state.code for state in all_member_states()}
    return is_member(reader, on)


def can_read(item: SharedItem, reader: str, *, on: date | None = None) -> bool:
    """Whether ``reader`` (a state's code, or :data:`SECRETARIAT`) may read ``item``.

    The provider always reads its own item; the Secretariat reads what is released to all
    Member States or to it; a Member State reads what is released to all or lists it;
    observers and non-members never. With ``on``, a state must be a Member State on that day.

    >>> item = SharedItem("x", "TUR", "Forged documents", date(2024, 2, 1), "listed_states",
    ...                   listed={"KAZ"})
    >>> can_read(item, "TUR"), can_read(item, "KAZ"), can_read(item, "CHN"), can_read(item, "USA")
    (True, True, False, False)
    """
    if not isinstance(item, SharedItem):
        raise InvalidValueError("item", item, "a SharedItem")
    if not isinstance(reader, str):
        return False
    if reader == item.provider:
        return True
    if reader == SECRETARIAT:
        return item.release in (Release.ALL_MEMBER_STATES, Release.SECRETARIAT_ONLY)
    if not _is_member_state(reader, on):
        return False
    if item.release is Release.ALL_MEMBER_STATES:
        return True
    if item.release is Release.LISTED_STATES:
        return reader in item.listed
    return False


def readers(item: SharedItem, *, on: date | None = None) -> frozenset[str]:
    """Everyone who may read ``item``: Member State codes, and :data:`SECRETARIAT` if it may."""
    as_instance(SharedItem, "item", item)
    candidates = {*(state.code for state in all_member_states()), SECRETARIAT, item.provider}
    return frozenset(code for code in candidates if can_read(item, code, on=on))
