"""Small dialogs that only collect an answer: confirm, pick a category."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from deskconsole.domain.choices import category_choices
from deskconsole.i18n import t
from deskconsole.models import Settings
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.widgets.choice import ChoiceField
from deskconsole.ui.widgets.footer import DeskFooter


class ConfirmDialog(DeskModal[bool]):
    """A question answered with y / n; Esc is no, and Enter is yes unless the answer
    would destroy something (``destructive=True``: throwing typed input away), where
    Enter is no and only ``y`` says yes."""

    BINDINGS = [
        Binding("y", "answer(True)", "dialog.yes", tooltip="dialog.yes_tip"),
        Binding("n,escape", "answer(False)", "dialog.no", tooltip="dialog.no_tip"),
        Binding("enter", "enter", "dialog.enter", tooltip="dialog.enter_tip", show=False),
    ]

    def __init__(self, question: str, *, destructive: bool = False) -> None:
        super().__init__()
        self.question = question
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        hint = "dialog.no_yes_hint" if self.destructive else "dialog.yes_no_hint"
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-question")
            yield Static(t(hint), classes="dialog-hint")
        yield DeskFooter()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_enter(self) -> None:
        """Enter: yes, or no where yes would throw something away."""
        self.dismiss(not self.destructive)


class CategoryDialog(DeskModal[str | None]):
    """Pick a category: type its number or pinyin, Enter to take it, Esc to cancel."""

    BINDINGS = [
        Binding("enter", "take", "dialog.take", tooltip="dialog.take_tip"),
        Binding("escape", "cancel", "dialog.cancel", tooltip="dialog.cancel_tip"),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.choices = category_choices(settings)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("dialog.pick_category"), classes="dialog-question")
            yield ChoiceField(
                self.choices,
                self.choices[0].value if self.choices else "",
                moves_on=False,
                id="dialog-category",
            )
        yield DeskFooter()

    def action_take(self) -> None:
        self.dismiss(self.query_one(ChoiceField).value or None)

    def on_choice_field_accepted(self, event: ChoiceField.Accepted) -> None:
        event.stop()
        self.action_take()

    def action_cancel(self) -> None:
        self.dismiss(None)
