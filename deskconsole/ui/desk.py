"""What every screen, widget and palette command may ask of the console.

:class:`Desk` is the app as the screens see it (``DeskScreen.desk``): the store, the
settings, who is at the keyboard, the clock, and what the console shares: one resident
index and one case desk. ``ui/app.py`` builds the console on it; nothing imports
``app.py`` to reach these.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual.app import App

from deskconsole.config import RunConfig
from deskconsole.domain.casedesk import CaseDesk
from deskconsole.i18n import t
from deskconsole.models import DeskSession, Settings
from deskconsole.storage import CaseCounts, RepositoryAPI
from deskconsole.ui.resident_search import ResidentSearch

if TYPE_CHECKING:
    from textual.worker import Worker

#: Guards making the shared index and case desk (each is made once, from any thread).
_MAKING = threading.Lock()


class Desk(App[None]):
    """The console's shared state and clock; ``DeskApp`` adds the keys, modes and wiring."""

    config: RunConfig
    clock: Callable[[], datetime]
    settings: Settings
    #: The resident a new case in Intake is for; Intake takes it (and clears it) when it shows.
    intake_resident_id: str | None = None
    _resident_search: ResidentSearch | None = None
    _case_desk: CaseDesk | None = None
    #: The header's figures as last shown (the open session and the day's counts): a
    #: screen that mounts after them starts from them, not from an empty header.
    header_figures: tuple[DeskSession | None, CaseCounts] | None = None

    @property
    def repo(self) -> RepositoryAPI:
        """The store (``DeskApp`` has it given open, or reads it after the first frame)."""
        raise NotImplementedError

    def now(self) -> datetime:
        """The current time (a fixed clock in tests)."""
        return self.clock()

    def today(self) -> date:
        """Today's date."""
        return self.clock().date()

    def community_title(self) -> str:
        """The header's title: the community, once the desk's settings are saved (a new
        store's defaults name an example community, not this one)."""
        if self.repo.settings.is_saved():
            return self.settings.community
        return t("header.no_community")

    @property
    def staff(self) -> str:
        """The staff member at the keyboard."""
        return self.config.staff

    @property
    def resident_search(self) -> ResidentSearch:
        """The one resident index of this console (Lookup, Intake, the palette, the forms);
        made on first use, from any thread."""
        with _MAKING:
            if self._resident_search is None:
                self._resident_search = ResidentSearch(self.repo)
            return self._resident_search

    @property
    def case_desk(self) -> CaseDesk:
        """Every change to a case, on this console's store, staff and clock."""
        with _MAKING:
            if self._case_desk is None:
                self._case_desk = CaseDesk(self.repo, self.staff, self.now)
            return self._case_desk

    if TYPE_CHECKING:  # made by DeskApp

        def refresh_header(self) -> Worker[None]:
            """Recompute the header's figures in the background, then show them."""
            raise NotImplementedError

        def worker_changed(self, event: Worker.StateChanged) -> None:
            """The one handler of what a background job did not expect."""
            raise NotImplementedError
