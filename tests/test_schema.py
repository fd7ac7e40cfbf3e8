"""JSON Schema: every document to_json writes meets its class's schema; bad ones are refused.

``cica_cbm.json_schema(cls)`` follows the converter's rules. If a type is added to the converter
without a schema rule, a test here fails: the type has no schema though to_json writes it, or
its samples do not meet the schema built for them.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.edges.serialization.schema import DIALECT

ROOT = Path(__file__).resolve().parent.parent

# the public classes, errors aside: each either has a schema or holds code (a rule)
PUBLIC_TYPES = sorted(
    (
        obj
        for name in cbm.__all__
        if isinstance(obj := getattr(cbm, name), type) and not issubclass(obj, BaseException)
    ),
    key=lambda cls: cls.__name__,
)


def _has_schema(cls: type) -> bool:
    try:
        cbm.json_schema(cls)
    except cbm.InvalidValueError:
        return False
    return True


SCHEMA_TYPES = [cls for cls in PUBLIC_TYPES if _has_schema(cls)]


def by_name(cls: type) -> str:
    return cls.__name__


@cache
def validator(cls: type) -> jsonschema.Draft202012Validator:
    schema = cbm.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def problems(document: Any, cls: type) -> list[str]:
    """What the schema of ``cls`` finds wrong with ``document``, each with its path."""
    return [
        f"{error.json_path}: {error.message[:300]}"
        for error in validator(cls).iter_errors(document)
    ]


def refused_by_reader(document: Any, cls: type) -> bool:
    try:
        cbm.from_json(json.dumps(document), cls)
    except cbm.DeserializationError:
        return True
    return False


def _export_schemas() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "export_schemas", ROOT / "scripts" / "export_schemas.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- which types have a schema -----------------------------------------------------------


@pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=by_name)
def test_a_type_has_a_schema_exactly_when_to_json_writes_it(cls: type) -> None:
    """A type to_json learns to write needs a schema rule too; a rule (code) has neither.

    to_json writes a rule set without rules (there is no code in it), so a type without a
    schema is one whose samples to_json refuses at times, not always.
    """
    written: set[bool] = set()

    @settings(max_examples=5, derandomize=True, database=None)
    @given(st.from_type(cls))
    def check(value: Any) -> None:
        try:
            cbm.to_json(value)
        except cbm.InvalidValueError:
            written.add(False)
        else:
            written.add(True)

    check()
    if _has_schema(cls):
        assert written == {True}
    else:
        assert False in written


def test_the_rules_have_no_schema_and_the_error_says_where_the_code_is() -> None:
    with pytest.raises(cbm.InvalidValueError, match=r"Rule\.check"):
        cbm.json_schema(cbm.Rule)
    with pytest.raises(cbm.InvalidValueError, match=r"RuleSet\.rules"):
        cbm.json_schema(cbm.RuleSet)


def test_a_schema_is_asked_of_a_class() -> None:
    with pytest.raises(cbm.InvalidValueError, match="a class"):
        cbm.json_schema(cbm.Event)  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", SCHEMA_TYPES, ids=by_name)
def test_each_schema_is_a_valid_draft_2020_12_schema(cls: type) -> None:
    schema = cbm.json_schema(cls)
    assert schema["$schema"] == DIALECT
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["type"] == {"const": cls.__name__}


# --- documents the library writes meet their schema --------------------------------------


def _objected() -> cbm.SilenceProcedure:
    return cbm.samples.nct_g_1501().object(
        by="IND", at=datetime(2024, 1, 2, tzinfo=UTC), text="We object."
    )


def _shipped() -> list[Any]:
    """The seed's procedure, note and draft, and what the library makes of the procedure."""
    proc = cbm.samples.nct_g_1501()
    return [
        proc,
        cbm.samples.nct_g_1501_note(),
        cbm.samples.nct_g_1501_draft(),
        proc.terms,
        proc.outcome(at=proc.deadline),
        proc.context(at=proc.deadline),
        _objected(),
        _objected().context(at=proc.deadline),
    ]


def _document_files() -> list[Path]:
    """The JSON documents (not the schemas) kept in docs/ and tests/, if any."""
    found = []
    for folder in (ROOT / "docs", ROOT / "tests"):
        for path in sorted(folder.rglob("*.json")):
            if "schema" in path.relative_to(ROOT).parts or "_build" in path.parts:
                continue
            found.append(path)
    return found


@pytest.mark.parametrize("value", _shipped(), ids=lambda value: type(value).__name__)
def test_every_shipped_sample_meets_its_schema(value: Any) -> None:
    document = json.loads(cbm.to_json(value))
    assert problems(document, type(value)) == []


