"""The command line: ``cica-cbm demo`` and ``cica-cbm status FILE --at INSTANT``.

The only module that reads argv, files and the clock. Bad input gives one clear line on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TextIO

from ... import __version__
from ...core.clock import ASTANA, UTC, english_date
from ...core.errors import CbmError
from ...core.samples import nct_g_1501
from ...core.silence import Outcome, SilenceProcedure
from ...core.states import member_state
from ..serialization import from_json, to_json

__all__ = ["main"]


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


def _both(instant: datetime) -> str:
    local, utc = instant.astimezone(ASTANA), instant.astimezone(UTC)
    return f"{local:%Y-%m-%d %H:%M} Astana, UTC{local:%z} ({utc:%Y-%m-%d %H:%M} UTC)"


def _print_outcome(out: Outcome, stream: TextIO) -> None:
    decided = _both(out.decided_at) if out.decided_at else "not yet"
    print(
        f"Outcome at {_both(out.at)}: {out.status.value.upper()} (decided: {decided})", file=stream
    )
    for finding in out.findings:
        mark = "*" if finding.decisive else "-"
        print(f"  {mark} [{finding.rule}] {finding.message}", file=stream)
        print(f"      ({finding.clause})", file=stream)


def _print_procedure(proc: SilenceProcedure, stream: TextIO) -> None:
    note, draft = proc.note, proc.draft
    print(f"Note {note.number} of {english_date(note.date)}, {note.place.en}", file=stream)
    for ref in note.references:
        print(f"  with reference to Note {ref.number} of {english_date(ref.date)}", file=stream)
    print(f"Draft: {draft.title.en}", file=stream)
    print(f"  priority area: {draft.priority_area.name.en}", file=stream)
    print(
        f"  coordinator: {draft.coordinator.formal_name.en} ({draft.coordinator.code})", file=stream
    )
    print(f"Policy: {proc.policy.name}", file=stream)
    print(f"Parties ({len(proc.parties)}):", file=stream)
    for code in sorted(proc.parties):
        print(f"  {code}  {member_state(code).name.en}", file=stream)
    print(f"Opened: {_both(proc.opened_at)}", file=stream)
    print(f"Deadline: {proc.terms.describe()}: {_both(proc.deadline)}", file=stream)


def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise _UsageError(
            f"--at: {text!r} is not an ISO 8601 instant, e.g. 2024-01-12T00:00+06:00"
        ) from None
    if value.tzinfo is None:
        raise _UsageError(
            f"--at: {text!r} has no offset; give one, e.g. 2024-01-12T00:00+06:00 or ...Z"
        )
    return value


def _demo(_: argparse.Namespace, out: TextIO) -> int:
    proc = nct_g_1501()
    _print_procedure(proc, out)
    print(file=out)
    _print_outcome(proc.outcome(at=proc.deadline), out)
    return 0


def read_text(path: str, what: str | None = None) -> str:
    """The UTF-8 text of the file ``path``; any failure is one clear usage error.

    ``what`` names the option the path came from (``"--note"``), when it came from one.
    """
    where = f"{what} {path}" if what else path
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise _UsageError(f"{where}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise _UsageError(f"{where}: not UTF-8 text") from None


def report(proc: SilenceProcedure, at_text: str, as_json: bool, out: TextIO) -> int:
    """Print ``proc``'s outcome at the instant ``at_text`` (JSON, or the procedure and findings)."""
    outcome = proc.outcome(at=_instant(at_text))
    if as_json:
        print(json.dumps(json.loads(to_json(outcome)), ensure_ascii=False, indent=2), file=out)
    else:
        _print_procedure(proc, out)
        print(file=out)
        _print_outcome(outcome, out)
    return 0


def _status(args: argparse.Namespace, out: TextIO) -> int:
    return report(from_json(read_text(args.file), SilenceProcedure), args.at, args.json, out)


# Modules that add subcommands: each has register(commands), where commands is the
# argparse subparsers object; their functions return an exit code.
_COMMAND_MODULES: tuple[str, ...] = ("notes", "timeline", "store")


def _parser() -> _Parser:
    parser = _Parser(
        prog="cica-cbm", description="CICA decisions: silence procedures and consensus."
    )
    parser.add_argument("--version", action="version", version=f"cica-cbm {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
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
    except _UsageError as exc:
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
