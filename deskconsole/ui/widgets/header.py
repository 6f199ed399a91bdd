"""The header: community, current desk session, staff on duty, and today's counts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from deskconsole.i18n import t
from deskconsole.models import DeskSession
from deskconsole.storage import CaseCounts
from deskconsole.ui.literal import literal

if TYPE_CHECKING:
    from deskconsole.ui.desk import Desk


class DeskHeader(Horizontal):
    """One line at the top of every screen; at 80 columns the session text is shortened
    first, never the staff name or the counts."""

    DEFAULT_CSS = """
    DeskHeader { height: 1; background: $panel; color: $foreground; dock: top; }
    DeskHeader > Static { width: auto; padding: 0 1; }
    DeskHeader > #header-title { text-style: bold; background: $primary; color: $text; }
    DeskHeader > #header-session { padding-right: 0; }
    DeskHeader > #header-staff { width: 1fr; padding-left: 0; }
    DeskHeader > #header-counts { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = "header") -> None:
        super().__init__(id=id)
        self._title = ""
        self._session: DeskSession | None = None
        self._staff = ""
        self._counts: CaseCounts | None = None
        self._today: date | None = None
        self._opening = False

    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield Static(id="header-session")
        yield Static(id="header-staff")
        yield Static(id="header-counts")

    def show(
        self,
        community: str,
        session: DeskSession | None,
        staff: str,
        counts: CaseCounts | None,
        today: date | None = None,
    ) -> None:
        """Update every part of the header."""
        self._opening = False
        self._title, self._session, self._staff, self._counts = community, session, staff, counts
        self._today = today
        self.redraw()

    def show_opening(self, staff: str) -> None:
        """While the store is being read: the staff on duty, and that the store is opening."""
        self._opening = True
        self._staff = staff
        self.redraw()

    def redraw(self) -> None:
        """Render the current values in the current language."""
        titles = self.query("#header-title")
        if not self.is_mounted or not titles:
            return  # not composed yet (or recomposing): on_mount draws it
        titles.first(Static).update(literal(self._title))
        session = self._session
        if self._opening:
            session_text = t("header.opening")
        elif session is None:
            session_text = t("header.no_session")
        else:
            when = f"{session.start:%H:%M}" if session.start else ""
            if self._today is not None and session.date != self._today:
                when = f"{session.date:%m-%d} {when}".strip()
            session_text = t("header.session", compound=session.compound, when=when)
        staff_text = f" | {t('header.staff', staff=self._staff)}"
        self.query_one("#header-staff", Static).update(literal(staff_text))
        counts = self._counts
        text = (
            t(
                "header.counts",
                taken=counts.taken_today,
                overdue=counts.overdue,
                followup=counts.awaiting_followup,
            )
            if counts
            else ""
        )
        self.query_one("#header-counts", Static).update(text)
        # The session gives way at narrow widths; the staff name and the counts are never cut.
        room = self.size.width - cell_len(self._title) - cell_len(staff_text) - cell_len(text) - 5
        session_line = Text(session_text, no_wrap=True)
        if room > 0 and session_line.cell_len > room:
            session_line.truncate(room, overflow="ellipsis")
        self.query_one("#header-session", Static).update(session_line)

    def on_resize(self) -> None:
        self.redraw()

    def on_mount(self) -> None:
        desk = cast("Desk", self.app)
        figures = getattr(desk, "header_figures", None)
        if figures is not None and not self._title:
            session, counts = figures
            self.show(desk.community_title(), session, desk.staff, counts, desk.today())
            return
        self.redraw()
