"""How much of a file handed to the desk is read: rosters and bundles stay bounded.

A roster is at most :data:`MAX_ROSTER_BYTES` on disk (an xlsx or ods at most
:data:`MAX_XLSX_UNPACKED` unpacked), :data:`MAX_ROWS` rows that hold something and
:data:`MAX_COLUMNS` columns (further ones are not read); a cell past
:data:`MAX_CELL_CHARS` skips its row. An ods is read whole by python-calamine (every
cell between the first and the last one that holds something), so its first sheet's
extent is counted in its XML first and refused past :data:`MAX_ODS_CELLS`. A bundle is
at most :data:`MAX_BUNDLE_BYTES` on disk and unpacked; a compressed one is unpacked in
chunks and refused as soon as it passes the limit, so a small "bomb" never fills the
memory. The limits sit far above a real community (tens of thousands of residents) and
far below what a laptop can hold.
"""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

MIB = 1024 * 1024
MAX_ROSTER_BYTES = 20 * MIB
MAX_XLSX_UNPACKED = 64 * MIB
MAX_ROWS = 100_000
#: Rows read, blank or not: Excel's own maximum.
MAX_SHEET_ROWS = 1_048_576
MAX_COLUMNS = 64
MAX_CELL_CHARS = 2_000
#: Cells of an ods sheet's filled extent (rows x columns): 100,000 rows of 20 columns.
MAX_ODS_CELLS = 2_000_000
MAX_BUNDLE_BYTES = 256 * MIB
_CHUNK = MIB
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


class TooManyRows(Exception):
    """More rows than a roster may have; ``number`` is the spreadsheet row reached."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def megabytes(size: int) -> str:
    """``20 MB``."""
    return f"{size / MIB:,.0f} MB" if size >= MIB else f"{size / MIB:.1f} MB"


def unpacked_size(path: Path) -> int:
    """What a zip file (an xlsx) says its members unpack to; reading a member never
    yields more than it says (``zipfile`` stops there)."""
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def ods_extent(path: Path) -> tuple[int, int]:
    """``(rows, columns)`` from the first row and column to the last that hold something
    in an ods file's first sheet, counting repeated rows and cells as the reader expands
    them; read from ``content.xml`` as a stream, so a small file that claims a million
    filled rows costs nothing."""
    rows = columns = row_index = 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for _, element in ElementTree.iterparse(content, events=("end",)):
            if element.tag == f"{_TABLE}table":
                break  # only the first sheet is read
            if element.tag != f"{_TABLE}table-row":
                continue
            repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            column = filled = 0
            for cell in element:
                if cell.tag not in _CELLS:
                    continue
                span = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
                if cell.get(f"{_OFFICE}value-type") or len(cell):
                    filled = column + span
                column += span
            if filled:
                rows, columns = row_index + repeat, max(columns, filled)
            row_index += repeat
            element.clear()
    return rows, columns


def gunzip_capped(path: Path, limit: int) -> bytes | None:
    """The unpacked content of a gzip file, or None once it passes ``limit`` bytes
    (unpacked in chunks: memory stays within the limit)."""
    parts: list[bytes] = []
    total = 0
    with gzip.open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                return None
            parts.append(chunk)
    return b"".join(parts)


def filled_rows(
    rows: Iterable[Sequence[Any]], max_rows: int | None = None, max_sheet_rows: int | None = None
) -> Iterator[tuple[int, list[Any]]]:
    """``(spreadsheet row number, cells)`` of each row that holds something, at most
    :data:`MAX_COLUMNS` cells each; :class:`TooManyRows` past the limits."""
    max_rows = MAX_ROWS if max_rows is None else max_rows
    max_sheet_rows = MAX_SHEET_ROWS if max_sheet_rows is None else max_sheet_rows
    filled = 0
    for number, row in enumerate(rows, start=1):
        if number > max_sheet_rows:
            raise TooManyRows(number)
        if all(cell is None or not str(cell).strip() for cell in row):
            continue
        filled += 1
        if filled > max_rows:
            raise TooManyRows(number)
        yield number, list(row[:MAX_COLUMNS])
