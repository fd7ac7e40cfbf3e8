"""Commands on an event store: ``cica-cbm --db FILE COMMAND ...``.

The commands are ``open``, ``comment``, ``amend``, ``object``, ``extend``, ``withdraw``,
``status STREAM --at INSTANT``, ``events STREAM`` (the stream's timeline) and ``streams``.
``open`` puts a procedure in the store: the seed's (``--sample``), one saved with ``to_json``
(``--procedure FILE``), or a new one from a saved note and draft (``--note``, ``--draft``,
``--deadline``); it creates the database file on first use. The other commands record on, or
read, a procedure already there. Every input is checked before anything is written, and each
recording is one append at the version just read: bad input gives one line on stderr, exit
code 2, and the database unchanged.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TextIO

from ...core.drafts import Draft
from ...core.notes import Note
from ...core.samples import nct_g_1501
from ...core.silence import (
    CICA_PRACTICE,
    POLICIES,
    AmendmentProposed,
    CommentSubmitted,
    DeadlineExtended,
    Event,
    ObjectionRaised,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilenceProcedure,
)
from ..serialization import from_json, make_converter
from ..store import MemoryEventStore, SQLiteEventStore
from ..store._base import check_stream
from .common import UsageError, both_zones, parse_instant, print_procedure, read_text, report

__all__ = ["add_global_options", "register"]

_Run = Callable[[argparse.Namespace, TextIO], int]


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--db FILE``, which goes before the command."""
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="the event store (an SQLite file) that open, comment, object, amend, extend, "
        "withdraw, status, events and streams work on; open creates it",
    )


# -- reading the command line --


def _store(args: argparse.Namespace, *, create: bool = False) -> SQLiteEventStore:
    if args.db is None:
        raise UsageError(
            f"{args.command}: no event store given; put --db FILE before the command, "
            f"e.g. cica-cbm --db cica.db {args.command} ..."
        )
    return SQLiteEventStore(args.db, create=create)


