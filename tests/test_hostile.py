"""Hostile input: junk arguments, mutated documents and wrong actors give a CbmError, never a crash.

Whatever the input, the library either does what was asked or raises a
:class:`~cica_cbm.CbmError`; nothing it was given changes when it refuses.
"""

from __future__ import annotations

import contextlib
import inspect
import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cica_cbm as cbm

PROC = cbm.samples.nct_g_1501()
NOTE = cbm.samples.nct_g_1501_note()
IN_TIME = PROC.opened_at + timedelta(days=3)
HOSTILE = settings(
    derandomize=True,
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

JUNK: list[Any] = [
    None,
    1,
    1.5,
    "",
    "\n",
    [],
    {},
    object(),
    datetime(2024, 1, 5, 12, 0),  # naive
    datetime(2024, 1, 5, 12, 0, tzinfo=cbm.UTC),  # an instant where a day is meant
    10**100,
    "KAZ\ud800",
    [["KAZ"]],
]


def bad(value: object) -> Any:
    """A value of the wrong type, passed on purpose."""
    return value


ESCAPES = (TypeError, AttributeError, KeyError, RecursionError, OverflowError, IndexError)


def envelope(data: str, type_: str = "Note") -> str:
    return f'{{"format": "cica_cbm", "schema": 1, "type": "{type_}", "data": {data}}}'


# --- 1. JSON that is not a document -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (envelope("[" * 100_000 + "]" * 100_000), "$"),
        (envelope("1" * 5000), "$.data"),
        ('{"format": "cica_cbm", "schema": ' + "1" * 5000 + "}", "$.schema"),
        (envelope("NaN"), "$.data"),
        (envelope("-Infinity"), "$.data"),
        (envelope("1e999"), "$.data"),
        (envelope('{"number": "NCT/G/1501\\ud800"}'), "$.data.number"),
        (envelope('{"\\udc00": 1}'), "$.data"),
        (envelope('"\ud800"'), "$.data"),
        (envelope('"\\u00e9\\ud800"').encode("ascii"), "$.data"),
        (envelope('"x"').encode() + b"\xff\xfe", "$"),
        (b"\xc3\x28", "$"),
        ("", "$"),
    ],
)
def test_json_that_is_no_document_is_a_deserialization_error_naming_the_path(
    text: str | bytes, path: str
) -> None:
    with pytest.raises(cbm.DeserializationError) as info:
        cbm.from_json(text, cbm.Note)
    assert isinstance(info.value, ValueError)
    assert info.value.errors[0][0] == path
    assert "\n" not in str(info.value)
    str(info.value).encode("utf-8")  # the message itself can be printed anywhere


def test_a_valid_surrogate_pair_is_one_character_and_reads() -> None:
    text = cbm.to_json(NOTE).replace('"NCT/G/1501"', '"NCT/G/1501"', 1)
    document = json.loads(text)
    document["data"]["place"]["en"] = "Astana \\ud83d\\ude00"
    raw = json.dumps(document, ensure_ascii=False).replace("\\\\ud83d\\\\ude00", "\\ud83d\\ude00")
    back = cbm.from_json(raw, cbm.Note)
    assert back.place.en == "Astana \U0001f600"
    assert cbm.from_json(cbm.to_json(back), cbm.Note) == back


def test_to_json_refuses_a_lone_surrogate_rather_than_write_what_utf8_cannot_hold() -> None:
    proc = PROC.comment(by="KAZ", at=IN_TIME, text="see \ud800 here")
    before = proc.events
    with pytest.raises(cbm.InvalidValueError) as info:
        cbm.to_json(proc)
    assert info.value.field == "to_json $.data.events[1].text"
    assert proc.events == before
    with pytest.raises(cbm.InvalidValueError):
        cbm.to_json(proc, indent=2)


def test_to_json_text_is_always_utf8() -> None:
    cbm.to_json(PROC).encode("utf-8")
    cbm.to_json(NOTE, indent=2).encode("utf-8")


# --- 2. junk arguments to every public callable -----------------------------------------------


def _samples(cls: type) -> list[Any]:
    found: list[Any] = []

    @settings(derandomize=True, max_examples=3, database=None, deadline=None)
    @given(st.from_type(cls))
    def collect(value: Any) -> None:
        found.append(value)

    try:
        collect()
    except Exception:  # no strategy for this class: its methods are reached through samples
        return []
    return found[:3]


def _callables() -> list[tuple[str, Any, list[Any]]]:
    """(name, callable, originals it holds) for every public function, classmethod and method."""
    out: list[tuple[str, Any, list[Any]]] = []
    for name in cbm.__all__:
        obj = getattr(cbm, name)
        if inspect.isfunction(obj):
            out.append((name, obj, []))
        elif isinstance(obj, type) and not issubclass(obj, BaseException):
            instances = _samples(obj)
            for attr in dir(obj):
                if attr.startswith("_"):
                    continue
                raw = inspect.getattr_static(obj, attr)
                if isinstance(raw, classmethod | staticmethod):
                    out.append((f"{name}.{attr}", getattr(obj, attr), []))
                elif inspect.isfunction(raw):
                    out.extend(
                        (f"{name}.{attr}[{k}]", getattr(value, attr), [value])
                        for k, value in enumerate(instances)
                    )
    return out


