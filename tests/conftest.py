"""Shared fixtures for the test suite, and the Hypothesis profile it runs under."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

import cica_cbm as cbm

# No timing assertions in unit tests: Hypothesis's per-example deadline is off, and drawing a
# whole procedure may be slow on a busy machine without that being a failure.
settings.register_profile(
    "cica_cbm",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("cica_cbm")


@pytest.fixture
def proc() -> cbm.SilenceProcedure:
    """The seed's procedure, nothing submitted yet."""
    return cbm.samples.nct_g_1501()
