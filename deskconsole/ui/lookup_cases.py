"""Lookup finds a case by its number too: a line above the residents, Enter opens it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.widgets import Static

from deskconsole.domain.case_numbers import looks_like_case_number
from deskconsole.i18n import t
from deskconsole.ui.case_commands import cases_by_number, open_case
from deskconsole.ui.key_gate import hold_keys

if TYPE_CHECKING:
    from deskconsole.ui.desk import Desk

MATTER_CELLS = 50


def case_line(found: list[tuple[str, str]]) -> Text:
    """``Case JC-20261124-002  楼道灯不亮  (Enter opens it)``, or how many matched."""
    number, matter = found[0]
    shown = "".join(c if c.isprintable() else " " for c in matter[:MATTER_CELLS])
    line = Text(t("lookup.case_found", count=len(found)), style="bold")
    line.append(" ")
    line.append(number, style="bold reverse")
    line.append("  ")
    line.append(shown)
    line.append(f"  {t('lookup.case_enter')}", style="dim")
    return line


class CaseLine(Static):
    """The case the typed number names (hidden when it names none)."""

    DEFAULT_CSS = "CaseLine { height: 1; padding: 0 1; display: none; }"

    def __init__(self) -> None:
        super().__init__(id="lookup-case")
        self.query_shown: str | None = None
        self.number: str | None = None

    @property
    def desk(self) -> Desk:
        return self.app  # type: ignore[return-value]

    def show_for(self, query: str) -> None:
        """Look the query up as a case number (off the UI thread) and show the line."""
        if not looks_like_case_number(query):
            self._put(query, [])
            return
        self._look_up(query)

    @work(thread=True, exclusive=True, group="lookup-case")
    def _look_up(self, query: str) -> None:
        found = cases_by_number(self.desk, query)
        self.app.call_from_thread(self._put, query, found)

    def _put(self, query: str, found: list[tuple[str, str]]) -> None:
        self.query_shown = query
        self.number = found[0][0] if found else None
        self.display = bool(found)
        if found:
            self.update(case_line(found))

    def open_if_named(self, query: str, otherwise: Callable[[], None]) -> None:
        """Enter: open the case ``query`` names, else do ``otherwise`` (open a resident)."""
        if not looks_like_case_number(query):
            otherwise()
        elif self.query_shown == query:
            if self.number is not None:
                open_case(self.desk, self.number)
            else:
                otherwise()
        else:
            self._open_now(query, otherwise, hold_keys(self.app))

    @work(thread=True, group="lookup-case-open")
    def _open_now(
        self, query: str, otherwise: Callable[[], None], release: Callable[[], None]
    ) -> None:
        """The line is for an older query: look up now (keys wait), then open."""
        try:
            found = cases_by_number(self.desk, query)
            self.app.call_from_thread(self._put, query, found)
            self.app.call_from_thread(self.open_if_named, query, otherwise)
        finally:
            self.app.call_from_thread(release)
