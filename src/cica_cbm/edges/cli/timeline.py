"""``cica-cbm [--db DB] timeline FILE --svg OUT.svg [--mermaid OUT.mmd] [--at INSTANT]``.

Draws a procedure saved with :func:`cica_cbm.to_json` (or, with ``--db DB``, the stream named
in place of FILE) as an SVG timeline, and its policy's state diagram as Mermaid text. ``-`` as
FILE reads standard input; ``-`` as an output writes to standard output. Bad input gives one
line on stderr and exit code 2 (see :func:`cica_cbm.edges.cli.main`).
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ...views.diagram import state_diagram
from ...views.timeline import timeline_svg
from .common import UsageError, parse_instant, write_text
from .sources import read_procedure

__all__ = ["draw"]


def draw(args: argparse.Namespace, out: TextIO) -> int:
    """Draw the procedure ``args.file`` names to ``--svg`` and/or ``--mermaid``."""
    if args.svg is None and args.mermaid is None:
        raise UsageError("timeline: give --svg OUT.svg, --mermaid OUT.mmd, or both")
    at = parse_instant(args.at) if args.at is not None else None
    proc = read_procedure(args)
    svg = timeline_svg(proc, at) if args.svg is not None else None
    diagram = state_diagram(proc.policy) if args.mermaid is not None else None
    if svg is not None:
        write_text(args.svg, svg, out, "--svg")
    if diagram is not None:
        write_text(args.mermaid, diagram, out, "--mermaid")
    return 0
