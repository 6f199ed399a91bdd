"""The four working modes and the screen class of each (one line per mode)."""

from __future__ import annotations

from textual.screen import Screen

from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.screens.lookup import LookupScreen
from deskconsole.ui.screens.register import RegisterScreen

MODE_KEYS = {"lookup": "f2", "intake": "f3", "board": "f4", "register": "f5"}


def mode_screens() -> dict[str, type[Screen[None]]]:
    """Mode name -> screen class."""
    return {
        "lookup": LookupScreen,
        "intake": IntakeScreen,
        "board": BoardScreen,
        "register": RegisterScreen,
    }
