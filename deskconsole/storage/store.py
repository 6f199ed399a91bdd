"""The store: TinyDB in memory, made durable by a journal and snapshots.

Every acknowledged change is one fsync'd journal line before it touches memory.
A compaction copies the tables (under the lock, a few milliseconds), writes the full
snapshot in the background while saves go on, then puts in place a new journal that
starts after the snapshot and carries the lines saved meanwhile. Opening loads the
snapshot and replays the journal, dropping only an unfinished last line; damage of
any other kind is refused with the file named and never written over.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from deskconsole.i18n import t
from deskconsole.storage.archive_files import back_up_years
from deskconsole.storage.backup import (
    backup_dir,
    backup_due,
    file_chunks,
    list_backups,
    newest_good_backup,
    write_backup,
    write_backup_of,
)
from deskconsole.storage.collector import collector_paused
from deskconsole.storage.errors import (
    StoreCorruptError,
    StoreError,
    StoreOpenError,
    StoreReadOnlyError,
    StoreTooNewError,
    StoreWriteError,
)
from deskconsole.storage.files import ensure_private_dir, remove_stale_temps
from deskconsole.storage.journal import JOURNAL_NAME, Entry, JournalWriter, Op
from deskconsole.storage.lazy import LazyTables
from deskconsole.storage.lock import StoreLock
from deskconsole.storage.snapshot import (
    SCHEMA_VERSION,
    SNAPSHOT_NAME,
    Tables,
    migrate,
    write_snapshot,
)
from deskconsole.storage.state import StoreBusy, StoreDamage, StoreState, load_state
from deskconsole.storage.tables import DocTable, MemoryTinyDB

COMPACT_AT_BYTES = 32 * 1024 * 1024
#: The console's resident index kept beside the store (``domain/search_cache.py``): it
#: holds personal data, so every commit that changes a resident removes it first.
SEARCH_CACHE_NAME = "search-index.bin"


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
#: Called with a commit's ops under the store's lock: the ops to add to the same batch.
Rule = Callable[[list[Op]], list[Op]]


def _lower_own_priority() -> None:
    """Let the calling thread yield the processor to the rest (Linux: per thread)."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


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
        self.compact_in_background = True
        self._seq = 0
        self._snapshot_seq = 0  # the newest entry the snapshot file holds
        self._journal: JournalWriter | None = None
        self._file_lock = StoreLock(data_dir)
        self._listeners: list[Listener] = []
        self._rules: list[Rule] = []
        self._backup_thread: threading.Thread | None = None
        self._compactor: threading.Thread | None = None
        self._retry_compaction_at = 0  # after a failed compaction: the journal size to retry at
        self.last_backup_error: StoreError | None = None
        self.last_compaction_error: StoreError | None = None

    # -- opening and closing -------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        readonly: bool = False,
        now: Callable[[], datetime] = datetime.now,
        lazy: bool = False,
    ) -> Store:
        """Open the store in ``data_dir``; a writer takes the lock and creates the dir.

        ``lazy`` (readers only): each table is parsed when first used, and a few
        documents are found without parsing their table (:mod:`~deskconsole.storage.lazy`),
        for a command that reads little of a large store."""
        if readonly:
            store = cls(Path(data_dir), readonly, now)
            if not store.data_dir.is_dir():
                raise StoreError("store.missing", data_dir=str(store.data_dir))
            store._load(lazy)
            return store
        return cls.claim(data_dir, now=now).load()

    @classmethod
    def claim(cls, data_dir: Path, *, now: Callable[[], datetime] = datetime.now) -> Store:
        """Create the dir and take the writer lock, reading nothing yet (milliseconds,
        whatever the store's size): a store another process holds is refused here.
        Call :meth:`load` next (from any thread), or :meth:`release`."""
        store = cls(Path(data_dir), False, now)
        try:
            ensure_private_dir(store.data_dir)
        except OSError as error:
            raise StoreOpenError.of(store.data_dir, error) from None
        store._file_lock.acquire()
        return store

    def load(self) -> Store:
        """Read the files of a claimed store and open its journal for appending; on
        any failure the lock is released and nothing was written."""
        try:
            remove_stale_temps(self.data_dir)
            remove_stale_temps(backup_dir(self.data_dir))
            state = self._load()
            self._start_journal(state)
        except BaseException:
            self._close_files()
            raise
        return self

    def release(self) -> None:
        """Let go of a claimed store that was never loaded."""
        self._close_files()

    def _load(self, lazy: bool = False) -> StoreState:
        with collector_paused():  # a pass on the way would stall every thread for a second
            return self._load_files(lazy)

    def _load_files(self, lazy: bool) -> StoreState:
        try:
            state = load_state(self.snapshot_path, self.journal_path, lazy)
            no_files = state.snapshot is None and state.journal is None and not state.superseded
            if no_files and list_backups(self.data_dir):
                # A store was here (its backups remain): not a new, empty one.
                raise StoreDamage(self.snapshot_path, t("damage.store_files_missing"))
        except StoreDamage as damage:
            backup = newest_good_backup(self.data_dir, self.now())
            raise StoreCorruptError(
                damage.path, damage.detail, backup.path if backup else None
            ) from None
        except StoreBusy:
            raise StoreError("store.busy", data_dir=str(self.data_dir)) from None
        except OSError as error:
            raise StoreOpenError.of(self.data_dir, error) from None
        if state.schema > SCHEMA_VERSION:
            raise StoreTooNewError(self.snapshot_path, state.schema, SCHEMA_VERSION)
        migrate(state.tables, state.schema)
        self.db.load(state.tables)
        self._seq = state.seq
        self._snapshot_seq = state.snapshot.seq if state.snapshot else 0
        self.torn_tail = state.torn_tail
        self.replayed = state.replayed
        return state

    def _start_journal(self, state: StoreState) -> None:
        """Open the journal for appending; bring files of an older format up to date."""
        try:
            if state.journal is None:
                # A new store, a journal superseded by a restore, or one of schema 1
                # that never had a journal file: the journal starts after the snapshot.
                self._journal = JournalWriter.create(self.journal_path, state.seq)
            elif state.journal.after is None:
                # Schema 1: first a journal with a header that carries the same entries,
                # so every moment of the migration is a store that opens.
                old = JournalWriter.open(self.journal_path, state.journal.good_size)
                carried = old.read_from(0)
                old.close()
                after = state.journal.continues or 0
                self._journal = JournalWriter.create(self.journal_path, after, carried)
            else:
                self._journal = JournalWriter.open(self.journal_path, state.journal.good_size)
        except OSError as error:
            raise StoreOpenError.of(self.journal_path, error) from None
        if state.needs_migration:
            self.compact()

    def close(self) -> None:
        """Write a fresh snapshot (when there is anything new) and release the lock."""
        if self._backup_thread is not None:
            self._backup_thread.join()
        self._wait_for_compaction()
        if self._journal is not None and self._journal_has_entries():
            with contextlib.suppress(StoreError):
                self.compact()
        self._close_files()

    def _journal_has_entries(self) -> bool:
        return self._seq > self._snapshot_seq

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
            for rule in self._rules:
                ops = [*ops, *rule(ops)]
            if any(op.table == "residents" for op in ops):
                self._drop_search_cache()
            entry = Entry(self._seq + 1, ops)
            try:
                self._journal.append(entry)
            except OSError as error:
                raise StoreWriteError.of(self.journal_path, error) from None
            self._seq = entry.seq
            for op in ops:
                table = self.db.doc_table(op.table)
                if op.doc is None:
                    table.delete(op.key)
                else:
                    table.put(op.key, op.doc)
            if self._journal.size > max(COMPACT_AT_BYTES, self._retry_compaction_at):
                self._compact_soon()
        changed = Change.of(ops)
        for listener in list(self._listeners):
            listener(changed)

    def add_rule(self, rule: Rule) -> None:
        """Have every commit carry the ops ``rule`` adds to it (atomically with them)."""
        self._rules.append(rule)

    def archive_home(self) -> Path | None:
        """The directory that holds this store's yearly archive files' folder: the data
        directory of an embedded store (``None`` for other stores)."""
        return self.data_dir if type(self) is Store else None

    def search_cache(self) -> Path | None:
        """Where the console may keep its resident index: beside this embedded store,
        whose commits remove it (``None`` for other stores, a reader's included)."""
        if type(self) is not Store or self.readonly:
            return None
        return self.data_dir / SEARCH_CACHE_NAME

    def _drop_search_cache(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.data_dir / SEARCH_CACHE_NAME)

    def _compact_soon(self) -> None:
        """Start a compaction in the background (hold the lock); saves go on meanwhile."""
        if self._compactor is not None and self._compactor.is_alive():
            return
        if not self.compact_in_background:
            with contextlib.suppress(StoreError):
                self.compact()
            return

        def run() -> None:
            _lower_own_priority()
            try:
                self._compact_once()
            except StoreError:
                pass  # recorded in last_compaction_error; the journal still holds everything
            except Exception as error:  # never a traceback from a background thread
                self.last_compaction_error = StoreWriteError(self.snapshot_path, str(error))

        self._compactor = threading.Thread(target=run, name="deskconsole-compact", daemon=True)
        self._compactor.start()

    def _wait_for_compaction(self) -> None:
        compactor = self._compactor
        if compactor is not None and compactor is not threading.current_thread():
            compactor.join()

    def compact(self) -> None:
        """Write the whole store to the snapshot file and start a new, short journal.

        Raises :class:`StoreWriteError` when the snapshot could not be written (the
        journal still holds everything). A journal that cannot be replaced after the
        snapshot landed is not an error: the old one stays valid and is used on.
        """
        self._wait_for_compaction()
        self._compact_once()

    def _compact_once(self) -> None:
        with self.lock:
            journal = self._journal
            if journal is None:
                raise StoreReadOnlyError(self.data_dir)
            tables, seq = self._frozen_copy()
            offset = journal.size
        try:
            write_snapshot(self.snapshot_path, tables, seq)
        except OSError as error:
            failure = StoreWriteError.of(self.snapshot_path, error)
            self._compaction_failed(failure, offset)
            raise failure from None
        with self.lock:
            self._snapshot_seq = seq
            if self._journal is not journal:
                return
            try:
                fresh = JournalWriter.create(self.journal_path, seq, journal.read_from(offset))
            except OSError as error:
                # The snapshot landed: every save is safe, the old journal goes on.
                self._compaction_failed(StoreWriteError.of(self.journal_path, error), offset)
                return
            journal.close()
            self._journal = fresh
            self.last_compaction_error = None
            self._retry_compaction_at = 0

    def _compaction_failed(self, error: StoreWriteError, size: int) -> None:
        """Remember the failure; try again only once the journal has grown a good deal."""
        self.last_compaction_error = error
        self._retry_compaction_at = size + max(COMPACT_AT_BYTES // 4, 1 << 20)

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
    def seq(self) -> int:
        """The number of the newest acknowledged change."""
        return self._seq

    @property
    def is_empty(self) -> bool:
        """True when no table holds a document."""
        with self.lock:
            tables = self.db.dump()
            if isinstance(tables, LazyTables):
                return not tables.has_documents()
            return not any(tables.values())

    # -- backups ---------------------------------------------------------------
    def _frozen_copy(self) -> tuple[Tables, int]:
        """The tables as they are now (documents are replaced, never changed in place)."""
        with self.lock:
            return {name: dict(docs) for name, docs in self.db.dump().items()}, self._seq

    def backup_now(self) -> Path:
        """Write a backup of the current contents; returns its path.

        When the snapshot file holds every acknowledged change (nothing saved since the
        last compaction: the usual case at start), its bytes are compressed as they are,
        with no document encoded again.
        """
        try:
            with self.lock:
                snapshot = self._snapshot_fd() if self._seq == self._snapshot_seq else None
                if snapshot is None:
                    tables, seq = self._frozen_copy()
            if snapshot is not None:
                chunks = file_chunks(snapshot)
                path = write_backup_of(self.data_dir, chunks, self.now(), self.backups_keep)
            else:
                path = write_backup(self.data_dir, tables, seq, self.now(), self.backups_keep)
            if self.archive_home() is not None:
                back_up_years(self.data_dir)
            return path
        except OSError as error:
            raise StoreWriteError.of(backup_dir(self.data_dir), error) from None

    def _snapshot_fd(self) -> int | None:
        """The snapshot file opened for reading (a compaction may replace it after), or
        ``None`` when there is none."""
        try:
            return os.open(self.snapshot_path, os.O_RDONLY)
        except FileNotFoundError:
            return None

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
