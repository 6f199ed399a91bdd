"""The store: TinyDB in memory, made durable by a journal and snapshots.

Every acknowledged change is one fsync'd journal line before it touches memory;
a compaction writes a full snapshot atomically and empties the journal. Opening
loads the snapshot and replays the journal, dropping only an unfinished last line.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from deskconsole.storage.backup import backup_due, newest_good_backup, write_backup
from deskconsole.storage.errors import (
    StoreCorruptError,
    StoreError,
    StoreReadOnlyError,
    StoreTooNewError,
    StoreWriteError,
)
from deskconsole.storage.files import ensure_private_dir, remove_stale_temps
from deskconsole.storage.journal import (
    JOURNAL_NAME,
    Entry,
    JournalDamage,
    JournalWriter,
    Op,
    read_journal,
)
from deskconsole.storage.lock import StoreLock
from deskconsole.storage.snapshot import (
    SCHEMA_VERSION,
    SNAPSHOT_NAME,
    SnapshotUnreadable,
    Tables,
    migrate,
    read_snapshot,
    write_snapshot,
)
from deskconsole.storage.tables import DocTable, MemoryTinyDB

COMPACT_AT_BYTES = 32 * 1024 * 1024


class Change(frozenset[str]):
    """The names of the tables a commit changed, with the keys changed in each (``keys``)."""

    keys: dict[str, frozenset[str]]

    @classmethod
    def of(cls, ops: Iterable[Op]) -> Change:
        by_table: dict[str, set[str]] = {}
        for op in ops:
            by_table.setdefault(op.table, set()).add(op.key)
        change = cls(by_table)
        change.keys = {table: frozenset(keys) for table, keys in by_table.items()}
        return change


Listener = Callable[[Change], None]


def _apply(tables: Tables, ops: Iterable[Op]) -> None:
    for op in ops:
        table = tables.setdefault(op.table, {})
        if op.doc is None:
            table.pop(op.key, None)
        else:
            table[op.key] = op.doc


class Store:
    """A data directory's store. Use :meth:`open`; close it when done."""

    def __init__(self, data_dir: Path, readonly: bool, now: Callable[[], datetime]) -> None:
        self.data_dir = data_dir
        self.readonly = readonly
        self.now = now
        self.snapshot_path = data_dir / SNAPSHOT_NAME
        self.journal_path = data_dir / JOURNAL_NAME
        self.db = MemoryTinyDB()
        self.lock = threading.RLock()
        self.torn_tail = False
        self.replayed = 0
        self.backups_keep = 14
        self._seq = 0
        self._journal: JournalWriter | None = None
        self._file_lock = StoreLock(data_dir)
        self._listeners: list[Listener] = []
        self._backup_thread: threading.Thread | None = None
        self.last_backup_error: StoreError | None = None

    # -- opening and closing -------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        readonly: bool = False,
        now: Callable[[], datetime] = datetime.now,
    ) -> Store:
        """Open the store in ``data_dir``; a writer takes the lock and creates the dir."""
        store = cls(Path(data_dir), readonly, now)
        if readonly:
            if not store.data_dir.is_dir():
                raise StoreError("store.missing", data_dir=str(store.data_dir))
            store._load()
            return store
        try:
            ensure_private_dir(store.data_dir)
        except OSError as error:
            raise StoreWriteError(store.data_dir, error.strerror or str(error)) from None
        store._file_lock.acquire()
        try:
            remove_stale_temps(store.data_dir)
            schema = store._load()
            store._journal = JournalWriter(store.journal_path, store._journal_good_size)
            if schema != SCHEMA_VERSION or store._journal.size > COMPACT_AT_BYTES:
                store.compact()
        except BaseException:
            store._close_files()
            raise
        return store

    def _load(self) -> int:
        try:
            snapshot = read_snapshot(self.snapshot_path)
        except SnapshotUnreadable as error:
            backup = newest_good_backup(self.data_dir)
            raise StoreCorruptError(
                self.snapshot_path, str(error), backup.path if backup else None
            ) from None
        try:
            journal = read_journal(self.journal_path)
        except JournalDamage as error:
            backup = newest_good_backup(self.data_dir)
            raise StoreCorruptError(
                self.journal_path, str(error), backup.path if backup else None
            ) from None
        except OSError as error:
            raise StoreCorruptError(self.journal_path, error.strerror or str(error), None) from None
        tables: Tables = snapshot.tables if snapshot else {}
        schema = snapshot.schema if snapshot else SCHEMA_VERSION
        seq = snapshot.seq if snapshot else 0
        if schema > SCHEMA_VERSION:
            raise StoreTooNewError(self.snapshot_path, schema, SCHEMA_VERSION)
        for entry in journal.entries:
            if entry.seq > seq:
                _apply(tables, entry.ops)
                seq = entry.seq
                self.replayed += 1
        migrate(tables, schema)
        self.db.load(tables)
        # The loaded documents live as long as the store and hold no cycles: keep the
        # collector from rescanning them (a full pass over 50,000 cases stalls ~0.5 s).
        gc.freeze()
        self._seq = seq
        self.torn_tail = journal.torn_tail
        self._journal_good_size = journal.good_size
        return schema

    def close(self) -> None:
        """Write a fresh snapshot (when there is anything new) and release the lock."""
        if self._backup_thread is not None:
            self._backup_thread.join()
        if self._journal is not None and self._journal.size:
            with contextlib.suppress(StoreError):
                self.compact()
        self._close_files()

    def _close_files(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        self._file_lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------
    def commit(self, ops: list[Op]) -> None:
        """Make ``ops`` durable (one journal line, fsync), then apply them in memory.

        Raises :class:`StoreWriteError` when the disk refuses; then nothing changed.
        """
        if not ops:
            return
        with self.lock:
            if self._journal is None:
                raise StoreReadOnlyError(self.data_dir)
            entry = Entry(self._seq + 1, ops)
            try:
                self._journal.append(entry)
            except OSError as error:
                raise StoreWriteError(self.journal_path, error.strerror or str(error)) from None
            self._seq = entry.seq
            for op in ops:
                table = self.db.doc_table(op.table)
                if op.doc is None:
                    table.delete(op.key)
                else:
                    table.put(op.key, op.doc)
            if self._journal.size > COMPACT_AT_BYTES:
                with contextlib.suppress(StoreError):
                    self.compact()
        changed = Change.of(ops)
        for listener in list(self._listeners):
            listener(changed)

    def compact(self) -> None:
        """Write the whole store to the snapshot file and empty the journal."""
        with self.lock:
            if self._journal is None:
                raise StoreReadOnlyError(self.data_dir)
            try:
                write_snapshot(self.snapshot_path, self.db.dump(), self._seq)
            except OSError as error:
                raise StoreWriteError(self.snapshot_path, error.strerror or str(error)) from None
            self._journal.reset()

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(change)`` after every commit (in the committing thread)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling ``listener``."""
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    # -- reading -------------------------------------------------------------
    def table(self, name: str) -> DocTable:
        """The TinyDB table ``name`` (for repositories only)."""
        return self.db.doc_table(name)

    def docs(self, name: str) -> list[dict[str, Any]]:
        """A list of the raw documents in ``name`` (a copy of the list, not the docs)."""
        with self.lock:
            return list(self.table(name).raw().values())

    @property
    def is_empty(self) -> bool:
        """True when no table holds a document."""
        with self.lock:
            return not any(self.db.dump().values())

    # -- backups ---------------------------------------------------------------
    def _frozen_copy(self) -> tuple[Tables, int]:
        with self.lock:
            return {name: dict(docs) for name, docs in self.db.dump().items()}, self._seq

    def backup_now(self) -> Path:
        """Write a backup of the current contents; returns its path."""
        tables, seq = self._frozen_copy()
        try:
            return write_backup(self.data_dir, tables, seq, self.now(), self.backups_keep)
        except OSError as error:
            raise StoreWriteError(self.data_dir / "backups", error.strerror or str(error)) from None

    def backup_if_due(self) -> None:
        """Start a backup in a background thread when the newest is a day old or more."""
        if self.readonly or self.is_empty or not backup_due(self.data_dir, self.now()):
            return

        def run() -> None:
            try:
                self.backup_now()
            except StoreError as error:
                self.last_backup_error = error

        self._backup_thread = threading.Thread(target=run, name="deskconsole-backup", daemon=True)
        self._backup_thread.start()
