"""The house: three layers, no circles, private names kept in their rooms, no module too big.

The core (``cica_cbm.core``) imports only the core; the views (``cica_cbm.views``) import the
core; the edges (``cica_cbm.edges``) import the core and the views. The package's own
``__init__`` is a table of contents and may import any layer. The one way up is the lazy
``_repr_html_`` hook, which loads a view when a notebook asks. Imports under
``if TYPE_CHECKING:`` are for the type checker only and are not counted.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "cica_cbm"
LAYERS = {"core": 0, "views": 1, "edges": 2}
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _exempt(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether an import sits in a ``_repr_html_`` hook or under ``if TYPE_CHECKING:``."""
    current = parents.get(node)
    while current is not None:
        if isinstance(current, ast.FunctionDef) and current.name == "_repr_html_":
            return True
        if isinstance(current, ast.If) and "TYPE_CHECKING" in ast.unparse(current.test):
            return True
        current = parents.get(current)
    return False


def _imports(name: str) -> Iterator[tuple[str, str | None, bool, int]]:
    """(module imported, name taken from it or None, exempt, line) for each import in ``name``."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES:
                    yield alias.name, None, _exempt(node, parents), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                target = full if full in MODULES else base
                if target in MODULES:
                    yield target, alias.name, _exempt(node, parents), node.lineno


def _layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def _private(name: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in name.split("."))


def test_the_three_layers_exist_as_folders() -> None:
    """Each layer is a package with a docstring that says what lives there."""
    for layer in LAYERS:
        init = SRC / layer / "__init__.py"
        assert init.exists(), layer
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), layer


def test_no_layer_imports_a_higher_one() -> None:
    """The core imports no view or edge; a view imports no edge."""
    offenders = []
    for name in MODULES:
        mine = _layer(name)
        if mine is None:
            continue
        for target, _, exempt, line in _imports(name):
            theirs = _layer(target)
            if theirs is not None and theirs > mine and not exempt:
                offenders.append(f"{name}:{line} imports {target}")
    assert offenders == []


def test_the_only_way_up_is_the_html_hook() -> None:
    """The exempt imports from the core all load cica_cbm.views.html, nothing else."""
    upward = {
        target
        for name in MODULES
        if _layer(name) == 0
        for target, _, exempt, _ in _imports(name)
        if exempt and (_layer(target) or 0) > 0
    }
    assert upward <= {"cica_cbm.views.html"}


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name in MODULES:
        for target, _, exempt, _ in _imports(name):
            if target != name and not exempt:
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_modules_import_each_other_in_a_circle() -> None:
    """A package's ``__init__`` importing a module that imports the package is a circle too."""
    assert _cycles(_graph()) == []


def test_the_circle_check_finds_a_circle() -> None:
    """The check itself: a graph with a circle is reported."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def test_no_private_name_is_taken_from_another_public_module() -> None:
    """A private name stays in its module, or in the private modules of its own package."""
    offenders = []
    for name in MODULES:
        for target, imported, _, _line in _imports(name):
            if imported is None or not _private(imported) or target == name:
                continue
            if target in MODULES and imported == target.rpartition(".")[2]:
                # importing a private module: only from inside the package that holds it
                allowed = name.startswith(target.rpartition(".")[0] + ".")
                allowed = allowed and name != target.rpartition(".")[0]
            else:
                owner = target if _is_package(target) else target.rpartition(".")[0]
                allowed = _private(target) and name.startswith(owner + ".")
            if not allowed:
                offenders.append(f"{name} takes {imported} from {target}")
    assert offenders == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_600_lines(name: str) -> None:
    """One concept per room: a module that grows past 600 lines is split."""
    lines = MODULES[name].read_text(encoding="utf-8").count("\n") + 1
    assert lines <= MAX_LINES, f"{name} has {lines} lines"
