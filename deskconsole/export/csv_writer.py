"""The register as CSV for Excel, WPS and LibreOffice: UTF-8 with a BOM, one heading row,
one row per case.

Spreadsheets guess the type of every CSV cell when they open the file: an 18-digit ID
number becomes ``3.70702194706122E+17`` (its last digits lost), a phone a number, ``17:56``
a time, ``12-2`` a date. A cell the register means as text but that looks like a number,
a time or a date is therefore written as a text formula, ``="370702194706122417"``:
Excel, WPS and LibreOffice open it, with their default options, as exactly that text.
序号 stays a plain number.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) and is
not such a number-like text is defused with a leading apostrophe, so a spreadsheet
shows it as text and never runs it as a formula. The header and footer lines of the
register are not in the CSV: it is a table for the street office's spreadsheet (the
XLSX, HTML and JSON carry them).
"""

from __future__ import annotations

import csv
import io
import re

from deskconsole.domain.register import COLUMNS, Register

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Digits with the punctuation of numbers, dates, times, phones and rooms: what a
# spreadsheet may turn into a number, a date or a time ("0536-8881234", "3/4", "1e5").
_NUMBER_LIKE = re.compile(r"[\s0-9.,:/+\-*%()eE]*[0-9][\s0-9.,:/+\-*%()eE]*")
_TEXT_FORMULA_MAX = 255  # Excel's limit for a text in a formula
_PLAIN_NUMBER_COLUMNS = frozenset({"no"})


def defuse(cell: str) -> str:
    """``=1+1`` -> ``'=1+1``; anything else unchanged."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def as_text(cell: str) -> str:
    """``370702194706122417`` -> ``="370702194706122417"``, read back by every spreadsheet
    as that text; a cell no spreadsheet would take for a number is only defused."""
    if _NUMBER_LIKE.fullmatch(cell) and len(cell) <= _TEXT_FORMULA_MAX:
        return '="' + cell.replace('"', '""') + '"'
    return defuse(cell)


def render(register: Register) -> bytes:
    """The CSV bytes, BOM first, CRLF line ends (what Excel writes itself)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([defuse(h) for h in register.headings()])
    for row in register.rows:
        writer.writerow(
            [
                cell if name in _PLAIN_NUMBER_COLUMNS else as_text(cell)
                for (name, _), cell in zip(COLUMNS, row.cells(), strict=True)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")
