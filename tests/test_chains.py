"""A revised draft's procedure names the one it follows, and the chain can be followed back."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

import cica_cbm as cbm

NY = cbm.BODIES["UNGA"].zone
PAPER = cbm.Paper("Declaration of solidarity", "draft_declaration")


def _opened(day: int, revises: cbm.SilenceProcedure | str | None = None) -> cbm.SilenceProcedure:
    return cbm.SilenceProcedure.open(
        None,
        PAPER,
        body="UNGA",
        at=datetime(2020, 4, day, 9, tzinfo=NY),
        deadline=timedelta(hours=72),
        revises=revises,
    )


def test_a_chain_of_three_is_followed_back_to_the_first() -> None:
    first = _opened(1)
    second = _opened(10, revises=first)
    third = _opened(20, revises=second)
    assert cbm.revision_chain(third, [first, third, second]) == (first, second, third)
    assert cbm.revision_chain(first, [first, second, third]) == (first,)


def test_a_chain_stops_where_the_earlier_procedure_is_not_given() -> None:
    first = _opened(1)
    second = _opened(10, revises=first)
    assert cbm.revision_chain(second, [second]) == (second,)


def test_a_procedure_names_what_it_revises_by_key() -> None:
    first = _opened(1)
    assert _opened(10, revises=first).revises == first.key
    assert _opened(10, revises=first.key).revises == first.key


@pytest.mark.parametrize("bad", [None, "x", [1], 3])
def test_bad_arguments_are_refused(bad: object) -> None:
    with pytest.raises(cbm.InvalidValueError):
        cbm.revision_chain(_opened(1), bad)  # type: ignore[arg-type]
    with pytest.raises(cbm.InvalidValueError):
        cbm.revision_chain(bad, [])  # type: ignore[arg-type]
