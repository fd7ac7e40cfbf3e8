"""``cica-cbm demo [--save FILE]`` and ``cica-cbm status FILE --at INSTANT [--json]``.

``demo`` prints the seed's procedure (Note NCT/G/1501) and its outcome at the deadline, or with
``--save FILE`` writes the procedure as the JSON of :func:`cica_cbm.to_json` that ``status``,
``timeline`` and ``note render`` read (``-``: standard output); ``status`` evaluates a
procedure saved with :func:`cica_cbm.to_json` (``-``: standard input) at an instant. (With
``--db DB`` before it, ``status`` reads a stored stream instead: see
:mod:`cica_cbm.edges.cli.store`.)
"""

from __future__ import annotations

import argparse
import shlex
from typing import TextIO

from ...core.samples import nct_g_1501
from ...core.silence import SilenceProcedure
from ..serialization import from_json, to_json
from .common import print_outcome, print_procedure, read_text, report, write_text

__all__ = ["demo", "status"]


def demo(args: argparse.Namespace, out: TextIO) -> int:
    """Print the seed's procedure and its outcome at its deadline, or save it (``--save``)."""
    proc = nct_g_1501()
    if args.save is not None:
        write_text(args.save, to_json(proc, indent=2), out, "--save")
        if args.save != "-":
            print(
                f"Saved the seed's procedure (Note NCT/G/1501) to {args.save}; "
                f"try: cica-cbm status {shlex.quote(args.save)} --at 2024-01-12T00:00+06:00",
                file=out,
            )
        return 0
    print_procedure(proc, out)
    print(file=out)
    print_outcome(proc.outcome(at=proc.deadline), out)
    return 0


def status(args: argparse.Namespace, out: TextIO) -> int:
    """Print the outcome of the procedure saved in ``args.file`` at ``args.at``."""
    proc = from_json(read_text(args.file), SilenceProcedure)
    return report(proc, args.at, args.json, out, args.lang)
