"""The register preview at any width: every column when they fit, else the columns that
name a case (the matter cut to what is left), with the highlighted row's other cells
spelt out beneath the table."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from deskconsole.domain.register import COLUMNS, RegisterRow, headings

#: Cells wider than their content would be: a long matter wraps in the files, not here.
PREVIEW_WIDTH = {"address": 22, "matter": 28, "handling": 26}
#: The columns kept when the screen is narrower than the whole register.
NARROW_COLUMNS = ("no", "time", "number", "name", "category", "state", "matter")
#: Cells a column takes besides its width (padding on both sides).
CELL_PADDING = 2
MIN_MATTER = 8
NAMES = tuple(name for name, _ in COLUMNS)


def _width(name: str, rows: list[RegisterRow], label: str) -> int:
    index = NAMES.index(name)
    widest = max([cell_len(label)] + [cell_len(row.cells()[index]) for row in rows])
    return min(widest, PREVIEW_WIDTH.get(name, widest))


def preview_layout(rows: list[RegisterRow], width: int) -> list[tuple[str, int | None]]:
    """The columns to show in ``width`` cells and their widths (None: fit the content):
    every column when the whole register fits, else :data:`NARROW_COLUMNS` with the
    matter taking what is left."""
    labels = dict(zip(NAMES, headings(), strict=True))
    widths = {name: _width(name, rows, labels[name]) for name in NAMES}
    if sum(widths.values()) + CELL_PADDING * len(NAMES) <= width:
        return [(name, PREVIEW_WIDTH.get(name)) for name in NAMES]
    others = sum(widths[name] + CELL_PADDING for name in NARROW_COLUMNS if name != "matter")
    matter = max(MIN_MATTER, width - others - CELL_PADDING)
    return [(name, matter if name == "matter" else None) for name in NARROW_COLUMNS]


def row_detail(row: RegisterRow, shown: tuple[str, ...]) -> Text:
    """The highlighted row's cells that its columns leave out, label by label."""
    labels = dict(zip(NAMES, headings(), strict=True))
    text = Text()
    for name in NAMES:
        if name in shown and name != "matter":
            continue
        if text:
            text.append("  ")
        text.append(f"{labels[name]} ", style="bold")
        text.append(str(getattr(row, name)) or "-")
    return text