def _deadline(text: str, option: str) -> date | datetime:
    """A date ("no later than") or an aware instant."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option}: {text!r} is neither a date such as 2024-01-25 nor an ISO 8601 instant "
            "such as 2024-01-25T12:00+06:00"
        ) from None
    if value.tzinfo is None:
        raise UsageError(f"{option}: {text!r} has no offset; give one, e.g. ...T12:00+06:00")
    return value


# -- open --


def _opened(args: argparse.Namespace) -> SilenceProcedure:
    """The procedure ``open`` is asked to store, built without touching the store."""
    extra = [
        option
        for option, value in (
            ("--draft", args.draft),
            ("--deadline", args.deadline),
            ("--at", args.at),
            ("--requested-by", args.requested_by),
            ("--policy", args.policy),
        )
        if value is not None
    ]
    if args.note is None:
        if extra:
            raise UsageError(f"open: {', '.join(extra)}: allowed only with --note")
        if args.sample:
            return nct_g_1501()
        return from_json(read_text(args.procedure, "--procedure"), SilenceProcedure)
    missing = [o for o, v in (("--draft", args.draft), ("--deadline", args.deadline)) if not v]
    if missing:
        raise UsageError(f"open: --note needs {' and '.join(missing)} too")
    note = from_json(read_text(args.note, "--note"), Note)
    draft = from_json(read_text(args.draft, "--draft"), Draft)
    return SilenceProcedure.open(
        note,
        draft,
        deadline=_deadline(args.deadline, "--deadline"),
        at=parse_instant(args.at) if args.at is not None else None,
        policy=POLICIES[args.policy or CICA_PRACTICE.name],
        requested_by=args.requested_by,
    )


def _open(args: argparse.Namespace, out: TextIO) -> int:
    proc = _opened(args)
    stream = check_stream(args.stream if args.stream is not None else str(proc.note.number))
    # the same checks the database will make, before the file is even created
    MemoryEventStore().append(stream, proc.events, 0)
    with _store(args, create=True) as store:
        held = store.version(stream)
        if held:
            raise UsageError(
                f"open: stream {stream!r} already holds a procedure (version {held}); "
                "give another name with --stream"
            )
        version = store.append(stream, proc.events, 0)
    print(f"Stored in {args.db} as stream {stream!r}, version {version}.", file=out)
    print_procedure(proc, out)
    return 0


# -- recording --


def _record(args: argparse.Namespace, out: TextIO, act: Callable[[SilenceProcedure], Any]) -> int:
    with _store(args) as store:
        proc = store.load(args.stream)
        proc2: SilenceProcedure = act(proc)
        version = store.save(args.stream, proc2, len(proc))
        event = proc2.events[-1]
        print(f"{args.stream} v{version}: {_describe(event)}", file=out)
        out_at = event.at
        print(f"Status at {both_zones(out_at)}: {proc2.status(out_at).value}", file=out)
    return 0


def _submission(kind: str) -> _Run:
    def run(args: argparse.Namespace, out: TextIO) -> int:
        at = parse_instant(args.at)
        return _record(
            args,
            out,
            lambda proc: getattr(proc, kind)(
                by=args.by, at=at, text=args.text, sent_by=args.sent_by
            ),
        )

    return run


def _extend(args: argparse.Namespace, out: TextIO) -> int:
    at, to = parse_instant(args.at), _deadline(args.to, "--to")
    return _record(args, out, lambda proc: proc.extend(to=to, at=at, note=args.note))


def _withdraw(args: argparse.Namespace, out: TextIO) -> int:
    at = parse_instant(args.at)
    return _record(args, out, lambda proc: proc.withdraw(at=at, reason=args.reason, note=args.note))


# -- reading --


def _describe(event: Event) -> str:
    if isinstance(event, ProcedureOpened):
        return (
            f"opened by Note {event.note.number} for {len(event.parties)} parties, "
            f"{event.deadline.describe()} ({event.policy.name})"
        )
    if isinstance(event, CommentSubmitted | AmendmentProposed | ObjectionRaised):
        what = {
            CommentSubmitted: "comment",
            AmendmentProposed: "amendment",
            ObjectionRaised: "objection",
        }[type(event)]
        return f"{what} by {event.by}: {event.text!r}"
    by_note = f" by Note {event.note}" if event.note is not None else ""
    if isinstance(event, DeadlineExtended):
        return f"deadline extended{by_note} to {event.to.describe()}"
    assert isinstance(event, ProcedureWithdrawn)
    return f"withdrawn{by_note}: {event.reason!r}"


def _timeline(args: argparse.Namespace, out: TextIO) -> int:
    with _store(args) as store:
        proc = store.load(args.stream)
    if args.json:
        converter = make_converter()
        rows = [
            {"version": version, "event": converter.unstructure(event, Event)}
            for version, event in enumerate(proc.events, start=1)
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=out)
        return 0
    print(f"Stream {args.stream!r}: {len(proc)} events, in recording order", file=out)
    for version, event in enumerate(proc.events, start=1):
        print(f"  v{version}  {both_zones(event.at)}  {_describe(event)}", file=out)
    return 0


def _streams(args: argparse.Namespace, out: TextIO) -> int:
    with _store(args) as store:
        names = store.streams()
        for name in names:
            print(f"{name}\tversion {store.version(name)}", file=out)
    if not names:
        print("(no procedures stored yet)", file=out)
    return 0


def _status_from(original: _Run) -> _Run:
    """``status`` on a stream when ``--db`` is given; the original ``status FILE`` otherwise."""

    def run(args: argparse.Namespace, out: TextIO) -> int:
        if args.db is None:
            return original(args, out)
        parse_instant(args.at)  # a bad instant is refused before the database is opened
        with _store(args) as store:
            proc = store.load(args.file)
        return report(proc, args.at, args.json, out)

    return run


# -- the parsers --


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the store's commands; ``status`` learns to read a stream when ``--db`` is given."""
    opening = commands.add_parser(
        "open",
        help="store a procedure in --db FILE (created on first use)",
        description="Store a procedure: the seed's, a saved one, or a new one on a saved "
        "note and draft. The stream is named after the note unless --stream is given.",
    )
    source = opening.add_mutually_exclusive_group(required=True)
    source.add_argument("--sample", action="store_true", help="the seed's Note NCT/G/1501")
    source.add_argument("--procedure", metavar="JSON", help="a procedure saved with to_json")
    source.add_argument("--note", metavar="JSON", help="a Note saved with to_json")
    opening.add_argument("--draft", metavar="JSON", help="with --note: a Draft saved with to_json")
    opening.add_argument(
        "--deadline", help="with --note: a date (no later than) or an instant with an offset"
    )
    opening.add_argument(
        "--at", help="with --note: when it opened (default: the note's date, 00:00 Astana)"
    )
    opening.add_argument(
        "--policy",
        choices=sorted(POLICIES),
        help=f"with --note: the silence policy (default: {CICA_PRACTICE.name})",
    )
    opening.add_argument("--requested-by", metavar="CODE", help="with --note: who asked for it")
    opening.add_argument("--stream", help="the stream's name (default: the note number)")
    opening.set_defaults(run=_open)

    for kind, verb, help_ in (
        ("comment", "comment", "record a party's comment or suggestion"),
        ("amend", "amend", "record a party's proposed amendment"),
        ("object", "object", "record a party's objection"),
    ):
        parser = commands.add_parser(kind, help=help_)
        parser.add_argument("stream", help="the stream, as open named it")
        parser.add_argument("--by", required=True, metavar="CODE", help="the party")
        parser.add_argument("--at", required=True, help="an ISO 8601 instant with an offset")
        parser.add_argument("--text", required=True, help="what the party sent")
        parser.add_argument(
            "--sent-by", metavar="CODE", help="who sent it, if not the party itself (refused)"
        )
        parser.set_defaults(run=_submission(verb))

    extend = commands.add_parser("extend", help="record an extension of the deadline")
    extend.add_argument("stream", help="the stream, as open named it")
    extend.add_argument("--to", required=True, help="the new deadline: a date or an instant")
    extend.add_argument("--at", required=True, help="an ISO 8601 instant with an offset")
    extend.add_argument("--note", metavar="NUMBER", help="the note that extends it")
    extend.set_defaults(run=_extend)

    withdraw = commands.add_parser("withdraw", help="record the Secretariat's withdrawal")
    withdraw.add_argument("stream", help="the stream, as open named it")
    withdraw.add_argument("--at", required=True, help="an ISO 8601 instant with an offset")
    withdraw.add_argument("--reason", required=True, help="why it was withdrawn")
    withdraw.add_argument("--note", metavar="NUMBER", help="the note that withdraws it")
    withdraw.set_defaults(run=_withdraw)

    # "timeline" draws a saved procedure as SVG (issue 7); this lists a stored stream as text
    events = commands.add_parser(
        "events", help="list a stream's events, its timeline, in order (needs --db)"
    )
    events.add_argument("stream", help="the stream, as open named it")
    events.add_argument("--json", action="store_true", help="print the events as JSON")
    events.set_defaults(run=_timeline)

    streams = commands.add_parser("streams", help="list the procedures stored (needs --db)")
    streams.set_defaults(run=_streams)

    status = commands.choices.get("status")
    if status is not None:
        status.set_defaults(run=_status_from(status.get_default("run")))
        status.epilog = "With --db FILE before the command, FILE here is a stream's name."
