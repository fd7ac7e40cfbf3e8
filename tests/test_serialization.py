"""JSON: every public type round-trips exactly; malformed documents name the bad field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.edges import strategies as cst
from cica_cbm.edges.serialization import SCHEMA_VERSION

# Rules hold their check, a Python function: code, which JSON does not carry.
CODE_TYPES = {cbm.Rule, cbm.RuleSet}
DATA_TYPES = sorted(
    (
        obj
        for name in cbm.__all__
        if isinstance(obj := getattr(cbm, name), type)
        and not issubclass(obj, BaseException)
        and obj not in CODE_TYPES
    ),
    key=lambda cls: cls.__name__,
)


def read(text: str, cls: type) -> tuple[Any, cbm.DeserializationError | None]:
    """Read ``text`` as ``cls``: the value, or the DeserializationError it raised."""
    try:
        return cbm.from_json(text, cls), None
    except cbm.DeserializationError as exc:
        return None, exc


def round_trip(value: Any) -> Any:
    return cbm.from_json(cbm.to_json(value), type(value))


def at_utc(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


@pytest.mark.parametrize("cls", DATA_TYPES, ids=lambda cls: cls.__name__)
def test_every_public_data_type_round_trips_exactly(cls: type) -> None:
    """from_json(to_json(x)) == x, and writing it again gives the same document."""

    @given(st.from_type(cls))
    def check(value: Any) -> None:
        text = cbm.to_json(value)
        back = cbm.from_json(text, type(value))
        assert back == value
        assert type(back) is type(value)
        assert cbm.to_json(back) == text

    check()


@given(cst.procedures())
def test_a_procedure_read_back_has_the_same_outcome_at_every_event(
    proc: cbm.SilenceProcedure,
) -> None:
    back = round_trip(proc)
    for event in proc.events:
        assert back.outcome(at=event.at) == proc.outcome(at=event.at)
    assert back.outcome(at=proc.terms.instant) == proc.outcome(at=proc.terms.instant)


@given(cst.late_submissions())
def test_a_late_submission_keeps_its_kind_through_json(late: cbm.LateSubmission) -> None:
    """Comment, amendment and objection share their fields; the kind must travel too."""
    back = round_trip(late)
    assert type(back.event) is type(late.event)
    assert back.event.kind is late.event.kind


def test_rules_are_refused_by_to_json_with_a_clear_error() -> None:
    with pytest.raises(cbm.CbmError, match="RuleSet"):
        cbm.to_json(cbm.SILENCE_RULES)
    with pytest.raises(cbm.CbmError, match="Rule"):
        cbm.to_json(cbm.SILENCE_RULES.rules[0])


def test_a_document_names_its_format_schema_and_type(proc: cbm.SilenceProcedure) -> None:
    document = json.loads(cbm.to_json(proc))
    assert document["format"] == "cica_cbm"
    assert document["schema"] == SCHEMA_VERSION
    assert document["type"] == "SilenceProcedure"
    assert [e["type"] for e in document["data"]["events"]] == ["ProcedureOpened"]


def test_instants_are_written_in_utc_with_microseconds(proc: cbm.SilenceProcedure) -> None:
    document = json.loads(cbm.to_json(proc.terms))
    assert document["data"] == {
        "instant": "2024-01-11T18:00:00.000000+00:00",
        "stated": "2024-01-11",
        "zone": "Asia/Almaty",
        "known_to_day": False,
    }


def test_a_document_of_another_type_is_refused(proc: cbm.SilenceProcedure) -> None:
    with pytest.raises(cbm.DeserializationError) as info:
        cbm.from_json(cbm.to_json(proc.note), cbm.Draft)
    assert info.value.errors[0][0] == "$.type"


@pytest.mark.parametrize("schema", [0, SCHEMA_VERSION + 1, "1", None, True])
def test_an_unknown_schema_version_is_refused(proc: cbm.SilenceProcedure, schema: object) -> None:
    document = json.loads(cbm.to_json(proc.note))
    document["schema"] = schema
    with pytest.raises(cbm.DeserializationError) as info:
        cbm.from_json(json.dumps(document), cbm.Note)
    assert any(path == "$.schema" for path, _ in info.value.errors)


def _objected(proc: cbm.SilenceProcedure) -> dict[str, Any]:
    objected = proc.object(by="IND", at=at_utc(2024, 1, 2), text="We object.")
    document: dict[str, Any] = json.loads(cbm.to_json(objected))
    return document


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda d: d["data"]["events"][1].pop("by"), "$.data.events[1].by"),
        (
            lambda d: d["data"]["events"][1].update(at="2024-01-02T00:00:00"),
            "$.data.events[1].at",
        ),
        (
            lambda d: d["data"]["events"][0]["note"]["references"][0].update(date=5),
            "$.data.events[0].note.references[0].date",
        ),
        (
            lambda d: d["data"]["events"][0]["deadline"].update(instant="tomorrow"),
            "$.data.events[0].deadline.instant",
        ),
        (lambda d: d["data"]["events"][1].update(extra=1), "$.data.events[1]"),
        (lambda d: d["data"]["events"][1].update(type="Nope"), "$.data.events[1]"),
        (lambda d: d["data"].pop("events"), "$.data.events"),
    ],
)
def test_a_malformed_field_is_named_by_its_path(
    proc: cbm.SilenceProcedure, edit: Any, path: str
) -> None:
    document = _objected(proc)
    edit(document)
    with pytest.raises(cbm.DeserializationError) as info:
        cbm.from_json(json.dumps(document), cbm.SilenceProcedure)
    assert any(where.startswith(path) for where, _ in info.value.errors), info.value.errors
    assert path in str(info.value)


def test_a_refused_event_in_a_document_is_a_deserialization_error(
    proc: cbm.SilenceProcedure,
) -> None:
    """An observer's objection in a file is refused as the command would refuse it."""
    document = _objected(proc)
    document["data"]["events"][1]["by"] = "USA"
    with pytest.raises(cbm.DeserializationError, match="observer"):
        cbm.from_json(json.dumps(document), cbm.SilenceProcedure)


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )


