"""The example notebook runs from top to bottom, and shows the tables and the timeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "notebook" / "seed_procedure.ipynb"


def _cells() -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return cells


def test_the_notebook_is_stored_without_outputs() -> None:
    """Outputs are made by running it, not committed: the diff shows only what was written."""
    code = [cell for cell in _cells() if cell["cell_type"] == "code"]
    assert code
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def test_the_notebook_executes_and_renders_html_and_svg() -> None:
    """Every cell runs (its asserts pass); procedures show as HTML, timelines as SVG."""
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    svg = [o["data"]["image/svg+xml"] for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert any("Silence procedure: Note NCT/G/1501" in page for page in html)
    assert any("Outcome of the silence procedure" in page for page in html)
    assert any("Decision by consensus" in page for page in html)
    assert any("Border Control and Management" in page for page in html)
    assert len(svg) == 4
    assert any("<table" in page and "breaks the silence" in page for page in html)  # the frame
    assert all("SILENCE BROKEN" in picture or "PENDING" in picture for picture in svg)
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "pending --> silence_broken : objection" in printed
    assert "BEGIN:VCALENDAR" in printed
    assert "BEGIN:VEVENT" in printed
