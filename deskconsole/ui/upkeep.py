"""Mixed into the App: the store's upkeep once the console is up, each in a thread of its
own a few seconds after the start (they go over many records; the clerk's first
searches come first): the yearly archive's move, and the monthly retention reminder."""

from __future__ import annotations

from typing import Any

from textual import work

from deskconsole.domain.archiving import archive_due
from deskconsole.domain.retention import monthly_reminder
from deskconsole.i18n import t
from deskconsole.storage import StoreError

#: Seconds after the start before the monthly look for residents due for de-identification.
RETENTION_CHECK_DELAY = 5.0
#: Seconds after the start before the cases that ended long ago are archived.
ARCHIVE_DELAY = 8.0


class Upkeep:
    """The store's upkeep (see the module's description)."""

    def on_mount(self) -> None:
        app: Any = self
        app.set_timer(RETENTION_CHECK_DELAY, self._remind_retention)
        app.set_timer(ARCHIVE_DELAY, self._archive_ended_cases)

    @work(thread=True, exclusive=True, group="retention-reminder")
    def _remind_retention(self) -> None:
        """Once a month: say how many residents the retention rule finds due."""
        app: Any = self
        try:
            if not app.repo.settings.is_saved():
                return  # a desk not set up yet: saving the reminder would mark it chosen
            count = monthly_reminder(app.repo, app.today())
        except StoreError:
            return
        if count:
            app.call_from_thread(
                app.notify, t("privacy.retention_reminder", count=count), timeout=20
            )

    @work(thread=True, exclusive=True, group="archive")
    def _archive_ended_cases(self) -> None:
        """Move the cases that ended long ago into the yearly files; a file that cannot
        be read or written is said (nothing is lost: the cases stay live)."""
        app: Any = self
        try:
            archive_due(app.repo, app.now())
        except StoreError as error:
            app.call_from_thread(
                app.notify, t("archive.failed", error=str(error)), severity="error", timeout=30
            )
