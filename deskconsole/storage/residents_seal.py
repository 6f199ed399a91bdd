"""Which residents a store holds, told from its files before they are read in.

The console keeps its resident index beside the store (``domain/search_cache.py``) and
may answer from it while the store is still being read, when the files show that the
residents are the ones the index was made from. :func:`residents_seal` is a digest of
the residents table as the snapshot lays it out (``snapshot_chunks``: one
``"key": {...}`` line per document); :func:`seal_of_files` finds the same digest in the
files, without parsing them, only when opening would hold exactly the snapshot's
residents: a snapshot of the current schema, laid out as ``snapshot_chunks`` writes it,
and a journal that names no resident. Anything else (a journal that touches residents,
an older schema, another layout) is ``None``: the caller waits for the store. The
snapshot's checksum is checked when the store is read, which ends the console if it
fails. :func:`ledger_seal` digests the erasure ledger, which opening may replay onto
the residents. :func:`residents_of_files` reads the residents alone (the snapshot
checked, only its residents table parsed, the journal's changes laid over it), for an
index built before the rest of the store is read.
"""

from __future__ import annotations

import hashlib
import mmap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from deskconsole.storage.erasures import ledger_path
from deskconsole.storage.files import read_bytes
from deskconsole.storage.journal import JOURNAL_NAME, JournalDamage, iter_ops, parse_journal
from deskconsole.storage.snapshot import (
    SCHEMA_VERSION,
    SNAPSHOT_NAME,
    SnapshotUnreadable,
    parse_snapshot_header,
)

TABLE = "residents"
#: Any journal line that changes a resident names the table like this (``{"t":"residents"``);
#: a journal holding it anywhere, even in a value, is taken to change residents.
_NAMED = orjson.dumps(TABLE)
_TABLES_OPEN = b',\n"tables": {\n'
_HEAD = b"\n" + _NAMED + b": {\n"


def residents_seal(docs: Iterable[Mapping[str, Any]]) -> bytes:
    """The digest of these resident documents (in the store's order, keyed by their id)
    as the snapshot writes them."""
    dumps = orjson.dumps
    lines = b",".join(b"\n" + dumps(doc["id"]) + b": " + dumps(doc) for doc in docs)
    return hashlib.sha256(lines).digest()


def seal_of_files(data_dir: Path) -> bytes | None:
    """The digest :func:`residents_seal` gives of the residents the store in
    ``data_dir`` will hold once opened (before its erasure ledger is replayed), read
    from its files; ``None`` when the files cannot tell it cheaply, or not at all.

    The snapshot is mapped, not read: only its header and its residents table (found
    from the end, where it lies, the tables being in name order) are looked at."""
    try:
        if _NAMED in read_bytes(data_dir / JOURNAL_NAME):
            return None
        with open(data_dir / SNAPSHOT_NAME, "rb") as file, _mapped(file) as data:
            return _residents_digest(data)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None


def _residents_digest(data: mmap.mmap) -> bytes | None:
    span = _residents_span(data)
    if span is None:
        return None
    with memoryview(data) as view:
        return hashlib.sha256(view[span[0] : span[1]]).digest()


def _residents_span(data: mmap.mmap | bytes) -> tuple[int, int] | None:
    """Where the residents' lines lie in a snapshot of the current schema."""
    tables_at = data.find(_TABLES_OPEN)
    if data[:10] != b'{"format":' or tables_at < 0:
        return None
    try:
        header = orjson.loads(data[:tables_at] + b"}")
    except orjson.JSONDecodeError:
        return None
    if not isinstance(header, dict) or header.get("schema") != SCHEMA_VERSION:
        return None
    head = data.rfind(_HEAD, tables_at)  # no document line ends with "{" (compact JSON)
    if head < 0:
        return None
    start = head + len(_HEAD) - 1  # the newline before the first document
    end = data.find(b"\n}", start)  # no document line starts with "}"
    return (start, end) if end >= 0 else None


def _mapped(file: BinaryIO) -> mmap.mmap:
    return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def ledger_seal(data_dir: Path) -> bytes | None:
    """A digest of the erasure ledger as it is now (a missing ledger: of no bytes;
    ``None`` when it cannot be read)."""
    try:
        data = read_bytes(ledger_path(data_dir))
    except FileNotFoundError:
        data = b""
    except OSError:
        return None
    return hashlib.sha256(data).digest()


def residents_of_files(data_dir: Path) -> list[dict[str, Any]] | None:
    """The resident documents the store in ``data_dir`` will hold once opened (before
    its erasure ledger is replayed), in the store's order: the sealed snapshot checked,
    only its residents table parsed, the journal's changes laid over it as opening lays
    them. ``None`` when the files cannot tell it cheaply (another schema or layout, a
    journal that does not follow the snapshot, damage: opening then says what is wrong)."""
    try:
        data = read_bytes(data_dir / SNAPSHOT_NAME)
        journal = parse_journal(read_bytes(data_dir / JOURNAL_NAME))
        snapshot = parse_snapshot_header(data)
    except (OSError, ValueError, JournalDamage, SnapshotUnreadable):
        return None
    span = _residents_span(data)
    if snapshot is None or span is None or journal.after != snapshot.seq:
        return None
    try:
        docs: dict[str, dict[str, Any]] = orjson.loads(b"{" + data[span[0] : span[1]] + b"}")
    except orjson.JSONDecodeError:
        return None
    for op in iter_ops(journal.entries, snapshot.seq):
        if op.table != TABLE:
            continue
        if op.doc is None:
            docs.pop(op.key, None)
        else:
            docs[op.key] = op.doc
    return list(docs.values())
