"""How to reach each screen the snapshots draw, and when it has finished drawing.

A scene types what a clerk would, then waits for its own condition (the rows shown,
the figures loaded) and for the console to fall quiet: no worker running, no key
waiting at the gate, no message queued. No scene waits for a length of time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.command import CommandList, CommandPalette
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from deskconsole.i18n import t
from deskconsole.ui.app import DeskApp
from deskconsole.ui.bundle_commands import open_settings
from deskconsole.ui.case_commands import open_case
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.case_view import CaseScreen
from deskconsole.ui.screens.desk_settings import DeskSettingsScreen, SettingsGrid
from deskconsole.ui.screens.followup import FollowupScreen
from deskconsole.ui.screens.help import HelpScreen
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.screens.lookup import LookupScreen
from deskconsole.ui.screens.register import RegisterScreen
from deskconsole.ui.screens.resident import ResidentScreen
from deskconsole.ui.screens.sessions import SessionsScreen
from deskconsole.ui.screens.stats import StatsScreen
from tests.ui.helpers import burst

Scene = Callable[[DeskApp, Pilot[None]], Awaitable[None]]
DEADLINE = 60.0


async def until(app: DeskApp, pilot: Pilot[None], done: Callable[[], object], what: str) -> None:
    """Wait for ``done()``, for the console to be quiet and for two frames in a row to be
    the same, with a generous deadline."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DEADLINE
    frame = None
    while loop.time() < deadline:
        if done() and quiet(app):
            await pilot.pause()
            shown = app.export_screenshot()
            if shown == frame:
                return
            frame = shown
        else:
            frame = None
        await pilot.pause(0.02)
    raise AssertionError(f"{what} was not drawn (screen {app.screen!r})")


def quiet(app: DeskApp) -> bool:
    """Nothing left to do: no worker running, no key held back, no message queued
    anywhere on screen, no table waiting to measure its new rows."""
    if not app.key_gate.idle or not all(worker.is_finished for worker in app.workers):
        return False
    pumps: list[MessagePump] = [app]
    for screen in app.screen_stack:
        pumps.append(screen)
        pumps.extend(screen.query("*"))
    if not all(pump._message_queue.empty() for pump in pumps):
        return False
    return not any(
        table._require_update_dimensions or table._updated_cells
        for screen in app.screen_stack
        for table in screen.query(DataTable)
    )


def on(app: DeskApp, kind: type) -> bool:
    return isinstance(app.screen, kind)


def rows(app: DeskApp, selector: str) -> int:
    found = app.screen.query(selector)
    return found.first(DataTable).row_count if found else 0


def text(app: DeskApp, selector: str) -> str:
    found = app.screen.query(selector)
    return str(found.first(Static).render()) if found else ""


def typed(app: DeskApp, selector: str) -> str:
    found = app.screen.query(selector)
    return found.first(TextArea).text if found else ""


async def lookup(app: DeskApp, pilot: Pilot[None]) -> None:
    """Lookup (F2) with two residents of one name found by their pinyin initials."""
    await until(app, pilot, lambda: on(app, LookupScreen), "Lookup")
    burst(app, "zw")
    await until(app, pilot, lambda: rows(app, "#lookup-results") == 2, "Lookup's results")


async def resident(app: DeskApp, pilot: Pilot[None]) -> None:
    """A resident's view, opened from Lookup: household and past cases."""
    await until(app, pilot, lambda: on(app, LookupScreen), "Lookup")
    burst(app, "jjg")
    await until(app, pilot, lambda: rows(app, "#lookup-results") == 1, "Lookup's result")
    burst(app, "enter")
    await until(
        app,
        pilot,
        lambda: on(app, ResidentScreen) and rows(app, "#resident-cases") > 0,
        "the resident",
    )


async def intake(app: DeskApp, pilot: Pilot[None]) -> None:
    """Intake (F3) half filled: resident, type and category chosen, the matter begun."""
    burst(app, "f3", "jjg", "enter", "2", "enter", "wy", "enter", "楼道灯坏了")
    await until(
        app,
        pilot,
        lambda: on(app, IntakeScreen) and typed(app, "#f-description") == "楼道灯坏了",
        "Intake",
    )


