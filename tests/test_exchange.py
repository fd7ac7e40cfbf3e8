"""Shared information is read only as its provider released it (Concept Paper III.5)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.exchange import SECRETARIAT, Release, SharedItem, can_read
from cica_cbm.edges.strategies._actionplan import member_codes, readers, shared_items

MEMBERS = {s.code for s in cbm.member_states(on=date(2024, 1, 1))}
OBSERVERS = [o.id for o in cbm.observers()]
ON = date(2024, 2, 1)


def item(release: str, listed: frozenset[str] = frozenset()) -> SharedItem:
    return SharedItem("bcm-1", "TUR", "Forged travel documents", ON, release, listed)


def expected(shared: SharedItem, reader: str) -> bool:
    """The rule written out as a table."""
    if reader == shared.provider:
        return True
    if reader == SECRETARIAT:
        return shared.release is not Release.LISTED_STATES
    if reader not in MEMBERS:
        return False
    return shared.release is Release.ALL_MEMBER_STATES or (
        shared.release is Release.LISTED_STATES and reader in shared.listed
    )


@settings(max_examples=200, deadline=None)
@given(shared=shared_items(), reader=readers())
def test_anyone_reads_an_item_exactly_as_its_provider_released_it(
    shared: SharedItem, reader: str
) -> None:
    assert can_read(shared, reader) is expected(shared, reader)


@settings(max_examples=80, deadline=None)
@given(shared=shared_items())
def test_the_provider_always_reads_its_own_item(shared: SharedItem) -> None:
    assert can_read(shared, shared.provider)
    assert shared.provider in cbm.readers(shared)


@settings(max_examples=80, deadline=None)
@given(shared=shared_items(), observer=st.sampled_from(OBSERVERS))
def test_observers_and_non_members_never_read(shared: SharedItem, observer: str) -> None:
    assert not can_read(shared, observer)
    assert not can_read(shared, "XXX")
    assert not can_read(shared, 42)  # type: ignore[arg-type]
    assert observer not in cbm.readers(shared)


@settings(max_examples=80, deadline=None)
@given(shared=shared_items())
def test_the_readers_are_those_who_can_read(shared: SharedItem) -> None:
    everyone = MEMBERS | {SECRETARIAT} | set(OBSERVERS)
    assert cbm.readers(shared) == {r for r in everyone if can_read(shared, r)}


def test_each_release_reaches_whom_it_names() -> None:
    to_all = item("all_member_states")
    listed = item("listed_states", frozenset({"KAZ", "CHN"}))
    secretariat = item("secretariat_only")
    assert cbm.readers(to_all) == MEMBERS | {SECRETARIAT}
    assert cbm.readers(listed) == {"TUR", "KAZ", "CHN"}
    assert cbm.readers(secretariat) == {"TUR", SECRETARIAT}


def test_a_state_reads_only_once_it_is_a_member_when_asked_for_a_day() -> None:
    shared = SharedItem("x", "TUR", "t", date(2023, 1, 1), "all_member_states")
    assert can_read(shared, "KWT")
    assert not can_read(shared, "KWT", on=date(2022, 1, 1))
    assert can_read(shared, "KWT", on=date(2023, 1, 1))


@pytest.mark.parametrize(
    ("provider", "release", "listed", "field"),
    [
        ("USA", "all_member_states", frozenset(), "provider"),
        ("TUR", "listed_states", frozenset(), "listed"),
        ("TUR", "listed_states", frozenset({"JPN"}), "listed"),
        ("TUR", "all_member_states", frozenset({"KAZ"}), "listed"),
        ("TUR", "to_everyone", frozenset(), "release"),
    ],
)
def test_an_impossible_release_is_refused(
    provider: str, release: str, listed: frozenset[str], field: str
) -> None:
    with pytest.raises((cbm.InvalidValueError, ValueError), match=field):
        SharedItem("x", provider, "t", ON, release, listed)


@settings(max_examples=60, deadline=None)
@given(shared=shared_items(), actor=readers(), release=st.sampled_from(Release))
def test_only_the_provider_changes_the_release(
    shared: SharedItem, actor: str, release: Release
) -> None:
    snapshot = cbm.to_json(shared)
    listed = {"KAZ"} if release is Release.LISTED_STATES else set()
    on = shared.shared_on
    if actor == shared.provider:
        assert shared.release_to(release, by=actor, listed=listed, on=on).release is release
    else:
        with pytest.raises(cbm.NotAuthorizedError):
            shared.release_to(release, by=actor, listed=listed, on=on)
    assert cbm.to_json(shared) == snapshot


@settings(max_examples=60, deadline=None)
@given(shared=shared_items())
def test_a_shared_item_round_trips_through_json(shared: SharedItem) -> None:
    assert cbm.from_json(cbm.to_json(shared), SharedItem) == shared


@settings(max_examples=30, deadline=None)
@given(code=member_codes())
def test_every_member_reads_what_is_released_to_all(code: str) -> None:
    assert can_read(item("all_member_states"), code)
