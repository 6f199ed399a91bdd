"""The four working modes and the screen class of each (one line per mode)."""

from __future__ import annotations

from textual.screen import Screen

from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.placeholder import pending

MODE_KEYS = {"lookup": "f2", "intake": "f3", "board": "f4", "register": "f5"}


def mode_screens() -> dict[str, type[Screen[None]]]:
    """Mode name -> screen class."""
    return {
        "lookup": pending("lookup"),
        "intake": pending("intake"),
        "board": BoardScreen,
        "register": pending("register"),
    }
