"""The key bar at the bottom of every screen: compact, so more keys fit in 80 columns."""

from __future__ import annotations

from textual.widgets import Footer


class DeskFooter(Footer):
    """Textual's footer in its compact style."""

    def __init__(self) -> None:
        super().__init__(compact=True)
