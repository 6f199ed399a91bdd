"""Asked before saving when the household already has an open case in the same category."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from deskconsole.domain.intake import RelatedChoice, RelatedDecision
from deskconsole.i18n import t
from deskconsole.models import Case, Settings
from deskconsole.ui.literal import visible
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.widgets.footer import DeskFooter


class RelatedCasesDialog(DeskModal[RelatedDecision | None]):
    """Returns what to do with the report and the open case chosen, or ``None`` (back)."""

    BINDINGS = [
        Binding("a", "decide('add')", "intake.key_add_to", tooltip="intake.key_add_to_tip"),
        Binding(
            "d", "decide('duplicate')", "intake.key_duplicate", tooltip="intake.key_duplicate_tip"
        ),
        Binding("n", "decide('new')", "intake.key_new_anyway", tooltip="intake.key_new_anyway_tip"),
        Binding("escape", "back", "intake.key_back", tooltip="intake.key_back_tip"),
    ]

    def __init__(self, cases: list[Case], settings: Settings) -> None:
        super().__init__()
        self.cases = cases
        self.settings = settings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(
                t("intake.related_title", count=len(self.cases)), classes="dialog-question"
            )
            options = []
            for case in self.cases:
                row = Text()
                row.append(case.number, style="bold")
                row.append(f"  {case.intake_at:%Y-%m-%d}  {case.state.label}  ")
                row.append(self.settings.category_label(case.category))
                row.append(visible(f"\n  {case.description[:60]}"), style="dim")
                options.append(Option(row, id=case.number))
            yield OptionList(*options, id="related-cases")
            yield Static(t("intake.related_hint"), classes="dialog-hint")
        yield DeskFooter()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_decide(self, how: str) -> None:
        choice = RelatedChoice(how)
        if choice is RelatedChoice.NEW:
            self.dismiss(RelatedDecision(choice))
            return
        options = self.query_one(OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        self.dismiss(RelatedDecision(choice, self.cases[index].number))
