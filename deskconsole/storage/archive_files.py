"""The yearly archive files beside a store, and their copies in the backups.

``archive/cases-YYYY.json`` holds cases taken in year YYYY that were moved out of the
live store (:mod:`~deskconsole.storage.case_archive` says which and when). A file is
written as a snapshot is (one document per line, a checksum over every byte, temp file,
fsync, rename) with a single table, ``cases``; only the cases the store's manifest lists
count, so a copy left behind by an interrupted move or a case brought back live is never
read. Backups keep each version of a file once, named by its checksum
(``backups/archive/cases-YYYY-<checksum>.json.gz``), for as long as a store backup may
need it.
"""

from __future__ import annotations

import contextlib
import os
import re
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from deskconsole.i18n import t
from deskconsole.storage.backup import backup_dir, file_chunks, list_backups
from deskconsole.storage.errors import StoreCorruptError
from deskconsole.storage.files import ensure_private_dir, read_bytes, write_atomic
from deskconsole.storage.lazy import LazyTables, Section
from deskconsole.storage.snapshot import SnapshotUnreadable, parse_snapshot, write_snapshot

ARCHIVE_DIR = "archive"
TABLE = "cases"
_NAME = re.compile(r"cases-(\d{4})\.json")
_COPY = re.compile(r"cases-(\d{4})-([0-9a-f]{16})\.json\.gz")
_GZIP = 16 + zlib.MAX_WBITS

Doc = dict[str, Any]


def archive_dir(data_dir: Path) -> Path:
    """Where the yearly files of the store in ``data_dir`` live."""
    return data_dir / ARCHIVE_DIR


def year_path(data_dir: Path, year: str) -> Path:
    """The file of the cases taken in ``year``."""
    return archive_dir(data_dir) / f"cases-{year}.json"


def years_on_disk(data_dir: Path) -> list[str]:
    """The years that have a file, oldest first."""
    directory = archive_dir(data_dir)
    if not directory.is_dir():
        return []
    found = (_NAME.fullmatch(path.name) for path in directory.iterdir())
    return sorted(match[1] for match in found if match)


@dataclass
class YearFile:
    """One checked yearly file: its documents, each parsed when asked for."""

    path: Path
    checksum: str
    _section: Section | None
    _parsed: dict[str, Doc] | None = None

    def get(self, number: str) -> Doc | None:
        """The document of case ``number``, or ``None``."""
        if self._section is not None:
            return self._section.get(number)
        return (self._parsed or {}).get(number)

    def docs(self) -> dict[str, Doc]:
        """Every document in the file, by number."""
        if self._parsed is None:
            self._parsed = self._section.parse() if self._section is not None else {}
            self._section = None
        return self._parsed

    def numbers(self) -> set[str]:
        """The numbers the file holds (without parsing the documents)."""
        if self._section is not None:
            return set(self._section.keys())
        return set(self.docs())


def read_year(path: Path) -> YearFile | None:
    """The checked file at ``path``; ``None`` when it does not exist. Raises
    :class:`StoreCorruptError` (naming the file) when it is damaged, ``OSError`` when it
    cannot be read."""
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        return None
    return parse_year(data, path)


def parse_year(data: bytes, path: Path) -> YearFile:
    """Check and read the bytes of a yearly file (raises :class:`StoreCorruptError`)."""
    try:
        snapshot = parse_snapshot(data, path)
    except SnapshotUnreadable as error:
        raise StoreCorruptError(path, str(error), None) from None
    if not snapshot.checksum:
        raise StoreCorruptError(path, t("damage.snapshot_unsealed"), None)
    tables = snapshot.tables
    if isinstance(tables, LazyTables) and tables.section(TABLE) is not None:
        return YearFile(path, snapshot.checksum, tables.section(TABLE))
    return YearFile(path, snapshot.checksum, None, dict(tables.get(TABLE, {})))


def write_year(path: Path, docs: dict[str, Doc]) -> None:
    """Write a year's documents atomically (temp file, fsync, rename, directory fsync)."""
    ensure_private_dir(path.parent)
    write_snapshot(path, {TABLE: docs}, 0)


# -- backups ----------------------------------------------------------------------------


def _copies_dir(data_dir: Path) -> Path:
    return backup_dir(data_dir) / ARCHIVE_DIR


@dataclass(frozen=True)
class ArchiveCopy:
    """One backed-up version of a yearly file."""

    path: Path
    year: str
    checksum: str
    taken_at: datetime


