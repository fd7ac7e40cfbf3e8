"""``python -m cica_cbm``: the command line."""

from .edges.cli import main

raise SystemExit(main())
