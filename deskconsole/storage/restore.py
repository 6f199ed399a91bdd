"""``deskconsole restore``: put a backup in place of a damaged store, atomically.

The current files are first linked (or copied) into ``damaged-<time>/``; the restored
snapshot is written and fsync'd beside them and renamed over ``store.json`` in one
step. It records the checksum of the journal it replaces, so until a writer starts a
new journal that old one is ignored: a kill or a full disk at any moment leaves either
the old store or the restored one. Entries of an intact journal newer than the backup
are kept (replayed onto it).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from deskconsole.storage.archive_files import complete_years, year_path
from deskconsole.storage.backup import newest_good_backup, read_backup
from deskconsole.storage.case_archive import archived_numbers
from deskconsole.storage.errors import StoreError, StoreTooNewError, file_of, reason_of
from deskconsole.storage.files import ensure_private_dir, fsync_dir, read_bytes, write_atomic
from deskconsole.storage.journal import JOURNAL_NAME, JournalDamage, JournalWriter, parse_journal
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
from deskconsole.storage.state import journal_checksum


@dataclass(frozen=True)
class Restored:
    """What a restore did."""

    backup: Path
    aside: Path
    replayed: int
    #: Archived cases, by year, that neither the archive file nor any backed-up version
    #: of it holds (named by ``check`` until found).
    archive_lost: dict[str, int] = field(default_factory=dict)


def restore_backup(data_dir: Path, backup: Path | None, now: datetime) -> Restored:
    """Replace the store with a backup; the old files are kept aside, never deleted."""
    try:
        ensure_private_dir(data_dir)  # restoring onto a new laptop: the folder may be new
    except OSError as error:
        raise _failed(data_dir, error) from None
    lock = StoreLock(data_dir)
    lock.acquire()
    try:
        return _restore(data_dir, backup, now)
    finally:
        lock.release()


def _restore(data_dir: Path, backup: Path | None, now: datetime) -> Restored:
    source = backup or (info.path if (info := newest_good_backup(data_dir, now)) else None)
    if source is None:
        raise StoreError("restore.no_backup", data_dir=str(data_dir))
    try:
        snapshot = read_backup(source)
    except SnapshotUnreadable as error:
        raise StoreError("restore.bad_backup", path=str(source), detail=str(error)) from None
    except OSError as error:
        raise StoreError("restore.bad_backup", path=str(source), detail=reason_of(error)) from None
    if snapshot.schema > SCHEMA_VERSION:
        raise StoreTooNewError(source, snapshot.schema, SCHEMA_VERSION)
    snapshot_path, journal_path = data_dir / SNAPSHOT_NAME, data_dir / JOURNAL_NAME
    try:
        old_journal = read_bytes(journal_path)
    except FileNotFoundError:
        old_journal = None
    except OSError as error:
        raise _failed(journal_path, error) from None
    tables = snapshot.tables
    migrate(tables, snapshot.schema)
    seq, replayed = _replay_newer(tables, snapshot.seq, old_journal)
    marker = journal_checksum(old_journal or b"")
    aside = _aside_dir(data_dir, now)
    wanted = archived_numbers(tables)
    try:
        years = [year_path(data_dir, year) for year in sorted(wanted)]
        _keep_aside(aside, [snapshot_path, journal_path, *years])
        # First the archive files: each then holds what the store before the restore
        # lists and what the restored one does, so a kill at any moment loses nothing.
        lost = complete_years(data_dir, wanted)
        write_snapshot(snapshot_path, tables, seq, supersedes_journal=marker)
    except OSError as error:
        if not _landed(snapshot_path, marker, seq):
            _forget_aside(aside)
            raise _failed(snapshot_path, error) from None
    # Restored. A new journal is tidier; if it cannot be written the old one stays ignored.
    with contextlib.suppress(OSError):
        JournalWriter.create(journal_path, seq).close()
    return Restored(source, aside, replayed, lost)


def _failed(path: Path, error: OSError) -> StoreError:
    return StoreError("restore.failed", path=str(file_of(error, path)), reason=reason_of(error))


def _replay_newer(tables: Tables, seq: int, journal: bytes | None) -> tuple[int, int]:
    """Apply the entries of an intact journal newer than ``seq``; (new seq, entries)."""
    if not journal:
        return seq, 0
    try:
        parsed = parse_journal(journal)
    except JournalDamage:
        return seq, 0  # a damaged journal is only kept aside
    replayed = 0
    for entry in parsed.entries:
        if entry.seq > seq:
            for op in entry.ops:
                table = tables.setdefault(op.table, {})
                if op.doc is None:
                    table.pop(op.key, None)
                else:
                    table[op.key] = op.doc
            seq = entry.seq
            replayed += 1
    return seq, replayed


def _aside_dir(data_dir: Path, now: datetime) -> Path:
    base = data_dir / f"damaged-{now:%Y%m%d-%H%M%S}"
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def _keep_aside(aside: Path, paths: list[Path]) -> None:
    """Hard-link (or, where links are not possible, copy) each existing file into ``aside``."""
    ensure_private_dir(aside)
    for path in paths:
        if not path.exists():
            continue
        try:
            os.link(path, aside / path.name)
        except OSError:
            write_atomic(aside / path.name, [read_bytes(path)])
    fsync_dir(aside)
    fsync_dir(aside.parent)


def _forget_aside(aside: Path) -> None:
    """Remove an aside folder whose files are all still in place (links or copies)."""
    with contextlib.suppress(OSError):
        for entry in aside.iterdir():
            os.unlink(entry)
        os.rmdir(aside)


def _landed(snapshot_path: Path, marker: str, seq: int) -> bool:
    """True when the restored snapshot is in place (an error came after the rename)."""
    try:
        current = read_snapshot(snapshot_path)
    except (SnapshotUnreadable, OSError):
        return False
    return current is not None and current.supersedes_journal == marker and current.seq == seq
