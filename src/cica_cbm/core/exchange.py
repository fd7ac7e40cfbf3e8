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
from typing import ClassVar

import attrs

from ._convert import as_enum, as_instance, as_tuple
from .authority import SECRETARIAT
from .clock import require_day
from .errors import InvalidValueError, NotAuthorizedError
from .exchange_acts import Release, ReleaseChanged, Shared, SharedItemAct, codes
from .replay import replay
from .states import all_member_states, is_member

__all__ = ["SECRETARIAT", "Release", "SharedItem", "can_read", "readers"]


def _to_release(value: object) -> Release:
    return as_enum(Release, "SharedItem.release", value)


def _shared_item_listed(value: object) -> frozenset[str]:
    return codes(value, "SharedItem.listed")


def _day(value: object) -> date:
    return require_day(value, "SharedItem.shared_on")


def _changes(value: object) -> tuple[ReleaseChanged, ...]:
    changes = as_tuple("SharedItem.changes", value)
    for change in changes:
        if not isinstance(change, ReleaseChanged):
            raise InvalidValueError("SharedItem.changes", change, "ReleaseChanged acts")
    return changes


def _check_release(release: Release, listed: frozenset[str], on: date, field: str) -> None:
    if release is Release.LISTED_STATES:
        if not listed:
            raise InvalidValueError(field, sorted(listed), "at least one Member State")
        for code in sorted(listed):
            if not is_member(code, on):
                raise InvalidValueError(field, code, f"Member States on {on}")
    elif listed:
        raise InvalidValueError(field, sorted(listed), f"no list: the release is {release.value}")


@attrs.frozen(slots=True)
class SharedItem:
    """A piece of information a Member State shares, with its release restriction.

    ``provider`` is the Member State that shares it; ``release`` and ``listed`` (given as
    ``release=`` and ``listed=``, kept as ``shared_release`` and ``shared_listed``) say to whom
    it was released when shared; ``item`` is the action item it serves, if any;
    ``restriction`` cites the national legislation behind the restriction, where the
    provider gives it. ``changes`` are the provider's later changes of release, in order of
    day; :attr:`release` and :attr:`listed` say to whom it is released now.

    The item is the fold of its :attr:`acts` (:mod:`cica_cbm.core.exchange_acts`): the
    provider's ``Shared``, then each ``ReleaseChanged``; its JSON is its acts.
    """

    id: str
    provider: str
    title: str
    shared_on: date = attrs.field(validator=lambda _, __, v: _day(v))
    shared_release: Release = attrs.field(alias="release", converter=_to_release)
    shared_listed: frozenset[str] = attrs.field(
        alias="listed", default=frozenset(), converter=_shared_item_listed
    )
    item: str | None = None
    restriction: str | None = None
    changes: tuple[ReleaseChanged, ...] = attrs.field(default=(), kw_only=True, converter=_changes)

    ACT_TYPES: ClassVar[tuple[type, ...]] = (Shared, ReleaseChanged)
    """The types of its acts, the founding act first."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidValueError("SharedItem.id", self.id, "a non-empty id")
        if not is_member(self.provider, self.shared_on):
            raise InvalidValueError(
                "SharedItem.provider",
                self.provider,
                f"a Member State on {self.shared_on}: only Member States share information",
            )
        _check_release(self.shared_release, self.shared_listed, self.shared_on, "SharedItem.listed")
        last = self.shared_on
        for change in self.changes:
            _check_change(self, change, last)
            last = change.on

    @property
    def release(self) -> Release:
        """To whom the item is released now: as last changed, or as shared."""
        return self.changes[-1].release if self.changes else self.shared_release

    @property
    def listed(self) -> frozenset[str]:
        """The states it is released to now, when the release is to listed states."""
        return self.changes[-1].listed if self.changes else self.shared_listed

    @property
    def acts(self) -> tuple[SharedItemAct, ...]:
        """Every act that made it: the provider shared it, then each change, in order."""
        shared = Shared(
            by=self.provider,
            on=self.shared_on,
            id=self.id,
            title=self.title,
            release=self.shared_release,
            listed=self.shared_listed,
            item=self.item,
            restriction=self.restriction,
        )
        return (shared, *self.changes)

    @classmethod
    def from_acts(cls, acts: Iterable[SharedItemAct]) -> SharedItem:
        """The item its ``acts`` make; the first bad act is refused with its index.

        >>> shared = Shared("TUR", date(2024, 2, 1), "x", "Forged documents", "all_member_states")
        >>> later = ReleaseChanged("KAZ", date(2024, 3, 1), "secretariat_only")
        >>> SharedItem.from_acts([shared, later])
        Traceback (most recent call last):
        ...
        cica_cbm.core.errors.NotAuthorizedError: acts[1]: KAZ may not change the release of ...
        """
        return replay(acts, Shared, "a Shared act", _found, SharedItem.then)

    def then(self, act: SharedItemAct) -> SharedItem:
        """The item with one more act: the provider's change of release, checked."""
        if not isinstance(act, ReleaseChanged):
            raise InvalidValueError(
                "act", type(act).__name__, "a ReleaseChanged (only the first act shares it)"
            )
        _check_change(self, act, self.changes[-1].on if self.changes else self.shared_on)
        return attrs.evolve(self, changes=(*self.changes, act))

    def release_to(
        self,
        release: Release | str,
        *,
        by: str,
        listed: Iterable[str] = (),
        on: date | None = None,
    ) -> SharedItem:
        """The provider (``by``) changes to whom the item is released from ``on``.

        Nobody else may (:class:`~cica_cbm.core.errors.NotAuthorizedError`). ``on`` is the day
        of the change, required: no earlier than the item's last act.
        """
        if by != self.provider:
            raise NotAuthorizedError(str(by), self.provider, f"change the release of {self.id}")
        if on is None:
            raise InvalidValueError("on", None, "the day the provider changes the release")
        return self.then(ReleaseChanged(by, on, release, codes(listed)))


def _found(act: Shared) -> SharedItem:
    if not isinstance(act, Shared):
        raise InvalidValueError("act", type(act).__name__, "a Shared act")
    return SharedItem(
        act.id, act.by, act.title, act.on, act.release, act.listed, act.item, act.restriction
    )


def _check_change(item: SharedItem, change: ReleaseChanged, after: date) -> None:
    if change.by != item.provider:
        raise NotAuthorizedError(
            str(change.by),
            item.provider,
            f"change the release of {item.id}",
            "only the provider changes the release of what it shared",
        )
    if change.on < after:
        raise InvalidValueError("ReleaseChanged.on", change.on, f"a day on or after {after}")
    if not is_member(item.provider, change.on):
        raise InvalidValueError(
            "ReleaseChanged.by", change.by, f"a Member State on {change.on}, as the provider"
        )
    _check_release(change.release, change.listed, change.on, "ReleaseChanged.listed")


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
