"""The append-only journal: one line per acknowledged change, fsync'd before return.

A line is ``<crc32 hex> <json>\\n`` where the JSON is ``{"seq": n, "ops": [...]}``
and each op is ``{"t": table, "k": key, "d": document}`` (``"d": null`` deletes).
A batch of many ops is one line, so it lands whole or not at all.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from deskconsole.storage.files import fsync_dir, open_private

JOURNAL_NAME = "journal.jsonl"


@dataclass(frozen=True)
class Op:
    """Put ``doc`` under ``key`` in ``table``; ``doc=None`` removes the key."""

    table: str
    key: str
    doc: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {"t": self.table, "k": self.key, "d": self.doc}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Op:
        return cls(str(raw["t"]), str(raw["k"]), raw["d"])


@dataclass(frozen=True)
class Entry:
    """One journal line: its sequence number and its ops."""

    seq: int
    ops: list[Op]


class JournalDamage(Exception):
    """A line other than the last cannot be read."""

    def __init__(self, line_no: int, reason: str) -> None:
        super().__init__(f"line {line_no}: {reason}")
        self.line_no = line_no


def encode(entry: Entry) -> bytes:
    """One journal line for ``entry``."""
    body = orjson.dumps({"seq": entry.seq, "ops": [op.to_json() for op in entry.ops]})
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def _decode(line: bytes) -> Entry:
    if not line.endswith(b"\n"):
        raise ValueError("unfinished line")
    crc, _, body = line[:-1].partition(b" ")
    if len(crc) != 8 or int(crc, 16) != zlib.crc32(body):
        raise ValueError("checksum mismatch")
    raw = orjson.loads(body)
    return Entry(int(raw["seq"]), [Op.from_json(op) for op in raw["ops"]])


@dataclass
class ReadResult:
    """What reading a journal found."""

    entries: list[Entry]
    good_size: int
    torn_tail: bool


def read_journal(path: Path) -> ReadResult:
    """Read every entry; an unreadable *last* line is an unfinished write and is dropped.

    Raises :class:`JournalDamage` when a line before the last is unreadable.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadResult([], 0, False)
    entries: list[Entry] = []
    offset = 0
    lines = data.splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        try:
            entries.append(_decode(line))
        except (ValueError, KeyError, TypeError) as error:  # orjson's JSONDecodeError too
            if number == len(lines):
                return ReadResult(entries, offset, True)
            raise JournalDamage(number, str(error)) from None
        offset += len(line)
    return ReadResult(entries, offset, False)


class JournalWriter:
    """Appends entries durably; a failed append leaves the file as it was."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        created = not path.exists()
        self._fd = open_private(path, os.O_RDWR | os.O_CREAT)
        self._size = size
        if os.fstat(self._fd).st_size != size:
            os.ftruncate(self._fd, size)
            os.fsync(self._fd)
        if created:
            fsync_dir(path.parent)

    @property
    def size(self) -> int:
        """Bytes of acknowledged entries in the file."""
        return self._size

    def append(self, entry: Entry) -> None:
        """Write and fsync one entry; on any error, cut the file back and re-raise."""
        line = encode(entry)
        try:
            if os.fstat(self._fd).st_size != self._size:
                os.ftruncate(self._fd, self._size)
            written = 0
            while written < len(line):
                written += os.pwrite(self._fd, line[written:], self._size + written)
            os.fsync(self._fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._size)
            raise
        self._size += len(line)

    def reset(self) -> None:
        """Empty the journal (after its entries were written to a snapshot)."""
        os.ftruncate(self._fd, 0)
        os.fsync(self._fd)
        self._size = 0

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)


def iter_ops(entries: list[Entry], after_seq: int) -> Iterator[Op]:
    """The ops of entries newer than ``after_seq``, in order."""
    for entry in entries:
        if entry.seq > after_seq:
            yield from entry.ops
