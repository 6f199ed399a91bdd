"""Shared fixtures: a fresh store per test, a fixed clock, English by default."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from deskconsole.i18n import set_language
from deskconsole.storage import Repository

FIXED_NOW = datetime(2026, 11, 27, 10, 0)


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
