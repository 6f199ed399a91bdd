"""Rotated backups: gzip-compressed snapshots in ``<data dir>/backups``, newest first.

``store-YYYYmmdd-HHMMSS.json.gz`` holds a snapshot (with its checksum) compressed;
uncompressed ``store-*.json`` backups of older versions are still listed and read.
A backup dated in the future (the clock was once wrong) is listed after the others
and never makes rotation delete the backup just written.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from deskconsole.i18n import t
from deskconsole.storage.files import ensure_private_dir, read_bytes, write_atomic
from deskconsole.storage.snapshot import (
    Snapshot,
    SnapshotUnreadable,
    Tables,
    parse_snapshot,
    snapshot_chunks,
)

BACKUP_DIR = "backups"
_PREFIX = "store-"
_STAMP = "%Y%m%d-%H%M%S"
_SUFFIXES = (".json.gz", ".json")
_GZIP = 16 + zlib.MAX_WBITS  # zlib's wbits for a gzip header and trailer
_SLACK = timedelta(minutes=5)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and when it was taken."""

    path: Path
    taken_at: datetime


def backup_dir(data_dir: Path) -> Path:
    """Where backups of the store in ``data_dir`` live."""
    return data_dir / BACKUP_DIR


def _taken_at(path: Path) -> datetime | None:
    for suffix in _SUFFIXES:
        if path.name.startswith(_PREFIX) and path.name.endswith(suffix):
            with contextlib.suppress(ValueError):
                return datetime.strptime(path.name[len(_PREFIX) : -len(suffix)], _STAMP)
    return None


def list_backups(data_dir: Path, now: datetime | None = None) -> list[BackupInfo]:
    """All backups, newest first; those dated after ``now`` come last."""
    found = []
    for path in backup_dir(data_dir).glob(f"{_PREFIX}*"):
        taken_at = _taken_at(path)
        if taken_at is not None:
            found.append(BackupInfo(path, taken_at))
    limit = (now or datetime.now()) + _SLACK
    return sorted(found, key=lambda b: (b.taken_at <= limit, b.taken_at), reverse=True)


def read_backup(path: Path) -> Snapshot:
    """The snapshot in a backup file (raises :class:`SnapshotUnreadable` or ``OSError``)."""
    data = read_bytes(path)
    if path.name.endswith(".gz"):
        try:
            inflater = zlib.decompressobj(_GZIP)
            data = inflater.decompress(data) + inflater.flush()
        except zlib.error as error:
            raise SnapshotUnreadable(t("damage.backup_gzip", error=str(error))) from None
        if not inflater.eof:
            raise SnapshotUnreadable(t("damage.backup_cut"))
    return parse_snapshot(data)


def newest_good_backup(data_dir: Path, now: datetime | None = None) -> BackupInfo | None:
    """The newest backup that reads as a complete store."""
    for info in list_backups(data_dir, now):
        try:
            read_backup(info.path)
        except (SnapshotUnreadable, OSError):
            continue
        return info
    return None


def backup_due(data_dir: Path, now: datetime) -> bool:
    """True when there is no backup from the last 24 hours (future-dated ones don't count)."""
    recent = [b for b in list_backups(data_dir, now) if b.taken_at <= now + _SLACK]
    return not recent or now - recent[0].taken_at >= timedelta(days=1)


def _compressed(chunks: Iterable[bytes]) -> Iterator[bytes]:
    deflater = zlib.compressobj(6, zlib.DEFLATED, _GZIP)
    for chunk in chunks:
        out = deflater.compress(chunk)
        if out:
            yield out
    yield deflater.flush()


def write_backup(data_dir: Path, tables: Tables, seq: int, now: datetime, keep: int) -> Path:
    """Write a compressed backup of ``tables``; keep it and the newest ``keep - 1`` others."""
    return write_backup_of(data_dir, snapshot_chunks(tables, seq), now, keep)


def file_chunks(fd: int, size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of an open file from its start, a megabyte at a time; closes it."""
    try:
        offset = 0
        while chunk := os.pread(fd, size, offset):
            offset += len(chunk)
            yield chunk
    finally:
        os.close(fd)


def write_backup_of(data_dir: Path, snapshot: Iterable[bytes], now: datetime, keep: int) -> Path:
    """Write the bytes of a snapshot compressed as a backup; keep it and the newest
    ``keep - 1`` others. (Copying a snapshot file leaves the processor to the console:
    reading, compressing and writing release the interpreter's lock.)"""
    directory = backup_dir(data_dir)
    ensure_private_dir(directory)
    path = directory / f"{_PREFIX}{now.strftime(_STAMP)}{_SUFFIXES[0]}"
    write_atomic(path, _compressed(snapshot))
    others = [b for b in list_backups(data_dir, now) if b.path != path]
    for old in others[max(keep - 1, 0) :]:
        with contextlib.suppress(OSError):
            os.unlink(old.path)
    return path
