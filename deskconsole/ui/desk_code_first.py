"""The desk code before the first case: a store whose first-start form was left for later
has no code of its own yet, and a case number must not take the default one silently."""

from __future__ import annotations

from collections.abc import Callable

from deskconsole.domain.desk import update_desk
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.ui.desk import Desk
from deskconsole.ui.screens.desk_settings import DeskChoice, FirstCaseDialog, store_validator


def desk_code_first(app: Desk, then: Callable[[], None]) -> bool:
    """True when the desk has no chosen code: the form asks for it, saves it and calls
    ``then`` (Esc: nothing saved, one line says why). False: go on at once."""
    if app.repo.settings.is_saved():
        return False

    def chosen(choice: DeskChoice | None) -> None:
        if choice is None:
            app.notify(t("bundle.first_case_later"), severity="warning", timeout=10)
            return
        try:
            update_desk(app.repo, community=choice.community, desk_code=choice.desk_code)
        except DeskError as error:
            app.notify(str(error), severity="error", timeout=15)
            return
        app.settings = app.repo.settings.get()
        saved = t("bundle.first_start_saved", community=choice.community, code=choice.desk_code)
        app.notify(saved)
        then()

    app.push_screen(FirstCaseDialog(store_validator(app.repo)), chosen)
    return True
