"""Event stores: the stable path of :mod:`cica_cbm.edges.store`."""

from ..edges.store import *  # noqa: F403
from ..edges.store import __all__ as __all__
