"""Durable file primitives: private files, fsync, atomic replace."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) with mode 0700 if it does not exist."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)


def fsync_dir(path: Path) -> None:
    """Make a directory entry change (create, rename) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_private(path: Path, flags: int) -> int:
    """``os.open`` a file so that a newly created one has mode 0600."""
    return os.open(path, flags, PRIVATE_FILE)


def write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Write bytes to ``path`` atomically: temp file, fsync, rename, directory fsync.

    On failure the temp file is removed and ``path`` is untouched.
    """
    temp = path.with_name(path.name + TEMP_SUFFIX)
    fd = open_private(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def remove_stale_temps(directory: Path) -> list[Path]:
    """Delete temp files left by a write that was interrupted; return what was removed."""
    removed = []
    for temp in directory.glob(f"*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            temp.unlink()
            removed.append(temp)
    return removed
