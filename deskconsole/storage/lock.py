"""One process owns a store for writing: an ``flock`` held on the data directory itself.

The directory cannot be deleted or swapped while it holds the store, so removing the
lock file never lets a second writer in. ``store.lock`` is locked too (older versions
lock only that file) and records who holds the store. The kernel releases both locks
when the process dies, so a lock left by a killed process never blocks the next start.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
import socket
import time
from datetime import datetime
from pathlib import Path

from deskconsole.i18n import t
from deskconsole.storage.errors import StoreLockedError, StoreOpenError
from deskconsole.storage.files import open_private

LOCK_NAME = "store.lock"
_ATTEMPTS = 5  # a reader probing the lock holds it for microseconds: try again briefly
_PAUSE = 0.02


def holder_text(raw: str) -> str | None:
    """The holder recorded in a lock file, as a phrase, or ``None`` when unreadable."""
    try:
        info = json.loads(raw)
        return t(
            "store.holder",
            pid=info["pid"],
            user=info.get("user", "?"),
            host=info.get("host", "?"),
            since=info.get("since", "?"),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _holder_from_kernel(path: Path) -> str | None:
    """The pid holding an ``flock`` on ``path``, from ``/proc/locks`` (Linux)."""
    try:
        stat = os.stat(path)
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            lines = locks.read().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if (
            len(fields) > 5
            and fields[1:4:2] == ["FLOCK", "WRITE"]
            and fields[5].endswith(f":{stat.st_ino}")
        ):
            return t("store.holder_pid", pid=fields[4])
    return None


def describe_holder(data_dir: Path) -> str:
    """Who holds the store in ``data_dir``, as well as it can be told."""
    try:
        fd = os.open(data_dir / LOCK_NAME, os.O_RDONLY)
        try:
            raw = os.pread(fd, 4096, 0).decode("utf-8", "replace")
        finally:
            os.close(fd)
    except OSError:
        raw = ""
    return holder_text(raw) or _holder_from_kernel(data_dir) or t("store.holder_unknown")


def _try_flock(fd: int, mode: int) -> bool:
    for attempt in range(_ATTEMPTS):
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if attempt + 1 < _ATTEMPTS:
                time.sleep(_PAUSE)
    return False


class StoreLock:
    """An exclusive lock on a data directory, held until :meth:`release`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._dir_fd: int | None = None
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`StoreLockedError` naming the holder."""
        try:
            dir_fd = os.open(self.data_dir, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as error:
            raise StoreOpenError.of(self.data_dir, error) from None
        if not _try_flock(dir_fd, fcntl.LOCK_EX):
            os.close(dir_fd)
            raise StoreLockedError(self.data_dir, describe_holder(self.data_dir))
        try:
            fd = open_private(self.path, os.O_RDWR | os.O_CREAT)
        except OSError as error:
            os.close(dir_fd)
            raise StoreOpenError.of(self.path, error) from None
        if not _try_flock(fd, fcntl.LOCK_EX):
            os.close(fd)
            os.close(dir_fd)
            raise StoreLockedError(self.data_dir, describe_holder(self.data_dir))
        self._dir_fd, self._fd = dir_fd, fd
        info = {
            "pid": os.getpid(),
            "user": _user(),
            "host": socket.gethostname(),
            "since": datetime.now().isoformat(timespec="seconds"),
        }
        # Who holds the lock is only information: failing to record it changes nothing.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)

    def release(self) -> None:
        """Give the lock up (also happens when the process exits)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing releases the flock
            self._fd = None
        if self._dir_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._dir_fd)
            self._dir_fd = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None


def lock_holder(data_dir: Path) -> str | None:
    """Who holds the store's lock right now, or ``None`` when it is free."""
    for path, flags in ((data_dir, os.O_DIRECTORY), (data_dir / LOCK_NAME, 0)):
        try:
            fd = os.open(path, os.O_RDONLY | flags)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return describe_holder(data_dir)
        finally:
            os.close(fd)
    return None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
