"""The board's top line: every column and its count, shortened until it fits the width."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from deskconsole.i18n import t
from deskconsole.models import CaseState


@dataclass(frozen=True)
class StripItem:
    """One column on the top line."""

    state: CaseState
    count: int
    style: str = ""


def short_label(state: CaseState) -> str:
    """The column's name as the top line shows it when the full names do not fit."""
    return t(f"board.short_{state.value}")


def strip_text(prefix: str, items: list[StripItem], width: int) -> Text:
    """The top line: ``prefix`` and each column's name and count, always every count.

    Tried in turn until one fits: full names, then without the prefix, then short names,
    then short names one space apart.
    """
    forms = (
        (prefix, False, "  "),
        ("", False, "  "),
        ("", True, "  "),
        ("", True, " "),
    )
    line = Text()
    for lead, short, gap in forms:
        line = Text(lead)
        for item in items:
            if line.plain:
                line.append(gap)
            label = short_label(item.state) if short else item.state.label
            line.append(f"{label} {item.count}", style=item.style)
        if line.cell_len <= width:
            return line
    return line
