"""Fixtures of the server store: a fresh database per test on the throwaway PostgreSQL
(``postgres``), and consoles on it. ``any_repo`` (the same test on the embedded and the
server store) and ``postgres`` are in tests/conftest.py, shared with tests/unit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from deskconsole.storage.postgres import ServerRepository
from deskconsole.storage.postgres.admin import init_database
from tests.conftest import FIXED_NOW
from tests.postgres import PostgresServer


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
