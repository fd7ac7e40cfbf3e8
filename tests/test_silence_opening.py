"""A procedure rebuilt from its events is held to the same opening rules as one opened anew."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest

import cica_cbm as cbm
from cica_cbm.core.clock import UTC


def rebuilt_with(proc: cbm.SilenceProcedure, **changes: Any) -> cbm.SilenceProcedure:
    return cbm.SilenceProcedure([attrs.evolve(proc.opening, **changes), *proc.events[1:]])


def test_a_stream_with_a_valid_opening_rebuilds_the_same_procedure(
    proc: cbm.SilenceProcedure,
) -> None:
    """Rebuilding from the events gives back an equal procedure."""
    assert cbm.SilenceProcedure(proc.events) == proc


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"parties": frozenset({"KAZ", "USA"})}, cbm.NotAPartyError),
        ({"parties": frozenset({"KAZ", "KWT"})}, cbm.NotAPartyError),  # KWT joined in 2022
        ({"parties": frozenset()}, cbm.InvalidValueError),
        ({"requested_by": "IND", "parties": frozenset({"KAZ"})}, cbm.NotAPartyError),
        ({"deadline": cbm.Deadline.no_later_than(date(2020, 12, 1))}, cbm.InvalidValueError),
        ({"policy": cbm.OSCE}, cbm.PolicyViolationError),  # the OSCE sets exact times
    ],
)
def test_a_stream_whose_opening_open_would_refuse_is_refused(
    changes: dict[str, Any], error: type[Exception]
) -> None:
    """Parties, requester, deadline and policy of a stored opening are checked on load."""
    note = attrs.evolve(
        cbm.samples.nct_g_1501_note(), date=date(2021, 1, 5), references=(), notice=None
    )
    proc = cbm.SilenceProcedure.open(
        note, cbm.samples.nct_g_1501_draft(), deadline=date(2021, 1, 30)
    )
    with pytest.raises(error):
        rebuilt_with(proc, **changes)


def test_a_saved_document_with_a_bad_opening_is_a_clear_error(proc: cbm.SilenceProcedure) -> None:
    """from_json refuses a document whose opening names an observer as a party."""
    document = json.loads(cbm.to_json(proc))
    document["data"]["events"][0]["parties"][0] = "USA"
    text = json.dumps(document)
    with pytest.raises(cbm.DeserializationError, match="USA"):
        cbm.from_json(text, cbm.SilenceProcedure)


def test_an_opening_instant_after_the_deadline_is_refused(proc: cbm.SilenceProcedure) -> None:
    """A stream cannot open after its own deadline."""
    late = proc.opening.deadline.instant + timedelta(hours=1)
    with pytest.raises(cbm.InvalidValueError, match="after the opening"):
        rebuilt_with(proc, at=late)
    assert proc.opened_at < datetime(2024, 1, 1, tzinfo=UTC)
