"""Pick a canned reply: a digit takes that reply, Enter the highlighted one, Esc goes back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from deskconsole.i18n import t
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.widgets.footer import DeskFooter


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in text)


class CannedReplyPicker(DeskModal[str | None]):
    """The canned replies of one category, numbered; returns the one picked."""

    BINDINGS = [
        Binding("enter", "take", "replies.key_take", tooltip="replies.key_take_tip"),
        Binding("escape", "back", "replies.key_back", tooltip="replies.key_back_tip"),
    ]

    def __init__(self, category_label: str, code: str, replies: list[str]) -> None:
        super().__init__()
        self.category_label = category_label
        self.code = code
        self.replies = replies

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="canned-dialog"):
            title = t("replies.title", category=self.category_label)
            yield Static(Text(title), classes="dialog-question")
            if self.replies:
                yield OptionList(
                    *[
                        Option(Text(f"{n}. {_printable(text)}"), id=str(n))
                        for n, text in enumerate(self.replies, 1)
                    ],
                    id="canned-list",
                )
                yield Static(t("replies.hint"), classes="dialog-hint")
            else:
                none = t("replies.none", category=self.category_label, code=self.code)
                yield Static(Text(none), classes="dialog-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        for found in self.query("#canned-list"):
            found.focus()

    def on_key(self, event: Key) -> None:
        """A digit takes that reply at once."""
        if event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(self.replies):
                event.stop()
                self.dismiss(self.replies[index])

    def action_take(self) -> None:
        found = self.query("#canned-list")
        if not found:
            self.dismiss(None)
            return
        highlighted = found.first(OptionList).highlighted
        self.dismiss(self.replies[highlighted] if highlighted is not None else None)

    def action_back(self) -> None:
        self.dismiss(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.replies[event.option_index])
