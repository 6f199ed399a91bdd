"""A table that fits its width: the columns that may give way are narrowed, their cut
text ending in "…", so that at 80 columns every column is on screen and no cell is cut
without a sign of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import OverflowMethod
from rich.text import Text
from textual.geometry import Size
from textual.widgets._data_table import RowRenderables

from deskconsole.ui.literal import LiteralTable

ELLIPSIS: OverflowMethod = "ellipsis"


def fitted_widths(natural: Sequence[int], floors: Sequence[int], room: int) -> list[int]:
    """Widths adding up to at most ``room``: each at most its ``natural`` width and none
    below its floor; the widest columns are narrowed first. When even the floors do not
    fit, the floors (the table then scrolls)."""
    floors = [min(floor, width) for floor, width in zip(floors, natural, strict=True)]
    if sum(natural) <= room:
        return list(natural)
    if sum(floors) >= room:
        return floors

    def at(level: int) -> list[int]:
        return [max(floor, min(width, level)) for width, floor in zip(natural, floors, strict=True)]

    low, high = 0, max(natural)
    while low < high:  # the highest level whose widths fit
        middle = (low + high + 1) // 2
        if sum(at(middle)) <= room:
            low = middle
        else:
            high = middle - 1
    widths = at(low)
    spare = room - sum(widths)
    for index, width in enumerate(widths):  # what is left, a cell each, left to right
        if spare and width < natural[index]:
            widths[index] += 1
            spare -= 1
    return widths


class FitTable(LiteralTable):
    """A ``LiteralTable`` whose ``give_way`` columns (key: the narrowest width it may
    take) narrow to keep the table inside its width; any cut cell ends in "…"."""

    def __init__(self, *, give_way: Mapping[str, int] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.give_way = dict(give_way or {})
        self._caps: dict[str, int] = {}  # widths the caller asked for (at most these)

    def add_column(  # type: ignore[override]
        self, label: str | Text, *, width: int | None = None, key: str | None = None, **kwargs: Any
    ) -> Any:
        heading = Text(label) if isinstance(label, str) else label.copy()
        heading.overflow = ELLIPSIS
        if key is not None and key in self.give_way and width is not None:
            self._caps[key] = width
        column_key = super().add_column(heading, width=width, key=key, **kwargs)
        self.fit()
        return column_key

    def clear(self, columns: bool = False) -> Any:
        if columns:
            self._caps.clear()
        return super().clear(columns)

    def columns_widened(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Narrow (or widen back) the columns that give way to the width on screen."""
        room = self.scrollable_content_region.width
        if room <= 0 or not self.give_way:
            return
        padding = 2 * self.cell_padding
        managed = [c for c in self.ordered_columns if c.key.value in self.give_way]
        others = [c for c in self.ordered_columns if c.key.value not in self.give_way]
        room -= sum(c.get_render_width(self) for c in others) + padding * len(managed)
        room -= self._row_label_column_width
        natural = [
            min(c.content_width, self._caps.get(str(c.key.value), c.content_width)) for c in managed
        ]
        floors = [self.give_way[str(c.key.value)] for c in managed]
        changed = False
        for column, width in zip(managed, fitted_widths(natural, floors, room), strict=True):
            if column.auto_width or column.width != width:
                column.auto_width, column.width = False, width
                changed = True
        if changed:
            total = sum(c.get_render_width(self) for c in self.ordered_columns)
            self.virtual_size = Size(total + self._row_label_column_width, self.virtual_size.height)
            self.notify_style_update()  # drops the cells drawn at the old widths

    def _compute_row_renderables(self, row_index: int) -> RowRenderables:
        """Every cell (and heading) cut to its column ends in "…"."""
        found = super()._compute_row_renderables(row_index)
        cells = []
        for cell in found.cells:
            if isinstance(cell, Text) and cell.overflow != ELLIPSIS:
                cell = cell.copy()
                cell.overflow = ELLIPSIS
            cells.append(cell)
        return found._replace(cells=cells)

    def on_resize(self) -> None:
        self.fit()

    def watch_show_vertical_scrollbar(self) -> None:
        self.fit()