async def board(app: DeskApp, pilot: Pilot[None]) -> None:
    """The board (F4) with a card in every live column."""
    burst(app, "f4")
    await until(app, pilot, lambda: on(app, BoardScreen) and app.screen.loaded, "the board")


async def case(app: DeskApp, pilot: Pilot[None]) -> None:
    """A case's view: every field and the timeline."""
    await until(app, pilot, lambda: on(app, LookupScreen), "Lookup")
    open_case(app, "JC-20261127-002")
    await until(app, pilot, lambda: on(app, CaseScreen) and text(app, "#case-timeline"), "the case")


async def followup(app: DeskApp, pilot: Pilot[None]) -> None:
    """The follow-up list, opened from the board."""
    await board(app, pilot)
    burst(app, "f")
    await until(
        app,
        pilot,
        lambda: on(app, FollowupScreen) and rows(app, "#followup-table") > 0,
        "the follow-up list",
    )


async def register(app: DeskApp, pilot: Pilot[None]) -> None:
    """The register (F5) with today's preview."""
    burst(app, "f5")
    await until(
        app,
        pilot,
        lambda: on(app, RegisterScreen) and rows(app, "#register-table") > 0,
        "the register",
    )


async def statistics(app: DeskApp, pilot: Pilot[None]) -> None:
    """Statistics, opened from the register."""
    await register(app, pilot)
    burst(app, "g")
    await until(
        app,
        pilot,
        lambda: on(app, StatsScreen) and text(app, "#stats-summary") != t("stats.loading"),
        "statistics",
    )


async def sessions(app: DeskApp, pilot: Pilot[None]) -> None:
    """The list of desk sessions (F7 starts and ends one; the palette lists them)."""
    await until(app, pilot, lambda: on(app, LookupScreen), "Lookup")
    app.action_sessions()
    await until(
        app,
        pilot,
        lambda: on(app, SessionsScreen) and rows(app, "#sessions-table") == 2,
        "the sessions",
    )


async def settings(app: DeskApp, pilot: Pilot[None]) -> None:
    """The desk's settings and figures."""
    await until(app, pilot, lambda: on(app, LookupScreen), "Lookup")
    open_settings(app)
    await until(
        app,
        pilot,
        lambda: (
            on(app, DeskSettingsScreen)
            and any(grid.info is not None for grid in app.screen.query(SettingsGrid))
        ),
        "the settings",
    )


async def help_keys(app: DeskApp, pilot: Pilot[None]) -> None:
    """F1 over the board: its keys, the console's, the editing keys."""
    await board(app, pilot)
    burst(app, "f1")
    await until(app, pilot, lambda: on(app, HelpScreen), "the help")


async def palette(app: DeskApp, pilot: Pilot[None]) -> None:
    """The command palette (ctrl+p) with what pinyin initials find.

    Opened empty it lists every provider's commands in the order they answer, which
    changes from run to run; a query only the console's own commands answer does not.
    """
    await until(app, pilot, lambda: on(app, LookupScreen), "Lookup")
    burst(app, "ctrl+p", "zd")
    await until(
        app,
        pilot,
        lambda: (
            CommandPalette.is_open(app)
            and [field.value for field in app.screen.query(Input)] == ["zd"]
            and any(hits.option_count for hits in app.screen.query(CommandList))
        ),
        "the palette",
    )


SCENES: dict[str, Scene] = {
    "lookup": lookup,
    "intake": intake,
    "board": board,
    "register": register,
    "case": case,
    "resident": resident,
    "statistics": statistics,
    "followup": followup,
    "sessions": sessions,
    "settings": settings,
    "help": help_keys,
    "palette": palette,
}


def hold_still(app: DeskApp) -> None:
    """No cursor blinking and no toasts: what is left depends on nothing but the store.

    Tables drop the lines they drew before measuring rows added since: Textual's
    ``DataTable`` keeps such a line (its columns at the headings' widths) when the screen
    was drawn between ``add_row`` and the table's next idle, and the picture would then
    depend on when that happened.
    """
    app.clear_notifications()
    for screen in app.screen_stack:
        for widget in screen.query("*"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
            if isinstance(widget, DataTable):
                widget._clear_caches()
                widget.refresh()
