"""The append-only journal: one line per acknowledged change, fsync'd before return.

Every line is ``<crc32 hex> <json>\\n``. The first line is the header ``{"after": S}``:
the journal continues a snapshot that holds entries up to ``S``. Each later line is
an entry ``{"seq": n, "ops": [...]}`` with ``n`` = the previous line's number + 1,
and each op is ``{"t": table, "k": key, "d": document}`` (``"d": null`` deletes).
A batch of many ops is one line, so it lands whole or not at all. An unfinished last
line (no newline) is a write a crash interrupted; any other unreadable line is damage.
Journals of schema 1 have no header; they still read.
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

from deskconsole.i18n import t
from deskconsole.storage.files import TEMP_SUFFIX, fsync_dir, open_private, write_all

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
    """A complete line cannot be read, or the lines do not follow each other."""

    def __init__(self, line_no: int, reason: str) -> None:
        super().__init__(t("damage.journal_line", line=line_no, reason=reason))
        self.line_no = line_no


def _line(body: bytes) -> bytes:
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def encode(entry: Entry) -> bytes:
    """One journal line for ``entry``."""
    return _line(orjson.dumps({"seq": entry.seq, "ops": [op.to_json() for op in entry.ops]}))


def encode_header(after: int) -> bytes:
    """The first line of a journal that continues a snapshot holding entries up to ``after``."""
    return _line(orjson.dumps({"after": after}))


def _decode(line: bytes) -> dict[str, Any]:
    crc, _, body = line[:-1].partition(b" ")
    try:
        good = len(crc) == 8 and int(crc, 16) == zlib.crc32(body)
    except ValueError:
        good = False
    if not good:
        raise ValueError(t("damage.line_checksum"))
    raw = orjson.loads(body)
    if not isinstance(raw, dict):
        raise ValueError(t("damage.line_shape"))
    return raw


@dataclass
class ParsedJournal:
    """What reading a journal found."""

    after: int | None
    entries: list[Entry]
    good_size: int
    torn_tail: bool

    @property
    def continues(self) -> int | None:
        """The snapshot entry this journal follows (``None``: it says nothing)."""
        if self.after is not None:
            return self.after
        return self.entries[0].seq - 1 if self.entries else None

    @property
    def last_seq(self) -> int | None:
        """The newest entry's number, else the header's."""
        return self.entries[-1].seq if self.entries else self.after


def parse_journal(data: bytes) -> ParsedJournal:
    """Read every line; an unfinished last line is dropped (``torn_tail``).

    Raises :class:`JournalDamage` for a complete line that is unreadable, a missing
    or misplaced header, or sequence numbers that do not follow one another.
    """
    parsed = ParsedJournal(None, [], 0, False)
    offset = 0
    expected: int | None = None
    *complete, tail = data.split(b"\n")
    parsed.torn_tail = bool(tail)  # an unfinished last line: a write a crash cut short
    for number, body in enumerate(complete, start=1):
        line = body + b"\n"
        try:
            raw = _decode(line)
            if "after" in raw:
                if number != 1:
                    raise ValueError(t("damage.header_misplaced"))
                parsed.after = int(raw["after"])
                expected = parsed.after + 1
            else:
                entry = Entry(int(raw["seq"]), [Op.from_json(op) for op in raw["ops"]])
                if expected is not None and entry.seq != expected:
                    later = complete[number:]
                    raise ValueError(_order_problem(entry.seq, expected, later))
                parsed.entries.append(entry)
                expected = entry.seq + 1
        except (ValueError, KeyError, TypeError) as error:  # orjson's JSONDecodeError too
            raise JournalDamage(number, str(error)) from None
        offset += len(line)
    parsed.good_size = offset
    return parsed


def _order_problem(seq: int, expected: int, later: list[bytes]) -> str:
    """Why entry ``seq`` stands where ``expected`` should: missing, or out of order."""
    if seq > expected and not any(_seq_of(body) == expected for body in later):
        return t("damage.line_gap", seq=seq, expected=expected)
    return t("damage.line_order", seq=seq, expected=expected)


def _seq_of(body: bytes) -> int | None:
    try:
        return int(_decode(body + b"\n")["seq"])
    except (ValueError, KeyError, TypeError):
        return None


class JournalWriter:
    """Appends entries durably; a failed append leaves the file as it was."""

    def __init__(self, path: Path, fd: int, size: int) -> None:
        self.path = path
        self._fd = fd
        self._size = size

    @classmethod
    def open(cls, path: Path, good_size: int) -> JournalWriter:
        """Append to an existing journal, cutting an unfinished last line."""
        fd = os.open(path, os.O_RDWR)
        try:
            if os.fstat(fd).st_size != good_size:
                os.ftruncate(fd, good_size)
                os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd, good_size)

    @classmethod
    def create(cls, path: Path, after: int, carried: bytes = b"") -> JournalWriter:
        """Put a new journal in place atomically: the header, then ``carried`` lines."""
        temp = path.with_name(path.name + TEMP_SUFFIX)
        content = encode_header(after) + carried
        fd = open_private(temp, os.O_RDWR | os.O_CREAT | os.O_TRUNC)
        try:
            write_all(fd, content)
            os.fsync(fd)
            os.replace(temp, path)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        writer = cls(path, fd, len(content))
        try:
            fsync_dir(path.parent)
        except BaseException:
            writer.close()
            raise
        return writer

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
        except BaseException:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._size)
            raise
        self._size += len(line)

    def read_from(self, offset: int) -> bytes:
        """The acknowledged bytes from ``offset`` to the end."""
        parts = []
        while offset < self._size:
            part = os.pread(self._fd, self._size - offset, offset)
            if not part:
                break
            parts.append(part)
            offset += len(part)
        return b"".join(parts)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)


def iter_ops(entries: list[Entry], after_seq: int) -> Iterator[Op]:
    """The ops of entries newer than ``after_seq``, in order."""
    for entry in entries:
        if entry.seq > after_seq:
            yield from entry.ops
