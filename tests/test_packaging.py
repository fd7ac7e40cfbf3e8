"""Packaging and hygiene: a light import, picklable objects, pinned zone data, typed, documented."""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import os
import pickle
import subprocess
import sys
import tomllib
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cica_cbm as cbm
from cica_cbm.edges import strategies as cst

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
        timeout=120,
    )


def test_importing_the_library_imports_no_optional_or_io_module() -> None:
    """The core stays light: no hypothesis, sqlite3, argparse or babel on import."""
    code = (
        "import sys, cica_cbm\n"
        "cica_cbm.core.samples.nct_g_1501().outcome(at=cica_cbm.core.samples.nct_g_1501().deadline)\n"
        "heavy = ('hypothesis', 'sqlite3', 'argparse', 'babel')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


PUBLIC_DATA = sorted(
    (
        obj
        for name in cbm.__all__
        if isinstance(obj := getattr(cbm, name), type) and obj not in (cbm.Rule, cbm.RuleSet)
    ),
    key=lambda cls: cls.__name__,
)


@pytest.mark.parametrize("cls", PUBLIC_DATA, ids=lambda cls: cls.__name__)
def test_every_public_type_survives_pickling(cls: type) -> None:
    """Embedders pass objects between processes: procedures, outcomes, notes, errors..."""

    @given(st.from_type(cls))
    def check(value: Any) -> None:
        assert cls in type(value).__mro__  # the registered strategy draws this type
        back = pickle.loads(pickle.dumps(value))
        assert type(back) is type(value)
        if isinstance(value, BaseException):
            assert str(back) == str(value)
            assert back.args == value.args
        else:
            assert back == value

    check()


def test_the_shipped_objects_survive_pickling() -> None:
    proc = cbm.samples.nct_g_1501().object(
        by="IND", at=datetime(2024, 1, 5, tzinfo=cbm.ASTANA), text="No."
    )
    for value in (
        proc,
        proc.outcome(at=proc.deadline),
        proc.context(at=proc.deadline),
        proc.note,
        proc.draft,
        cbm.ASTANA,
        cbm.catalogue(),
        cbm.POLICIES,
        cbm.consensus({"KAZ": cbm.Position.SUPPORT}, members={"KAZ", "IND"}),
    ):
        assert pickle.loads(pickle.dumps(value)) == value
    for rules in (cbm.SILENCE_RULES, cbm.CONSENSUS_RULES):
        assert pickle.loads(pickle.dumps(rules)).ids == rules.ids
    assert pickle.loads(pickle.dumps(cbm.ASTANA)) is cbm.ASTANA


@given(cst.procedures())
def test_a_pickled_procedure_gives_the_same_outcomes(proc: cbm.SilenceProcedure) -> None:
    back = pickle.loads(pickle.dumps(proc))
    for event in back.events:
        assert back.outcome(at=event.at) == proc.outcome(at=event.at)


RESULTS = """
import json
from datetime import date, datetime, timedelta, timezone
import cica_cbm as cbm
proc = cbm.samples.nct_g_1501()
switch = datetime(2024, 2, 29, 18, tzinfo=timezone.utc)
print(json.dumps({
    "deadline": proc.deadline.isoformat(),
    "ends": [cbm.end_of_day(date(2024, 2, d)).isoformat() for d in (27, 28, 29)],
    "local": [cbm.to_astana(switch + timedelta(minutes=m)).isoformat() for m in (-1, 0)],
    "findings": [str(f) for f in proc.outcome(at=proc.deadline).findings],
}))
"""


def test_results_do_not_depend_on_the_machines_zone_data(tmp_path: Path) -> None:
    """With PYTHONTZPATH empty, or holding a wrong Asia/Almaty, the answers are the same."""
    empty = tmp_path / "empty"
    empty.mkdir()
    wrong = tmp_path / "wrong" / "Asia"
    wrong.mkdir(parents=True)
    utc_file = resources.files("tzdata").joinpath("zoneinfo", "UTC")
    (wrong / "Almaty").write_bytes(utc_file.read_bytes())
    answers = []
    for tzpath in (str(empty), str(tmp_path / "wrong")):
        result = run_python(RESULTS, PYTHONTZPATH=tzpath, TZ="America/New_York")
        assert result.returncode == 0, result.stderr
        answers.append(json.loads(result.stdout))
    assert answers[0] == answers[1]
    assert answers[0]["deadline"] == "2024-01-12T00:00:00+06:00"
    assert answers[0]["ends"] == [
        "2024-02-27T18:00:00+00:00",
        "2024-02-28T18:00:00+00:00",
        "2024-02-29T19:00:00+00:00",
    ]
    assert answers[0]["local"] == ["2024-02-29T23:59:00+06:00", "2024-02-29T23:00:00+05:00"]


def test_py_typed_ships_inside_the_package() -> None:
    assert resources.files("cica_cbm").joinpath("py.typed").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/cica_cbm"]
    assert "Typing :: Typed" in config["project"]["classifiers"]


def test_the_wheel_carries_the_types_the_data_and_the_hypothesis_entry_point(
    tmp_path: Path,
) -> None:
    builder = pytest.importorskip("hatchling.builders.wheel", reason="hatchling builds wheels")
    wheel = Path(next(builder.WheelBuilder(str(ROOT)).build(directory=str(tmp_path))))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        declared = archive.read(entry_points).decode()
    assert "cica_cbm/py.typed" in names
    for data in ("member_states", "observers", "names", "catalogue", "nct_g_1501"):
        assert f"cica_cbm/data/{data}.json" in names
    assert "[hypothesis]" in declared
    assert "cica_cbm.edges._hypothesis_plugin:_hypothesis_setup_hook" in declared


def test_the_hypothesis_entry_point_is_installed() -> None:
    points = metadata.entry_points(group="hypothesis")
    assert [p.value for p in points if p.name == "cica_cbm"] == [
        "cica_cbm.edges._hypothesis_plugin:_hypothesis_setup_hook"
    ]


def _documented_constants() -> set[str]:
    """Module-level names followed by a docstring in the package's source."""
    found = set()
    for path in (ROOT / "src" / "cica_cbm").rglob("*.py"):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        for statement, following in itertools.pairwise(body):
            targets = []
            if isinstance(statement, ast.Assign):
                targets = [t.id for t in statement.targets if isinstance(t, ast.Name)]
            elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                targets = [statement.target.id]
            if (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                found.update(targets)
    return found


def test_every_public_name_has_a_docstring() -> None:
    constants = _documented_constants()
    missing = []
    for name in cbm.__all__:
        obj = getattr(cbm, name)
        if name == "__version__":
            continue  # a version string, by convention
        if inspect.isclass(obj) or inspect.isfunction(obj) or inspect.ismodule(obj):
            if not (obj.__doc__ or "").strip():
                missing.append(name)
            if inspect.isclass(obj) and not issubclass(obj, BaseException):
                for attr, value in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    function = value.fget if isinstance(value, property) else value
                    function = getattr(function, "__func__", function)
                    if inspect.isfunction(function) and not (function.__doc__ or "").strip():
                        missing.append(f"{name}.{attr}")
        elif name not in constants:
            missing.append(name)
    assert missing == []


def test_the_version_comes_from_the_installed_metadata() -> None:
    assert cbm.__version__ == metadata.version("cica_cbm")


def test_every_name_in_all_exists_and_appears_once() -> None:
    assert len(set(cbm.__all__)) == len(cbm.__all__)
    for name in cbm.__all__:
        assert hasattr(cbm, name)


def test_every_error_is_a_cbm_error_and_bad_values_are_value_errors() -> None:
    names = {n for n in cbm.__all__ if n.endswith("Error")}
    assert names == {
        "CbmError",
        "ConflictError",
        "DeserializationError",
        "EventOrderError",
        "InvalidValueError",
        "MalformedNoteNumberError",
        "NaiveDatetimeError",
        "NotAMemberError",
        "NotAPartyError",
        "NotAuthorizedError",
        "PolicyViolationError",
        "ProcedureClosedError",
        "TransitionError",
        "UnknownBodyError",
        "UnknownStateError",
        # beside the modules that raise them
        "ApprovalError",  # actionplan: a refused approval, so a TransitionError
        "MalformedNoteError",  # documents
        "ParticipationError",  # participation
    }
    for name in names:
        assert issubclass(getattr(cbm, name), cbm.CbmError)
    for error in (
        cbm.InvalidValueError,
        cbm.NaiveDatetimeError,
        cbm.MalformedNoteNumberError,
        cbm.UnknownStateError,
        cbm.DeserializationError,
        cbm.PolicyViolationError,
        cbm.MalformedNoteError,
        cbm.ParticipationError,
    ):
        assert issubclass(error, ValueError)
    assert issubclass(cbm.ApprovalError, cbm.TransitionError)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else "?"


def test_the_core_reads_no_clock_argv_environment_or_file() -> None:
    """Only the command line may; the pinned zone and shipped data are package resources."""
    forbidden = {"datetime.now", "date.today", "time.time", "os.environ", "os.getenv", "sys.argv"}
    package = ROOT / "src" / "cica_cbm"
    core = sorted([*(package / "core").rglob("*.py"), *(package / "views").rglob("*.py")])
    assert len(core) > 10
    for path in core:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"open", "input"}, (path.name, node.lineno)
            if isinstance(node, ast.Attribute):
                name = _dotted(node)
                assert not any(name.endswith(f) for f in forbidden), (path.name, name)


def test_a_result_is_the_same_in_every_zone_an_instant_is_written_in() -> None:
    proc = cbm.samples.nct_g_1501()
    moment = datetime(2024, 1, 11, 17, 59, tzinfo=UTC)  # 23:59 on 11 January in Astana
    for hours in range(-12, 15):
        written = moment.astimezone(timezone(timedelta(hours=hours)))
        out = proc.object(by="IND", at=written, text="x").outcome(at=written)
        assert out.status is cbm.Status.SILENCE_BROKEN
        assert out.decided_at == moment
