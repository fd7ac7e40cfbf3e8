"""Chains of procedures: a revised draft goes under a new procedure that says which it follows.

>>> from datetime import date, datetime
>>> import cica_cbm as cbm
>>> first = cbm.samples.nct_g_1501()
>>> second = cbm.SilenceProcedure.open(
...     first.note, first.draft, deadline=date(2024, 3, 1),
...     at=datetime(2024, 2, 1, tzinfo=cbm.ASTANA), revises=first,
... )
>>> [p.key for p in revision_chain(second, [second, first])]
['CICA NCT/G/1501 2023-12-12T18:00Z', 'CICA NCT/G/1501 2024-01-31T18:00Z']
"""

from __future__ import annotations

from collections.abc import Iterable

from .._convert import as_tuple
from ..errors import InvalidValueError
from .procedure import SilenceProcedure

__all__ = ["revision_chain"]


def revision_chain(
    proc: SilenceProcedure, procedures: Iterable[SilenceProcedure]
) -> tuple[SilenceProcedure, ...]:
    """``proc`` and the procedures it revises, earliest first, found among ``procedures``.

    The chain follows each procedure's :attr:`~SilenceProcedure.revises` key back as far as
    ``procedures`` hold the one it names; a key that names none of them ends the chain there.
    """
    if not isinstance(proc, SilenceProcedure):
        raise InvalidValueError("proc", proc, "a SilenceProcedure")
    given = as_tuple("procedures", procedures)
    if not all(isinstance(p, SilenceProcedure) for p in given):
        raise InvalidValueError("procedures", given, "SilenceProcedure objects")
    by_key = {p.key: p for p in given}
    chain = [proc]
    seen = {proc.key}
    while (key := chain[-1].revises) is not None and key in by_key and key not in seen:
        seen.add(key)
        chain.append(by_key[key])
    return tuple(reversed(chain))
