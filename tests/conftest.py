"""Hypothesis profiles: `ci` (default) is derandomized with a fixed example budget and no deadline."""

import os

import pytest
from hypothesis import HealthCheck, settings

from checker.claims import runner
from checker.claims.core import REGISTRY

settings.register_profile(
    "ci", max_examples=200, derandomize=True, deadline=None, print_blob=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def registry_restored():
    """The claims registry as the built-in claims leave it, restored after a test that registers its own."""
    runner.load_builtin()
    saved = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(saved)
