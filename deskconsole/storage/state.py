"""Reading a data directory into one consistent state, and checking how its files fit.

The snapshot and the journal are read as a pair: if the snapshot was replaced while
they were read (a writer compacting beside us), they are read again, so a reader
always gets some prefix of the acknowledged saves, never an old snapshot with the
journal that follows a newer one. Then the pair is checked: consecutive entries that
continue the snapshot's sequence number, a header on every journal of schema 2.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from deskconsole.i18n import t
from deskconsole.storage.files import read_bytes, read_fd
from deskconsole.storage.journal import JournalDamage, ParsedJournal, parse_journal
from deskconsole.storage.lazy import LazyTables
from deskconsole.storage.snapshot import (
    FIRST_CHECKED_SCHEMA,
    SCHEMA_VERSION,
    Snapshot,
    SnapshotUnreadable,
    Tables,
    parse_snapshot,
)

READ_ATTEMPTS = 50


class StoreDamage(Exception):
    """``path`` is damaged; ``detail`` says how (translated)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(detail)
        self.path = path
        self.detail = detail


class StoreBusy(Exception):
    """The snapshot kept being replaced while it was read."""


@dataclass
class StoreState:
    """What a data directory holds once the journal is replayed onto the snapshot."""

    tables: Tables
    seq: int
    schema: int
    snapshot: Snapshot | None
    journal: ParsedJournal | None
    superseded: bool = False
    replayed: int = 0

    @property
    def torn_tail(self) -> bool:
        """The journal ends with a write a crash interrupted."""
        return self.journal is not None and self.journal.torn_tail

    @property
    def needs_migration(self) -> bool:
        """Files of an older format: a writer rewrites them in the current one."""
        old_snapshot = self.snapshot is not None and self.snapshot.schema < SCHEMA_VERSION
        old_journal = self.journal is not None and self.journal.after is None
        return old_snapshot or old_journal


def journal_checksum(data: bytes) -> str:
    """The checksum a restored snapshot records of the journal it supersedes."""
    return hashlib.sha256(data).hexdigest()


def _identity(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_dev, stat.st_ino


def _named(path: Path, error: OSError) -> OSError:
    """``error`` with the file it concerns (fd-based calls do not name one)."""
    if error.filename is None:
        return OSError(error.errno, error.strerror, str(path))
    return error


def _read_snapshot_fd(fd: int, path: Path) -> tuple[tuple[int, int], bytes]:
    try:
        return _identity(os.fstat(fd)), read_fd(fd)
    except OSError as error:
        raise _named(path, error) from None


def _read_optional(path: Path) -> bytes | None:
    try:
        return read_bytes(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _named(path, error) from None


def read_pair(snapshot_path: Path, journal_path: Path) -> tuple[bytes | None, bytes | None]:
    """The bytes of the snapshot and of the journal that goes with it (``None``: missing)."""
    for _ in range(READ_ATTEMPTS):
        try:
            fd: int | None = os.open(snapshot_path, os.O_RDONLY)
        except FileNotFoundError:
            fd = None
        try:
            seen, snapshot = (
                _read_snapshot_fd(fd, snapshot_path) if fd is not None else (None, None)
            )
            journal = _read_optional(journal_path)
            try:
                now: tuple[int, int] | None = _identity(os.stat(snapshot_path))
            except FileNotFoundError:
                now = None
        finally:
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if now == seen:
            return snapshot, journal
    raise StoreBusy()


def load_state(snapshot_path: Path, journal_path: Path, lazy: bool = False) -> StoreState:
    """Read and check a store's files (``lazy``: each table parsed when first used,
    see :mod:`deskconsole.storage.lazy`).

    Raises :class:`StoreDamage`, :class:`StoreBusy`, or ``OSError`` when a file
    cannot be read at all.
    """
    snapshot_bytes, journal_bytes = read_pair(snapshot_path, journal_path)
    snapshot = None
    if snapshot_bytes is not None:
        try:
            snapshot = parse_snapshot(snapshot_bytes, snapshot_path if lazy else None)
        except SnapshotUnreadable as error:
            raise StoreDamage(snapshot_path, str(error)) from None
    base = snapshot.seq if snapshot else 0
    state = StoreState(
        snapshot.tables if snapshot else {},
        base,
        snapshot.schema if snapshot else SCHEMA_VERSION,
        snapshot,
        None,
    )
    marker = snapshot.supersedes_journal if snapshot else None
    if marker is not None and (journal_bytes is None or journal_checksum(journal_bytes) == marker):
        state.superseded = True  # a restore replaced this journal: ignore it
        return state
    if journal_bytes is None:
        if snapshot is not None and snapshot.schema >= FIRST_CHECKED_SCHEMA:
            raise StoreDamage(journal_path, t("damage.journal_missing", seq=base))
        return state
    try:
        journal = parse_journal(journal_bytes)
    except JournalDamage as error:
        raise StoreDamage(journal_path, str(error)) from None
    _check_fit(snapshot, journal, snapshot_path, journal_path)
    state.journal = journal
    tables = state.tables
    for entry in journal.entries:
        if entry.seq > state.seq:
            for op in entry.ops:
                if isinstance(tables, LazyTables):
                    tables.replay(op.table, op.key, op.doc)
                    continue
                table = tables.setdefault(op.table, {})
                if op.doc is None:
                    table.pop(op.key, None)
                else:
                    table[op.key] = op.doc
            state.seq = entry.seq
            state.replayed += 1
    return state


def _check_fit(
    snapshot: Snapshot | None, journal: ParsedJournal, snapshot_path: Path, journal_path: Path
) -> None:
    base = snapshot.seq if snapshot else 0
    if snapshot is not None and snapshot.schema >= FIRST_CHECKED_SCHEMA and journal.after is None:
        raise StoreDamage(journal_path, t("damage.journal_no_header"))
    follows = journal.continues
    if follows is None or follows <= base:
        return
    if snapshot is None:
        raise StoreDamage(snapshot_path, t("damage.snapshot_missing", seq=follows))
    raise StoreDamage(journal_path, t("damage.journal_gap", follows=follows, seq=base))