@pytest.mark.parametrize(
    "cls",
    [cbm.SilenceProcedure, cbm.Note, cbm.Draft, cbm.Outcome, cbm.Decision, cbm.Deadline],
    ids=lambda cls: cls.__name__,
)
@given(data=_json_values())
def test_random_json_data_is_read_or_refused_with_a_deserialization_error(
    cls: type, data: Any
) -> None:
    """Never a bare KeyError, TypeError or AttributeError, whatever the document holds."""
    document = {"format": "cica_cbm", "schema": 1, "type": cls.__name__, "data": data}
    value, error = read(json.dumps(document), cls)
    if error is None:
        assert isinstance(value, cls)
    else:
        assert error.errors
        assert all(path.startswith("$") for path, _ in error.errors)


@given(document=_json_values())
def test_random_json_documents_are_refused_with_a_deserialization_error(document: Any) -> None:
    with pytest.raises(cbm.DeserializationError):
        cbm.from_json(json.dumps(document), cbm.SilenceProcedure)


@given(text=st.text() | st.binary())
def test_random_text_is_refused_with_a_deserialization_error(text: str | bytes) -> None:
    with pytest.raises(cbm.DeserializationError):
        cbm.from_json(text, cbm.Note)


@given(cst.procedures(max_events=4), st.data())
def test_a_damaged_procedure_document_gives_a_deserialization_error_with_a_path(
    proc: cbm.SilenceProcedure, data: st.DataObject
) -> None:
    """Replace any one value in a real document: the result is read, or refused with a path."""
    document = json.loads(cbm.to_json(proc))
    places: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                places.append((node, key))
                walk(child)
        elif isinstance(node, list):
            for index, child in enumerate(node):
                places.append((node, index))
                walk(child)

    walk(document["data"])
    parent, key = data.draw(st.sampled_from(places))
    parent[key] = data.draw(_json_values())
    back, error = read(json.dumps(document), cbm.SilenceProcedure)
    if error is None:
        assert isinstance(back, cbm.SilenceProcedure)
    else:
        assert all(path.startswith("$.data") for path, _ in error.errors)


def test_a_converter_is_made_fresh_by_the_factory() -> None:
    first, second = cbm.make_converter(), cbm.make_converter()
    assert first is not second
    assert first.unstructure(cbm.NoteNumber.parse("NCT/G/1501")) == "NCT/G/1501"


@given(cst.procedures(policies=cst.silence_policies(shipped_only=False)))
def test_a_procedure_under_a_made_up_policy_round_trips(proc: cbm.SilenceProcedure) -> None:
    back = round_trip(proc)
    assert back == proc
    assert back.policy == proc.policy
    assert back.outcome(at=proc.terms.instant) == proc.outcome(at=proc.terms.instant)


def _damaged(change: Any) -> str:
    proc = cbm.samples.nct_g_1501().comment(by="CHN", at=datetime(2024, 1, 5, tzinfo=UTC), text="x")
    document = json.loads(cbm.to_json(proc))
    change(document["data"])
    return json.dumps(document)


def test_an_unknown_event_type_is_named_with_the_known_ones() -> None:
    """The error names the bad tag, where it is, and every type allowed."""
    text = _damaged(lambda data: data["events"][1].update(type="Nope"))
    with pytest.raises(cbm.DeserializationError) as caught:
        cbm.from_json(text, cbm.SilenceProcedure)
    message = str(caught.value)
    assert "$.data.events[1]" in message
    assert "'Nope'" in message
    assert "CommentSubmitted" in message


def test_extra_and_misshapen_fields_are_described_without_python_internals() -> None:
    """Unknown keys are called so; a string where an object belongs names the type expected."""
    extra = _damaged(lambda data: data.update(zzz=1))
    with pytest.raises(cbm.DeserializationError, match=r"unknown field\(s\) zzz"):
        cbm.from_json(extra, cbm.SilenceProcedure)
    misshapen = _damaged(lambda data: data["events"][0].update(deadline="tomorrow"))
    with pytest.raises(cbm.DeserializationError) as caught:
        cbm.from_json(misshapen, cbm.SilenceProcedure)
    assert "expected Deadline" in str(caught.value)
    assert "attribute" not in str(caught.value)
