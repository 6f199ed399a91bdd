"""The personal-data settings from the settings view: retention, the idle lock, the PIN.

When a PIN is set, nothing here changes without it: whoever finds the console unlocked
cannot switch the lock off or set a PIN of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static

from deskconsole.domain.pin import PinRefused, checked_pin, verify_pin
from deskconsole.i18n import t
from deskconsole.models import Settings
from deskconsole.models.text import nfkc
from deskconsole.ui.literal import literal
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.styles import styles_dir
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.tick_box import TickBox

RETENTION_YEARS = range(0, 51)
LOCK_MINUTES = range(0, 241)


@dataclass(frozen=True)
class PrivacyChange:
    """What the dialog settled on: a new PIN (checked), if any, or the PIN removed."""

    retention_years: int
    lock_minutes: int
    new_pin: str | None = None
    clear_pin: bool = False


class PrivacyDialog(DeskModal[PrivacyChange | None]):
    """Collects retention years, idle-lock minutes and a new PIN (typed twice)."""

    CSS_PATH = str(styles_dir() / "bundle.tcss")
    BINDINGS = [
        Binding("ctrl+s", "submit", "bundle.key_save", tooltip="bundle.key_save_tip"),
        Binding("escape", "cancel", "dialog.cancel", tooltip="dialog.cancel_tip"),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        settings = self.settings
        with Vertical(classes="dialog dialog-wide"):
            yield Static(t("privacy.settings_title"), classes="dialog-question")
            yield Static(t("privacy.settings_note"), classes="dialog-note")
            with Grid(classes="form-grid"):
                if settings.lock_pin:
                    yield Label(t("privacy.settings_current_pin"))
                    yield self._pin("privacy-current-pin")
                yield Label(t("privacy.settings_retention"))
                yield self._number("privacy-retention", settings.retention_years)
                yield Label(t("privacy.settings_lock"))
                yield self._number("privacy-lock", settings.lock_idle_minutes)
                yield Label(t("privacy.settings_new_pin"))
                yield self._pin("privacy-new-pin")
                yield Label(t("privacy.settings_new_pin_again"))
                yield self._pin("privacy-new-pin-again")
                if settings.lock_pin:
                    yield Label("")
                    yield TickBox(
                        t("privacy.settings_clear_pin"), id="privacy-clear-pin", compact=True
                    )
            yield Static("", id="privacy-error", classes="form-error")
            yield Static(t("privacy.settings_hint"), classes="dialog-hint")
        yield DeskFooter()

    @staticmethod
    def _number(field_id: str, value: int) -> Input:
        return Input(str(value), id=field_id, compact=True, max_length=4, type="integer")

    @staticmethod
    def _pin(field_id: str) -> Input:
        return Input(id=field_id, compact=True, password=True, max_length=12)

    def on_mount(self) -> None:
        first = "#privacy-current-pin" if self.settings.lock_pin else "#privacy-retention"
        self.query_one(first, Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on; on the last PIN field it saves."""
        event.stop()
        if event.input.id == "privacy-new-pin-again":
            self.action_submit()
        else:
            self.focus_next()

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def _refuse(self, key: str, field_id: str, **values: object) -> None:
        self.query_one("#privacy-error", Static).update(literal(t(key, **values)))
        self.query_one(f"#{field_id}", Input).focus()

    def _number_in(self, field_id: str, allowed: range, label: str) -> int | None:
        text = self._value(field_id)
        if text.isdigit() and int(text) in allowed:
            return int(text)
        self._refuse("privacy.err_setting_range", field_id, field=t(label), top=allowed[-1])
        return None

    def action_submit(self) -> None:
        """Check every field; say what is wrong beside the form, or return the change."""
        if self.settings.lock_pin and not verify_pin(
            self.settings.lock_pin, self._value("privacy-current-pin")
        ):
            self._refuse("privacy.err_current_pin", "privacy-current-pin")
            return
        years = self._number_in("privacy-retention", RETENTION_YEARS, "privacy.settings_retention")
        if years is None:
            return
        minutes = self._number_in("privacy-lock", LOCK_MINUTES, "privacy.settings_lock")
        if minutes is None:
            return
        new_pin = nfkc(self._value("privacy-new-pin"))
        again = nfkc(self._value("privacy-new-pin-again"))
        if new_pin != again:
            self._refuse("privacy.err_pins_differ", "privacy-new-pin-again")
            return
        pin = None
        if new_pin:
            try:
                pin = checked_pin(new_pin)
            except PinRefused as error:
                self._refuse(error.key, "privacy-new-pin")
                return
        clear = bool(self.query("#privacy-clear-pin")) and self.query_one(TickBox).value
        self.dismiss(PrivacyChange(years, minutes, pin, clear and pin is None))

    def action_cancel(self) -> None:
        self.dismiss(None)
