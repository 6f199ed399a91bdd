"""Left and right move between a dialog's buttons, as they do in every desktop dialog."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Button

STEPS = {"left": -1, "right": 1}


def move_between_buttons(screen: Screen[object], event: events.Key) -> bool:
    """On a focused button, left/right focus the previous/next button beside it."""
    focused = screen.focused
    step = STEPS.get(event.key)
    if step is None or not isinstance(focused, Button) or focused.parent is None:
        return False
    row = [b for b in focused.parent.children if isinstance(b, Button) and b.focusable]
    index = row.index(focused) + step
    if 0 <= index < len(row):
        row[index].focus()
    return True
