"""Building the console on a test store, typing into it, and reading what it shows."""

from __future__ import annotations

import asyncio
import contextlib
import re
import weakref
from collections.abc import AsyncIterator, Callable

from textual import events
from textual.css.query import NoMatches
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from textual.worker import WorkerCancelled

from deskconsole.config import RunConfig
from deskconsole.models import CaseState
from deskconsole.storage import Repository
from deskconsole.ui.app import DeskApp
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.case_dialogs import StepDialog
from deskconsole.ui.screens.case_view import CaseScreen
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.widgets.case_column import CaseColumn
from tests.conftest import FIXED_NOW
from tests.ui.board_data import fill_board


def make_app(
    repo: Repository, language: str = "en", staff: str = "颜成玉", *, desk_chosen: bool = True
) -> DeskApp:
    """The console on ``repo`` with the tests' fixed clock; the desk's settings saved
    (its code chosen) unless ``desk_chosen`` is false."""
    if desk_chosen and not repo.settings.is_saved():
        repo.settings.save(repo.settings.get())
    config = RunConfig(repo.data_dir, language, staff)  # type: ignore[arg-type]
    return DeskApp(repo, config, clock=lambda: FIXED_NOW)


async def settle(app: DeskApp, pilot: object) -> None:
    """Wait for workers and the messages they post (a newer search cancels an older one)."""
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]


#: How many keys each console will have applied once every burst sent to it has landed.
_expected: weakref.WeakKeyDictionary[DeskApp, int] = weakref.WeakKeyDictionary()


def key_event(key: str) -> events.Key:
    """The event a terminal sends for ``key``: a character, or a key name like ``enter``."""
    if len(key) == 1:
        return events.Key(_character_to_key(key) if not key.isalnum() else key, key)
    return events.Key(key, None)


def burst(app: DeskApp, *keys: str) -> None:
    """Type ``keys`` as a fast typist or an IME does: all at once, with no pause between them.

    Each item is a key name (``f3``, ``enter``, ``ctrl+s``) or a text typed character by
    character (``"江建国"``).
    """
    driver = app._driver
    assert driver is not None
    sent = [key for item in keys for key in ([item] if _is_key_name(item) else list(item))]
    # The driver hands keys over to the app's loop later: count them now, so that
    # keys_done waits for these too, not only for what has reached the app so far.
    gate = app.key_gate
    _expected[app] = max(_expected.get(app, 0), gate.applied + gate.pending) + len(sent)
    for key in sent:
        event = key_event(key)
        event.set_sender(app)
        driver.send_message(event)


def _is_key_name(item: str) -> bool:
    return len(item) == 1 or item in _KEY_NAMES or _KEY_NAME.fullmatch(item) is not None


_KEY_NAMES = {
    *("enter", "escape", "tab", "space", "backspace", "delete", "slash"),
    *("up", "down", "left", "right", "home", "end", "pageup", "pagedown"),
}
#: ``ctrl+s``, ``f3``, ``left_square_bracket``: names, never text a test types.
_KEY_NAME = re.compile(r"(ctrl|alt|shift)\+[a-z0-9_+]+|f\d{1,2}|[a-z]+(_[a-z]+)+")


async def until(pilot: object, done: Callable[[], object], timeout: float = 30.0) -> None:
    """Wait for ``done()`` to be true: the result a burst is meant to produce."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not _holds(done):
        if loop.time() > deadline:
            app = getattr(pilot, "app", None)
            where = f"screen {app.screen!r}, focus {app.focused!r}" if app is not None else ""
            raise AssertionError(f"the console did not get there in time ({where})")
        await pilot.pause(0.02)  # type: ignore[attr-defined]


def _holds(done: Callable[[], object]) -> bool:
    """``done()``, where a widget not on screen yet (the screen is still coming) is a no."""
    try:
        return bool(done())
    except NoMatches:
        return False


async def keys_done(app: DeskApp, pilot: object) -> None:
    """Wait until every key sent so far has been read and applied."""
    gate = app.key_gate
    await until(pilot, lambda: gate.applied >= _expected.get(app, 0) and gate.idle)
    await pilot.pause()  # type: ignore[attr-defined]


async def open_intake(app: DeskApp, pilot: object) -> IntakeScreen:
    """Once the console has settled, F3: the intake screen, settled too."""
    await settle(app, pilot)
    await pilot.press("f3")  # type: ignore[attr-defined]
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, IntakeScreen)
    return screen


def text_of(app: DeskApp, selector: str) -> str:
    """What the ``Static`` at ``selector`` on the screen in front shows."""
    return str(app.screen.query_one(selector, Static).render())


def table_rows(app: DeskApp) -> list[list[str]]:
    """The cells of the table on the screen in front, row by row."""
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def notices(app: DeskApp) -> list[str]:
    """The notifications' messages, oldest first."""
    return [str(notice.message) for notice in app._notifications]


async def open_board(app: DeskApp, pilot: Pilot[None]) -> BoardScreen:
    """F4: the board, settled."""
    await pilot.press("f4")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


@contextlib.asynccontextmanager
async def on_board(
    repo: Repository, language: str = "en", *, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[tuple[DeskApp, Pilot[None], BoardScreen]]:
    """The board's cases in ``repo``, the console on it at ``size``, and F4: the board."""
    fill_board(repo)
    app = make_app(repo, language)
    async with app.run_test(size=size) as pilot:
        yield app, pilot, await open_board(app, pilot)


async def open_case(app: DeskApp, pilot: Pilot[None], number: str) -> CaseScreen:
    """F4, the cursor on ``number``'s card, Enter: the case view."""
    board = await open_board(app, pilot)
    select(board, number)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, CaseScreen))
    screen = app.screen
    assert isinstance(screen, CaseScreen)
    return screen


@contextlib.asynccontextmanager
async def on_case(
    repo: Repository, number: str, *, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[tuple[DeskApp, Pilot[None], CaseScreen]]:
    """The board's cases in ``repo``, the console on it at ``size``, case ``number`` open."""
    fill_board(repo)
    app = make_app(repo)
    async with app.run_test(size=size) as pilot:
        yield app, pilot, await open_case(app, pilot, number)


def column(screen: BoardScreen, state: CaseState) -> CaseColumn:
    """The board's column of ``state`` (it must be shown)."""
    found = screen.column_for(state)
    assert found is not None
    return found


def select(screen: BoardScreen, number: str) -> None:
    """Put the cursor on a card (navigation by keys has its own test)."""
    for index, col in enumerate(screen.columns):
        found = col.index_of(number)
        if found is not None:
            screen.column_index = index
            col.cursor = found
            screen.fit_columns(screen.size.width)
            for other in screen.columns:
                other.redraw()
            screen.refresh_bindings()
            return
    raise AssertionError(f"{number} is not on the board")


def dialog(app: DeskApp) -> StepDialog:
    """The step dialog in front (it must be one)."""
    screen = app.screen
    assert isinstance(screen, StepDialog), f"expected a dialog, got {screen!r}"
    return screen


def error_line(app: DeskApp) -> str:
    """What the dialog in front says is wrong."""
    return str(app.screen.query_one("#dialog-error", Static).render())


async def open_dialog(app: DeskApp, pilot: Pilot[None], key: str) -> StepDialog:
    """``key`` on the board or a case: the step dialog it opens."""
    await pilot.press(key)
    await pilot.pause()
    return dialog(app)
