"""A shared item is its acts: the provider shares it, and only the provider changes its release."""

from __future__ import annotations

import json
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.core.exchange import Release, SharedItem, can_read
from cica_cbm.core.exchange_acts import ReleaseChanged, Shared
from cica_cbm.edges import strategies as cst

ON = date(2024, 2, 1)
ACTORS = ["KAZ", "CHN", "USA", cbm.SECRETARIAT, "XXX"]


def _item() -> SharedItem:
    return SharedItem("x", "TUR", "Forged documents", ON, "listed_states", {"KAZ"})


@settings(max_examples=60, deadline=None)
@given(cst.shared_item_histories())
def test_an_item_is_the_fold_of_its_acts(item: SharedItem) -> None:
    assert SharedItem.from_acts(item.acts) == item
    first, *changes = item.acts
    assert isinstance(first, Shared)
    assert first.by == item.provider
    assert all(isinstance(act, ReleaseChanged) for act in changes)
    assert all(act.by == item.provider for act in item.acts)


@settings(max_examples=60, deadline=None)
@given(cst.shared_item_histories())
def test_the_fold_equals_the_api(item: SharedItem) -> None:
    """release_to, change by change, makes the same item; it reads as last released."""
    made = SharedItem.from_acts(item.acts[:1])
    for change in item.changes:
        made = made.release_to(change.release, by=change.by, listed=change.listed, on=change.on)
    assert made == item
    assert (made.release, made.listed) == (
        (item.changes[-1].release, item.changes[-1].listed)
        if item.changes
        else (item.shared_release, item.shared_listed)
    )
    for reader in ("KAZ", cbm.SECRETARIAT, item.provider):
        assert can_read(made, reader) is can_read(item, reader)


@settings(max_examples=60, deadline=None)
@given(cst.shared_item_histories(), st.sampled_from(ACTORS), st.sampled_from(Release))
def test_a_change_by_anyone_but_the_provider_is_refused_and_nothing_changes(
    item: SharedItem, actor: str, release: Release
) -> None:
    if actor == item.provider:
        return
    before = cbm.to_json(item)
    last = item.acts[-1].on
    listed = {"KAZ"} if release is Release.LISTED_STATES else set()
    with pytest.raises(cbm.NotAuthorizedError, match="provider"):
        item.then(ReleaseChanged(actor, last, release, listed))
    with pytest.raises(cbm.NotAuthorizedError):
        item.release_to(release, by=actor, listed=listed, on=last)
    acts = (*item.acts, ReleaseChanged(actor, last, release, listed))
    with pytest.raises(cbm.NotAuthorizedError, match=rf"acts\[{len(acts) - 1}\]"):
        SharedItem.from_acts(acts)
    assert cbm.to_json(item) == before


@settings(max_examples=60, deadline=None)
@given(cst.shared_item_histories(), st.integers(1, 400))
def test_a_change_dated_before_the_last_act_is_refused(item: SharedItem, days: int) -> None:
    early = item.acts[-1].on - timedelta(days=days)
    with pytest.raises(cbm.InvalidValueError, match=r"ReleaseChanged\.on"):
        item.release_to(Release.ALL_MEMBER_STATES, by=item.provider, on=early)


def test_the_states_listed_must_be_members_on_the_day_of_the_change() -> None:
    item = SharedItem("x", "TUR", "t", date(2022, 1, 1), "all_member_states")
    with pytest.raises(cbm.InvalidValueError, match=r"ReleaseChanged\.listed"):
        item.release_to("listed_states", by="TUR", listed={"KWT"}, on=date(2022, 6, 1))
    later = item.release_to("listed_states", by="TUR", listed={"KWT"}, on=date(2023, 1, 1))
    assert later.listed == {"KWT"}
    assert later.shared_release is Release.ALL_MEMBER_STATES


def test_the_old_call_without_a_day_is_refused_with_what_is_needed() -> None:
    with pytest.raises(cbm.InvalidValueError, match="on: None"):
        _item().release_to(Release.ALL_MEMBER_STATES, by="TUR")


def test_a_stream_must_open_with_the_item_shared() -> None:
    change = ReleaseChanged("TUR", ON, "all_member_states")
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[0\]"):
        SharedItem.from_acts([change])
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[1\]"):
        SharedItem.from_acts([_item().acts[0], _item().acts[0]])
    with pytest.raises(cbm.InvalidValueError, match=r"acts\[0\]: SharedItem\.provider"):
        SharedItem.from_acts([attrs.evolve(_item().acts[0], by="USA")])


def test_a_constructor_is_no_way_round_the_provider() -> None:
    change = ReleaseChanged("KAZ", ON, "all_member_states")
    with pytest.raises(cbm.NotAuthorizedError):
        attrs.evolve(_item(), changes=(change,))


@given(st.one_of(cst.shared_acts(), cst.release_changes()))
@settings(max_examples=40, deadline=None)
def test_every_exchange_act_round_trips_through_json(act: object) -> None:
    assert cbm.from_json(cbm.to_json(act), type(act)) == act


@settings(max_examples=40, deadline=None)
@given(cst.shared_item_histories())
def test_an_item_travels_as_its_acts(item: SharedItem) -> None:
    document = json.loads(cbm.to_json(item))
    assert list(document["data"]) == ["acts"]
    assert len(document["data"]["acts"]) == 1 + len(item.changes)
    assert cbm.from_json(cbm.to_json(item), SharedItem) == item


@settings(max_examples=40, deadline=None)
@given(cst.shared_item_histories(), st.sampled_from(ACTORS))
def test_a_mutated_item_document_is_refused(item: SharedItem, actor: str) -> None:
    document = json.loads(cbm.to_json(item))
    last = item.acts[-1].on.isoformat()
    change = {"type": "ReleaseChanged", "by": actor, "on": last}
    document["data"]["acts"].append({**change, "release": "all_member_states", "listed": []})
    if actor != item.provider:
        with pytest.raises(cbm.DeserializationError, match="provider"):
            cbm.from_json(json.dumps(document), SharedItem)
    document["data"]["acts"][-1].update(by=item.provider, on="1999-01-01")
    with pytest.raises(cbm.DeserializationError, match=r"ReleaseChanged\.on"):
        cbm.from_json(json.dumps(document), SharedItem)
    document["data"]["acts"] = document["data"]["acts"][1:]
    with pytest.raises(cbm.DeserializationError):
        cbm.from_json(json.dumps(document), SharedItem)
