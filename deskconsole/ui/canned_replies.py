"""Canned replies offered in the fields that answer a resident: a key opens the list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from deskconsole.domain.canned_replies import replies_for
from deskconsole.models import Settings
from deskconsole.ui.screens.canned_picker import CannedReplyPicker
from deskconsole.ui.screens.case_dialogs import StepDialog

CANNED_KEY = "ctrl+r"
#: The step fields that answer the resident, where canned replies are offered.
ANSWER_FIELDS = ("outcome", "reply")


def offer_replies(screen: Screen[Any], field: Input, settings: Settings, category: str) -> None:
    """Open the picker for ``category``; the reply picked goes into ``field``, still editable."""
    label = settings.category_label(category) if category else ""

    def picked(text: str | None) -> None:
        if text:
            current = field.value.rstrip()
            field.value = f"{current} {text}" if current else text
            field.cursor_position = len(field.value)
        field.call_after_refresh(field.focus)  # a row just shown takes focus once laid out

    field.focus()  # the field the screen comes back to when the list closes
    screen.app.push_screen(
        CannedReplyPicker(label, category, replies_for(settings, category)), picked
    )


def wants_replies(fields: Sequence[str]) -> bool:
    """True when a dialog asks for an outcome or a reply."""
    return any(name in fields for name in ANSWER_FIELDS)


class AnswerStepDialog(StepDialog):
    """A step dialog with an outcome or reply field: ctrl+r offers the category's replies."""

    BINDINGS = [
        Binding(CANNED_KEY, "canned", "replies.key_open", tooltip="replies.key_open_tip"),
    ]

    def __init__(self, *args: Any, category: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category = category

    def action_canned(self) -> None:
        """Ctrl+R: the canned replies for the focused answer field (or the first one)."""
        inputs = [f for name in ANSWER_FIELDS for f in self.query(f"#field-{name}").results(Input)]
        if not inputs:
            return
        field = self.focused if self.focused in inputs else inputs[0]
        assert isinstance(field, Input)
        offer_replies(self, field, self.settings, self.category)
