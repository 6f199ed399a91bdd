"""The register as CSV for Excel, WPS and LibreOffice: UTF-8 with a BOM, one heading row,
one row per case.

Every cell the register means as text but that a spreadsheet would take for a number,
a date or a time (ID numbers, phones, times) is written as a text formula,
``="370702194706122417"``, and every other cell that starts like a formula is defused
with an apostrophe (see :mod:`deskconsole.domain.sheet_cells`). 序号 stays a plain
number. The header and footer lines of the register are not in the CSV: it is a table
for the street office's spreadsheet (the XLSX, HTML and JSON carry them).
"""

from __future__ import annotations

import csv
import io

from deskconsole.domain.register import COLUMNS, Register
from deskconsole.domain.sheet_cells import as_text, defuse

_PLAIN_NUMBER_COLUMNS = frozenset({"no"})

__all__ = ["as_text", "defuse", "render"]


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
