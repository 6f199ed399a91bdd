"""The desk-session keys every screen shares: F6 visitor +1, shift+F6 by category, F7 start/end."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from deskconsole.domain.sessions import count_visitor, end_session, start_session
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.models import DeskSession
from deskconsole.ui.screens.dialogs import CategoryDialog, ConfirmDialog
from deskconsole.ui.screens.sessions import SessionDialog, SessionsScreen

if TYPE_CHECKING:
    from deskconsole.ui.app import DeskApp


class SessionKeys:
    """Actions mixed into the app; they only collect input and call the domain."""

    def action_count_visitor(self: DeskApp) -> None:
        """F6: one more visitor who only asked a question."""
        self._count_visitor(None)

    def action_count_visitor_in(self: DeskApp) -> None:
        """Shift+F6: count a visitor under a category."""

        def counted(category: str | None) -> None:
            if category:
                self._count_visitor(category)

        self.push_screen(CategoryDialog(self.settings), counted)

    def _count_visitor(self: DeskApp, category: str | None) -> None:
        session = self.repo.sessions.current()
        if session is None:
            self.notify(t("session.none_open"), severity="warning")
            return
        try:
            counted = count_visitor(self.repo, session, self.now(), category)
        except DeskError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        label = self.settings.category_label(category) if category else ""
        self.notify(t("session.visitor_counted", count=counted.visitor_count, category=label))

    def action_session(self: DeskApp) -> None:
        """F7: start a desk session, or end the open one."""
        session = self.repo.sessions.current()
        if session is None:
            compounds = [s.compound for s in self.repo.sessions.all()[:50]]
            dialog = SessionDialog(None, self.settings, self.staff, self.today(), compounds)
            self.push_screen(dialog, self._start_session)
        else:
            question = t(
                "session.confirm_end", compound=session.compound, count=session.visitor_count
            )
            self.push_screen(ConfirmDialog(question), partial(self._end_session, session))

    def _start_session(self: DeskApp, values: dict[str, Any] | None) -> None:
        if values is None:
            return
        try:
            session = start_session(self.repo, now=self.now(), **values)
        except DeskError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify(t("session.started", compound=session.compound))

    def _end_session(self: DeskApp, session: DeskSession, confirmed: bool | None) -> None:
        if not confirmed:
            return
        try:
            end_session(self.repo, session, self.now())
        except DeskError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.notify(t("session.ended", compound=session.compound))

    def action_sessions(self: DeskApp) -> None:
        """Open the list of desk sessions."""
        self.push_screen(SessionsScreen())
