"""The repository over a server store: the same interface, numbering on the server."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Unpack

from deskconsole.models import Case, case_number, case_number_prefix
from deskconsole.storage.api import RepositoryAPI
from deskconsole.storage.cases import CaseRepository, op
from deskconsole.storage.collector import collector_paused
from deskconsole.storage.journal import Op
from deskconsole.storage.postgres.store import ServerOptions, ServerStore
from deskconsole.storage.repository import Repository


class ServerCaseRepository(CaseRepository):
    """Cases on the server: a new case is numbered inside the transaction that
    inserts it, so consoles taking cases at once on one desk code never collide."""

    def __init__(self, store: ServerStore) -> None:
        super().__init__(store)
        self._server = store

    def add_with(
        self, desk_code: str, day: date, build: Callable[[str], Sequence[Case]]
    ) -> list[Case]:
        made: list[Case] = []

        def numbered(highest: int) -> list[Op]:
            made[:] = build(case_number(desk_code, day, highest + 1))
            return [op(case) for case in made]

        self._server.commit_numbered(case_number_prefix(desk_code, day).rstrip("-"), numbered)
        return made


class ServerRepository(Repository):
    """Residents, cases, sessions, audit and settings of a store on a PostgreSQL server."""

    store: ServerStore

    def __init__(self, store: ServerStore) -> None:
        super().__init__(store)
        self.cases = ServerCaseRepository(store)

    @classmethod
    def connect(
        cls, address: str, data_dir: Path, **options: Unpack[ServerOptions]
    ) -> ServerRepository:
        """Connect to the server store at ``address``: :meth:`ServerStore.connect` with
        the same options (``readonly``, ``now``, ``staff``, ``listen``)."""
        with collector_paused():  # every document of the store is read in
            return cls(ServerStore.connect(address, data_dir, **options))

    @property
    def address(self) -> str:
        """The server's address without its password."""
        return self.store.shown


_CONFORMS: type[RepositoryAPI] = ServerRepository
