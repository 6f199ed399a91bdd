"""Desk sessions, settings and the audit log in the store."""

from __future__ import annotations

from typing import Any

from deskconsole.models import AuditEntry, DeskSession, Settings
from deskconsole.storage.journal import Op
from deskconsole.storage.store import Store

SESSIONS = "sessions"
AUDIT = "audit"
META = "meta"
SETTINGS_KEY = "settings"


class SessionRepository:
    """Typed access to the ``sessions`` table."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, session_id: str) -> DeskSession | None:
        """The session with this id."""
        with self._store.lock:
            doc = self._store.table(SESSIONS).raw().get(session_id)
        return DeskSession.model_validate(doc) if doc is not None else None

    def all(self) -> list[DeskSession]:
        """Every session, newest first."""
        found = [DeskSession.model_validate(doc) for doc in self._store.docs(SESSIONS)]
        return sorted(found, key=lambda s: (s.date, s.start or s.updated_at.time()), reverse=True)

    def docs(self) -> list[dict[str, Any]]:
        """Every session as a raw document (read only)."""
        return self._store.docs(SESSIONS)

    def current(self) -> DeskSession | None:
        """The newest session that has not been ended."""
        return next((s for s in self.all() if s.is_open), None)

    def save(self, session: DeskSession) -> DeskSession:
        """Add or replace a session durably."""
        self._store.commit([op(session)])
        return session

    def save_many(self, sessions: list[DeskSession]) -> None:
        """Add or replace many sessions as one batch."""
        self._store.commit([op(s) for s in sessions])


class AuditRepository:
    """The audit log: append-only records of sensitive actions."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, entry: AuditEntry) -> AuditEntry:
        """Record one entry durably."""
        self._store.commit([audit_op(entry)])
        return entry

    def all(self) -> list[AuditEntry]:
        """Every entry, oldest first."""
        found = [AuditEntry.model_validate(doc) for doc in self._store.docs(AUDIT)]
        return sorted(found, key=lambda e: e.at)


class SettingsRepository:
    """The store's settings document."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self) -> Settings:
        """The saved settings, or the defaults."""
        with self._store.lock:
            doc = self._store.table(META).raw().get(SETTINGS_KEY)
        return Settings.model_validate(doc) if doc is not None else Settings()

    def is_saved(self) -> bool:
        """True once settings were saved (a new store runs on the defaults until then)."""
        with self._store.lock:
            return SETTINGS_KEY in self._store.table(META).raw()

    def save(self, settings: Settings) -> Settings:
        """Replace the settings durably."""
        self._store.commit([settings_op(settings)])
        return settings


def op(session: DeskSession) -> Op:
    """The journal op that stores ``session``."""
    return Op(SESSIONS, session.id, session.model_dump(mode="json"))


def settings_op(settings: Settings) -> Op:
    """The journal op that replaces the settings."""
    return Op(META, SETTINGS_KEY, settings.model_dump(mode="json"))


def audit_op(entry: AuditEntry) -> Op:
    """The journal op that records ``entry``."""
    return Op(AUDIT, entry.id, entry.model_dump(mode="json"))
