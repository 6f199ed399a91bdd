"""Desk sessions, settings and the audit log in the store."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from deskconsole.models import AuditEntry, DeskSession, Settings
from deskconsole.storage.journal import Op
from deskconsole.storage.store import Store

SESSIONS = "sessions"
AUDIT = "audit"
META = "meta"
SETTINGS_KEY = "settings"


class SessionRepository:
    """Typed access to the ``sessions`` table.

    Indexed by day and by whether a session is still open, so finding the open session
    or a day's sessions (every intake save and header refresh does) never reads them all.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        table = store.table(SESSIONS)
        table.add_index("day", lambda doc: doc["date"])
        table.add_index("open", lambda doc: True if doc.get("ended_at") is None else None)
        table.add_index("desk", lambda doc: doc.get("desk_code") or "")

    def _by_keys(self, keys: Iterable[str]) -> list[DeskSession]:
        with self._store.lock:
            raw = self._store.table(SESSIONS).raw()
            docs = [raw[key] for key in keys if key in raw]
        return _newest_first(DeskSession.model_validate(doc) for doc in docs)

    def get(self, session_id: str) -> DeskSession | None:
        """The session with this id."""
        with self._store.lock:
            doc = self._store.table(SESSIONS).raw().get(session_id)
        return DeskSession.model_validate(doc) if doc is not None else None

    def all(self) -> list[DeskSession]:
        """Every session, newest first."""
        return _newest_first(DeskSession.model_validate(doc) for doc in self._store.docs(SESSIONS))

    def on_day(self, day: date) -> list[DeskSession]:
        """The sessions held on ``day``, newest first (from the index)."""
        with self._store.lock:
            keys = self._store.table(SESSIONS).lookup("day", day.isoformat())
        return self._by_keys(keys)

    def newest(self, limit: int) -> list[DeskSession]:
        """The ``limit`` newest sessions, newest first (reads only their days)."""
        with self._store.lock:
            days = self._store.table(SESSIONS).buckets("day")
            keys: list[str] = []
            for day in sorted(days, reverse=True):
                keys.extend(days[day])
                if len(keys) >= limit:
                    break
        return self._by_keys(keys)[:limit]

    def count(self) -> int:
        """How many sessions."""
        with self._store.lock:
            return len(self._store.table(SESSIONS))

    def desk_codes(self) -> list[str]:
        """Every desk code the sessions carry (``""``: held before desk codes), from the index."""
        with self._store.lock:
            buckets = self._store.table(SESSIONS).buckets("desk")
            return sorted(str(code) for code, keys in buckets.items() if keys)

    def docs(self) -> list[dict[str, Any]]:
        """Every session as a raw document (read only)."""
        return self._store.docs(SESSIONS)

    def current(self) -> DeskSession | None:
        """The newest session that has not been ended (from the index)."""
        with self._store.lock:
            keys = self._store.table(SESSIONS).lookup("open", True)
        return next(iter(self._by_keys(keys)), None)

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


def _newest_first(sessions: Iterable[DeskSession]) -> list[DeskSession]:
    return sorted(sessions, key=lambda s: (s.date, s.start or s.updated_at.time()), reverse=True)


def op(session: DeskSession) -> Op:
    """The journal op that stores ``session``."""
    return Op(SESSIONS, session.id, session.model_dump(mode="json"))


def settings_op(settings: Settings) -> Op:
    """The journal op that replaces the settings."""
    return Op(META, SETTINGS_KEY, settings.model_dump(mode="json"))


def audit_op(entry: AuditEntry) -> Op:
    """The journal op that records ``entry``."""
    return Op(AUDIT, entry.id, entry.model_dump(mode="json"))
