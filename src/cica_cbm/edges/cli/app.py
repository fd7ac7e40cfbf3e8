"""The table of ``cica-cbm``'s subcommands, the parser built from it, and :func:`main`.

Each :class:`Command` names a subcommand, its help, the function that adds its arguments, the
function that runs it and the examples its ``--help`` shows. The arguments are defined here,
without importing any command's module; the function that runs a command imports its module
when it is called, so that
``cica-cbm --help`` and ``cica-cbm demo`` load neither ``sqlite3``, the event store nor the
views.

The only module that reads argv, files and the clock, through the commands. Bad input gives one
clear line on stderr and exit code 2, never a traceback: whatever the user typed is escaped in
that line (newlines and control characters as ``repr`` writes them), and an argument that is
not UTF-8 is refused before any command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple, TextIO

from ..._version import __version__
from ...core.errors import CbmError
from ...core.silence import CICA_PRACTICE, POLICIES
from .common import Parser, UsageError, one_line

__all__ = ["COMMANDS", "Command", "Run", "build_parser", "main"]

Run = Callable[[argparse.Namespace, TextIO], int]
"""What runs a command: given the parsed arguments and standard output, it returns the exit code."""


class Command(NamedTuple):
    """One subcommand of ``cica-cbm``."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Run
    examples: tuple[str, ...] = ()


