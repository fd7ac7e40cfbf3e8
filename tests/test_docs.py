"""The documentation tells the truth: its examples run, its commands print what it shows.

The ``>>>`` examples of every page run as doctests through pytest's ``--doctest-glob``; these
tests cover the rest: that no Python example escapes the doctests, that the ``cica-cbm``
sessions on the pages print what the pages show, that links lead somewhere, and that the API
reference has a page for every public module.
"""

from __future__ import annotations

import doctest
import os
import pkgutil
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import cica_cbm

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)
README = ROOT / "README.md"
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

FENCE = re.compile(r"^```(?P<lang>[\w{}-]*)[^\n]*\n(?P<body>.*?)^```\s*$", re.M | re.S)
LINK = re.compile(r"\]\((?P<target>[^)\s#]+)(?:#[^)]*)?\)")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def fences(page: Path) -> list[tuple[str, str]]:
    """The fenced blocks of ``page`` as (language, body)."""
    return [(m["lang"], m["body"]) for m in FENCE.finditer(page.read_text(encoding="utf-8"))]


def name(page: Path) -> str:
    return str(page.relative_to(ROOT))


def test_the_docs_have_the_four_kinds_of_page() -> None:
    names = {str(p.relative_to(DOCS)) for p in PAGES}
    assert {
        "index.md",
        "tutorial.md",
        "howto/index.md",
        "explanation/index.md",
        "reference/index.md",
    } <= names


@pytest.mark.parametrize("page", [*PAGES, README], ids=name)
def test_every_python_example_is_a_doctest(page: Path) -> None:
    for lang, body in fences(page):
        if lang in {"python", "py", "pycon", "python3"}:
            assert body.lstrip().startswith(">>>"), f"{name(page)}: a {lang} block without >>>"
            # the closing fence must not be read as expected output
            assert body.endswith("\n\n"), f"{name(page)}: end the block with a blank line"


@pytest.mark.parametrize("page", [*PAGES, README], ids=name)
def test_every_relative_link_leads_to_a_file(page: Path) -> None:
    for match in LINK.finditer(page.read_text(encoding="utf-8")):
        target = match["target"]
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (page.parent / target).exists(), f"{name(page)}: broken link {target}"


def sessions(page: Path) -> list[tuple[list[str], str]]:
    """The ``cica-cbm`` commands shown in ``console`` blocks, each with its expected output."""
    found: list[tuple[list[str], str]] = []
    for lang, body in fences(page):
        if lang != "console":
            continue
        for chunk in re.split(r"^(?=\$ )", body, flags=re.M):
            if not chunk.strip():
                continue
            command, _, output = chunk.partition("\n")
            argv = shlex.split(command.removeprefix("$ "))
            assert argv[0] == "cica-cbm", f"{name(page)}: only cica-cbm sessions are checked"
            found.append((argv[1:], output))
    return found


PAGES_WITH_SESSIONS = [p for p in PAGES if sessions(p)]


def test_the_tutorial_and_the_how_to_show_command_line_sessions() -> None:
    shown = {str(p.relative_to(DOCS)) for p in PAGES_WITH_SESSIONS}
    assert {"tutorial.md", "howto/evaluate-saved.md"} <= shown