def archive_copies(data_dir: Path, year: str | None = None) -> list[ArchiveCopy]:
    """The backed-up versions (of ``year``, or of every year), newest first."""
    directory = _copies_dir(data_dir)
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = _COPY.fullmatch(path.name)
        if match and (year is None or match[1] == year):
            with contextlib.suppress(OSError):
                taken = datetime.fromtimestamp(path.stat().st_mtime)
                found.append(ArchiveCopy(path, match[1], match[2], taken))
    return sorted(found, key=lambda c: c.taken_at, reverse=True)


def _compressed(chunks: Iterator[bytes]) -> Iterator[bytes]:
    # Level 1: a year's file is large and copied once; it compresses well all the same.
    deflater = zlib.compressobj(1, zlib.DEFLATED, _GZIP)
    for chunk in chunks:
        if out := deflater.compress(chunk):
            yield out
    yield deflater.flush()


def back_up_years(data_dir: Path) -> list[Path]:
    """Copy each yearly file whose version has no copy yet into the backups; forget the
    copies no kept store backup can need (older than the oldest one), keeping the newest
    of each year. Returns the copies written."""
    written = []
    for year in years_on_disk(data_dir):
        path = year_path(data_dir, year)
        try:
            checked = read_year(path)
        except StoreCorruptError:
            continue  # never copy damage over a good version; ``check`` names it
        if checked is None:
            continue
        copy = _copies_dir(data_dir) / f"cases-{year}-{checked.checksum[:16]}.json.gz"
        if copy.exists():
            continue
        ensure_private_dir(copy.parent)
        write_atomic(copy, _compressed(file_chunks(os.open(path, os.O_RDONLY))))
        written.append(copy)
    _prune_copies(data_dir)
    return written


def _prune_copies(data_dir: Path) -> None:
    backups = list_backups(data_dir)
    if not backups:
        return
    oldest = min(b.taken_at for b in backups)
    newest_of_year: set[str] = set()
    for copy in archive_copies(data_dir):
        if copy.year not in newest_of_year:
            newest_of_year.add(copy.year)
            continue
        if copy.taken_at < oldest:
            with contextlib.suppress(OSError):
                os.unlink(copy.path)


def read_copy(copy: ArchiveCopy) -> YearFile:
    """A backed-up version, checked (raises :class:`StoreCorruptError` or ``OSError``)."""
    try:
        inflater = zlib.decompressobj(_GZIP)
        data = inflater.decompress(read_bytes(copy.path)) + inflater.flush()
    except zlib.error as error:
        detail = t("damage.backup_gzip", error=str(error))
        raise StoreCorruptError(copy.path, detail, None) from None
    return parse_year(data, copy.path)


def version_holding(data_dir: Path, year: str, numbers: Collection[str]) -> YearFile | None:
    """The newest version of ``year`` (the file in place first, then its copies) that
    holds every case in ``numbers``; ``None`` when none does."""
    candidates: list[YearFile | None] = []
    with contextlib.suppress(StoreCorruptError, OSError):
        candidates.append(read_year(year_path(data_dir, year)))
    for copy in archive_copies(data_dir, year):
        with contextlib.suppress(StoreCorruptError, OSError):
            candidates.append(read_copy(copy))
    wanted = set(numbers)
    for candidate in candidates:
        if candidate is not None and wanted <= candidate.numbers():
            return candidate
    return None


def complete_years(data_dir: Path, wanted: dict[str, set[str]]) -> dict[str, int]:
    """Make each year's file hold the cases ``wanted`` lists for it, taking the missing
    ones from the newest backed-up versions that hold them (what the file holds is kept:
    the result serves the store before a restore and after it). Returns, by year, how
    many cases no version holds."""
    lost: dict[str, int] = {}
    for year, numbers in sorted(wanted.items()):
        path = year_path(data_dir, year)
        try:
            current = read_year(path)
        except (StoreCorruptError, OSError):
            current = None  # damaged: rebuilt from the copies (the restore keeps it aside)
        docs = dict(current.docs()) if current is not None else {}
        need = set(numbers) - set(docs)
        if not need:
            continue
        added = 0
        for copy in archive_copies(data_dir, year):
            try:
                version = read_copy(copy)
            except (StoreCorruptError, OSError):
                continue
            held = version.docs()
            for number in need & set(held):
                docs[number] = held[number]
                added += 1
            need -= set(held)
            if not need:
                break
        if added:
            write_year(path, docs)
        if need:
            lost[year] = len(need)
    return lost
