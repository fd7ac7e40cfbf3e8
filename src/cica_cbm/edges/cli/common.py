"""What the commands share: the usage error, the parser, reading files and instants, printing.

Every command module imports these, and only these, from the command line package. Nothing here
imports the event store, ``sqlite3``, the views, the JSON converter (cattrs) or the Russian
wording at import time, so building the parser stays light.

Where a command reads a file, ``-`` reads standard input; where it writes one, ``-`` writes
standard output.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import TextIO

from ...core.clock import ASTANA, UTC, english_date
from ...core.drafts import Draft
from ...core.silence import Outcome, SilenceProcedure
from ...core.states import member_state

__all__ = [
    "Parser",
    "UsageError",
    "both_zones",
    "one_line",
    "parse_instant",
    "print_outcome",
    "print_procedure",
    "read_text",
    "report",
    "write_text",
]


class UsageError(Exception):
    """Bad input on the command line: printed as one line on stderr, exit code 2."""


def one_line(text: str) -> str:
    r"""``text`` with every character that is not printable escaped as :func:`repr` escapes it.

    Newlines, tabs, other control characters, line separators and the lone surrogates that
    stand for bytes that were not UTF-8 become ``\n``, ``\t``, ``\x1b``, ``\u2028``,
    ``\udcff``...: an error message stays on one line whatever the user typed.

    >>> print(one_line("stream 'a\nb': no"))
    stream 'a\nb': no
    >>> print(one_line("caf\udce9"))
    caf\udce9
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class Parser(argparse.ArgumentParser):
    """An argument parser that raises :class:`UsageError` instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Raise :class:`UsageError` naming the (sub)command and what was wrong."""
        raise UsageError(f"{self.prog}: {message}")


def both_zones(instant: datetime) -> str:
    """``instant`` in Astana time with its offset, then in UTC."""
    local, utc = instant.astimezone(ASTANA), instant.astimezone(UTC)
    return f"{local:%Y-%m-%d %H:%M} Astana, UTC{local:%z} ({utc:%Y-%m-%d %H:%M} UTC)"


def parse_instant(text: str) -> datetime:
    """The aware instant ``text`` (ISO 8601 with an offset), given with ``--at``."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--at: {text!r} is not an ISO 8601 instant, e.g. 2024-01-12T00:00+06:00"
        ) from None
    if value.tzinfo is None:
        raise UsageError(
            f"--at: {text!r} has no offset; give one, e.g. 2024-01-12T00:00+06:00 or ...Z"
        )
    return value


def read_text(path: str, what: str | None = None) -> str:
    """The UTF-8 text of the file ``path`` (``-``: standard input); any failure is one usage error.

    ``what`` names the option the path came from (``"--note"``), when it came from one.
    """
    where = f"{what} {path}" if what else path
    if path == "-":
        where = f"{what} - (standard input)" if what else "standard input"
        stdin = sys.stdin
        try:
            raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
        except OSError as exc:
            raise UsageError(f"{where}: cannot read: {exc.strerror or exc}") from None
        if isinstance(raw, str):
            return raw
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"{where}: not UTF-8 text") from None
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise UsageError(f"{where}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{where}: not UTF-8 text") from None


def write_text(path: str, text: str, out: TextIO, option: str) -> None:
    """Write ``text`` and a newline to the file ``path`` (``-``: ``out``), named by ``option``."""
    if path == "-":
        out.write(text + "\n")
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot write: {exc.strerror or exc}") from None


def print_outcome(out: Outcome, stream: TextIO, lang: str = "en") -> None:
    """Print the outcome ``out``: its status, when it was decided, and its findings in ``lang``."""
    decided = both_zones(out.decided_at) if out.decided_at else "not yet"
    print(
        f"Outcome at {both_zones(out.at)}: {out.status.value.upper()} (decided: {decided})",
        file=stream,
    )
    messages = [f.message for f in out.findings]
    if lang == "ru" and out.context is not None:  # an outcome of the procedure: it has one
        from ...core.silence.findings_ru import messages_ru  # loaded when Russian is asked for

        messages = list(messages_ru(out.findings, out.context))
    for finding, message in zip(out.findings, messages, strict=True):
        mark = "*" if finding.decisive else "-"
        print(f"  {mark} [{finding.rule}] {message}", file=stream)
        print(f"      ({finding.clause})", file=stream)


def print_procedure(proc: SilenceProcedure, stream: TextIO) -> None:
    """Print the procedure ``proc``: its note, draft, policy, parties, opening and deadline."""
    note, draft = proc.note, proc.draft
    if note is not None:
        print(f"Note {note.number} of {english_date(note.date)}, {note.place.en}", file=stream)
        for ref in note.references:
            print(f"  with reference to Note {ref.number} of {english_date(ref.date)}", file=stream)
    else:
        print(f"{proc.opening.headline} ({proc.body.name_en})", file=stream)
    print(f"Draft: {proc.opening.title}", file=stream)
    if isinstance(draft, Draft):
        print(f"  priority area: {draft.priority_area.name.en}", file=stream)
        coordinator = draft.coordinator
        print(f"  coordinator: {coordinator.formal_name.en} ({coordinator.code})", file=stream)
    print(f"Policy: {proc.policy.name}", file=stream)
    print(f"Parties ({len(proc.parties)}):", file=stream)
    for code in sorted(proc.parties):
        print(f"  {code}  {member_state(code).name.en}", file=stream)
    print(f"Opened: {both_zones(proc.opened_at)}", file=stream)
    print(f"Deadline: {proc.terms.describe()}: {both_zones(proc.deadline)}", file=stream)


def report(
    proc: SilenceProcedure, at_text: str, as_json: bool, out: TextIO, lang: str = "en"
) -> int:
    """Print ``proc``'s outcome at ``at_text`` (JSON, or the procedure and findings in ``lang``)."""
    outcome = proc.outcome(at=parse_instant(at_text))
    if as_json:
        from ..serialization import to_json  # cattrs loads with the first document

        print(json.dumps(json.loads(to_json(outcome)), ensure_ascii=False, indent=2), file=out)
    else:
        print_procedure(proc, out)
        print(file=out)
        print_outcome(outcome, out, lang)
    return 0
