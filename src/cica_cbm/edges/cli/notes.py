"""The ``note`` commands: ``cica-cbm note render FILE`` and ``cica-cbm note parse NOTE.txt``.

``render`` writes the opening note of a procedure saved with :func:`cica_cbm.to_json` (or a
saved note; with ``--db DB``, of the stream named in place of FILE) in one language, or in all
of the note's languages; ``parse`` reads a note's text and prints the note as JSON. ``-`` as
FILE reads standard input. Unreadable input gives one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from ...core.notes import Note
from ...core.silence import SilenceProcedure
from ...views.note_parse import parse_note
from ...views.note_text import render_note
from ..serialization import from_json, to_json
from .common import UsageError, read_text
from .sources import read_procedure

__all__ = ["parse", "render"]


def _saved_note(path: str, text: str) -> Note:
    try:
        kind = json.loads(text).get("type")
    except (ValueError, AttributeError):
        raise UsageError(f"{path}: not a JSON document written by cica_cbm.to_json") from None
    if kind == "Note":
        return from_json(text, Note)
    note = from_json(text, SilenceProcedure).note
    if note is None:
        raise UsageError(f"{path}: the procedure was set without a note; there is none to render")
    return note


def render(args: argparse.Namespace, out: TextIO) -> int:
    """Write out the note of the procedure (or the note) saved in ``args.file``, or stored."""
    if args.db is not None:
        note = read_procedure(args).note
        if note is None:
            raise UsageError(
                f"stream {args.file!r}: the procedure was set without a note; there is none "
                "to render"
            )
    else:
        note = _saved_note(args.file, read_text(args.file))
    out.write(render_note(note, args.lang))
    return 0


def parse(args: argparse.Namespace, out: TextIO) -> int:
    """Read the note's text in ``args.file`` and print the note as JSON."""
    text = read_text(args.file)
    languages = args.languages.split(",") if args.languages else None
    note = parse_note(text, languages=languages, number=args.number)
    print(to_json(note, indent=2), file=out)
    return 0
