"""The register as an XLSX workbook.

Layout of the one sheet: the title in row 1, the header line (community, compound,
date, session, staff) in row 2, the column headings in row 3 (frozen with the rows
above, and repeated on every printed page), one row per case, then the footer lines
and the signature line. 序号 and the footer's counts are numbers; every other cell holds
text, never a formula or a number, so case numbers, times, phones and ID numbers arrive
exactly as written.
Each row is made tall enough for its wrapped cells (estimated from the text's width in
the column), since a spreadsheet that opens the file does not grow rows by itself and
would print only their first line. Printing is set to A4 landscape, fitted to the page
width.
"""

from __future__ import annotations

import io
import math

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from deskconsole.domain.register import COLUMNS, Register
from deskconsole.export.layout import display_width

HEADING_ROW = 3
WRAPPED = {"matter", "handling", "address"}
MAX_WIDTH = {"matter": 32, "handling": 24, "address": 20}
COUNT_COLUMN = 4
"""The footer's counts stand in the fourth column, clear of their labels."""
SIGNATURES = ("register.sign_recorder", "register.sign_head", "register.sign_date")
LINE_HEIGHT = 15.0
"""Points per line of 11 pt text (CJK fonts are a little taller than Latin ones)."""
ROW_PADDING = 4.0
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


def column_widths(rows: list[list[str]]) -> list[int]:
    """Each column's width in character units: its widest line in ``rows`` (headings
    and cells), capped for wrapped text."""
    widths = []
    for index, (name, _) in enumerate(COLUMNS):
        lines = [line for row in rows for line in row[index].split("\n")]
        widest = max(display_width(line) for line in lines)
        widths.append(max(min(widest, MAX_WIDTH.get(name, 40)) + 2, 5))
    return widths


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide."""
    usable = max(width - 2, 1)  # the cell's margins, and a word that does not fit whole
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


def row_height(cells: list[str], widths: list[int]) -> float:
    """Points a case row needs so that every wrapped cell prints whole."""
    lines = max(
        [1]
        + [
            wrapped_lines(text, widths[index])
            for index, ((name, _), text) in enumerate(zip(COLUMNS, cells, strict=True))
            if name in WRAPPED
        ]
    )
    return lines * LINE_HEIGHT + ROW_PADDING


def build(register: Register) -> Workbook:
    """The workbook (for callers that want to add to it)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = register.day.isoformat()
    titles = register.headings()
    widths = column_widths([titles] + [row.cells() for row in register.rows])
    _line(sheet, 1, f"{register.title}  {register.day.isoformat()}", bold=True)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    header = register.filled_header_lines()
    _line(sheet, 2, "    ".join(register.pair(label, value) for label, value in header))
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
    number = Alignment(horizontal="center", vertical="top")
    row_index = HEADING_ROW
    for row in register.rows:
        row_index += 1
        cells = row.cells()
        for column, ((name, _), text) in enumerate(zip(COLUMNS, cells, strict=True), 1):
            if name == "no":
                sheet.cell(row=row_index, column=column, value=row.no)
            else:
                _text_cell(sheet, row_index, column, text)
            cell = sheet.cell(row=row_index, column=column)
            cell.border = _BOX
            cell.alignment = wrap if name in WRAPPED else number if name == "no" else top
        sheet.row_dimensions[row_index].height = row_height(cells, widths)
    if register.is_empty:
        row_index += 1
        _line(sheet, row_index, register.empty_note())
    row_index += 1
    cases_label = register.text("register.f_cases")
    for label, value in register.footer_lines():
        row_index += 1
        bold = label == cases_label
        if value.isdigit():  # a count: the label, then the number in a cell of its own
            _line(sheet, row_index, register.pair(label, ""), bold=bold)
            count = sheet.cell(row=row_index, column=COUNT_COLUMN, value=int(value))
            count.alignment = Alignment(horizontal="left")
            count.font = Font(bold=bold)
        else:
            _line(sheet, row_index, register.pair(label, value), bold=bold)
    row_index += 1
    _line(sheet, row_index, register.masked_note())
    row_index += 2
    signatures = [register.pair(register.text(key), "_" * 14) for key in SIGNATURES]
    _line(sheet, row_index, "        ".join(signatures))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=HEADING_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, footer=0.3)
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&P / &N"
    return book


def render(register: Register) -> bytes:
    """The XLSX file's bytes."""
    buffer = io.BytesIO()
    build(register).save(buffer)
    return buffer.getvalue()
