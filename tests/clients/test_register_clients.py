"""The register exports opened by the programs users open them with.

LibreOffice Calc reads each CSV and XLSX back (cells, types, masked and unmasked),
Chromium prints the HTML page to PDF, LibreOffice prints the XLSX to PDF, and
``pdftotext`` finds in the PDFs every long matter in full, the headings whole, the
signature line and the page count expected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from deskconsole.domain.register import build_register
from deskconsole.export import write
from deskconsole.storage import Repository
from tests import register_data as data
from tests.real_clients import (
    CSV_DIALOG_DEFAULTS,
    CSV_SPECIAL_NUMBERS,
    LibreOffice,
    Word,
    column_text,
    heading,
    pdf_text,
    pdf_words,
    print_html,
)

pytestmark = [pytest.mark.real_clients, pytest.mark.slow]

LONG_MATTER = (
    "楼道声控灯坏了三个月，物业一直说没有配件，老人晚上上下楼已经摔倒过两次，希望尽快修好"
    "并在楼梯口加装扶手；另外单元门禁也经常失灵，外卖和快递员随意进出，存在安全隐患。"
)
TWO_LINES = "第一件：暖气片不热，室温只有十四度\n第二件：卫生间水管漏水到楼下"
BUSY_DAY = date(2026, 11, 30)
BUSY_CASES = 40
HEADINGS = ["序号", "时间", "工单号", "姓名", "地址", "电话", "身份证号", "诉求类型", "类别"]
HEADINGS += ["诉求内容", "办理情况", "状态", "工作人员"]
SIGNATURES = ("登记人（签字）：", "负责人（签字）：", "日期：")


@dataclass
class Exports:
    folder: Path
    files: dict[str, Path]  # "csv", "csv-full", "xlsx", "xlsx-full", "html", "busy-html" ...


def _fill(repo: Repository) -> None:
    data.fill(repo)
    for number, matter in (("JC-20261127-002", LONG_MATTER), ("JC-20261127-004", TWO_LINES)):
        case = repo.cases.get(number)
        assert case is not None
        repo.cases.save(case.model_copy(update={"description": matter}))
    busy = [
        data._case(
            seq,
            datetime(2026, 11, 30, 9, 0).replace(minute=seq % 60),
            session_id=None,
            resident_id="r-jiang" if seq % 2 else "r-wang",
            description=f"第{seq}件：小区北门路灯不亮",
        )
        for seq in range(1, BUSY_CASES + 1)
    ]
    repo.cases.save_many(busy)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exports]:
    folder = tmp_path_factory.mktemp("register-exports")
    files: dict[str, Path] = {}
    with Repository.open(folder / "store", now=lambda: datetime(2026, 11, 30, 18, 0)) as repo:
        _fill(repo)
        for masked in (True, False):
            register = build_register(repo, data.DAY, masked=masked, generated_by="颜成玉")
            for fmt in ("csv", "xlsx", "html"):
                files[fmt if masked else f"{fmt}-full"] = write(register, fmt, folder)
        busy = build_register(repo, BUSY_DAY, generated_by="颜成玉")
        for fmt in ("xlsx", "html"):
            files[f"busy-{fmt}"] = write(busy, fmt, folder)
    yield Exports(folder, files)


@pytest.fixture(scope="module")
def calc(exports: Exports) -> LibreOffice:
    return LibreOffice(exports.folder / "lo-profile")


def _cells(path: Path) -> list[list[object]]:
    sheet = openpyxl.load_workbook(path, data_only=True).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


# -- read back by LibreOffice Calc -----------------------------------------------------


@pytest.mark.parametrize("infilter", [CSV_DIALOG_DEFAULTS, CSV_SPECIAL_NUMBERS])
def test_csv_cells_read_back_as_written(exports: Exports, calc: LibreOffice, infilter: str) -> None:
    out = exports.folder / ("csv-read-" + infilter.replace(",", "_").replace(":", ""))
    masked, full = calc.convert(
        [exports.files["csv"], exports.files["csv-full"]], "xlsx", out, infilter
    )
    rows = _cells(full)
    assert rows[0] == HEADINGS
    assert len(rows) == 1 + 5  # one row per case
    jiang, wang = rows[1], rows[2]
    assert jiang[0] == 1  # 序号 is a number
    assert jiang[1:7] == [
        "09:40",
        "JC-20261127-001",
        "江建国",
        "金域华府12号楼2单元301室",
        data.JIANG_PHONE,
        data.JIANG_ID,
    ]
    assert wang[5:7] == [data.WANG_PHONE, data.WANG_ID]
    assert wang[9] == LONG_MATTER
    assert rows[4][9] == TWO_LINES
    assert rows[3][9] == "'" + data.FORMULA  # defused: shown as text, never run
    masked_rows = _cells(masked)
    assert len(masked_rows) == 1 + 5
    assert masked_rows[1][5:7] == ["138****8000", "370705********1233"]
    flat = " ".join(str(v) for row in masked_rows for v in row)
    for number in (data.JIANG_PHONE, data.JIANG_ID, data.WANG_ID, data.ANON_PHONE):
        assert number not in flat


def test_xlsx_cells_read_back_as_written(exports: Exports, calc: LibreOffice) -> None:
    out = exports.folder / "xlsx-read"
    masked, full = calc.convert(
        [exports.files["xlsx"], exports.files["xlsx-full"]], "xlsx", out, None
    )
    book = openpyxl.load_workbook(full)
    sheet = book.active
    assert sheet is not None
    assert [c.value for c in sheet[3]] == HEADINGS
    body = list(sheet.iter_rows(min_row=4, max_row=8))
    assert [row[0].value for row in body] == [1, 2, 3, 4, 5]
    assert all(row[0].data_type == "n" for row in body)
    assert [row[2].value for row in body] == [f"JC-20261127-00{i}" for i in range(1, 6)]
    jiang = [c.value for c in body[0]]
    assert jiang[1] == "09:40" and body[0][1].data_type == "s"
    assert jiang[5:7] == [data.JIANG_PHONE, data.JIANG_ID]
    assert body[0][6].data_type == "s" and body[1][5].data_type == "s"
    assert body[1][9].value == LONG_MATTER and body[3][9].value == TWO_LINES
    assert body[2][9].value == data.FORMULA and body[2][9].data_type == "s"
    assert sheet.cell(row=9, column=1).value is None  # five rows, then the footer
    footer = {row[0].value: row[3].value for row in sheet.iter_rows(min_row=10) if row[0].value}
    assert footer["受理诉求（件）："] == 5 and footer["来访咨询（人次）："] == 6  # numbers
    masked_text = " ".join(str(v) for row in _cells(masked) for v in row if v is not None)
    assert "138****8000" in masked_text
    for number in (data.JIANG_PHONE, data.JIANG_ID, data.WANG_ID, data.ANON_PHONE):
        assert number not in masked_text


# -- printed ---------------------------------------------------------------------------


def _matter_column(words: list[Word], centered: bool) -> tuple[float, float]:
    """Left and right bounds of the matter column, from the headings' boxes."""
    matter = heading(words, "诉求内容")
    if centered:  # XLSX: a centred heading lies inside its column
        return heading(words, "类别").x1, matter.x1
    return matter.x0 - 2, heading(words, "办理情况").x0 - 2


