"""Building the console on a test store, and typing into it."""

from __future__ import annotations

import asyncio
import contextlib
import re
import weakref
from collections.abc import Callable

from textual import events
from textual.css.query import NoMatches
from textual.keys import _character_to_key
from textual.worker import WorkerCancelled

from deskconsole.config import RunConfig
from deskconsole.storage import Repository
from deskconsole.ui.app import DeskApp
from tests.conftest import FIXED_NOW


def make_app(repo: Repository, language: str = "en", staff: str = "颜成玉") -> DeskApp:
    """The console on ``repo`` with the tests' fixed clock."""
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
