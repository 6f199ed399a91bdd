"""Bounded inputs: rosters and bundles past their limits are refused in bounded memory.

Every "bomb" here is built by the test, small on disk, and never committed.
"""

from __future__ import annotations

import gzip
import itertools
import re
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from openpyxl import Workbook

from deskconsole.domain import input_limits as limits
from deskconsole.domain.bundle import BundleError, read_bundle
from deskconsole.domain.roster import RosterError, parse_sheet, read_sheet

T = TypeVar("T")
MIB = 1024 * 1024


def peak_of(action: Callable[[], T]) -> tuple[T | BaseException, int]:
    """What ``action`` returned (or raised) and the peak memory it allocated."""
    tracemalloc.start()
    try:
        result: T | BaseException = action()
    except Exception as error:
        result = error
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return result, peak


def _workbook(path: Path, rows: int, far_cell: bool = False) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "手机"])
    for index in range(rows):
        sheet.append([f"居{chr(0x4E00 + index % 20_000)}", f"138{index:08d}"])
    if far_cell:
        sheet["XFD2"] = "far away"
    book.save(path)


def _declare_dimension(path: Path, ref: str) -> None:
    """Rewrite the sheet's declared dimension (what a hostile file claims)."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    name = "xl/worksheets/sheet1.xml"
    members[name] = re.sub(
        rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), members[name]
    )
    assert f'<dimension ref="{ref}"'.encode() in members[name]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, content in members.items():
            target.writestr(member, content)


def test_an_xlsx_claiming_the_whole_sheet_costs_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "claims.xlsx"
    _workbook(path, 2_000, far_cell=True)
    _declare_dimension(path, "A1:XFD1048576")
    sheet, peak = peak_of(lambda: read_sheet(path))
    assert not isinstance(sheet, BaseException), sheet
    assert len(sheet.rows) == 2_001
    assert max(len(cells) for _, cells in sheet.rows) <= limits.MAX_COLUMNS
    assert peak < 40 * MIB  # padding each row to 16,384 columns would take far more
    parsed = parse_sheet(sheet)
    assert len(parsed.rows) == 2_000 and not parsed.problems


def test_too_many_filled_rows_are_refused_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    path = tmp_path / "long.xlsx"
    _workbook(path, 150)
    with pytest.raises(RosterError) as caught:
        read_sheet(path)
    assert "more than 100 filled rows (row 101 reached)" in str(caught.value)
    csv_path = tmp_path / "long.csv"
    csv_path.write_text("姓名\n" + "张伟\n" * 150, "utf-8")
    with pytest.raises(RosterError) as caught:
        read_sheet(csv_path)
    assert str(csv_path) in str(caught.value) and "more than 100 filled rows" in str(caught.value)


def test_rows_are_counted_as_they_stream_past() -> None:
    endless: Iterator[list[str]] = itertools.repeat(["张伟"])
    with pytest.raises(limits.TooManyRows) as caught:
        for _ in limits.filled_rows(endless, max_rows=1_000):
            pass
    assert caught.value.number == 1_001
    blank: Iterator[list[None]] = itertools.repeat([None])
    with pytest.raises(limits.TooManyRows):
        list(limits.filled_rows(blank, max_sheet_rows=5_000))


def test_an_xlsx_that_unpacks_past_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    _workbook(path, 1)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as book,
        book.open("xl/sharedStrings2.xml", "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * MIB
        for _ in range(limits.MAX_XLSX_UNPACKED // MIB + 1):
            member.write(chunk)
    assert path.stat().st_size < MIB
    error, peak = peak_of(lambda: read_sheet(path))
    assert isinstance(error, RosterError)
    assert "unpacks to 65 MB; a workbook may unpack to at most 64 MB" in str(error)
    assert peak < 5 * MIB


def test_a_roster_file_past_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:  # sparse: no disk used
        handle.write("姓名\n".encode())
        handle.truncate(limits.MAX_ROSTER_BYTES + 1)
    error, peak = peak_of(lambda: read_sheet(path))
    assert isinstance(error, RosterError)
    assert f"{path} is 20 MB; a roster may be at most 20 MB" in str(error)
    assert peak < MIB


def test_a_cell_past_the_limit_skips_only_its_row(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    long_note = "长" * (limits.MAX_CELL_CHARS + 1)
    path.write_text(f"姓名,备注\n张伟,ok\n李四,{long_note}\n王芳,\n", "utf-8")
    parsed = parse_sheet(read_sheet(path))
    assert [row.values["name"] for row in parsed.rows] == ["张伟", "王芳"]
    [problem] = parsed.problems
    assert problem.message == "row 3, 备注: longer than 2000 characters"


def _gzip_bomb(path: Path, size: int) -> None:
    with gzip.open(path, "wb", compresslevel=1) as stream:
        stream.write(b'{"format":"deskconsole-bundle","x":"')
        chunk = b"0" * MIB
        for _ in range(size // MIB):
            stream.write(chunk)


def test_a_gzip_bundle_is_unpacked_in_chunks_and_refused_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_BUNDLE_BYTES", 4 * MIB)
    path = tmp_path / "bomb.dcb.gz"
    _gzip_bomb(path, 64 * MIB)
    assert path.stat().st_size < MIB
    error, peak = peak_of(lambda: read_bundle(path))
    assert isinstance(error, BundleError)
    assert f"{path} unpacks to more than 4 MB" in str(error)
    assert peak < 8 * MIB  # the limit and one chunk, never the whole 64 MB


def test_a_bundle_file_past_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.dcb"
    with open(path, "wb") as handle:
        handle.truncate(limits.MAX_BUNDLE_BYTES + 1)
    error, peak = peak_of(lambda: read_bundle(path))
    assert isinstance(error, BundleError)
    assert "a bundle may be at most 256 MB" in str(error)
    assert peak < MIB


def test_a_sheet_damaged_past_its_start_is_one_refusal(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    _workbook(path, 500)
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = sheet[: len(sheet) // 2] + b"<row r=<<"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, content in members.items():
            target.writestr(member, content)
    with pytest.raises(RosterError) as caught:
        read_sheet(path)
    assert str(caught.value).startswith(f"{path}")


def _ods(path: Path, rows_xml: str) -> Path:
    """An ods file whose first sheet holds ``rows_xml`` (``<table:table-row>`` elements)."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="a">{rows_xml}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def _text_cell(text: str, repeat: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeat}" '
        f'office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


