"""Pick what a board, register or statistics covers on a store of several desks: the
whole street, a community, or one desk. ``w`` (the key that opened it) or Down moves to
the next, a digit takes that line, Enter the highlighted one, Esc keeps the current."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from deskconsole.domain.street import Scope, ScopeKind, Street
from deskconsole.i18n import t
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.widgets.footer import DeskFooter


class ScopePicker(DeskModal[Scope | None]):
    """Every scope of the street, numbered, the current one highlighted."""

    BINDINGS = [
        Binding("enter", "take", "street.key_take", tooltip="street.key_take_tip"),
        Binding("w", "next", "street.key_next", tooltip="street.key_next_tip"),
        Binding("escape", "back", "street.key_back", tooltip="street.key_back_tip"),
    ]

    def __init__(self, street: Street, current: Scope | None) -> None:
        super().__init__()
        self.street = street
        self.scopes = street.scopes()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="scope-dialog"):
            yield Static(Text(t("street.picker_title")), classes="dialog-question")
            yield OptionList(
                *[
                    Option(Text(self._line(n, scope)), id=str(n))
                    for n, scope in enumerate(self.scopes, 1)
                ],
                id="scope-list",
            )
            yield Static(t("street.picker_help"), classes="dialog-hint")
        yield DeskFooter()

    def _line(self, n: int, scope: Scope) -> str:
        number = f"{n}." if n <= 9 else "  "
        indent = "  " if scope.kind is ScopeKind.DESK and self._in_community(scope) else ""
        return f"{number} {indent}{scope.label(self.street)}"

    def _in_community(self, scope: Scope) -> bool:
        group = self.street.group_of(scope.name)
        return sum(d.group == group for d in self.street.desks) > 1

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.scopes:
            options.highlighted = self.scopes.index(self.current)
        self.set_focus(options)

    def on_key(self, event: Key) -> None:
        """A digit takes that line at once."""
        if event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < min(9, len(self.scopes)):
                event.stop()
                self.dismiss(self.scopes[index])

    def action_next(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted if options.highlighted is not None else -1
        options.highlighted = (index + 1) % len(self.scopes)

    def action_take(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        self.dismiss(self.scopes[highlighted] if highlighted is not None else None)

    def action_back(self) -> None:
        self.dismiss(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.scopes[event.option_index])
