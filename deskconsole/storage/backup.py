"""Rotated backups: full snapshots in ``<data dir>/backups``, newest first."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from deskconsole.storage.files import ensure_private_dir
from deskconsole.storage.snapshot import SnapshotUnreadable, Tables, read_snapshot, write_snapshot

BACKUP_DIR = "backups"
_PREFIX = "store-"
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and when it was taken."""

    path: Path
    taken_at: datetime


def backup_dir(data_dir: Path) -> Path:
    """Where backups of the store in ``data_dir`` live."""
    return data_dir / BACKUP_DIR


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """All backups, newest first."""
    found = []
    for path in backup_dir(data_dir).glob(f"{_PREFIX}*.json"):
        with contextlib.suppress(ValueError):
            found.append(BackupInfo(path, datetime.strptime(path.stem[len(_PREFIX) :], _STAMP)))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup that reads as a complete store."""
    for info in list_backups(data_dir):
        try:
            if read_snapshot(info.path) is not None:
                return info
        except SnapshotUnreadable:
            continue
    return None


def backup_due(data_dir: Path, now: datetime) -> bool:
    """True when there is no backup from the last 24 hours."""
    backups = list_backups(data_dir)
    return not backups or now - backups[0].taken_at >= timedelta(days=1)


def write_backup(data_dir: Path, tables: Tables, seq: int, now: datetime, keep: int) -> Path:
    """Write a backup of ``tables`` and delete all but the newest ``keep``."""
    directory = backup_dir(data_dir)
    ensure_private_dir(directory)
    stamp = now.strftime(_STAMP)
    path = directory / f"{_PREFIX}{stamp}.json"
    write_snapshot(path, tables, seq)
    for old in list_backups(data_dir)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return path