@pytest.mark.parametrize("page", PAGES_WITH_SESSIONS, ids=name)
def test_the_command_line_prints_what_the_page_shows(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # First the page's own examples, in an empty folder, as a reader would run them: they may
    # write the files that the commands read.
    monkeypatch.chdir(tmp_path)
    failed, _ = doctest.testfile(
        str(page), module_relative=False, optionflags=FLAGS, report=False, verbose=False
    )
    assert failed == 0
    checker = doctest.OutputChecker()
    for argv, want in sessions(page):
        result = subprocess.run(
            [sys.executable, "-m", "cica_cbm", *argv],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            timeout=120,
            check=False,
        )
        got = result.stdout + result.stderr
        assert result.returncode == (2 if want.startswith("error:") else 0), got
        assert checker.check_output(want, got, FLAGS), (
            f"{name(page)}: cica-cbm {shlex.join(argv)} printed\n{got}\nbut the page shows\n{want}"
        )


# What the copy button of the built site copies (docs/conf.py): the code without its prompts.
COPIED = re.compile(r"^(>>> |\.\.\. |\$ )(.*)")


def copied(body: str) -> str:
    """What a reader who presses a block's copy button gets (sphinx-copybutton's rule)."""
    lines = [
        m[2] if (m := COPIED.match(line)) else line
        for line in body.split("\n")
        if COPIED.match(line) or not line.strip()
    ]
    return "\n".join(lines).removesuffix("\n")


@pytest.mark.parametrize(
    "page", [p for p in PAGES if "pycon" in {lang for lang, _ in fences(p)}], ids=name
)
def test_every_example_can_be_pasted_into_the_python_prompt(page: Path, tmp_path: Path) -> None:
    blocks = [body for lang, body in fences(page) if lang == "pycon"]
    # each block copied, pasted at the prompt, then Enter (twice, which a compound statement
    # needs: so a compound statement must be the last statement of its block)
    typed = "".join(copied(body) + "\n\n" for body in blocks)
    result = subprocess.run(
        [sys.executable, "-q", "-i"],
        input=typed,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    assert "SyntaxError" not in result.stderr, result.stderr
    assert "IndentationError" not in result.stderr, result.stderr
    shown = sum(body.count("Traceback (most recent call last):") for body in blocks)
    assert result.stderr.count("Traceback (most recent call last):") == shown, result.stderr


# the stable import paths in front of cica_cbm.edges: documented on the pages of their modules
SHIMS = {"strategies", "store", "store.contract"}


def public_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(cica_cbm.__path__, "cica_cbm."):
        parts = info.name.split(".")[1:]
        if any(part.startswith("_") for part in parts) or ".".join(parts) in SHIMS:
            continue
        found.append(".".join(parts))
    return sorted(found)


def test_the_api_reference_has_a_page_for_every_public_module() -> None:
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (DOCS / "reference").glob("*.md")}
    documented = {
        m for text in pages.values() for m in re.findall(r"automodule:: cica_cbm\.([\w.]+)", text)
    }
    missing = [m for m in public_modules() if m not in documented]
    assert not missing, (
        f"add docs/reference/<module>.md (an automodule block) for {missing}, "
        "and list it in docs/reference/index.md"
    )
    index = pages.pop("index")
    for page in pages:
        assert re.search(rf"^{page}$", index, re.M), f"list {page} in reference/index.md"


def test_the_docs_build_command_is_the_documented_one() -> None:
    command = "sphinx-build -W -b html docs docs/_build/html"
    assert command in (DOCS / "index.md").read_text(encoding="utf-8")
    assert command in README.read_text(encoding="utf-8")
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_pictures_page_runs_the_example_notebook_with_the_notebook_extra() -> None:
    """The command that docs/pictures.md gives runs the notebook, with no Jupyter installed."""
    pytest.importorskip("nbclient")
    blocks = [body for lang, body in fences(DOCS / "pictures.md") if lang == "sh"]
    commands = [line for body in blocks for line in body.splitlines() if "nbclient" in line]
    assert len(commands) == 1, "one command runs the notebook"
    argv = shlex.split(commands[0])
    assert argv[:2] == ["python", "-c"]
    extra = re.search(r"^notebook = \[(?P<deps>[^\]]*)\]", PYPROJECT, re.M)
    assert extra is not None
    page = (DOCS / "pictures.md").read_text(encoding="utf-8")
    assert "nbconvert" in extra["deps"] or "jupyter nbconvert" not in page
    done = subprocess.run(
        [sys.executable, *argv[1:]], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ran ")
