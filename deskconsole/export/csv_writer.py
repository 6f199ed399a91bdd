"""The register as CSV for Excel and WPS: UTF-8 with a BOM, one heading row, one row per case.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is
defused with a leading apostrophe, so a spreadsheet shows it as text and never runs it
as a formula. The header and footer lines of the register are not in the CSV: it is a
table for the street office's spreadsheet (the XLSX, HTML and JSON carry them).
"""

from __future__ import annotations

import csv
import io

from deskconsole.domain.register import Register, headings

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """``=1+1`` -> ``'=1+1``; anything else unchanged."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def render(register: Register) -> bytes:
    """The CSV bytes, BOM first, CRLF line ends (what Excel writes itself)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([defuse(h) for h in headings()])
    for row in register.rows:
        writer.writerow([defuse(cell) for cell in row.cells()])
    return buffer.getvalue().encode("utf-8-sig")
