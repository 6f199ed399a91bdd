"""A checkbox for forms: space ticks it, Enter moves on, and the tick shows without colour."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """``[x]`` when ticked, ``[ ]`` when not; only space (or a click) changes it."""

    BINDINGS = [
        Binding("space", "toggle_button", "form.key_tick", show=False),
        Binding("enter", "next_field", "form.key_next", show=False),
    ]

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble("[", ("x" if self.value else " ", style), "]")

    def action_next_field(self) -> None:
        """Enter: go on to the next field; the tick stays as it is."""
        self.screen.focus_next()
