"""Shared fixtures: a fresh store per test, a fixed clock, English by default.

Property tests run under a hypothesis profile: ``ci`` (the default, used by
``make test``) is derandomised, so a run never goes red by chance; ``fuzz``
(``make fuzz``, or ``HYPOTHESIS_PROFILE=fuzz``) draws ten times as many random
examples, to look for new failures (each found one is pinned with ``@example``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from deskconsole.i18n import set_language
from deskconsole.storage import Repository

FIXED_NOW = datetime(2026, 11, 27, 10, 0)

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    derandomize=False,  # explicit: under CI=true hypothesis's own defaults derandomise
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Each test starts in English and leaves the language as it found it."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def repo(data_dir: Path) -> Iterator[Repository]:
    repository = Repository.open(data_dir, now=lambda: FIXED_NOW)
    yield repository
    repository.close()
