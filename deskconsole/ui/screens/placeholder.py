"""A mode whose working screen does not exist yet says so plainly."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Footer, Static

from deskconsole.i18n import t
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.widgets.header import DeskHeader


class PendingScreen(DeskScreen):
    """Names the mode and says that its screen is not available in this version."""

    MODE = ""

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        with Middle(), Center():
            yield Static(t(f"mode.{self.MODE}"), classes="pending-title")
            yield Static(t("mode.pending"), classes="pending-text")
        yield Footer()

    def on_mount(self) -> None:
        self.desk.refresh_header()


def pending(mode: str) -> type[PendingScreen]:
    """A :class:`PendingScreen` subclass for ``mode``."""
    return type(f"Pending{mode.title()}Screen", (PendingScreen,), {"MODE": mode})
