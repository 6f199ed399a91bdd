"""Palette commands for several desks: export a bundle, import one, the desk's settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from deskconsole.domain.bundle import default_name, export_bundle, export_summary
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.ui.screens.bundle import (
    BundleDoneDialog,
    BundleExport,
    ExportBundleDialog,
    ImportBundleScreen,
)
from deskconsole.ui.screens.desk_settings import DeskSettingsScreen

if TYPE_CHECKING:
    from deskconsole.ui.desk import Desk

EXPORTS_SUBDIR = "exports"


def default_export_path(app: Desk) -> Path:
    """``<data dir>/exports/bundle-<desk>-<date>-<time>.dcb``."""
    return app.repo.data_dir / EXPORTS_SUBDIR / default_name(app.settings.desk_code, app.now())


def start_export(app: Desk) -> None:
    """Ask where to write the bundle, then write it in a thread and show what it holds."""

    def chosen(answer: BundleExport | None) -> None:
        if answer is not None:
            app.run_worker(
                partial(_export, app, answer.path, answer.since),
                name="bundle-export",
                group="bundle-export",
                thread=True,
                exclusive=True,
            )

    app.push_screen(ExportBundleDialog(str(default_export_path(app))), chosen)


def _export(app: Desk, path: Path, since: date | None) -> None:
    """The export itself, off the UI thread; the result is shown in a dialog."""
    try:
        bundle, written = export_bundle(app.repo, path, since, app.now(), staff=app.staff)
    except (DeskError, OSError) as error:
        app.call_from_thread(_show_done, app, t("bundle.export_failed"), str(error), True)
        return
    app.call_from_thread(_show_done, app, t("bundle.export_done"), export_summary(bundle, written))


def _show_done(app: Desk, title: str, text: str, error: bool = False) -> None:
    app.push_screen(BundleDoneDialog(title, text, error=error))


def open_import(app: Desk) -> None:
    """The import screen: a path, a check, then Ctrl+S to save."""
    app.push_screen(ImportBundleScreen())


def open_settings(app: Desk) -> None:
    """The desk's settings view."""
    app.push_screen(DeskSettingsScreen())


COMMANDS: tuple[tuple[str, Callable[[Desk], None]], ...] = (
    ("bundle.cmd_export", start_export),
    ("bundle.cmd_import", open_import),
    ("bundle.cmd_settings", open_settings),
)


class BundleCommands(Provider):
    """Export bundle, Import bundle, Settings: in the palette on every screen. They match
    their name in either language, so ``bundle`` finds them in Chinese too."""

    def _commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        app = cast("Desk", self.app)
        return [(t(key), t(f"{key}_help"), partial(action, app)) for key, action in COMMANDS]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for (key, _), (title, help_text, command) in zip(COMMANDS, self._commands(), strict=True):
            english = t(key, "en")
            score = max(matcher.match(title), matcher.match(english))
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_text)

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands():
            yield DiscoveryHit(title, command, help=help_text)