def _page_numbers(text: str) -> list[str]:
    """The "page / pages" footers, as pdftotext reads them (spaces dropped)."""
    return [re.sub(r"\s", "", m) for m in re.findall(r"^\s*\d+\s*/\s*\d+\s*$", text, re.M)]


def _check_print(pdf: Path, centered: bool, pages: int) -> list[str]:
    text = pdf_text(pdf)
    assert len(text) == pages, f"{pdf.name}: {len(text)} pages, expected {pages}"
    words = pdf_words(pdf)
    for page in range(1, pages + 1):  # the headings, whole, on every page
        for title in HEADINGS:
            heading(words, title, page)
    top = heading(words, "诉求内容").y1
    matter = column_text(words, *_matter_column(words, centered), below=top)
    if pages == 1:  # the line break typed in TWO_LINES is printed as one
        first = next(w for w in words if w.text.startswith("第一件"))
        second = next(w for w in words if w.text.startswith("第二件"))
        assert abs(second.x0 - first.x0) < 2 and second.y0 > first.y1 - 1
    return [matter, "".join(text)]


def test_html_prints_whole_in_chromium(exports: Exports) -> None:
    folder = exports.folder / "print-html"
    folder.mkdir(exist_ok=True)
    pdf = print_html(exports.files["html"], folder / "register.pdf", folder / "chromium")
    matter, text = _check_print(pdf, centered=False, pages=1)
    assert LONG_MATTER in matter
    assert TWO_LINES.replace("\n", "") in matter
    words = {w.text for w in pdf_words(pdf)}
    assert any("2026-12-04" in w for w in words)  # a due date is never cut in two
    assert "JC-20261127-005" in words
    for label in SIGNATURES:
        assert label in text
    assert "驻点：金域华府" in text
    assert _page_numbers(text) == ["1/1"]
    assert data.JIANG_PHONE not in text and "138****8000" in text


def test_html_of_a_busy_day_repeats_headings_on_each_page(exports: Exports) -> None:
    folder = exports.folder / "print-busy-html"
    folder.mkdir(exist_ok=True)
    pdf = print_html(exports.files["busy-html"], folder / "busy.pdf", folder / "chromium")
    _, text = _check_print(pdf, centered=False, pages=3)  # two-line rows, ~16 a page
    for seq in range(1, BUSY_CASES + 1):
        assert f"第{seq}件：小区北门路灯不亮" in text
    assert _page_numbers(text) == ["1/3", "2/3", "3/3"]
    assert "驻点" not in text  # no session that day: no empty 驻点：


def test_xlsx_prints_whole_from_libreoffice(exports: Exports, calc: LibreOffice) -> None:
    folder = exports.folder / "print-xlsx"
    pdf, busy = calc.convert(
        [exports.files["xlsx"], exports.files["busy-xlsx"]], "pdf", folder, None
    )
    matter, text = _check_print(pdf, centered=True, pages=1)
    assert LONG_MATTER in matter
    assert TWO_LINES.replace("\n", "") in matter
    for label in SIGNATURES:
        assert label in text
    assert _page_numbers(text) == ["1/1"]
    _, busy_text = _check_print(busy, centered=True, pages=2)  # one-line rows
    for seq in range(1, BUSY_CASES + 1):
        assert f"第{seq}件：小区北门路灯不亮" in busy_text
    assert _page_numbers(busy_text) == ["1/2", "2/2"]
