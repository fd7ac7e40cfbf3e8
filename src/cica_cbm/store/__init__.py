"""Event stores: the stable path of :mod:`cica_cbm.edges.store`.

``PostgresEventStore`` is reached here too, and as there it is imported (with psycopg) only
when first asked for: the star import copies ``__all__``, which leaves it out.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ..edges.store import *  # noqa: F403
from ..edges.store import __all__ as __all__

if TYPE_CHECKING:
    from ..edges.store.postgres import PostgresEventStore as PostgresEventStore

# the lazy names of cica_cbm.edges.store, forwarded when first asked for
_LAZY = ("PostgresEventStore",)


def __getattr__(name: str) -> Any:
    """``PostgresEventStore``, from :mod:`cica_cbm.edges.store` (which imports psycopg)."""
    if name in _LAZY:
        value = getattr(importlib.import_module("cica_cbm.edges.store"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
