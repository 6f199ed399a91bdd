"""The store's area code, from the settings view: given to a local number typed without one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from deskconsole.domain.desk import DeskSettingsError, checked_area_code
from deskconsole.i18n import t
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.styles import styles_dir
from deskconsole.ui.widgets.footer import DeskFooter


class AreaCodeDialog(DeskModal[str | None]):
    """Collects the area code; returns it checked (``536`` -> ``0536``), or None on Esc."""

    CSS_PATH = str(styles_dir() / "bundle.tcss")
    BINDINGS = [
        Binding("ctrl+s", "submit", "bundle.key_save", tooltip="bundle.key_save_tip"),
        Binding("escape", "cancel", "dialog.cancel", tooltip="dialog.cancel_tip"),
    ]

    def __init__(self, area_code: str) -> None:
        super().__init__()
        self.area_code = area_code

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("phone.area_title"), classes="dialog-question")
            yield Static(t("phone.area_note"), classes="dialog-note")
            yield Input(self.area_code, id="settings-area-code", compact=True, max_length=8)
            yield Static("", id="settings-error", classes="form-error")
            yield Static(t("phone.area_hint"), classes="dialog-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        try:
            area_code = checked_area_code(self.query_one(Input).value)
        except DeskSettingsError as error:
            self.query_one("#settings-error", Static).update(str(error))
            return
        self.dismiss(area_code)

    def action_cancel(self) -> None:
        self.dismiss(None)
