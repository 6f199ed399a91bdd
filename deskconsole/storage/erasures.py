"""Erasures in the store, and the erasure ledger beside it.

Each erasure is a tombstone in the ``erasures`` table (so bundles carry it) and a line
in ``erasures.jsonl``, an append-only, fsync'd file in the data dir that no restore
and no compaction rewrites: a backup older than an erasure is put right again from it
(:func:`deskconsole.domain.erasure.replay_ledger`). The ledger holds record ids, times,
staff and reasons only, never a name or a number.

An erasure is written to the ledger first, then to the store: a crash between the two
leaves the ledger ahead, and the next replay finishes the job.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from pydantic import ValidationError

from deskconsole.models import Erasure
from deskconsole.storage.errors import StoreReadOnlyError, StoreWriteError
from deskconsole.storage.files import fsync_dir, open_private, write_all
from deskconsole.storage.journal import Op
from deskconsole.storage.store import Store

TABLE = "erasures"
LEDGER_NAME = "erasures.jsonl"


@dataclass
class LedgerRead:
    """What the ledger holds: its erasures (merged by resident), and its damage."""

    erasures: dict[str, Erasure] = field(default_factory=dict)
    torn_tail: bool = False
    bad_lines: list[int] = field(default_factory=list)


def ledger_path(data_dir: Path) -> Path:
    """Where the erasure ledger of the store in ``data_dir`` lives."""
    return data_dir / LEDGER_NAME


def _line(erasure: Erasure) -> bytes:
    body = orjson.dumps(erasure.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)
    return orjson.dumps({"crc": zlib.crc32(body), "erasure": orjson.Fragment(body)}) + b"\n"


def read_ledger(data_dir: Path) -> LedgerRead:
    """Read the ledger; a missing file is an empty ledger, an unfinished last line a
    crash (dropped), any other unreadable line is reported by number."""
    found = LedgerRead()
    path = ledger_path(data_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return found
    lines = data.split(b"\n")
    if lines and lines[-1]:
        found.torn_tail = True
    for number, raw in enumerate(lines[:-1], start=1):
        if not raw.strip():
            continue
        try:
            line = orjson.loads(raw)
            body = orjson.dumps(line["erasure"], option=orjson.OPT_SORT_KEYS)
            if zlib.crc32(body) != line["crc"]:
                raise ValueError("checksum")
            erasure = Erasure.model_validate(line["erasure"])
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, ValidationError):
            found.bad_lines.append(number)
            continue
        known = found.erasures.get(erasure.resident_id)
        found.erasures[erasure.resident_id] = known.merged(erasure) if known else erasure
    return found


def append_ledger(data_dir: Path, erasures: Iterable[Erasure]) -> None:
    """Append ``erasures`` to the ledger and fsync it (the folder too when it is new)."""
    data = b"".join(_line(e) for e in erasures)
    if not data:
        return
    path = ledger_path(data_dir)
    try:
        new = not path.exists()
        fd = open_private(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            fsync_dir(data_dir)
    except OSError as error:
        raise StoreWriteError.of(path, error) from None


class ErasureRepository:
    """The tombstones of erased residents, and their ledger."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self) -> list[Erasure]:
        """Every erasure this store knows, oldest first."""
        found = [Erasure.model_validate(doc) for doc in self._store.docs(TABLE)]
        return sorted(found, key=lambda e: (e.at, e.resident_id))

    def get(self, resident_id: str) -> Erasure | None:
        """The erasure recorded under ``resident_id``."""
        with self._store.lock:
            doc = self._store.table(TABLE).raw().get(resident_id)
        return Erasure.model_validate(doc) if doc is not None else None

    def covering(self) -> dict[str, Erasure]:
        """Every erased record id (of any desk) mapped to its erasure."""
        return {rid: erasure for erasure in self.all() for rid in erasure.ids}

    def ledger(self) -> LedgerRead:
        """What the ledger beside the store holds."""
        return read_ledger(self._store.data_dir)

    def append_ledger(self, erasures: list[Erasure]) -> None:
        """Write ``erasures`` to the ledger only (their tombstones go in a batch of the
        caller's, such as a bundle import)."""
        if self._store.readonly:
            raise StoreReadOnlyError(self._store.data_dir)
        append_ledger(self._store.data_dir, erasures)

    def record(self, erasures: list[Erasure], ops: list[Op]) -> None:
        """Write ``erasures`` to the ledger, then them and ``ops`` to the store as one
        batch. Raises :class:`StoreWriteError` when the disk refuses either."""
        self.append_ledger(erasures)
        self._store.commit([*ops, *(op(e) for e in erasures)])


def op(erasure: Erasure) -> Op:
    """The journal op that stores ``erasure``."""
    return Op(TABLE, erasure.resident_id, erasure.model_dump(mode="json"))
