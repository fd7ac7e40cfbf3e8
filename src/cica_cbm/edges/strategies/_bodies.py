"""Strategies for the shipped bodies and their memberships."""

from __future__ import annotations

from hypothesis import strategies as st

from ...core.bodies import BODIES, Body, Membership

__all__ = ["bodies", "memberships"]


def bodies() -> st.SearchStrategy[Body]:
    """The shipped bodies; shrinks towards CICA, the first."""
    return st.sampled_from(list(BODIES)).map(BODIES.__getitem__)


def memberships() -> st.SearchStrategy[Membership]:
    """The shipped memberships of every body; shrinks towards the first of CICA's."""
    return st.sampled_from([m for body in BODIES.values() for m in body.memberships])
