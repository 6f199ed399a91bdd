"""The board's filter: text, category, party, compound, overdue only."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Button, Checkbox, Input, Label, Select

from deskconsole.domain.board import BoardFilter
from deskconsole.i18n import t
from deskconsole.models import PartyKind, Settings
from deskconsole.ui.screens.case_dialogs import DialogBase


class FilterDialog(DialogBase[BoardFilter]):
    """Narrow the board: text, category, party, compound, overdue only."""

    def __init__(self, current: BoardFilter, settings: Settings, compounds: Sequence[str]) -> None:
        super().__init__(t("board.filter_title"))
        self.current = current
        self.settings = settings
        self.compounds = sorted({*settings.compounds, *compounds} - {""})

    def compose_body(self) -> ComposeResult:
        flt = self.current
        with Grid(id="dialog-fields"):
            yield Label(t("board.filter_text"))
            yield Input(
                flt.text, id="filter-text", compact=True, placeholder=t("board.filter_hint")
            )
            yield Label(t("field.category"))
            yield Select(
                [(c.label, c.code) for c in self.settings.categories],
                value=flt.category or Select.NULL,
                id="filter-category",
                compact=True,
                prompt=t("board.filter_any"),
            )
            yield Label(t("field.party"))
            yield Select(
                [(k.label, k.value) for k in PartyKind],
                value=flt.party_kind or Select.NULL,
                id="filter-party",
                compact=True,
                prompt=t("board.filter_any"),
            )
            yield Label(t("field.compound"))
            yield Select(
                [(c, c) for c in self.compounds],
                value=flt.compound if flt.compound in self.compounds else Select.NULL,
                id="filter-compound",
                compact=True,
                prompt=t("board.filter_any"),
            )
            yield Label("")
            yield Checkbox(
                t("board.filter_overdue_only"), flt.overdue_only, id="filter-overdue", compact=True
            )

    def compose_buttons(self) -> ComposeResult:
        yield Button(t("board.filter_clear"), id="clear", compact=True)
        yield from super().compose_buttons()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#filter-text", Input).focus()

    def _select(self, wid: str) -> str:
        value = self.query_one(wid, Select).value
        return "" if value is Select.NULL else str(value)

    def action_submit(self) -> None:
        self.dismiss(
            BoardFilter(
                text=self.query_one("#filter-text", Input).value.strip(),
                category=self._select("#filter-category"),
                party_kind=self._select("#filter-party"),
                compound=self._select("#filter-compound"),
                overdue_only=self.query_one("#filter-overdue", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(BoardFilter())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()
