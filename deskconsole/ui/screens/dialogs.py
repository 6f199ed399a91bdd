"""Small dialogs that only collect an answer: confirm, pick a category."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from deskconsole.domain.choices import Choice
from deskconsole.i18n import t
from deskconsole.models import Settings
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.widgets.choice import ChoiceField
from deskconsole.ui.widgets.footer import DeskFooter


class ConfirmDialog(DeskModal[bool]):
    """A question answered with y / n (Enter is yes, Esc is no)."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "dialog.yes", tooltip="dialog.yes_tip"),
        Binding("n,escape", "answer(False)", "dialog.no", tooltip="dialog.no_tip"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question")
            yield Static(t("dialog.yes_no_hint"), classes="dialog-hint")
        yield DeskFooter()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def category_choices(settings: Settings) -> list[Choice]:
    """The configured categories as choices."""
    return [Choice(c.code, c.en, c.zh) for c in settings.categories]


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
