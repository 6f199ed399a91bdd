"""The resident index kept in a file beside the store, so that a console's next start
loads it instead of building it again (a second at 50,000 residents).

Nothing in the file is trusted. It is used only when its own checksum holds and one of
its two fingerprints is the one of what the index would be built from now:

- every resident document as the store holds it, in order, and the code and data that
  turn documents into the index (the search, pinyin and name-matching modules,
  pypinyin's version, Python's): checked once the store is read (:func:`load`);
- the same code, the residents as the store's files hold them and the erasure ledger
  (``storage/residents_seal.py``): checked *before* the store is read (:func:`load_early`),
  so Lookup answers while the store is still being read. The files tell it only when
  opening will hold exactly the snapshot's residents (a journal that names no resident)
  and the ledger, which opening replays, is the one the index was written beside.
  Such an index has no documents and no case counts until :func:`attach` gives it the
  store's, once read, after checking the first fingerprint too.

With no file to use, :func:`build_early` builds the index of the residents the store's
files hold, before the rest is read; :func:`attach` then checks that the store's
documents are the ones it was built of.

Anything else (another store's file, a resident changed by a command, a damaged or cut
file, a newer program) is ignored, and the index is built and written again. The file
is the owner's alone (``0600``), and the store removes it before any commit that
changes a resident (``Store.search_cache``), so an erased person does not linger in it.

It is written in pieces (one block of residents at a time) from a thread of its own,
so the console keeps drawing and searching meanwhile.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson

from deskconsole.domain import name_match, pinyin, search
from deskconsole.domain.search import OpenCaseCounts, ResidentIndex, _Block, _Entry, _Lines
from deskconsole.storage.files import (
    TEMP_SUFFIX,
    fsync_dir,
    open_private,
    read_bytes,
    write_all,
)
from deskconsole.storage.residents_seal import residents_seal

MAGIC = b"deskconsole-search-index 2\n"
_DIGEST = 32
_NO_KEY = bytes(_DIGEST)  # written when the ledger could not be read: matches nothing
_FIELDS = (
    "id",
    "name",
    "gender",
    "compound",
    "building",
    "unit",
    "room",
    "phones",
    "id_number",
    "addr_line",
    "key",
)


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """What turns documents into an index: these modules' source, pypinyin, Python."""
    digest = hashlib.sha256(MAGIC)
    for module in (search, pinyin, name_match):
        digest.update(read_bytes(Path(str(module.__file__))))
    # Its version, without importing it: its dictionaries take half a second to load.
    digest.update(metadata.version("pypinyin").encode())
    digest.update(f"{sys.version_info[:3]} {marshal.version}".encode())
    return digest.digest()


def fingerprint(docs: Sequence[Mapping[str, Any]]) -> bytes:
    """The fingerprint of an index of ``docs`` (in this order) made by this program."""
    digest = hashlib.sha256(_code_digest())
    digest.update(orjson.dumps(docs))
    return digest.digest()


def early_key(residents: bytes, ledger: bytes) -> bytes:
    """The fingerprint of an index made by this program of the residents whose
    ``residents_seal`` is ``residents``, beside the erasure ledger sealed ``ledger``."""
    return hashlib.sha256(_code_digest() + b"early" + residents + ledger).digest()


# -- writing ----------------------------------------------------------------------------


def _pieces(index: ResidentIndex, docs: Sequence[Mapping[str, Any]]) -> Iterator[bytes]:
    """The index as marshalled pieces: one per block (its residents and its lines), each
    taken under the index's lock (a search waits for one block at most)."""
    position = {id(doc): n for n, doc in enumerate(docs)}
    for block in list(index._blocks):
        with index._lock:
            lines = block._lines if block._lines is not None else block._build()
            entries = [
                (position[id(e.doc)], *(getattr(e, name) for name in _FIELDS), _phone(e))
                for e in block.entries
            ]
            flat = {kind: _lines_state(found) for kind, found in lines.items()}
            groups = {
                kind: {second: _lines_state(found) for second, found in group.items()}
                for kind, group in block._syllables.items()
            }
        piece = marshal.dumps((entries, flat, groups))
        yield len(piece).to_bytes(8, "little") + piece


