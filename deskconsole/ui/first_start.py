"""A new store: the console opens on a small form asking for the community and the desk
code (the desk code starts every case number, so it is chosen before any case)."""

from __future__ import annotations

from deskconsole.domain.desk import update_desk
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.ui.desk import Desk
from deskconsole.ui.screens.desk_settings import DeskChoice, FirstStartScreen, store_validator


def ask_desk(app: Desk) -> None:
    """Show the form; on Ctrl+S save the community and desk code.

    Esc leaves it for later (the defaults stay unsaved, the settings view says so, and
    ``deskconsole settings`` or the palette's Settings sets them).
    """

    def chosen(choice: DeskChoice | None) -> None:
        if choice is None:
            app.notify(t("bundle.first_start_later"), timeout=10)
            return
        try:
            update_desk(app.repo, community=choice.community, desk_code=choice.desk_code)
        except DeskError as error:
            app.notify(str(error), severity="error", timeout=15)
            ask_desk(app)
            return
        saved = t("bundle.first_start_saved", community=choice.community, code=choice.desk_code)
        app.notify(saved)

    app.push_screen(FirstStartScreen(store_validator(app.repo)), chosen)
