"""``cica-cbm timeline FILE --svg OUT.svg [--mermaid OUT.mmd] [--at INSTANT]``.

Draws a procedure saved with :func:`cica_cbm.to_json` as an SVG timeline, and its policy's state
diagram as Mermaid text. ``-`` as an output writes to standard output. Bad input gives one line
on stderr and exit code 2 (see :func:`cica_cbm.edges.cli.main`).
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ...core.silence import SilenceProcedure
from ...views.diagram import state_diagram
from ...views.timeline import timeline_svg
from ..serialization import from_json
from .common import UsageError, parse_instant, read_text

__all__ = ["draw"]


def _write(path: str, text: str, out: TextIO, option: str) -> None:
    if path == "-":
        out.write(text + "\n")
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot write: {exc.strerror or exc}") from None


def draw(args: argparse.Namespace, out: TextIO) -> int:
    """Draw the procedure saved in ``args.file`` to ``--svg`` and/or ``--mermaid``."""
    if args.svg is None and args.mermaid is None:
        raise UsageError("timeline: give --svg OUT.svg, --mermaid OUT.mmd, or both")
    at = parse_instant(args.at) if args.at is not None else None
    proc = from_json(read_text(args.file), SilenceProcedure)
    svg = timeline_svg(proc, at) if args.svg is not None else None
    diagram = state_diagram(proc.policy) if args.mermaid is not None else None
    if svg is not None:
        _write(args.svg, svg, out, "--svg")
    if diagram is not None:
        _write(args.mermaid, diagram, out, "--mermaid")
    return 0
