"""The command line: ``cica-cbm`` (and ``python -m cica_cbm``), run by :func:`main`.

:mod:`~cica_cbm.edges.cli.app` holds the table of subcommands and :func:`main`;
:mod:`~cica_cbm.edges.cli.common` what the commands share; one module a group of commands runs
them: :mod:`~cica_cbm.edges.cli.procedures` (``demo``, ``status``),
:mod:`~cica_cbm.edges.cli.notes` (``note``), :mod:`~cica_cbm.edges.cli.timeline`
(``timeline``) and :mod:`~cica_cbm.edges.cli.store` (the ``--db FILE`` commands). A command's
module is imported only when that command runs.
"""

from __future__ import annotations

from .app import main

__all__ = ["main"]
