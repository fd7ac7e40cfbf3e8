"""The command line: ``cica-cbm demo`` and ``cica-cbm status FILE --at INSTANT``.

The only module that reads argv, files and the clock. Bad input gives one clear line on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from ... import __version__
from ...core.errors import CbmError
from ...core.samples import nct_g_1501
from ...core.silence import SilenceProcedure
from ..serialization import from_json
from .common import Parser, UsageError, print_outcome, print_procedure, read_text, report

__all__ = ["main"]


def _demo(_: argparse.Namespace, out: TextIO) -> int:
    proc = nct_g_1501()
    print_procedure(proc, out)
    print(file=out)
    print_outcome(proc.outcome(at=proc.deadline), out)
    return 0


def _status(args: argparse.Namespace, out: TextIO) -> int:
    return report(from_json(read_text(args.file), SilenceProcedure), args.at, args.json, out)


# Modules that add subcommands: each has register(commands), where commands is the
# argparse subparsers object; their functions return an exit code.
_COMMAND_MODULES: tuple[str, ...] = ("notes", "timeline", "store")


def _parser() -> Parser:
    parser = Parser(
        prog="cica-cbm", description="CICA decisions: silence procedures and consensus."
    )
    parser.add_argument("--version", action="version", version=f"cica-cbm {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    demo = commands.add_parser("demo", help="evaluate the seed's procedure (Note NCT/G/1501)")
    demo.set_defaults(run=_demo)
    status = commands.add_parser("status", help="evaluate a procedure saved with to_json")
    status.add_argument("file", help="a JSON file written by cica_cbm.to_json")
    status.add_argument("--at", required=True, help="an ISO 8601 instant with an offset")
    status.add_argument("--json", action="store_true", help="print the outcome as JSON")
    status.set_defaults(run=_status)
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(commands)
        # a module may also add options that go before the command (e.g. --db FILE)
        getattr(module, "add_global_options", lambda _: None)(parser)
    return parser


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
        return int(args.run(args, out))
    except UsageError as exc:
        print(f"error: {exc}", file=err)
        return 2
    except CbmError as exc:
        print(f"error: {exc}", file=err)
        return 2
    except BrokenPipeError:
        # the reader went away (``cica-cbm demo | head``): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
