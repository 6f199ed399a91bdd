"""``deskconsole check``: read a store without changing it and report on its health."""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ValidationError

from deskconsole.models import AuditEntry, Case, DeskSession, Resident, Settings, describe
from deskconsole.storage.backup import BackupInfo, newest_good_backup
from deskconsole.storage.errors import StoreError
from deskconsole.storage.files import ensure_private_dir, fsync_dir, write_atomic
from deskconsole.storage.journal import JOURNAL_NAME
from deskconsole.storage.lock import LOCK_NAME, StoreLock, _holder_text
from deskconsole.storage.snapshot import SNAPSHOT_NAME, SnapshotUnreadable, read_snapshot
from deskconsole.storage.store import Store

MODELS: dict[str, type[BaseModel]] = {
    "residents": Resident,
    "cases": Case,
    "sessions": DeskSession,
    "audit": AuditEntry,
}


@dataclass
class CheckReport:
    """What ``check`` found."""

    data_dir: Path
    counts: dict[str, int] = field(default_factory=dict)
    replayed: int = 0
    torn_tail: bool = False
    invalid: list[str] = field(default_factory=list)
    error: StoreError | None = None
    lock_holder: str | None = None
    backup: BackupInfo | None = None

    @property
    def ok(self) -> bool:
        """True when the store opens and every document is valid."""
        return self.error is None and not self.invalid


def lock_holder(data_dir: Path) -> str | None:
    """Who holds the store's lock right now, or ``None`` when it is free."""
    path = data_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _holder_text(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
    finally:
        os.close(fd)
    return None


def check_store(data_dir: Path) -> CheckReport:
    """Open the store read-only, validate every document, and look at the backups."""
    report = CheckReport(data_dir)
    report.lock_holder = lock_holder(data_dir)
    report.backup = newest_good_backup(data_dir)
    try:
        store = Store.open(data_dir, readonly=True)
    except StoreError as error:
        report.error = error
        return report
    report.replayed = store.replayed
    report.torn_tail = store.torn_tail
    for name, docs in sorted(store.db.dump().items()):
        report.counts[name] = len(docs)
        model = MODELS.get(name)
        for key, doc in docs.items():
            try:
                if model is not None:
                    instance = model.model_validate(doc)
                    expected = getattr(instance, "number", None) or getattr(instance, "id", key)
                    if expected != key:
                        report.invalid.append(f"{name}/{key}: stored under the wrong key")
                elif name == "meta" and key == "settings":
                    Settings.model_validate(doc)
            except ValidationError as error:
                detail = describe(error).replace("\n", "; ")
                report.invalid.append(f"{name}/{key}: {detail}")
    return report


def restore_backup(data_dir: Path, backup: Path | None, now: datetime) -> tuple[Path, Path]:
    """Replace the store with a backup; the damaged files are moved aside, never deleted.

    Returns ``(backup used, folder holding the old files)``.
    """
    lock = StoreLock(data_dir)
    lock.acquire()
    try:
        source = backup or (info.path if (info := newest_good_backup(data_dir)) else None)
        if source is None:
            raise StoreError("restore.no_backup", data_dir=str(data_dir))
        try:
            snapshot = read_snapshot(source)
        except SnapshotUnreadable as error:
            raise StoreError("restore.bad_backup", path=str(source), detail=str(error)) from None
        if snapshot is None:
            raise StoreError("restore.bad_backup", path=str(source), detail="not found")
        aside = data_dir / f"damaged-{now:%Y%m%d-%H%M%S}"
        ensure_private_dir(aside)
        for name in (SNAPSHOT_NAME, JOURNAL_NAME):
            if (data_dir / name).exists():
                os.replace(data_dir / name, aside / name)
        fsync_dir(data_dir)
        write_atomic(data_dir / SNAPSHOT_NAME, [source.read_bytes()])
        return source, aside
    except OSError as error:
        raise StoreError("restore.failed", detail=error.strerror or str(error)) from None
    finally:
        lock.release()
