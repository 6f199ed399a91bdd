"""Asks before the register shows and exports full phone and ID numbers."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from deskconsole.i18n import t
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.widgets.footer import DeskFooter


class ConfirmUnmask(DeskModal[bool]):
    """True to show full numbers; False (the default, and Escape) keeps them masked."""

    BINDINGS = [
        Binding("escape", "keep", "register.confirm_no", tooltip="register.key_confirm_no_tip"),
    ]

    def __init__(self, staff: str) -> None:
        super().__init__()
        self.staff = staff

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(t("register.confirm_title"), id="confirm-title")
            yield Static(t("register.confirm_text", staff=self.staff), id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button(t("register.confirm_yes"), id="confirm-yes", variant="error")
                yield Button(t("register.confirm_no"), id="confirm-no", variant="primary")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_keep(self) -> None:
        self.dismiss(False)
