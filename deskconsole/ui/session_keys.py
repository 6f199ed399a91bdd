"""The desk-session keys every screen shares: F6 visitor +1, shift+F6 by category, ctrl+F6
takes the last count back, F7 start/end."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from deskconsole.domain.sessions import (
    count_visitor,
    end_session,
    start_session,
    uncount_visitor,
)
from deskconsole.errors import DeskError
from deskconsole.i18n import listed, t
from deskconsole.models import DeskSession
from deskconsole.ui.screens.dialogs import CategoryDialog, ConfirmDialog
from deskconsole.ui.screens.sessions import SessionAnswer, SessionDialog, SessionsScreen

if TYPE_CHECKING:
    from deskconsole.ui.desk import Desk


class SessionActions:
    """What F6, shift+F6 and F7 do: collect input in dialogs, then call the domain."""

    def __init__(self, app: Desk) -> None:
        self.app = app

    def count_visitor(self) -> None:
        """F6: one more visitor who only asked a question."""
        self._count_visitor(None)

    def count_visitor_in(self) -> None:
        """Shift+F6: count a visitor under a category."""

        def counted(category: str | None) -> None:
            if category:
                self._count_visitor(category)

        self.app.push_screen(CategoryDialog(self.app.settings), counted)

    def _count_visitor(self, category: str | None) -> None:
        session = self.app.repo.sessions.current()
        if session is None:
            self.app.notify(t("session.none_open"), severity="warning")
            return
        try:
            counted = count_visitor(self.app.repo, session, self.app.now(), category)
        except DeskError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        count = counted.visitor_count
        if category:
            label = self.app.settings.category_label(category)
            self.app.notify(t("session.visitor_counted_in", count=count, category=label))
        else:
            self.app.notify(t("session.visitor_counted", count=count))

    def uncount_visitor(self) -> None:
        """Ctrl+F6: take back the visitor counted last."""
        session = self.app.repo.sessions.current()
        if session is None:
            self.app.notify(t("session.none_open"), severity="warning")
            return
        try:
            changed = uncount_visitor(self.app.repo, session, self.app.now())
        except DeskError as error:
            self.app.notify(str(error), severity="warning")
            return
        self.app.notify(t("session.visitor_uncounted", count=changed.visitor_count))

    def toggle_session(self) -> None:
        """F7: start a desk session, or end the open one."""
        session = self.app.repo.sessions.current()
        if session is None:
            compounds = [s.compound for s in self.app.repo.sessions.all()[:50]]
            dialog = SessionDialog(
                None, self.app.settings, self.app.staff, self.app.today(), compounds
            )
            self.app.push_screen(dialog, self._start_session)
        else:
            question = t(
                "session.confirm_end", compound=session.compound, count=session.visitor_count
            )
            self.app.push_screen(ConfirmDialog(question), partial(self._end_session, session))

    def _start_session(self, answer: SessionAnswer | None) -> None:
        if answer is None:
            return
        try:
            session = start_session(
                self.app.repo,
                day=answer.day,
                compound=answer.compound,
                start=answer.start,
                end=answer.end,
                staff=answer.staff,
                partners=answer.partners,
                now=self.app.now(),
                desk_code=self.app.settings.desk_code,
            )
        except DeskError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        self.app.notify(t("session.started", compound=session.compound))

    def _end_session(self, session: DeskSession, confirmed: bool | None) -> None:
        if not confirmed:
            return
        try:
            ended = end_session(self.app.repo, session, self.app.now(), self.app.staff)
        except DeskError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        hours = "-".join(f"{v:%H:%M}" for v in (ended.start, ended.end) if v)
        self.app.notify(
            t("session.ended", compound=ended.compound, hours=hours, staff=listed(ended.staff))
        )

    def list_sessions(self) -> None:
        """Open the list of desk sessions."""
        self.app.push_screen(SessionsScreen())
