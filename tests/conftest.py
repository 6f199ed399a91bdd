"""Shared fixtures: a fresh store per test, a fixed clock, English by default;
``any_repo``, a fresh store of each backend (the embedded one, and one on the throwaway
PostgreSQL server, ``postgres``, skipped with the reason where PostgreSQL is missing).

Property tests run under a hypothesis profile: ``ci`` (the default, used by
``make test``) is derandomised, so a run never goes red by chance; ``fuzz``
(``make fuzz``, or ``HYPOTHESIS_PROFILE=fuzz``) draws ten times as many random
examples, to look for new failures (each found one is pinned with ``@example``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from deskconsole.i18n import set_language
from deskconsole.storage import Repository
from deskconsole.storage.postgres import ServerRepository
from deskconsole.storage.postgres.admin import init_database
from tests.postgres import PostgresServer, need_postgres

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


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL cluster for the whole run (skips where it is missing)."""
    server = PostgresServer(need_postgres()).start()
    yield server
    server.stop()


@pytest.fixture(params=["tinydb", "postgresql"])
def any_repo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repository]:
    """A fresh store of each backend: the embedded one, and one on a real server."""
    if request.param == "tinydb":
        repo: Repository = Repository.open(tmp_path / "store", now=lambda: FIXED_NOW)
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        address = server.new_database()
        init_database(address)
        repo = ServerRepository.connect(
            address, tmp_path / "desk", now=lambda: FIXED_NOW, staff="clerk"
        )
    yield repo
    repo.close()


@pytest.fixture
def reopen(any_repo: Repository, tmp_path: Path) -> Callable[[], Repository]:
    """Closes the store and opens it again, as the next day's console would."""

    def again() -> Repository:
        any_repo.close()
        if isinstance(any_repo, ServerRepository):
            return ServerRepository.connect(
                any_repo.store.address, tmp_path / "desk", now=lambda: FIXED_NOW
            )
        return Repository.open(tmp_path / "store", now=lambda: FIXED_NOW)

    return again
