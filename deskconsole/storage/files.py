"""Durable file primitives: private files, fsync, atomic replace, whole-file reads.

Everything here goes through the ``os`` functions (``os.open``, ``os.write``,
``os.fsync``, ``os.replace`` ...) so that each file-system call can be failed or
interrupted on purpose by the fault-injection tests.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
TEMP_SUFFIX = ".tmp"
_WRITE_BLOCK = 1 << 20


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) with mode 0700 if it does not exist."""
    if not path.is_dir():
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


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` at the file position of ``fd``."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_fd(fd: int) -> bytes:
    """Everything from the current position of ``fd`` to the end (a regular file in one
    read, so a large one is never copied again while the interpreter's lock is held)."""
    parts: list[bytes] = []
    left = os.fstat(fd).st_size - os.lseek(fd, 0, os.SEEK_CUR)
    while True:
        part = os.read(fd, max(left, _WRITE_BLOCK))
        left = 0
        if not part:
            return b"".join(parts)
        parts.append(part)


def read_bytes(path: Path) -> bytes:
    """The whole file (raises ``FileNotFoundError`` when it does not exist)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        return read_fd(fd)
    finally:
        os.close(fd)


def _blocks(chunks: Iterable[bytes]) -> Iterable[bytes]:
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= _WRITE_BLOCK:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def _start_writeback(fd: int) -> None:
    """Ask the kernel to start writing ``fd``'s dirty pages now (Linux; elsewhere a no-op)."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        with contextlib.suppress(OSError):
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def write_atomic(path: Path, chunks: Iterable[bytes], flush_every: int = 0) -> None:
    """Write bytes to ``path`` atomically: temp file, fsync, rename, directory fsync.

    With ``flush_every``, writing the data out to disk is started after each that many
    bytes (without waiting for it), so a large file never leaves so much unwritten
    that a save's fsync beside it has to wait for all of it. On failure the temp file
    is removed and ``path`` is untouched.
    """
    temp = path.with_name(path.name + TEMP_SUFFIX)
    fd = open_private(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        try:
            unflushed = 0
            for block in _blocks(chunks):
                write_all(fd, block)
                unflushed += len(block)
                if flush_every and unflushed >= flush_every:
                    _start_writeback(fd)
                    unflushed = 0
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def remove_stale_temps(directory: Path) -> list[Path]:
    """Delete temp files left by a write that was interrupted; return what was removed."""
    removed = []
    for temp in directory.glob(f"*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            os.unlink(temp)
            removed.append(temp)
    return removed
