"""``cica-cbm demo`` and ``cica-cbm status FILE --at INSTANT [--json]``.

``demo`` prints the seed's procedure (Note NCT/G/1501) and its outcome at the deadline;
``status`` evaluates a procedure saved with :func:`cica_cbm.to_json` at an instant. (With
``--db FILE`` before it, ``status`` reads a stored stream instead: see
:mod:`cica_cbm.edges.cli.store`.)
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ...core.samples import nct_g_1501
from ...core.silence import SilenceProcedure
from ..serialization import from_json
from .common import print_outcome, print_procedure, read_text, report

__all__ = ["demo", "status"]


def demo(_: argparse.Namespace, out: TextIO) -> int:
    """Print the seed's procedure and its outcome at its deadline."""
    proc = nct_g_1501()
    print_procedure(proc, out)
    print(file=out)
    print_outcome(proc.outcome(at=proc.deadline), out)
    return 0


def status(args: argparse.Namespace, out: TextIO) -> int:
    """Print the outcome of the procedure saved in ``args.file`` at ``args.at``."""
    proc = from_json(read_text(args.file), SilenceProcedure)
    return report(proc, args.at, args.json, out, args.lang)