def _fingerprint(value: Any) -> Any:
    try:
        return cbm.to_json(value)
    except cbm.CbmError:
        return repr(value)


def _calls(fn: Any) -> list[dict[str, Any]]:
    """One call per parameter and junk value: that parameter junk, required others valid-ish."""
    try:
        params = [
            p
            for p in inspect.signature(fn).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY)
        ]
    except (TypeError, ValueError):
        return []
    calls = []
    for target in params:
        for junk in JUNK:
            calls.append({p.name: junk for p in params if p is target or p.default is p.empty})
    return calls


CALLABLES = _callables()


@pytest.mark.parametrize(("name", "fn", "held"), CALLABLES, ids=[c[0] for c in CALLABLES])
def test_junk_arguments_return_or_raise_a_cbm_error_and_change_nothing(
    name: str, fn: Any, held: list[Any]
) -> None:
    before = [_fingerprint(value) for value in held]
    for kwargs in _calls(fn):
        junk = {key: _fingerprint(value) for key, value in kwargs.items()}
        try:
            fn(**kwargs)
        except cbm.CbmError:
            pass  # refused, as it should be; the message is checked in test_errors.py
        except ESCAPES as exc:
            pytest.fail(f"{name}(**{kwargs!r:.200}) raised {type(exc).__name__}: {exc}")
        assert {key: _fingerprint(value) for key, value in kwargs.items()} == junk
    assert [_fingerprint(value) for value in held] == before


@pytest.mark.parametrize(
    "call",
    [
        lambda: cbm.readers(bad(None)),
        lambda: cbm.catalogue(on=datetime(2024, 1, 5, 12, 0)),
        lambda: cbm.approval_subject(bad(None)),
        lambda: cbm.approval_subject(bad([["i.1"]])),
        lambda: cbm.admission_subject("bcm-experts-1", bad([1, "IOM"])),
        lambda: cbm.english_date(bad(None)),
        lambda: cbm.review_due(bad(None), on=date(2024, 6, 1)),
        lambda: cbm.overdue_reviews(bad(None), on=date(2024, 6, 1)),
        lambda: cbm.ReviewSchedule(date(2024, 1, 12)).year(10**100),
        lambda: cbm.Admission.in_year(10**100),
        lambda: cbm.Admission.on(bad(None)),
        lambda: cbm.SilenceProcedure.open(
            NOTE, PROC.draft, deadline=PROC.terms, requested_by=bad(["KAZ"])
        ),
        lambda: cbm.SilenceProcedure.open(
            NOTE, PROC.draft, deadline=PROC.terms, parties=bad([["KAZ"]])
        ),
        lambda: cbm.to_json(NOTE, indent=10**100),
        lambda: cbm.CICA_PRACTICE.check_deadline(bad(None), PROC.opened_at, "deadline"),
    ],
)
def test_the_reported_crashes_are_invalid_value_errors(call: Any) -> None:
    with pytest.raises(cbm.InvalidValueError) as info:
        call()
    assert isinstance(info.value, ValueError)
    assert "\n" not in str(info.value)


# --- 3. mutated documents of every public type ------------------------------------------------

WRITTEN = sorted(
    (
        getattr(cbm, name)
        for name in cbm.__all__
        if isinstance(getattr(cbm, name), type) and _samples(getattr(cbm, name))
        if not issubclass(getattr(cbm, name), BaseException)
    ),
    key=lambda cls: cls.__name__,
)


def _documents(cls: type) -> list[str]:
    texts = []
    for value in _samples(cls):
        with contextlib.suppress(cbm.CbmError):  # a Rule holds code, which JSON cannot carry
            texts.append(cbm.to_json(value))
    return texts


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


REPLACEMENTS: st.SearchStrategy[Any] = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        1.5,
        10**30,
        "",
        "\ud800",
        "x\udfff",
        "NaN",
        [],
        {},
        {"type": "Nope"},
        "2024-01-11",
        "2024-01-11T18:00:00",
    ]
)


def _mutate(document: Any, data: st.DataObject) -> Any:
    paths = _paths(document["data"])
    path = data.draw(st.sampled_from(paths))
    how = data.draw(st.sampled_from(["replace", "drop", "add", "nest"]))
    parent: Any = document
    keys: tuple[Any, ...] = ("data", *path)
    for key in keys[:-1]:
        parent = parent[key]
    last = keys[-1]
    if how == "replace":
        parent[last] = data.draw(REPLACEMENTS)
    elif how == "drop" and isinstance(parent, dict):
        del parent[last]
    elif how == "drop" and isinstance(parent, list):
        parent.pop(last)
    elif how == "add" and isinstance(parent[last], dict):
        parent[last][data.draw(st.sampled_from(["extra", "type", "\ud800"]))] = 1
    else:
        deep: Any = parent[last]
        for _ in range(data.draw(st.sampled_from([3, 300, 3000]))):
            deep = [deep]
        parent[last] = deep
    return document


