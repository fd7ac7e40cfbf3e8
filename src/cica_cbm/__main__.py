"""``python -m cica_cbm``: the command line."""

from .cli import main

raise SystemExit(main())
