"""One process owns a store for writing: an ``flock`` on a lock file.

The kernel releases the lock when the process dies, so a lock left by a killed
process never blocks the next start. The file records who holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
import socket
from datetime import datetime
from pathlib import Path

from deskconsole.storage.errors import StoreLockedError
from deskconsole.storage.files import open_private

LOCK_NAME = "store.lock"


def _holder_text(raw: str) -> str:
    try:
        info = json.loads(raw)
        return (
            f"pid {info['pid']} ({info.get('user', '?')}@{info.get('host', '?')}, "
            f"since {info.get('since', '?')})"
        )
    except (ValueError, KeyError, TypeError):
        return "another process"


class StoreLock:
    """An exclusive lock on a data directory, held until :meth:`release`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`StoreLockedError` naming the holder."""
        fd = open_private(self.path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raw = os.pread(fd, 4096, 0).decode("utf-8", "replace")
            os.close(fd)
            raise StoreLockedError(self.data_dir, _holder_text(raw)) from None
        info = {
            "pid": os.getpid(),
            "user": _user(),
            "host": socket.gethostname(),
            "since": datetime.now().isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Give the lock up (also happens when the process exits)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
