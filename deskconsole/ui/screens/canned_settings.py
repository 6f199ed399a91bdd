"""Canned replies on the Settings screen: the list, and a line to add or clear them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from deskconsole.domain.canned_replies import replies_for
from deskconsole.i18n import t
from deskconsole.models import Settings
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.widgets.footer import DeskFooter


def replies_text(settings: Settings, *, codes: bool = False) -> Text:
    """Every canned reply, one per line under its category's name (and, with ``codes``,
    the code a reply is added by), under a title."""
    text = Text(t("replies.settings_title"), style="bold")
    lines = []
    for category in settings.categories:
        name = category.label
        if codes:
            name = t("replies.category_code", label=name, code=category.code)
        for number, reply in enumerate(replies_for(settings, category.code), 1):
            lines.append(f"{name} {number}. {reply}")
    for line in lines or [t("replies.settings_none")]:
        text.append("\n  ")
        text.append("".join(c if c.isprintable() else " " for c in line))
    return text


class CannedRepliesDialog(DeskModal[str | None]):
    """One line, ``CATEGORY=TEXT`` to add a reply or ``CATEGORY=`` to clear a category."""

    BINDINGS = [
        Binding("escape", "cancel", "replies.key_back", tooltip="replies.key_back_tip"),
    ]

    def __init__(self, settings: Settings, error: str = "") -> None:
        super().__init__()
        self.settings = settings
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(replies_text(self.settings, codes=True), id="canned-current")
            yield Input(placeholder="property=物业报修电话 0536-8881234", id="canned-line")
            yield Static(Text(self.error), id="canned-error", classes="dialog-hint")
            codes = ", ".join(c.code for c in self.settings.categories)
            yield Static(t("replies.edit_hint", codes=codes), classes="dialog-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#canned-line", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
