"""Text a person or a file typed, shown exactly as typed: never markup, never a terminal
control sequence.

A roster name like ``[/]闭合`` or ``[@click=app.quit]退出[/]`` is a name, not an
instruction; ``张三\\x1bc`` must not reset the clerk's terminal. :func:`literal` turns
such text into a :class:`rich.text.Text` (which Textual never parses), with any control
character drawn as a visible escape; :class:`LiteralTable` does it for every cell.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable

#: Bidirectional overrides and isolates: they reorder what the clerk reads.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def visible(text: str, *, newlines: bool = True) -> str:
    """``text`` with each control character written out (``\\x1b``) instead of sent."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char == "\n" and newlines:
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif char in _BIDI or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def literal(text: str, style: str = "") -> Text:
    """``text`` as it was typed, for a Static, a notification or a cell."""
    return Text(visible(text), style=style)


class LiteralTable(DataTable[Any]):
    """A ``DataTable`` whose text cells are shown literally (a name is never markup)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._painted_widths: list[tuple[int, int]] = []

    def add_row(self, *cells: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        shown = [_cell(cell) for cell in cells]
        key = super().add_row(*shown, **kwargs)
        self.widen(shown)
        return key

    def update_row(self, row_key: Any, *cells: Any) -> None:
        """Put ``cells`` in the row ``row_key``: those that changed, shown literally."""
        shown = [_cell(cell) for cell in cells]
        for column, cell in zip(self.ordered_columns, shown, strict=False):
            if self.get_cell(row_key, column.key) != cell:
                self.update_cell(row_key, column.key, cell)
        self.widen(shown)

    def widen(self, cells: list[Any]) -> None:
        """Columns as wide as a row just added, at once: the table measures new rows only
        when it is next idle, and a frame drawn before that has every column at its
        heading's width (the rows cut to ``JC-2026``)."""
        widened = False
        for column, cell in zip(self.ordered_columns, cells, strict=False):
            width = cell_width(cell)
            if width > column.content_width:
                column.content_width = width
                widened = True
        if widened:
            self.columns_widened()

    def columns_widened(self) -> None:
        """Called when the content of a column took a new width."""

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        """Columns widen to new rows when the app is idle, but cells painted before that
        stay cached at the old width (cut: ``锦绣`` for 锦绣苑 5-3-902): repaint them.

        The table sets its virtual size each time it measures its columns, so this
        watcher sees every change of their total width and of its rows; a cell update
        that trades width exactly between two columns (neither total changes) is not seen.
        """
        widths = [(c.content_width, c.get_render_width(self)) for c in self.columns.values()]
        if widths != self._painted_widths:
            self._painted_widths = widths
            self.columns_widened()
            self.notify_style_update()  # drops the cached cells and lines, and refreshes


def cell_width(cell: Any) -> int:
    """The cells a one-line table cell takes (a Chinese character two)."""
    if isinstance(cell, Text):
        cell = cell.plain
    if not isinstance(cell, str):
        return 0  # measured by the table when it is idle
    return cell_len(cell.split("\n", 1)[0])


def _cell(cell: Any) -> Any:
    """A plain string stays a string; one that markup or emoji codes could change, or
    with a control character, becomes literal ``Text``."""
    if isinstance(cell, str) and ("[" in cell or ":" in cell or not cell.isprintable()):
        return literal(cell)
    return cell