def _phone(entry: _Entry) -> str:
    """The first phone as stored (the row shows it masked, before the store is read)."""
    phones = entry.doc.get("phones") or ()
    return str(phones[0]) if phones else ""


def _lines_state(lines: _Lines) -> tuple[str, bytes, bytes]:
    return lines.blob, lines.owners.tobytes(), lines.starts.tobytes()


def write(
    path: Path,
    index: ResidentIndex,
    docs: Sequence[Mapping[str, Any]],
    still_valid: Callable[[], bool] = lambda: True,
    guard: Callable[[], AbstractContextManager[object]] = nullcontext,
    ledger: Callable[[], bytes | None] = lambda: None,
) -> bool:
    """Write ``index``, built from ``docs`` (the very list), to ``path``: a private temp
    file, fsync'd, put in place inside ``guard()`` (the store held still) only if
    ``still_valid()`` (no resident changed since the build) says so then, and while
    writing, and the erasure ledger's seal (``ledger()``) is still the one written in
    the early fingerprint (``None``: the file gets none). Returns whether it was put
    in place; raises ``OSError``."""
    known = marshal.dumps(tuple(sorted(pinyin.syllables())))
    pieces = [len(known).to_bytes(8, "little") + known]  # queries need no pypinyin then
    try:
        for piece in _pieces(index, docs):
            if not still_valid():
                return False
            pieces.append(piece)
    except KeyError:  # a resident changed in the index meanwhile: no longer what docs give
        return False
    payload = b"".join(pieces)
    ledger_now = ledger()
    early = _NO_KEY if ledger_now is None else early_key(residents_seal(docs), ledger_now)
    header = MAGIC + fingerprint(docs) + early + hashlib.sha256(payload).digest()
    temp = path.with_name(path.name + TEMP_SUFFIX)
    fd = open_private(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    placed = False
    try:
        try:
            write_all(fd, header + payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        with guard():
            if still_valid() and ledger() == ledger_now:
                os.replace(temp, path)
                placed = True
    finally:
        if not placed:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    if placed:
        fsync_dir(path.parent)
    return placed


# -- reading ----------------------------------------------------------------------------


def _checked(path: Path) -> tuple[bytes, bytes, memoryview] | None:
    """The file's two fingerprints and its payload, when its checksum holds."""
    try:
        data = read_bytes(path)
    except OSError:
        return None
    start = len(MAGIC) + 3 * _DIGEST
    if len(data) < start or not data.startswith(MAGIC):
        return None
    head = data[len(MAGIC) : start]
    payload = memoryview(data)[start:]
    if hashlib.sha256(payload).digest() != head[2 * _DIGEST :]:
        return None
    return head[:_DIGEST], head[_DIGEST : 2 * _DIGEST], payload


def load(
    path: Path, docs: Sequence[Mapping[str, Any]], cases: Sequence[Mapping[str, Any]] = ()
) -> ResidentIndex | None:
    """The index kept in ``path`` if it is the one ``docs`` would give (with the open
    ``cases`` counted), else ``None``: a missing, stale or damaged file is never used."""
    checked = _checked(path)
    try:
        if checked is None or checked[0] != fingerprint(docs):
            return None
    except OSError:  # the program's own files unreadable: nothing to compare with
        return None
    try:
        index = _index_of(checked[2], docs)
    except (ValueError, TypeError, KeyError, IndexError, EOFError):
        return None
    index._cases = OpenCaseCounts.build(cases)
    return index


class EarlyIndex(ResidentIndex):
    """An index made before the store was read: rows to show, no open-case counts yet
    (:func:`attach` gives them, and the store's documents). Loaded from the file
    (:func:`load_early`) it has no documents and ``expects`` the fingerprint the store's
    must have; built from the files (:func:`build_early`) it holds ``made_of``, the
    documents the store's must equal. ``attached`` once they are given."""

    expects: bytes = b""
    made_of: list[Mapping[str, Any]] | None = None
    attached = False


def build_early(docs: Sequence[Mapping[str, Any]]) -> EarlyIndex:
    """An index of ``docs``, the residents the store's files hold, with no open cases
    until :func:`attach` checks them against the store's documents, once read."""
    index = EarlyIndex.build(docs)
    assert isinstance(index, EarlyIndex)
    index.made_of = list(docs)
    return index


def load_early(path: Path, residents: bytes | None, ledger: bytes | None) -> EarlyIndex | None:
    """The index kept in ``path`` if it was made of the residents sealed ``residents``
    beside the erasure ledger sealed ``ledger`` (``storage/residents_seal.py``), else
    ``None`` (also when either seal is ``None``: the files could not tell)."""
    if residents is None or ledger is None:
        return None
    checked = _checked(path)
    try:
        if checked is None or checked[1] != early_key(residents, ledger):
            return None
    except OSError:
        return None
    index = EarlyIndex()
    try:
        _index_of(checked[2], None, index)
    except (ValueError, TypeError, KeyError, IndexError, EOFError):
        return None
    index.expects = checked[0]
    return index


def attach(
    index: EarlyIndex, docs: Sequence[Mapping[str, Any]], cases: Sequence[Mapping[str, Any]]
) -> bool:
    """Give an early index the store's documents and its open ``cases``, once read; False
    (the index untouched) when the documents are not the ones it was made of."""
    if index.made_of is not None:
        if index.made_of != list(docs):
            return False
    else:
        try:
            if fingerprint(docs) != index.expects:
                return False
        except OSError:
            return False
    by_id = {str(doc["id"]): doc for doc in docs}
    with index._lock:
        for entry in index._by_id.values():
            entry.doc = by_id[entry.id]
        index._cases = OpenCaseCounts.build(cases)
        index.made_of = None
        index.attached = True
    return True


def _index_of(
    payload: memoryview,
    docs: Sequence[Mapping[str, Any]] | None,
    index: ResidentIndex | None = None,
) -> ResidentIndex:
    """The index the payload holds, its entries on ``docs`` (``None``: on documents of
    their id and first phone alone, until :func:`attach`)."""
    index = index if index is not None else ResidentIndex()
    blocks: list[_Block] = []
    size = int.from_bytes(payload[:8], "little")
    known = marshal.loads(payload[8 : 8 + size])
    if not isinstance(known, tuple) or not all(isinstance(s, str) for s in known):
        raise ValueError("not the syllables")
    pos = 8 + size
    while pos < len(payload):
        size = int.from_bytes(payload[pos : pos + 8], "little")
        entries_state, flat, groups = marshal.loads(payload[pos + 8 : pos + 8 + size])
        pos += 8 + size
        block = _Block([_entry(docs, state) for state in entries_state])
        block._lines = {kind: _lines(state) for kind, state in flat.items()}
        block._syllables = {
            kind: {second: _lines(state) for second, state in group.items()}
            for kind, group in groups.items()
        }
        blocks.append(block)
    entries = [entry for block in blocks for entry in block.entries]
    count = len(entries) if docs is None else len(docs)
    if len(entries) != count or len({e.id for e in entries}) != count:
        raise ValueError("the file does not hold every resident once")
    by_id, households = index._by_id, index._households
    for entry in entries:
        by_id[entry.id] = entry
        households.setdefault(entry.household, []).append(entry.id)
    index._compounds = Counter(entry.compound for entry in entries)
    index._blocks = blocks or [_Block([])]
    index._reindex_blocks()
    pinyin.know_syllables(frozenset(known))
    return index


def _entry(docs: Sequence[Mapping[str, Any]] | None, state: tuple[Any, ...]) -> _Entry:
    entry = _Entry.__new__(_Entry)
    # _FIELDS in order, one assignment each: a loop of setattr took half the load.
    (
        position,
        entry.id,
        entry.name,
        entry.gender,
        entry.compound,
        entry.building,
        entry.unit,
        entry.room,
        entry.phones,
        entry.id_number,
        entry.addr_line,
        entry.key,
        phone,
    ) = state
    if docs is not None:
        entry.doc = docs[position]
    else:
        entry.doc = {"id": entry.id, "phones": [phone]} if phone else {"id": entry.id}
    entry.household = entry.addr_line
    return entry


def _lines(state: tuple[str, bytes, bytes]) -> _Lines:
    lines = _Lines.__new__(_Lines)
    lines.blob = state[0]
    lines.owners = array("l")
    lines.owners.frombytes(state[1])
    lines.starts = array("l")
    lines.starts.frombytes(state[2])
    return lines
