"""Where a command reads its procedure from: a JSON file (``-`` for stdin) or a stored stream.

Kept apart from :mod:`cica_cbm.edges.cli.common` so that the helpers every command shares do
not reach for the event store: only a command given ``--db`` loads it.
"""

from __future__ import annotations

import argparse

from ...core.silence import SilenceProcedure
from ..serialization import from_json
from .common import read_text

__all__ = ["read_procedure"]


def read_procedure(args: argparse.Namespace) -> SilenceProcedure:
    """The procedure ``args.file`` names: a file written by ``to_json``, or (``--db``) a stream."""
    if getattr(args, "db", None) is not None:
        from . import store  # the event store loads only when --db names one

        return store.load_stream(args, args.file)
    return from_json(read_text(args.file), SilenceProcedure)
