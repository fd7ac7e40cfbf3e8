"""The store contract suite: the stable path of :mod:`cica_cbm.edges.store.contract`."""

from ..edges.store.contract import *  # noqa: F403
from ..edges.store.contract import __all__ as __all__