def _examples(*lines: str) -> str:
    """An epilog showing ``lines``, command lines one may type, as they should be typed."""
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _explain(parser: argparse.ArgumentParser, description: str, *examples: str) -> None:
    """Give ``parser`` its description and an epilog of examples, laid out as written."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = parser.description or description
    epilog = _examples(*examples) if examples else ""
    parser.epilog = (
        f"{parser.epilog}\n\n{epilog}" if parser.epilog and epilog else (parser.epilog or epilog)
    )


# -- the arguments of each command --


_FILE = "a JSON file written by cica_cbm.to_json ('-': standard input); with --db, a stream"


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--save",
        metavar="FILE",
        help="write the seed's procedure here as the JSON that status, timeline and note "
        "render read ('-': stdout), instead of printing it",
    )


def _status_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help=_FILE)
    parser.add_argument("--at", required=True, help="an ISO 8601 instant with an offset")
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")
    parser.add_argument(
        "--lang", choices=("en", "ru"), default="en", help="the findings' language (default: en)"
    )
    parser.epilog = "With --db DB before the command, FILE here is a stream's name."


def _note_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, parser_class=Parser)
    render = actions.add_parser(
        "render", help="write out the note of a saved (or, with --db, stored) procedure"
    )
    render.add_argument(
        "file",
        help="a procedure (or a note) saved with cica_cbm.to_json ('-': standard input); "
        "with --db, a stream",
    )
    render.add_argument(
        "--lang", choices=("en", "ru", "kk"), help="one language (default: every version)"
    )
    _explain(
        render,
        "Write out the opening note of a procedure, in one language or in all of them.",
        "cica-cbm note render procedure.json --lang ru",
        "cica-cbm --db cica.db note render NCT/G/1501",
    )
    parse = actions.add_parser("parse", help="read a note's text and print it as JSON")
    parse.add_argument(
        "file",
        help="the note as text (UTF-8; '-': standard input), one or more language versions",
    )
    parse.add_argument(
        "--languages",
        help="the note's languages, e.g. en,ru,kk, when the text is not every version",
    )
    parse.add_argument(
        "--number", help="the note's number, when the text carries none (the Kazakh version)"
    )
    _explain(
        parse,
        "Read a note's text (as note render writes it) and print the note as JSON.",
        "cica-cbm note parse note.md",
        "cica-cbm note parse note.kk.md --number NCT/G/1501 --languages en,ru,kk",
    )


def _timeline_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help=_FILE)
    parser.add_argument("--svg", metavar="OUT.svg", help="write the timeline here ('-': stdout)")
    parser.add_argument(
        "--mermaid",
        metavar="OUT.mmd",
        help="write the state diagram of the procedure's policy here ('-': stdout)",
    )
    parser.add_argument(
        "--at",
        metavar="INSTANT",
        help="show the procedure at this ISO 8601 instant with an offset "
        "(default: once every event and the deadline have passed)",
    )


def _open_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Store a procedure: the seed's, a saved one, or a new one on a saved "
        "note and draft. The stream is named after the note unless --stream is given."
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--sample", action="store_true", help="the seed's Note NCT/G/1501")
    source.add_argument("--procedure", metavar="JSON", help="a procedure saved with to_json")
    source.add_argument("--note", metavar="JSON", help="a Note saved with to_json")
    parser.add_argument("--draft", metavar="JSON", help="with --note: a Draft saved with to_json")
    parser.add_argument(
        "--deadline", help="with --note: a date (no later than) or an instant with an offset"
    )
    parser.add_argument(
        "--at", help="with --note: when it opened (default: the note's date, 00:00 Astana)"
    )
    parser.add_argument(
        "--policy",
        # a note opens a CICA procedure: only CICA's policies apply to its members
        choices=sorted(name for name, policy in POLICIES.items() if policy.body == "CICA"),
        help=f"with --note: the silence policy (default: {CICA_PRACTICE.name})",
    )
    parser.add_argument("--requested-by", metavar="CODE", help="with --note: who asked for it")
    parser.add_argument("--stream", help="the stream's name (default: the note number)")
    _recorder_argument(parser)


def _recorder_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recorded-by",
        metavar="NAME",
        help="who records this in the store, kept beside the event with the instant it was "
        "stored (default: the acting party's code, else the body's Secretariat)",
    )


def _stream_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("stream", help="the stream, as open named it")


def _submission_arguments(parser: argparse.ArgumentParser) -> None:
    _stream_argument(parser)
    parser.add_argument("--by", required=True, metavar="CODE", help="the party")
    parser.add_argument("--at", required=True, help="an ISO 8601 instant with an offset")
    parser.add_argument("--text", required=True, help="what the party sent")
    parser.add_argument(
        "--sent-by", metavar="CODE", help="who sent it, if not the party itself (refused)"
    )
    _recorder_argument(parser)


def _extend_arguments(parser: argparse.ArgumentParser) -> None:
    _stream_argument(parser)
    parser.add_argument("--to", required=True, help="the new deadline: a date or an instant")
    parser.add_argument("--at", required=True, help="an ISO 8601 instant with an offset")
    parser.add_argument("--note", metavar="NUMBER", help="the note that extends it")
    _recorder_argument(parser)


def _withdraw_arguments(parser: argparse.ArgumentParser) -> None:
    _stream_argument(parser)
    parser.add_argument("--at", required=True, help="an ISO 8601 instant with an offset")
    parser.add_argument("--reason", required=True, help="why it was withdrawn")
    parser.add_argument("--note", metavar="NUMBER", help="the note that withdraws it")
    _recorder_argument(parser)


def _events_arguments(parser: argparse.ArgumentParser) -> None:
    _stream_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the events as JSON")


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    _stream_argument(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help="write the JSON here (default '-': stdout)",
    )


# -- what runs each command: its module is imported only when the command is chosen --
#
# The store's commands import it as cica_cbm.edges.cli.store, spelled out: the test that keeps
# the event store at the edge (tests/test_store_sqlite.py) reads any relative import naming
# "store" as an import of the event store itself, which only that module may make.


def _without_db(args: argparse.Namespace, command: str) -> None:
    if args.db is not None:
        raise UsageError(f"{command}: reads no event store; leave out --db")


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    _without_db(args, "demo")
    from . import procedures

    return procedures.demo(args, out)


def _status(args: argparse.Namespace, out: TextIO) -> int:
    if args.db is not None:
        from cica_cbm.edges.cli import store

        return store.status(args, out)
    from . import procedures

    return procedures.status(args, out)


def _note(args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "parse":
        _without_db(args, "note parse")
    from . import notes

    return notes.render(args, out) if args.action == "render" else notes.parse(args, out)


def _timeline(args: argparse.Namespace, out: TextIO) -> int:
    from . import timeline

    return timeline.draw(args, out)


def _open(args: argparse.Namespace, out: TextIO) -> int:
    from cica_cbm.edges.cli import store

    return store.open_procedure(args, out)


def _submission(kind: str) -> Run:
    def run(args: argparse.Namespace, out: TextIO) -> int:
        from cica_cbm.edges.cli import store

        return store.submit(kind, args, out)

    return run


def _extend(args: argparse.Namespace, out: TextIO) -> int:
    from cica_cbm.edges.cli import store

    return store.extend(args, out)


def _withdraw(args: argparse.Namespace, out: TextIO) -> int:
    from cica_cbm.edges.cli import store

    return store.withdraw(args, out)


def _events(args: argparse.Namespace, out: TextIO) -> int:
    from cica_cbm.edges.cli import store

    return store.events(args, out)


def _streams(args: argparse.Namespace, out: TextIO) -> int:
    from cica_cbm.edges.cli import store

    return store.streams(args, out)


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from cica_cbm.edges.cli import store

    return store.export(args, out)


def _verify(args: argparse.Namespace, out: TextIO) -> int:
    from cica_cbm.edges.cli import store

    return store.verify(args, out)


_DB = "cica-cbm --db cica.db"

COMMANDS: tuple[Command, ...] = (
    Command(
        "demo",
        "evaluate the seed's procedure (Note NCT/G/1501), or save it as JSON",
        _demo_arguments,
        _demo,
        ("cica-cbm demo", "cica-cbm demo --save procedure.json"),
    ),
    Command(
        "status",
        "evaluate a procedure saved with to_json (or stored) at an instant",
        _status_arguments,
        _status,
        (
            "cica-cbm status procedure.json --at 2024-01-12T00:00+06:00",
            f"{_DB} status NCT/G/1501 --at 2024-02-01T00:00Z --json",
        ),
    ),
    Command(
        "note",
        "write a note out, or read one back",
        _note_arguments,
        _note,
        ("cica-cbm note render procedure.json --lang ru", "cica-cbm note parse note.md"),
    ),
    Command(
        "timeline",
        "draw a procedure saved with to_json (or stored): SVG timeline, Mermaid state diagram",
        _timeline_arguments,
        _timeline,
        (
            "cica-cbm timeline procedure.json --svg procedure.svg",
            "cica-cbm timeline procedure.json --mermaid - --at 2024-01-09T00:00+06:00",
            f"{_DB} timeline NCT/G/1501 --svg stored.svg",
        ),
    ),
    Command(
        "open",
        "store a procedure in --db DB (created on first use)",
        _open_arguments,
        _open,
        (f"{_DB} open --sample", f"{_DB} open --procedure procedure.json --stream copy"),
    ),
    Command(
        "comment",
        "record a party's comment or suggestion",
        _submission_arguments,
        _submission("comment"),
        (f'{_DB} comment NCT/G/1501 --by CHN --at 2024-01-05T10:00+06:00 --text "A wording."',),
    ),
    Command(
        "amend",
        "record a party's proposed amendment",
        _submission_arguments,
        _submission("amend"),
        (f'{_DB} amend NCT/G/1501 --by KAZ --at 2024-01-06T10:00+06:00 --text "Replace II.2."',),
    ),
    Command(
        "object",
        "record a party's objection",
        _submission_arguments,
        _submission("object"),
        (f'{_DB} object NCT/G/1501 --by IND --at 2024-01-10T09:30Z --text "No."',),
    ),
    Command(
        "extend",
        "record an extension of the deadline",
        _extend_arguments,
        _extend,
        (f"{_DB} extend NCT/G/1501 --to 2024-01-25 --at 2024-01-08T10:00+06:00 --note EXAMPLE/2",),
    ),
    Command(
        "withdraw",
        "record the Secretariat's withdrawal",
        _withdraw_arguments,
        _withdraw,
        (f'{_DB} withdraw NCT/G/1501 --at 2024-01-07T10:00+06:00 --reason "A new draft."',),
    ),
    # "timeline" draws a saved procedure as SVG; this lists a stored stream as text
    Command(
        "events",
        "list a stream's events, its timeline, in order (needs --db)",
        _events_arguments,
        _events,
        (f"{_DB} events NCT/G/1501", f"{_DB} events NCT/G/1501 --json"),
    ),
    Command(
        "streams",
        "list the procedures stored (needs --db)",
        _no_arguments,
        _streams,
        (f"{_DB} streams",),
    ),
    Command(
        "export",
        "write a stored procedure as the JSON that status FILE reads (needs --db)",
        _export_arguments,
        _export,
        (
            f"{_DB} export NCT/G/1501 -o stored.json",
            f"{_DB} export NCT/G/1501 | cica-cbm status - --at 2024-02-01T00:00Z",
        ),
    ),
    Command(
        "verify",
        "check a stream's hash chain; exit code 1 names the first tampered event (needs --db)",
        _stream_argument,
        _verify,
        (f"{_DB} verify NCT/G/1501",),
    ),
)
"""The subcommands, in the order ``cica-cbm --help`` lists them."""


def build_parser() -> Parser:
    """The parser of the whole command line, built from :data:`COMMANDS`."""
    parser = Parser(prog="cica-cbm")
    _explain(
        parser,
        "CICA decisions: silence procedures and consensus.\n\n"
        "A FILE is read as UTF-8 ('-': standard input); every error is one line on stderr "
        "and exit code 2.\nEach command's --help shows examples.",
        "cica-cbm demo --save procedure.json",
        "cica-cbm status procedure.json --at 2024-01-12T00:00+06:00",
        "cica-cbm --db cica.db open --procedure procedure.json",
    )
    parser.add_argument("--version", action="version", version=f"cica-cbm {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help)
        command.add_arguments(sub)
        _explain(sub, command.help[0].upper() + command.help[1:] + ".", *command.examples)
        sub.set_defaults(run=command.run)
    # goes before the command: cica-cbm --db DB COMMAND ...
    parser.add_argument(
        "--db",
        metavar="DB",
        help="the event store that open, comment, object, amend, extend, withdraw, status, "
        "events, streams, export, verify, timeline and note render work on: an SQLite file, which "
        "open creates, or a PostgreSQL database as postgresql://USER@HOST:PORT/DATABASE, "
        "where open creates the store's schema",
    )
    return parser


def _check_utf8(arguments: Sequence[str]) -> None:
    """Refuse an argument that is not UTF-8 (the bytes Python kept as lone surrogates)."""
    for number, argument in enumerate(arguments, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            try:
                shown = repr(os.fsencode(argument))
            except UnicodeError:
                shown = repr(argument)
            raise UsageError(f"argument {number} is not UTF-8 text: {shown}") from None


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code (0 ok, 2 bad input)."""
    out = out or sys.stdout
    err = err or sys.stderr
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        _check_utf8(arguments)
        args = build_parser().parse_args(arguments)
        return int(args.run(args, out))
    except (UsageError, CbmError) as exc:
        print(f"error: {one_line(str(exc))}", file=err)
        return 2
    except BrokenPipeError:
        # the reader went away (``cica-cbm demo | head``): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
