"""Text cells that survive a spreadsheet: how the CSV files we write hold their cells.

Excel, WPS and LibreOffice guess the type of every CSV cell: an 18-digit ID number
becomes ``3.70702194706122E+17`` (its last digits lost), a phone a number, ``17:56`` a
time, ``12-2`` a date. :func:`as_text` writes such a cell as a text formula,
``="370702194706122417"``, which all three open, with their default options, as
exactly that text; :func:`from_text` reads it back when the file is imported as it is.
A cell that starts with ``= + - @`` (or a tab or carriage return) and is nothing of the
kind is defused with a leading apostrophe, so it is shown and never run.
"""

from __future__ import annotations

import re

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Digits with the punctuation of numbers, dates, times, phones and rooms: what a
# spreadsheet may turn into a number, a date or a time ("0536-8881234", "3/4", "1e5").
_NUMBER_LIKE = re.compile(r"[\s0-9.,:/+\-*%()eE]*[0-9][\s0-9.,:/+\-*%()eE]*")
_TEXT_FORMULA = re.compile(r'="((?:[^"]|"")*)"')
TEXT_FORMULA_MAX = 255
"""Excel's limit for a text inside a formula."""


def defuse(cell: str) -> str:
    """``=1+1`` -> ``'=1+1``; anything else unchanged."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def as_text(cell: str) -> str:
    """``370702194706122417`` -> ``="370702194706122417"``; a cell no spreadsheet would
    take for a number, date or time is only defused."""
    if _NUMBER_LIKE.fullmatch(cell) and len(cell) <= TEXT_FORMULA_MAX:
        return '="' + cell.replace('"', '""') + '"'
    return defuse(cell)


def from_text(cell: str) -> str:
    """``="370702194706122417"`` -> ``370702194706122417``; anything else unchanged."""
    match = _TEXT_FORMULA.fullmatch(cell.strip())
    return match.group(1).replace('""', '"') if match else cell
