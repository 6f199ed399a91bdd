"""The typed repository API: the only way the domain, UI and CLI reach the store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from deskconsole.storage.cases import CaseRepository
from deskconsole.storage.journal import Op
from deskconsole.storage.residents import ResidentRepository
from deskconsole.storage.sessions import AuditRepository, SessionRepository, SettingsRepository
from deskconsole.storage.store import Listener, Store


class Repository:
    """Residents, cases, sessions, audit and settings of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.residents = ResidentRepository(store)
        self.cases = CaseRepository(store)
        self.sessions = SessionRepository(store)
        self.audit = AuditRepository(store)
        self.settings = SettingsRepository(store)
        store.backups_keep = self.settings.get().backups_keep

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        readonly: bool = False,
        now: Callable[[], datetime] = datetime.now,
    ) -> Repository:
        """Open the store in ``data_dir`` (see :meth:`Store.open`)."""
        return cls(Store.open(data_dir, readonly=readonly, now=now))

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    def commit(self, ops: list[Op]) -> None:
        """Commit ops of several tables as one batch (e.g. a resident and a case)."""
        self.store.commit(ops)

    def subscribe(self, listener: Listener) -> None:
        """Be told which tables changed after every commit."""
        self.store.subscribe(listener)

    def close(self) -> None:
        """Flush to a snapshot and release the lock."""
        self.store.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
