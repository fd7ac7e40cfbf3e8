"""Notice: the facts a procedure note's body states, carried by Note.notice."""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm

SEED_NOTE = cbm.samples.nct_g_1501_note()


FIELDS = ("coordinator", "requested_by", "deadline", "objector")
STATES_OF = {
    cbm.NoticeKind.PLACEMENT: {"coordinator", "requested_by", "deadline"},
    cbm.NoticeKind.EXTENSION: {"deadline"},
    cbm.NoticeKind.SILENCE_BROKEN: {"objector"},
    cbm.NoticeKind.APPROVAL: {"deadline"},
}
VALUES = {
    "coordinator": "TUR",
    "requested_by": "TUR",
    "deadline": date(2024, 1, 11),
    "objector": "IND",
}


def facts(names: set[str]) -> dict[str, object]:
    return {name: VALUES[name] for name in names}


@pytest.mark.parametrize("kind", list(cbm.NoticeKind))
def test_each_kind_of_notice_states_exactly_its_own_facts(kind: cbm.NoticeKind) -> None:
    notice = cbm.Notice(kind, "nct-general", **facts(STATES_OF[kind]))  # type: ignore[arg-type]
    assert {f for f in FIELDS if getattr(notice, f) is not None} == STATES_OF[kind]


@given(st.sampled_from(list(cbm.NoticeKind)), st.sampled_from(FIELDS))
def test_a_notice_missing_or_adding_a_fact_is_refused_naming_it(
    kind: cbm.NoticeKind, field: str
) -> None:
    wanted = STATES_OF[kind] ^ {field}  # drop it if the kind states it, add it if not
    with pytest.raises(cbm.InvalidValueError, match=rf"Notice\.{field}") as info:
        cbm.Notice(kind, "nct-general", **facts(wanted))  # type: ignore[arg-type]
    assert info.value.field == f"Notice.{field}"


def test_a_notice_names_only_member_states_and_known_priority_areas() -> None:
    with pytest.raises(cbm.UnknownStateError):
        cbm.Notice.silence_broken("nct-general", "USA")  # an observer
    with pytest.raises(cbm.InvalidValueError, match="priority area"):
        cbm.Notice.extension("no-such-area", date(2024, 1, 25))
    with pytest.raises(cbm.InvalidValueError, match=r"Notice\.deadline"):
        cbm.Notice.extension("nct-general", "2024-01-25")  # type: ignore[arg-type]


def test_the_seed_note_carries_its_placement_notice(proc: cbm.SilenceProcedure) -> None:
    assert SEED_NOTE.notice == cbm.Notice.placement(
        "nct-general", coordinator="TUR", requested_by="TUR", deadline=date(2024, 1, 11)
    )
    assert SEED_NOTE.notice.deadline == proc.terms.stated


def test_a_note_with_its_notice_survives_json(proc: cbm.SilenceProcedure) -> None:
    assert cbm.from_json(cbm.to_json(SEED_NOTE), cbm.Note) == SEED_NOTE
    assert cbm.from_json(cbm.to_json(proc), cbm.SilenceProcedure).note == SEED_NOTE


def test_a_note_saved_without_a_notice_still_loads(proc: cbm.SilenceProcedure) -> None:
    document = json.loads(cbm.to_json(SEED_NOTE))
    del document["data"]["notice"]
    loaded = cbm.from_json(json.dumps(document), cbm.Note)
    assert loaded == attrs.evolve(SEED_NOTE, notice=None)


def test_a_note_refuses_a_notice_of_the_wrong_type(proc: cbm.SilenceProcedure) -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"Note\.notice"):
        attrs.evolve(SEED_NOTE, notice="placement")  # type: ignore[arg-type]
