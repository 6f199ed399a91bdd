"""Before the console opens on a new store: ask for the community and the desk code."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from deskconsole.domain.desk import update_desk
from deskconsole.errors import DeskError
from deskconsole.i18n import Language, set_language, t
from deskconsole.storage import Repository
from deskconsole.ui.screens.desk_settings import BUNDLE_CSS, FirstStartDialog, store_validator
from deskconsole.ui.styles import style_paths


class FirstStartApp(App[bool]):
    """A small app with one dialog; returns True once the settings are saved."""

    TITLE = "deskconsole"
    CSS_PATH = [*style_paths(), BUNDLE_CSS]  # type: ignore[assignment]
    BINDINGS = [Binding("ctrl+q", "quit_unsaved", "key.quit", tooltip="key.quit_tip")]

    def __init__(self, repo: Repository, language: Language) -> None:
        super().__init__()
        self.repo = repo
        set_language(language)

    def compose(self) -> ComposeResult:
        yield Static("")

    def on_mount(self) -> None:
        self.push_screen(FirstStartDialog(store_validator(self.repo)), self._chosen)

    def _chosen(self, values: tuple[str, str] | None) -> None:
        if values is None:
            self.exit(False)
            return
        community, code = values
        try:
            update_desk(self.repo, community=community, desk_code=code)
        except DeskError as error:
            self.notify(str(error), severity="error", timeout=15)
            self.call_later(self.on_mount)
            return
        self.exit(True)

    def action_quit_unsaved(self) -> None:
        self.exit(False)


def ask_desk(repo: Repository, language: Language) -> bool:
    """Run the first-start dialog; True when the community and desk code were saved."""
    saved = FirstStartApp(repo, language).run()
    if not saved:
        print(t("bundle.first_start_cancelled"), file=sys.stderr)
    return bool(saved)
