"""Commands on an event store: ``cica-cbm --db FILE COMMAND ...``.

The commands are ``open``, ``comment``, ``amend``, ``object``, ``extend``, ``withdraw``,
``status STREAM --at INSTANT``, ``events STREAM`` (the stream's timeline), ``streams`` and
``export STREAM [-o FILE]``; ``timeline`` and ``note render`` read a stream through
:func:`load_stream`.
``open`` puts a procedure in the store: the seed's (``--sample``), one saved with ``to_json``
(``--procedure FILE``), or a new one from a saved note and draft (``--note``, ``--draft``,
``--deadline``); it creates the database file on first use. The other commands record on, or
read, a procedure already there. Every input is checked before anything is written, and each
recording is one append at the version just read: bad input gives one line on stderr, exit
code 2, and the database unchanged. An act already on record (the same event: kind, party,
instant and text) is refused rather than stored twice.

After an act the command echoes the event, its effect (as the views' tables word it: "in
time", "breaks the silence", "late: no effect"...) and the status *now*: the command line does
not read the clock for the core, so "now" is the latest instant on record, that of the act or
of any event stored before it.

``--db`` names an SQLite file, or a PostgreSQL database by a URL that starts with
``postgresql://`` or ``postgres://`` (the ``postgres`` extra); there ``open`` creates the
store's schema on first use, never the database, and a password in the URL is never printed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TextIO

from ...core.drafts import Draft
from ...core.notes import Note
from ...core.samples import nct_g_1501
from ...core.silence import (
    CICA_PRACTICE,
    POLICIES,
    AmendmentProposed,
    CommentSubmitted,
    DeadlineBroughtForward,
    DeadlineExtended,
    Event,
    ObjectionRaised,
    ProcedureOpened,
    ProcedureWithdrawn,
    SilenceProcedure,
)
from ..serialization import from_json, make_converter, to_json
from ..store import EventStore, MemoryEventStore, SQLiteEventStore, UnknownStreamError
from ..store._base import check_stream
from .common import (
    UsageError,
    both_zones,
    parse_instant,
    print_procedure,
    read_text,
    report,
    write_text,
)

__all__ = [
    "events",
    "export",
    "extend",
    "load_stream",
    "open_procedure",
    "status",
    "streams",
    "submit",
    "verify",
    "withdraw",
]


# -- reading the command line --


_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def _store(args: argparse.Namespace, *, create: bool = False) -> EventStore:
    if args.db is None:
        raise UsageError(
            f"{args.command}: no event store given; put --db FILE before the command, "
            f"e.g. cica-cbm --db cica.db {args.command} ..."
        )
    if args.db.startswith(_POSTGRES_SCHEMES):
        try:
            from ..store.postgres import PostgresEventStore
        except ImportError:
            raise UsageError(
                "--db: a PostgreSQL database needs psycopg 3, which is not installed; "
                "pip install 'cica_cbm[postgres]'"
            ) from None
        return PostgresEventStore(args.db, create=create)
    return SQLiteEventStore(args.db, create=create)


def _now() -> datetime:
    """The edge's clock: when an act is stored (the core is never asked for it)."""
    return datetime.now(UTC)


def _recorder(args: argparse.Namespace, event: Event, body: str) -> str:
    """``--recorded-by``, else the acting party's code, else the body's Secretariat."""
    given: str | None = getattr(args, "recorded_by", None)
    if given is not None:
        return given
    actor = getattr(event, "by", None)
    return actor if isinstance(actor, str) else f"{body} Secretariat"


def _procedure(store: EventStore, stream: str) -> SilenceProcedure:
    """The silence procedure stored as ``stream``; a stream of another kind is refused."""
    found = store.load(stream)
    if not isinstance(found, SilenceProcedure):
        raise UsageError(
            f"stream {stream!r} holds a {type(found).__name__}, not a silence procedure; "
            "these commands work on silence procedures"
        )
    return found


def _shown(db: str) -> str:
    """``--db`` as it may be printed: a PostgreSQL URL without its password."""
    if db.startswith(_POSTGRES_SCHEMES):
        from ..store.postgres import redact

        return redact(db)
    return db


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
        body="CICA",
        requested_by=args.requested_by,
    )


def open_procedure(args: argparse.Namespace, out: TextIO) -> int:
    """``open``: store a new stream holding the procedure ``args`` describe."""
    proc = _opened(args)
    default = str(proc.note.number) if proc.note is not None else proc.key.replace(" ", "_")
    stream = check_stream(args.stream if args.stream is not None else default)
    by = _recorder(args, proc.opening, proc.opening.body)
    # the same checks the database will make, before the file is even created
    MemoryEventStore().append(stream, proc.events, 0, recorded_by=by)
    with _store(args, create=True) as store:
        held = store.version(stream)
        if held:
            raise UsageError(
                f"open: stream {stream!r} already holds a procedure (version {held}); "
                "give another name with --stream"
            )
        version = store.append(stream, proc.events, 0, recorded_by=by, recorded_at=_now())
    print(f"Stored in {_shown(args.db)} as stream {stream!r}, version {version}.", file=out)
    print_procedure(proc, out)
    return 0


