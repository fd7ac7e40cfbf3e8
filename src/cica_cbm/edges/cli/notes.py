"""The ``note`` commands: ``cica-cbm note render FILE`` and ``cica-cbm note parse NOTE.txt``.

``render`` writes the opening note of a procedure saved with :func:`cica_cbm.to_json` (or a
saved note) in one language, or in all of the note's languages; ``parse`` reads a note's text
and prints the note as JSON. Unreadable input gives one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from ...core.notes import Note
from ...core.silence import SilenceProcedure
from ...views.note_text import parse_note, render_note
from ..serialization import from_json, to_json
from .common import UsageError, read_text

__all__ = ["register"]


def _saved_note(path: str, text: str) -> Note:
    try:
        kind = json.loads(text).get("type")
    except (ValueError, AttributeError):
        raise UsageError(f"{path}: not a JSON document written by cica_cbm.to_json") from None
    if kind == "Note":
        return from_json(text, Note)
    return from_json(text, SilenceProcedure).note


def _render(args: argparse.Namespace, out: TextIO) -> int:
    note = _saved_note(args.file, read_text(args.file))
    out.write(render_note(note, args.lang))
    return 0


def _parse(args: argparse.Namespace, out: TextIO) -> int:
    text = read_text(args.file)
    languages = args.languages.split(",") if args.languages else None
    note = parse_note(text, languages=languages, number=args.number)
    print(to_json(note, indent=2), file=out)
    return 0


def register(commands: Any) -> None:
    """Add ``note render`` and ``note parse`` to the command line's subcommands."""
    note = commands.add_parser("note", help="write a note out, or read one back")
    actions = note.add_subparsers(dest="action", required=True, parser_class=type(note))
    render = actions.add_parser("render", help="write out the note of a saved procedure")
    render.add_argument("file", help="a procedure (or a note) saved with cica_cbm.to_json")
    render.add_argument(
        "--lang", choices=("en", "ru", "kk"), help="one language (default: every version)"
    )
    render.set_defaults(run=_render)
    parse = actions.add_parser("parse", help="read a note's text and print it as JSON")
    parse.add_argument("file", help="the note as text (UTF-8), one or more language versions")
    parse.add_argument(
        "--languages",
        help="the note's languages, e.g. en,ru,kk, when the text is not every version",
    )
    parse.add_argument(
        "--number", help="the note's number, when the text carries none (the Kazakh version)"
    )
    parse.set_defaults(run=_parse)
