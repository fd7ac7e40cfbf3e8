"""The ``hypothesis`` entry point: registers cica_cbm's strategies when Hypothesis loads.

Kept apart from :mod:`cica_cbm.edges.strategies` because Hypothesis runs this hook while it is being
imported, possibly from inside ``cica_cbm.edges.strategies`` itself; that module registers its
strategies when it finishes loading, so the hook leaves it alone then.
"""

from __future__ import annotations

import importlib
import sys


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each public type of cica_cbm with Hypothesis."""
    loading = sys.modules.get("cica_cbm.edges.strategies")
    if loading is not None and not getattr(loading, "_LOADED", False):
        return  # cica_cbm.edges.strategies is mid-import and registers itself at its end
    importlib.import_module("cica_cbm.edges.strategies").register()