@pytest.mark.parametrize("cls", WRITTEN, ids=[cls.__name__ for cls in WRITTEN])
def test_a_mutated_document_reads_or_is_a_cbm_error(cls: type) -> None:
    documents = _documents(cls)
    if not documents:
        pytest.skip(f"to_json writes no {cls.__name__} from its strategy")

    @HOSTILE
    @given(st.sampled_from(documents), st.data(), st.booleans())
    def check(text: str, data: st.DataObject, ascii: bool) -> None:
        try:
            mutated = json.dumps(_mutate(json.loads(text), data), ensure_ascii=ascii)
        except RecursionError:
            return  # too deep for json.dumps to write: no document to read
        try:
            value: Any = cbm.from_json(mutated, cls)
        except cbm.DeserializationError:
            return
        again = cbm.to_json(value)
        assert cbm.from_json(again, cls) == value
        again.encode("utf-8")

    check()


# --- 4. wrong actors on a silence procedure ---------------------------------------------------


def _unchanged(proc: cbm.SilenceProcedure, text: str) -> None:
    assert cbm.to_json(proc) == text


@pytest.mark.parametrize(
    ("act", "error", "fields"),
    [
        (lambda p: p.object(by="BLR", at=IN_TIME, text="no"), cbm.NotAPartyError, {"code": "BLR"}),
        (lambda p: p.comment(by="USA", at=IN_TIME, text="no"), cbm.NotAPartyError, {"code": "USA"}),
        (lambda p: p.amend(by="FRA", at=IN_TIME, text="no"), cbm.NotAPartyError, {"code": "FRA"}),
        (lambda p: p.object(by="kaz", at=IN_TIME, text="no"), cbm.NotAPartyError, {"code": "kaz"}),
        (lambda p: p.object(by="", at=IN_TIME, text="no"), cbm.InvalidValueError, {"field": "by"}),
        (
            lambda p: p.object(by="KAZ", at=IN_TIME, text="no", sent_by="TUR"),
            cbm.NotAuthorizedError,
            {"actor": "TUR", "subject": "KAZ"},
        ),
        (
            lambda p: p.comment(by="KAZ", at=IN_TIME, text="no", sent_by="kaz"),
            cbm.NotAuthorizedError,
            {"actor": "kaz"},
        ),
        (
            lambda p: p.extend(date(2024, 1, 20), at=IN_TIME, by="IND"),
            cbm.NotAuthorizedError,
            {"actor": "IND"},
        ),
        (
            lambda p: p.withdraw(at=IN_TIME, reason="no", by="KAZ"),
            cbm.NotAuthorizedError,
            {"actor": "KAZ"},
        ),
        (
            lambda p: p.object(by="KAZ", at=PROC.opened_at - timedelta(days=1), text="no"),
            cbm.EventOrderError,
            {},
        ),
    ],
)
def test_a_wrong_actor_is_refused_with_its_error_and_changes_nothing(
    act: Any, error: type, fields: dict[str, Any]
) -> None:
    text = cbm.to_json(PROC)
    with pytest.raises(error) as info:
        act(PROC)
    assert isinstance(info.value, cbm.CbmError)
    for key, value in fields.items():
        assert getattr(info.value, key) == value
    _unchanged(PROC, text)


@HOSTILE
@given(
    st.sampled_from(["BLR", "USA", "kaz", "Kaz", " KAZ", "KAZ ", "XXX", "OSCE", "SECRETARIAT"]),
    st.sampled_from(["comment", "amend", "object"]),
)
def test_no_one_but_a_party_submits(code: str, act: str) -> None:
    text = cbm.to_json(PROC)
    with pytest.raises(cbm.NotAPartyError):
        getattr(PROC, act)(by=code, at=IN_TIME, text="hostile")
    _unchanged(PROC, text)


@HOSTILE
@given(
    st.sampled_from(sorted(PROC.parties)),
    st.sampled_from(sorted(PROC.parties)),
    st.sampled_from(["comment", "amend", "object"]),
)
def test_no_state_submits_for_another(by: str, sent_by: str, act: str) -> None:
    text = cbm.to_json(PROC)
    if by == sent_by:
        getattr(PROC, act)(by=by, at=IN_TIME, text="own", sent_by=sent_by)
    else:
        with pytest.raises(cbm.NotAuthorizedError):
            getattr(PROC, act)(by=by, at=IN_TIME, text="for another", sent_by=sent_by)
    _unchanged(PROC, text)
