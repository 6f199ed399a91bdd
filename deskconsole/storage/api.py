"""What the domain, the UI and the CLI may ask of a store: the repository interface.

:class:`RepositoryAPI` lists every member callers use, so another backend (a shared
server store, say) implements the same interface; nothing outside ``storage`` reaches
into the store behind it. :class:`Transaction` collects the ops of one
``with repo.transaction() as tx:`` block.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Protocol

from deskconsole.storage.cases import CaseRepository
from deskconsole.storage.erasures import ErasureRepository
from deskconsole.storage.journal import Op
from deskconsole.storage.residents import ResidentRepository
from deskconsole.storage.sessions import AuditRepository, SessionRepository, SettingsRepository
from deskconsole.storage.store import Listener


class Transaction:
    """The ops of one transaction, committed together as one batch when it ends."""

    def __init__(self) -> None:
        self.ops: list[Op] = []

    def add(self, *ops: Op) -> None:
        """Write ``ops`` when the transaction ends (all of them, or none on an error)."""
        self.ops.extend(ops)

    def extend(self, ops: Iterable[Op]) -> None:
        """Like :meth:`add`, for an iterable of ops."""
        self.ops.extend(ops)


class RepositoryAPI(Protocol):
    """Residents, cases, sessions, audit and settings of one store, and its moments."""

    residents: ResidentRepository
    cases: CaseRepository
    sessions: SessionRepository
    audit: AuditRepository
    settings: SettingsRepository
    #: Tombstones of erased residents; ``record`` writes a ledger that outlives restores
    #: (a server backend keeps it in a table no restore rolls back).
    erasures: ErasureRepository

    @property
    def data_dir(self) -> Path:
        """Where the store lives."""
        ...

    @property
    def is_empty(self) -> bool:
        """Nothing saved yet, not even settings."""
        ...

    def now(self) -> datetime:
        """The store's clock (fixed in tests)."""
        ...

    def commit(self, ops: list[Op]) -> None:
        """Write ops of several tables as one batch: all land or none."""
        ...

    def transaction(self) -> AbstractContextManager[Transaction]:
        """Read at one consistent moment and write the ops added as one batch."""
        ...

    def subscribe(self, listener: Listener) -> None:
        """Be told which tables and keys changed after every commit."""
        ...

    def unsubscribe(self, listener: Listener) -> None:
        """Stop being told."""
        ...

    def resident_aliases(self) -> dict[str, str]:
        """Other desks' resident ids mapped to the ids of this store."""
        ...

    def search_cache(self) -> Path | None:
        """Where the console may keep its resident index (removed by every commit that
        changes a resident), or ``None`` when this store has no such place."""
        ...

    def backup_now(self) -> Path:
        """Write a backup now; returns its path."""
        ...

    def backup_if_due(self) -> None:
        """Write the day's backup in the background if none is recent."""
        ...

    def compact(self) -> None:
        """Write a fresh snapshot now."""
        ...

    def close(self) -> None:
        """Flush to a snapshot and release the store."""
        ...
