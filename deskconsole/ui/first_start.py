"""A new store: the console opens on a small form asking for the community and the desk
code (the desk code starts every case number, so it is chosen before any case)."""

from __future__ import annotations

from deskconsole.domain.desk import update_desk
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.ui.app import DeskApp
from deskconsole.ui.screens.desk_settings import FirstStartScreen, store_validator


class FirstStartDeskApp(DeskApp):
    """The console on a store that holds nothing yet: the form comes up first.

    Esc leaves it for later (the defaults stay unsaved, the settings view says so, and
    ``deskconsole settings`` or the palette's Settings sets them).
    """

    def on_mount(self) -> None:
        super().on_mount()
        self.ask_desk()

    def ask_desk(self) -> None:
        """Show the form; on Ctrl+S save the community and desk code."""
        self.push_screen(FirstStartScreen(store_validator(self.repo)), self._chosen)

    def _chosen(self, values: tuple[str, str] | None) -> None:
        if values is None:
            self.notify(t("bundle.first_start_later"), timeout=10)
            return
        community, code = values
        try:
            update_desk(self.repo, community=community, desk_code=code)
        except DeskError as error:
            self.notify(str(error), severity="error", timeout=15)
            self.ask_desk()
            return
        self.notify(t("bundle.first_start_saved", community=community, code=code))
