"""Bad input to any public constructor is a CbmError that names the field, never a bare error."""

from __future__ import annotations

import pickle
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.edges import strategies as cst

SEED_NOTE = cbm.samples.nct_g_1501_note()
SEED_DRAFT = cbm.samples.nct_g_1501_draft()


FIELDS = [
    (cls, field.alias)  # evolve takes the name __init__ takes
    for name in cbm.__all__
    if isinstance(cls := getattr(cbm, name), type) and attrs.has(cls)
    if cls is not cbm.SilenceProcedure
    for field in attrs.fields(cls)
    if field.init
]
garbage = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5)
    | st.lists(st.integers(), max_size=2)
    | st.dictionaries(st.text(max_size=2), st.integers(), max_size=2)
)


@pytest.mark.parametrize(
    ("cls", "field"), FIELDS, ids=[f"{cls.__name__}.{field}" for cls, field in FIELDS]
)
def test_a_bad_field_value_is_refused_with_a_cbm_error_or_kept(cls: type, field: str) -> None:
    """Either the value is accepted as it is, or a CbmError (a ValueError too) refuses it."""

    @settings(max_examples=15)
    @given(st.from_type(cls), garbage)
    def check(value: Any, bad: Any) -> None:
        refused: cbm.CbmError | None = None
        try:
            attrs.evolve(value, **{field: bad})
        except cbm.CbmError as exc:
            refused = exc
        if refused is not None:
            assert isinstance(refused, ValueError)
            assert str(refused)

    check()


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: cbm.ActionItem("i.1", "bogus", "text"), "ActionItem.kind"),
        (lambda: cbm.ActionItem("i.1", "lead_measure", "text", "done"), "ActionItem.status"),
        (lambda: cbm.Stance("maybe"), "Stance.position"),
        (lambda: cbm.ConceptPaper("t", 5, (), (), (), ()), "ConceptPaper.background"),
        (lambda: cbm.ActionPlan("t", (), ("i",)), "ActionPlan.sections"),
        (lambda: cbm.RuleSet((5,)), "RuleSet.rules"),  # type: ignore[arg-type]
        (lambda: cbm.Admission("2011", 2011, "year", 2011, "H"), "Admission.earliest"),  # type: ignore[arg-type]
        (
            lambda: cbm.Admission("x", date(2011, 1, 1), "day", date(2011, 1, 1), "X"),
            "Admission.confidence",
        ),
        (
            lambda: attrs.evolve(cbm.CICA_PRACTICE, breaks_silence=["veto"]),
            "SilencePolicy.breaks_silence",
        ),
        (lambda: cbm.Implementation(None), "Implementation.acts"),
        (lambda: cbm.PlanOpened(None), "PlanOpened.plan"),
        (lambda: cbm.ReviewSchedule(date(2024, 1, 12), None), "ReviewSchedule.reviews"),
        (lambda: cbm.ReviewSchedule(date(2024, 1, 12), [5]), "ReviewSchedule.reviews"),
        (lambda: cbm.FocalPointsNetwork(5), "FocalPointsNetwork.acts"),
        (
            lambda: cbm.SharedItem("x", "KAZ", "t", date(2024, 1, 1), "listed_states", None),
            "SharedItem.listed",
        ),
        (
            lambda: cbm.StatusChange(
                datetime(2024, 1, 12, tzinfo=cbm.ASTANA), "i.1", None, "proposed", reason=5
            ),
            "StatusChange.reason",
        ),
    ],
)
def test_the_error_names_the_field(make: Any, field: str) -> None:
    with pytest.raises(cbm.InvalidValueError) as info:
        make()
    assert info.value.field.startswith(field)


@given(cst.errors())
def test_every_error_pickles_with_its_fields(error: cbm.CbmError) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert vars(back) == vars(error)


@pytest.mark.parametrize("cls", [cbm.ApprovalError, cbm.MalformedNoteError, cbm.ParticipationError])
def test_the_errors_beside_their_modules_pickle_with_their_fields(cls: type) -> None:
    @settings(max_examples=20)
    @given(st.from_type(cls))
    def check(error: cbm.CbmError) -> None:
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error)
        assert str(back) == str(error)
        assert vars(back) == vars(error)

    check()


PROC = cbm.samples.nct_g_1501()


def bad(value: object) -> Any:
    """A value of the wrong type, passed on purpose."""
    return value


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: cbm.catalogue(on=bad("2024-01-01")), "on"),
        (lambda: SEED_DRAFT.concept_paper.principle(bad("1")), "principle"),
        (lambda: SEED_NOTE.place.get("fr"), "language"),
        (lambda: cbm.member_state("KAZ").member_on(bad("2024-01-01")), "day"),
        (lambda: cbm.member_state("KAZ").admission.certain_by(bad(2024)), "day"),
        (lambda: PROC.outcome(at=PROC.deadline, rules=bad(5)), "rules"),
        (lambda: cbm.consensus({}, members={"KAZ"}, rules=bad(None)), "rules"),
        (lambda: PROC.extend(to=bad("2024-02-01"), at=PROC.deadline), "deadline"),
        (lambda: cbm.end_of_day(bad(None)), "deadline date"),
    ],
)
def test_a_bad_argument_to_a_public_function_is_an_invalid_value_error(
    call: Any, field: str
) -> None:
    with pytest.raises(cbm.InvalidValueError) as info:
        call()
    assert info.value.field == field


@pytest.mark.parametrize("code", [5, None, ["KAZ"], ("KAZ",)])
def test_something_that_is_not_a_code_is_no_member(code: Any) -> None:
    assert not cbm.is_member(code, date(2024, 1, 1))
