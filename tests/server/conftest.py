"""Fixtures of the server store: one throwaway PostgreSQL per test run, a fresh
database per test, and ``any_repo``: the same test on the embedded and the server store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from deskconsole.storage import Repository
from deskconsole.storage.postgres import ServerRepository
from deskconsole.storage.postgres.admin import init_database
from tests.conftest import FIXED_NOW
from tests.postgres import PostgresServer, need_postgres


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer(need_postgres()).start()
    yield server
    server.stop()


@pytest.fixture
def empty_database(postgres: PostgresServer) -> str:
    """The address of a new database without tables."""
    return postgres.new_database()


@pytest.fixture
def database(empty_database: str) -> str:
    """The address of a new database set up by ``db init``."""
    init_database(empty_database)
    return empty_database


@pytest.fixture
def console(database: str, tmp_path: Path) -> Iterator[Callable[..., ServerRepository]]:
    """Opens consoles on the test's database (each its own replica); closes them after."""
    opened: list[ServerRepository] = []

    def open_one(staff: str = "clerk", *, listen: bool = True) -> ServerRepository:
        repo = ServerRepository.connect(
            database,
            tmp_path / f"desk-{len(opened)}",
            now=lambda: FIXED_NOW,
            staff=staff,
            listen=listen,
        )
        opened.append(repo)
        return repo

    yield open_one
    for repo in opened:
        repo.close()


@pytest.fixture(params=["tinydb", "postgresql"])
def any_repo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repository]:
    """A fresh store of each backend: the embedded one, and one on a real server."""
    if request.param == "tinydb":
        repo = Repository.open(tmp_path / "store", now=lambda: FIXED_NOW)
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
