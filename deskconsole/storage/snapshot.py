"""The snapshot file: the whole store as readable UTF-8 JSON, one document per line.

``{"format": "deskconsole-store", "schema": N, "seq": S, "saved_at": ..., "tables": {...},
"sha256": "..."}`` where ``seq`` is the last journal entry the snapshot contains and
``sha256`` (the fixed-size last line) is the checksum of every byte before that line,
so one changed byte anywhere is found. Schema 1 files (before the checksum) still read.
After a restore the header also holds ``supersedes_journal``: the checksum of the
journal the restore replaced, so that journal is ignored if it is still in place.
orjson parses and writes it: on a 50,000-case store several times faster than ``json``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from deskconsole.i18n import t
from deskconsole.storage.collector import collector_paused
from deskconsole.storage.files import read_bytes, write_atomic

FORMAT = "deskconsole-store"
SCHEMA_VERSION = 2
FIRST_CHECKED_SCHEMA = 2
SNAPSHOT_NAME = "store.json"
_TRAILER_HEAD = b',\n"sha256": "'
_TRAILER_TAIL = b'"}\n'
TRAILER_SIZE = len(_TRAILER_HEAD) + 64 + len(_TRAILER_TAIL)

Tables = dict[str, dict[str, dict[str, Any]]]

# Schema migrations: MIGRATIONS[n] turns schema-n tables into schema n+1, in place.
# Schema 2 only added the checksum and the journal header: the documents are unchanged.
MIGRATIONS: dict[int, Callable[[Tables], None]] = {1: lambda tables: None}


@dataclass
class Snapshot:
    """The contents of a snapshot file."""

    schema: int = SCHEMA_VERSION
    seq: int = 0
    saved_at: str = ""
    tables: Tables = field(default_factory=dict)
    supersedes_journal: str | None = None
    checksum: str = ""


class SnapshotUnreadable(Exception):
    """The file exists but is not a readable snapshot; the message says why."""


def read_snapshot(path: Path) -> Snapshot | None:
    """Read a snapshot; ``None`` when the file does not exist.

    Raises :class:`SnapshotUnreadable` for damage, ``OSError`` when it cannot be read.
    """
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        return None
    return parse_snapshot(data)


def parse_snapshot(data: bytes, lazy_from: Path | None = None) -> Snapshot:
    """Check and parse the bytes of a snapshot (raises :class:`SnapshotUnreadable`).

    With ``lazy_from`` (the file's path) a sealed snapshot's tables are left as bytes,
    each parsed when first used (:mod:`deskconsole.storage.lazy`): for a reader that
    needs a few of them."""
    if not data or data.isspace():
        raise SnapshotUnreadable(t("damage.snapshot_empty", size=len(data)))
    sealed = _has_trailer(data)
    checksum = _verify(data) if sealed else ""
    if lazy_from is not None and sealed:
        lazy = _lazy(data, lazy_from, checksum)
        if lazy is not None:
            return lazy
    try:
        with collector_paused():  # it would triple the time of the parse
            raw = _parse_in_batches(data) or orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise SnapshotUnreadable(_json_problem(data, error)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise SnapshotUnreadable(t("damage.snapshot_foreign"))
    try:
        schema, seq = int(raw["schema"]), int(raw["seq"])
    except (KeyError, TypeError, ValueError):
        raise SnapshotUnreadable(t("damage.snapshot_header")) from None
    if schema > SCHEMA_VERSION:
        return Snapshot(schema, seq)  # a newer format: refused by the caller, unchecked here
    if schema >= FIRST_CHECKED_SCHEMA and not sealed:
        raise SnapshotUnreadable(t("damage.snapshot_unsealed"))
    tables = raw.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(v, dict) for v in tables.values()):
        raise SnapshotUnreadable(t("damage.snapshot_tables"))
    return _built(raw, schema, seq, tables, checksum)


def _built(raw: dict[str, Any], schema: int, seq: int, tables: Tables, checksum: str) -> Snapshot:
    """The snapshot a checked header and its tables make."""
    supersedes = raw.get("supersedes_journal")
    return Snapshot(
        schema,
        seq,
        str(raw.get("saved_at", "")),
        tables,
        str(supersedes) if supersedes else None,
        checksum,
    )


def parse_snapshot_header(data: bytes) -> Snapshot | None:
    """The header of a sealed snapshot of the current schema whose checksum holds (no
    tables), for a reader that finds the tables it needs itself; ``None`` for any other
    snapshot (unsealed, laid out otherwise, of another schema, after a restore). Raises
    :class:`SnapshotUnreadable` when the checksum fails."""
    start = data.find(_TABLES_OPEN)
    if not data.startswith(b'{"format":') or start < 0 or not _has_trailer(data):
        return None
    checksum = _verify(data)
    try:
        raw = orjson.loads(data[:start] + b"}")
        schema, seq = int(raw["schema"]), int(raw["seq"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
    if raw.get("format") != FORMAT or schema != SCHEMA_VERSION or raw.get("supersedes_journal"):
        return None
    return _built(raw, schema, seq, {}, checksum)


def _lazy(data: bytes, path: Path, checksum: str) -> Snapshot | None:
    from deskconsole.storage.lazy import split_tables

    split = split_tables(data, path)
    if split is None:
        return None
    raw, tables = split
    if raw.get("format") != FORMAT:
        return None  # words its refusal when parsed whole
    try:
        schema, seq = int(raw["schema"]), int(raw["seq"])
    except (KeyError, TypeError, ValueError):
        return None
    if schema > SCHEMA_VERSION or schema < FIRST_CHECKED_SCHEMA:
        return None
    return _built(raw, schema, seq, tables, checksum)


_TABLES_OPEN = b',\n"tables": {\n'
BATCH_BYTES = 1 << 20


def _parse_in_batches(data: bytes) -> dict[str, Any] | None:
    """The snapshot as :func:`orjson.loads` reads it, parsed a megabyte of documents at a
    time so that other threads (the console drawing its screen) run between batches;
    ``None`` when the bytes are not laid out as :func:`snapshot_chunks` writes them (the
    caller then parses them whole, which also words any error)."""
    start = data.find(_TABLES_OPEN)
    if not data.startswith(b'{"format":') or start < 0 or not _has_trailer(data):
        return None
    try:
        raw = orjson.loads(data[:start] + b"}")
        tables: dict[str, dict[str, Any]] = {}
        end = len(data) - TRAILER_SIZE
        pos = start + len(_TABLES_OPEN)
        while pos < end and data.startswith(b'"', pos):
            head_end = data.index(b"\n", pos)
            head = data[pos:head_end]
            if not head.endswith(b": {"):
                return None
            docs: dict[str, Any] = {}
            tables[orjson.loads(head[:-3])] = docs
            pos = head_end + 1
            close = -1
            while close < 0:  # the documents, one per line, up to the table's "}" line
                limit = min(pos + BATCH_BYTES, end)
                close = data.find(b"\n}", pos - 1, limit + 2)  # only this batch is searched
                cut = close if close >= 0 else data.find(b"\n", limit, end)
                if cut < 0:
                    return None
                if data.startswith(b"}", cut + 1):
                    close = cut
                if cut > pos:
                    docs.update(orjson.loads(b"{" + data[pos:cut].rstrip(b",") + b"}"))
                pos = cut + 1
            pos = close + 2
            if data.startswith(b",\n", pos):
                pos += 2
            elif data.startswith(b"\n}", pos):
                pos += 2  # the end of the tables: the trailer must follow at once
                break
            else:
                return None
    except (orjson.JSONDecodeError, ValueError, TypeError):
        return None
    if not isinstance(raw, dict) or pos != end:
        return None
    raw["tables"] = tables
    return raw


def _has_trailer(data: bytes) -> bool:
    trailer = data[-TRAILER_SIZE:]
    return trailer.startswith(_TRAILER_HEAD) and trailer.endswith(_TRAILER_TAIL)


def _verify(data: bytes) -> str:
    body, trailer = memoryview(data)[:-TRAILER_SIZE], data[-TRAILER_SIZE:]  # no copy
    stored = trailer[len(_TRAILER_HEAD) : -len(_TRAILER_TAIL)].decode("ascii", "replace")
    actual = hashlib.sha256(body).hexdigest()
    if stored != actual:
        raise SnapshotUnreadable(t("damage.snapshot_checksum"))
    return actual


def _json_problem(data: bytes, error: orjson.JSONDecodeError) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as bad:
        return t("damage.snapshot_utf8", byte=bad.start)
    return t("damage.snapshot_json", line=error.lineno, column=error.colno, msg=error.msg)


def migrate(tables: Tables, schema: int) -> int:
    """Bring ``tables`` from ``schema`` up to :data:`SCHEMA_VERSION`; return the new schema."""
    while schema < SCHEMA_VERSION:
        MIGRATIONS[schema](tables)
        schema += 1
    return schema


def _body(tables: Tables, seq: int, supersedes_journal: str | None) -> Iterator[bytes]:
    dumps = orjson.dumps
    header: dict[str, Any] = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "seq": seq,
        "saved_at": datetime.now().isoformat(timespec="seconds"),
    }
    if supersedes_journal:
        header["supersedes_journal"] = supersedes_journal
    yield dumps(header)[:-1] + b',\n"tables": {'
    for t_index, (name, docs) in enumerate(sorted(tables.items())):
        yield (b"," if t_index else b"") + b"\n" + dumps(name) + b": {"
        yield b",".join(b"\n" + dumps(key) + b": " + dumps(doc) for key, doc in docs.items())
        yield b"\n}"
    yield b"\n}"


def snapshot_chunks(
    tables: Tables, seq: int, supersedes_journal: str | None = None
) -> Iterator[bytes]:
    """The bytes of a snapshot, in pieces, ending with the checksum line."""
    digest = hashlib.sha256()
    for chunk in _body(tables, seq, supersedes_journal):
        digest.update(chunk)
        yield chunk
    yield _TRAILER_HEAD + digest.hexdigest().encode("ascii") + _TRAILER_TAIL


FLUSH_EVERY = 1 << 20


def write_snapshot(
    path: Path, tables: Tables, seq: int, supersedes_journal: str | None = None
) -> None:
    """Write the whole store atomically (temp file, fsync, rename, directory fsync).

    Its writing out to disk starts every megabyte, so saves beside it never wait long.
    """
    write_atomic(path, snapshot_chunks(tables, seq, supersedes_journal), FLUSH_EVERY)
