"""F1: the keys of the screen the clerk is on, its own first, grouped, scrolled by keyboard."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from deskconsole.i18n import t
from deskconsole.ui.help_keys import GROUPS, HelpKey, help_keys
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.widgets.footer import DeskFooter


def help_line(line: HelpKey) -> Horizontal:
    """One key: the key on the left, what it does on the right (wrapping, never cut)."""
    text = Text(line.description)
    if line.tooltip and line.tooltip != line.description:
        text.append(f"  {line.tooltip}", style="dim")
    return Horizontal(
        Static(Text(line.key), classes="help-key"),
        Static(text, classes="help-text"),
        classes="help-line",
    )


class HelpScreen(DeskModal[None]):
    """The keys of one screen: that screen's own, then everywhere, then the editing keys."""

    BINDINGS = [
        Binding("escape,f1", "close", "help.key_close", tooltip="help.key_close_tip"),
    ]

    def __init__(self, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self._shown_bindings = bindings

    def compose(self) -> ComposeResult:
        groups = help_keys(self.app, self._shown_bindings)
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(t("help.title"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                for group in GROUPS:
                    if groups[group]:
                        yield Static(t(f"help.group_{group}"), classes="help-group")
                        for line in groups[group]:
                            yield help_line(line)
            yield Static(t("help.hint"), classes="dialog-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
