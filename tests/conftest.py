"""Shared fixtures for the test suite."""

from __future__ import annotations

import pytest

import cica_cbm as cbm


@pytest.fixture
def proc() -> cbm.SilenceProcedure:
    """The seed's procedure, nothing submitted yet."""
    return cbm.samples.nct_g_1501()
