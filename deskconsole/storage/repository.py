"""The typed repository API: the only way the domain, UI and CLI reach the store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from deskconsole.storage.aliases import resident_aliases
from deskconsole.storage.api import RepositoryAPI, Transaction
from deskconsole.storage.cases import CaseRepository
from deskconsole.storage.erasures import ErasureRepository
from deskconsole.storage.journal import Op
from deskconsole.storage.residents import ResidentRepository
from deskconsole.storage.sessions import (
    META,
    AuditRepository,
    SessionRepository,
    SettingsRepository,
)
from deskconsole.storage.store import Change, Listener, Store


class Repository:
    """Residents, cases, sessions, audit, settings and erasures of one embedded store.

    Implements :class:`~deskconsole.storage.api.RepositoryAPI`; ``store`` is for the
    storage layer and its tests only.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.residents = ResidentRepository(store)
        self.cases = CaseRepository(store)
        self.sessions = SessionRepository(store)
        self.audit = AuditRepository(store)
        self.settings = SettingsRepository(store)
        self.erasures = ErasureRepository(store)
        store.backups_keep = self.settings.get().backups_keep
        store.subscribe(self._follow_settings)

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        readonly: bool = False,
        now: Callable[[], datetime] = datetime.now,
        lazy: bool = False,
    ) -> Repository:
        """Open the store in ``data_dir`` (see :meth:`Store.open`)."""
        return cls(Store.open(data_dir, readonly=readonly, now=now, lazy=lazy))

    def _follow_settings(self, change: Change) -> None:
        if META in change:
            self.store.backups_keep = self.settings.get().backups_keep

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    @property
    def is_empty(self) -> bool:
        """Nothing saved yet, not even settings."""
        return self.store.is_empty

    def now(self) -> datetime:
        """The store's clock (fixed in tests)."""
        return self.store.now()

    def commit(self, ops: list[Op]) -> None:
        """Commit ops of several tables as one batch (e.g. a resident and a case)."""
        self.store.commit(ops)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Hold the store still: reads in the block see one moment, and no other
        thread writes until it ends. The ops added to the transaction are committed as
        one batch when the block ends; on an error nothing is written. (A commit made
        directly inside the block lands at once.)"""
        with self.store.lock:
            transaction = Transaction()
            yield transaction
            if transaction.ops:
                self.store.commit(transaction.ops)

    def subscribe(self, listener: Listener) -> None:
        """Be told which tables changed after every commit."""
        self.store.subscribe(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop being told."""
        self.store.unsubscribe(listener)

    def resident_aliases(self) -> dict[str, str]:
        """Other desks' resident ids mapped to the ids of this store."""
        return resident_aliases(self.store)

    def search_cache(self) -> Path | None:
        """Where the console may keep its resident index (removed by every commit that
        changes a resident), or ``None`` when this store has no such place."""
        return self.store.search_cache()

    def backup_now(self) -> Path:
        """Write a backup now; returns its path."""
        return self.store.backup_now()

    def backup_if_due(self) -> None:
        """Write the day's backup in the background if none is recent."""
        self.store.backup_if_due()

    def compact(self) -> None:
        """Write a fresh snapshot now."""
        self.store.compact()

    def close(self) -> None:
        """Flush to a snapshot and release the lock."""
        self.store.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_CONFORMS: type[RepositoryAPI] = Repository  # mypy checks the class against the interface