HEADER_ROW = f"<table:table-row>{_text_cell('姓名')}{_text_cell('手机')}</table:table-row>"


def test_an_ods_claiming_a_billion_filled_cells_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    # python-calamine would hold every one of these cells: about 100 GB.
    bomb = (
        '<table:table-row table:number-rows-repeated="1000000">'
        f"{_text_cell('张伟', repeat=1000)}</table:table-row>"
    )
    path = _ods(tmp_path / "bomb.ods", HEADER_ROW + bomb)
    assert path.stat().st_size < 2_000
    error, peak = peak_of(lambda: read_sheet(path))
    assert isinstance(error, RosterError)
    assert str(error) == (
        f"{path}: its first sheet spans 1,000,001 rows by 1,000 columns, more than the "
        "2,000,000 cells an .ods roster may hold. Delete what lies beyond the roster, or "
        "save it as .xlsx"
    )
    assert peak < 5 * MIB


def test_an_ods_extent_counts_only_cells_that_hold_something(tmp_path: Path) -> None:
    # What LibreOffice writes after a roster: empty rows and cells repeated to the sheet's end.
    rows = "".join(
        f"<table:table-row>{_text_cell(f'居民{n}')}{_text_cell(f'138{n:08d}')}</table:table-row>"
        for n in range(3)
    )
    blank_tail = (
        '<table:table-row table:number-rows-repeated="1048572">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    path = _ods(tmp_path / "roster.ods", HEADER_ROW + rows + blank_tail)
    assert limits.ods_extent(path) == (4, 2)
    sheet = read_sheet(path)
    assert [cells for _, cells in sheet.rows][1] == ["居民0", "13800000000"]
    assert len(sheet.rows) == 4