# -- recording --


def _record(args: argparse.Namespace, out: TextIO, act: Callable[[SilenceProcedure], Any]) -> int:
    from ...views.html import effect

    with _store(args) as store:
        proc = _procedure(store, args.stream)
        proc2: SilenceProcedure = act(proc)
        event = proc2.events[-1]
        for version, held in enumerate(proc.events, start=1):
            if held == event:
                raise UsageError(
                    f"{args.command}: stream {args.stream!r} already holds this act as "
                    f"v{version} ({_describe(held)}); nothing recorded"
                )
        version = store.save(
            args.stream,
            proc2,
            len(proc),
            recorded_by=_recorder(args, event, proc2.opening.body),
            recorded_at=_now(),
        )
    # "now" without a clock: the latest instant on record, the act's or a stored event's
    now = max(recorded.at for recorded in proc2.events)
    context = proc2.context(now)
    print(f"{args.stream} v{version}: {_describe(event)} ({effect(event, context)})", file=out)
    print(
        f"Status now, at the latest instant on record, {both_zones(now)}: {context.status.value}",
        file=out,
    )
    return 0


def submit(kind: str, args: argparse.Namespace, out: TextIO) -> int:
    """``comment``, ``amend`` or ``object`` (``kind``): record what a party sent."""
    at = parse_instant(args.at)
    return _record(
        args,
        out,
        lambda proc: getattr(proc, kind)(by=args.by, at=at, text=args.text, sent_by=args.sent_by),
    )


def extend(args: argparse.Namespace, out: TextIO) -> int:
    """``extend``: record an extension of the deadline."""
    at, to = parse_instant(args.at), _deadline(args.to, "--to")
    return _record(args, out, lambda proc: proc.extend(to=to, at=at, note=args.note))


def withdraw(args: argparse.Namespace, out: TextIO) -> int:
    """``withdraw``: record the Secretariat's withdrawal."""
    at = parse_instant(args.at)
    return _record(args, out, lambda proc: proc.withdraw(at=at, reason=args.reason, note=args.note))


# -- reading --


def _describe(event: Event) -> str:
    if isinstance(event, ProcedureOpened):
        return (
            f"opened by {event.source} for {len(event.parties)} parties, "
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
    if isinstance(event, DeadlineBroughtForward):
        return f"deadline brought forward{by_note} to {event.to.describe()}"
    assert isinstance(event, ProcedureWithdrawn)
    return f"withdrawn{by_note}: {event.reason!r}"


def events(args: argparse.Namespace, out: TextIO) -> int:
    """``events``: list a stream's events in recording order (as text or JSON)."""
    with _store(args) as store:
        proc = _procedure(store, args.stream)
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


def streams(args: argparse.Namespace, out: TextIO) -> int:
    """``streams``: list the streams stored and their versions."""
    with _store(args) as store:
        names = store.streams()
        for name in names:
            print(f"{name}\tversion {store.version(name)}", file=out)
    if not names:
        print("(no procedures stored yet)", file=out)
    return 0


def load_stream(args: argparse.Namespace, stream: str) -> SilenceProcedure:
    """The procedure stored as ``stream`` in ``--db``, for the commands that read one."""
    with _store(args) as store:
        return _procedure(store, stream)


def export(args: argparse.Namespace, out: TextIO) -> int:
    """``export STREAM [-o FILE]``: the stored procedure as the JSON that ``status FILE`` reads."""
    proc = load_stream(args, args.stream)
    write_text(args.output, to_json(proc, indent=2), out, "-o")
    if args.output != "-":
        print(f"Exported stream {args.stream!r} ({len(proc)} events) to {args.output}.", file=out)
    return 0


def status(args: argparse.Namespace, out: TextIO) -> int:
    """``--db FILE status STREAM --at INSTANT``: the outcome of a stored procedure."""
    parse_instant(args.at)  # a bad instant is refused before the database is opened
    with _store(args) as store:
        proc = _procedure(store, args.file)
    return report(proc, args.at, args.json, out, args.lang)


def verify(args: argparse.Namespace, out: TextIO) -> int:
    """``verify STREAM``: recompute the stream's hash chain; 1 if an event was tampered with."""
    stream = check_stream(args.stream)
    with _store(args) as store:
        if not store.version(stream):
            raise UnknownStreamError(stream)
        report = store.verify(stream)
    print(report.describe(), file=out)
    return 0 if report.ok else 1