@pytest.mark.parametrize("path", _document_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_document_kept_in_the_repository_meets_its_schema(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    if not (isinstance(document, dict) and document.get("format") == "cica_cbm"):
        pytest.skip("not a cica_cbm document")
    cls = getattr(cbm, document["type"])
    assert problems(document, cls) == []


@pytest.mark.parametrize("cls", SCHEMA_TYPES, ids=by_name)
def test_every_written_document_meets_its_schema(cls: type) -> None:
    """Hypothesis samples of each type, written by to_json and by the converter alone."""
    converter = cbm.make_converter()

    @settings(max_examples=30, derandomize=True, database=None)
    @given(st.from_type(cls))
    def check(value: Any) -> None:
        document = json.loads(cbm.to_json(value))
        assert problems(document, type(value)) == []
        # make_converter(), without to_json's fast path, writes the same shape
        document["data"] = json.loads(json.dumps(converter.unstructure(value, type(value))))
        assert problems(document, type(value)) == []

    check()


# --- documents the reader refuses, the schema refuses too --------------------------------


def _procedure_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(cbm.to_json(_objected()))
    return document


def _document(value: Any) -> Callable[[], dict[str, Any]]:
    def make() -> dict[str, Any]:
        document: dict[str, Any] = json.loads(cbm.to_json(value))
        return document

    return make


_note = _document(cbm.samples.nct_g_1501_note())
_draft = _document(cbm.samples.nct_g_1501_draft())
_outcome = _document(cbm.samples.nct_g_1501().outcome(at=cbm.samples.nct_g_1501().deadline))
_decision = _document(
    cbm.consensus(
        {"KAZ": cbm.Position.SUPPORT, "TUR": cbm.Position.NO_OBJECTION},
        members={"KAZ", "TUR"},
    )
)
_policy = _document(cbm.OSCE)
_enclosure = _document(cbm.Enclosure(cbm.LocalizedText("as stated"), pages=4))
_finding = _document(cbm.Finding("X-1", "a clause", "a message"))


def _events(document: dict[str, Any]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = document["data"]["events"]
    return events


MUTATIONS: list[tuple[str, type, Callable[[], dict[str, Any]], Callable[[Any], object]]] = [
    # the envelope
    ("another format", cbm.Note, _note, lambda d: d.update(format="other")),
    ("a later schema", cbm.Note, _note, lambda d: d.update(schema=2)),
    ("schema as text", cbm.Note, _note, lambda d: d.update(schema="1")),
    ("schema as true", cbm.Note, _note, lambda d: d.update(schema=True)),
    ("another type", cbm.Note, _note, lambda d: d.update(type="Draft")),
    ("no data", cbm.Note, _note, lambda d: d.pop("data")),
    # missing, extra and misshapen fields
    ("a required key missing", cbm.Note, _note, lambda d: d["data"].pop("number")),
    ("an extra key", cbm.Note, _note, lambda d: d["data"].update(extra=1)),
    ("null for a required value", cbm.Note, _note, lambda d: d["data"].update(place=None)),
    ("a nested key missing", cbm.Note, _note, lambda d: d["data"]["place"].pop("en")),
    ("a string for an object", cbm.Note, _note, lambda d: d["data"].update(place="Astana")),
    ("a malformed note number", cbm.Note, _note, lambda d: d["data"].update(number="NCT-1501")),
    ("a day in words", cbm.Note, _note, lambda d: d["data"].update(date="13 December 2023")),
    ("a day as a number", cbm.Note, _note, lambda d: d["data"].update(date=20231213)),
    ("an unknown language", cbm.Note, _note, lambda d: d["data"].update(languages=["fr"])),
    ("a list for a text", cbm.Draft, _draft, lambda d: d["data"].update(title=["x"])),
    ("a lower-case code", cbm.Draft, _draft, lambda d: d["data"].update(coordinator="kaz")),
    ("pages as text", cbm.Enclosure, _enclosure, lambda d: d["data"].update(pages="4")),
    ("a number for a flag", cbm.Finding, _finding, lambda d: d["data"].update(decisive=1)),
    # instants, enums, sets, pairs, durations
    ("an unknown status", cbm.Outcome, _outcome, lambda d: d["data"].update(status="maybe")),
    (
        "a naive instant",
        cbm.Outcome,
        _outcome,
        lambda d: d["data"].update(at="2024-01-11T18:00:00"),
    ),
    ("an instant in words", cbm.Outcome, _outcome, lambda d: d["data"].update(at="tomorrow")),
    (
        "a number for a set",
        cbm.Decision,
        _decision,
        lambda d: d["data"]["acts"][0].update(members=5),
    ),
    (
        "a position without its act's type",
        cbm.Decision,
        _decision,
        lambda d: d["data"]["acts"][1].pop("type"),
    ),
    (
        "a second founding act",
        cbm.Decision,
        _decision,
        lambda d: d["data"]["acts"].append(copy.deepcopy(d["data"]["acts"][0])),
    ),
    (
        "an unknown kind in a set",
        cbm.SilencePolicy,
        _policy,
        lambda d: d["data"].update(breaks_silence=["shout"]),
    ),
    (
        "a duration in words",
        cbm.SilencePolicy,
        _policy,
        lambda d: d["data"].update(minimum_period="3 days"),
    ),
    # the procedure's events
    (
        "an event without its author",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: _events(d)[1].pop("by"),
    ),
    (
        "a naive instant in an event",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: _events(d)[1].update(at="2024-01-02T00:00:00"),
    ),
    (
        "an unknown event type",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: _events(d)[1].update(type="Nope"),
    ),
    (
        "an event without its type",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: _events(d)[1].pop("type"),
    ),
    (
        "an extra key in an event",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: _events(d)[1].update(extra=1),
    ),
    (
        "an opening without its deadline",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: _events(d)[0].pop("deadline"),
    ),
    (
        "no events",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: d["data"].update(events=[]),
    ),
    (
        "an objection first",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: _events(d).reverse(),
    ),
    (
        "a second opening",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: _events(d).append(copy.deepcopy(_events(d)[0])),
    ),
    (
        "an extra key beside the events",
        cbm.SilenceProcedure,
        _procedure_document,
        lambda d: d["data"].update(zzz=1),
    ),
]


@pytest.mark.parametrize(
    ("cls", "make", "edit"),
    [case[1:] for case in MUTATIONS],
    ids=[case[0] for case in MUTATIONS],
)
def test_a_document_the_reader_refuses_the_schema_refuses(
    cls: type, make: Callable[[], dict[str, Any]], edit: Callable[[Any], object]
) -> None:
    document = make()
    assert problems(document, cls) == []
    edit(document)
    assert refused_by_reader(document, cls), "the case must be one from_json refuses"
    assert problems(document, cls) != []


def test_a_string_for_a_set_is_refused_by_the_reader_as_by_the_schema() -> None:
    document = _decision()
    document["data"]["acts"][0]["members"] = "KAZ"
    assert problems(document, cbm.Decision) != []
    assert refused_by_reader(document, cbm.Decision)


def test_an_instant_with_any_offset_is_accepted_as_the_reader_accepts_it() -> None:
    document = _outcome()
    document["data"]["at"] = "2024-01-11T23:00:00+05:00"
    assert not refused_by_reader(document, cbm.Outcome)
    assert problems(document, cbm.Outcome) == []


# --- the rules themselves, on types the public ones do not use ----------------------------


@attrs.frozen
class _Box:
    tags: Mapping[str, int]
    pair: tuple[int, str]
    size: Literal["small", "large"]
    children: tuple[_Box, ...] = ()


def test_mappings_pairs_literals_and_self_reference_follow_the_converter() -> None:
    box = _Box({"a": 1}, (2, "b"), "small", (_Box({}, (3, "c"), "large"),))
    text = cbm.to_json(box)
    assert cbm.from_json(text, _Box) == box
    schema = cbm.json_schema(_Box)
    jsonschema.Draft202012Validator.check_schema(schema)
    check = jsonschema.Draft202012Validator(schema)
    document = json.loads(text)
    assert list(check.iter_errors(document)) == []
    assert schema["$defs"]["_Box"]["properties"]["children"]["items"] == {"$ref": "#/$defs/_Box"}
    edits: list[Callable[[Any], object]] = [
        lambda data: data["tags"].update(a="one"),
        lambda data: data["pair"].append(4),
        lambda data: data.update(size="medium"),
        lambda data: data["children"][0].pop("pair"),
    ]
    for edit in edits:
        damaged = copy.deepcopy(document)
        edit(damaged["data"])
        assert refused_by_reader(damaged, _Box)
        assert not check.is_valid(damaged)


# --- the exported files and the package ---------------------------------------------------


def test_the_exported_schemas_are_what_json_schema_returns() -> None:
    """docs/schema holds exactly the schemas of today's classes."""
    folder = ROOT / "docs" / "schema"
    on_disk = {path.name for path in folder.glob("*.json")}
    assert on_disk == {f"{cls.__name__}.json" for cls in SCHEMA_TYPES}, (
        "run python scripts/export_schemas.py"
    )
    for cls in SCHEMA_TYPES:
        path = folder / f"{cls.__name__}.json"
        assert json.loads(path.read_text(encoding="utf-8")) == cbm.json_schema(cls), (
            f"{path.name} is stale: run python scripts/export_schemas.py"
        )
    assert _export_schemas().main(["--check"]) == 0


def test_importing_the_library_loads_neither_the_schemas_nor_jsonschema() -> None:
    code = (
        "import sys, cica_cbm\n"
        "print(sorted(m for m in ('jsonschema', 'cica_cbm.edges.serialization.schema')"
        " if m in sys.modules))\n"
        "cica_cbm.json_schema(cica_cbm.Note)\n"
        "print('jsonschema' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split("\n")[:2] == ["[]", "False"]
