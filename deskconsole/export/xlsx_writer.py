"""The register as an XLSX workbook.

Layout of the one sheet: the title in row 1, the header line (community, compound,
date, session, staff) in row 2, the column headings in row 3 (frozen with the rows
above, and repeated on every printed page), one row per case, then the footer lines
and the signature line. Every cell holds text, never a formula or a number, so case
numbers, phones and ID numbers arrive exactly as written. Printing is set to A4
landscape, fitted to the page width.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from deskconsole.domain.register import COLUMNS, Register, headings
from deskconsole.export.layout import display_width
from deskconsole.i18n import t

HEADING_ROW = 3
WRAPPED = {"matter", "handling", "address"}
MAX_WIDTH = {"matter": 36, "handling": 30, "address": 26}
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _text_cell(sheet: Worksheet, row: int, column: int, text: str) -> None:
    cell = sheet.cell(row=row, column=column)
    cell.value = _clean(text)
    cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
    cell.number_format = "@"


def _line(sheet: Worksheet, row: int, text: str, bold: bool = False) -> None:
    _text_cell(sheet, row, 1, text)
    if bold:
        sheet.cell(row=row, column=1).font = Font(bold=True)


def _set_widths(sheet: Worksheet, register: Register, titles: list[str]) -> None:
    for index, (name, _) in enumerate(COLUMNS, start=1):
        widest = max(
            [display_width(titles[index - 1])]
            + [display_width(row.cells()[index - 1]) for row in register.rows]
        )
        width = min(widest, MAX_WIDTH.get(name, 40)) + 2
        sheet.column_dimensions[get_column_letter(index)].width = max(width, 5)


def build(register: Register) -> Workbook:
    """The workbook (for callers that want to add to it)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = register.day.isoformat()
    titles = headings()
    _line(sheet, 1, f"{register.title}  {register.day.isoformat()}", bold=True)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    _line(sheet, 2, "    ".join(f"{label}：{value}" for label, value in register.header_lines()))
    heading_fill = PatternFill("solid", fgColor="DDDDDD")
    for column, title in enumerate(titles, start=1):
        _text_cell(sheet, HEADING_ROW, column, title)
        cell = sheet.cell(row=HEADING_ROW, column=column)
        cell.font = Font(bold=True)
        cell.fill = heading_fill
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    row_index = HEADING_ROW
    for row in register.rows:
        row_index += 1
        for column, ((name, _), text) in enumerate(zip(COLUMNS, row.cells(), strict=True), 1):
            _text_cell(sheet, row_index, column, text)
            cell = sheet.cell(row=row_index, column=column)
            cell.border = _BOX
            cell.alignment = wrap if name in WRAPPED else top
    if register.is_empty:
        row_index += 1
        _line(sheet, row_index, register.empty_note())
    row_index += 1
    for label, value in register.footer_lines():
        row_index += 1
        _line(sheet, row_index, f"{label}：{value}", bold=label == t("register.f_cases"))
    row_index += 1
    _line(sheet, row_index, register.masked_note())
    row_index += 2
    _line(sheet, row_index, "        ".join(f"{label}：__________" for label in _signatures()))
    _set_widths(sheet, register, titles)
    sheet.freeze_panes = sheet.cell(row=HEADING_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&P / &N"
    return book


def _signatures() -> list[str]:
    return [t("register.sign_recorder"), t("register.sign_head"), t("register.sign_date")]


def render(register: Register) -> bytes:
    """The XLSX file's bytes."""
    buffer = io.BytesIO()
    build(register).save(buffer)
    return buffer.getvalue()
