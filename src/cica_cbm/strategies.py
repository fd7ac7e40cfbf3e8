"""Hypothesis strategies for every public type: the stable path of their edges module.

The strategies live in :mod:`cica_cbm.edges.strategies`; this path re-exports them.
"""

from .edges.strategies import *  # noqa: F403
from .edges.strategies import __all__ as __all__
