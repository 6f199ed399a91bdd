"""Mixed into the App: ctrl+l and the idle timer lock the console.

Activity is every key, paste and mouse press or scroll the console applies (the
type-ahead gate hands keys on in order, so the lock sees them as they take effect).
The idle check runs every :data:`IDLE_CHECK_SECONDS`; the timeout is the store's
``lock_idle_minutes`` (0: never).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import events

from deskconsole.ui.screens.lock import LockScreen

IDLE_CHECK_SECONDS = 15.0
_ACTIVITY = (
    events.Key,
    events.Paste,
    events.MouseDown,
    events.MouseScrollDown,
    events.MouseScrollUp,
)


class ScreenLock:
    """The lock of the console (see the module's description)."""

    #: Seconds on a monotonic clock (replaced in tests).
    idle_clock: Callable[[], float] = time.monotonic
    _last_input: float = 0.0
    _locked: bool = False

    @property
    def is_locked(self) -> bool:
        """True while the lock screen is up."""
        return self._locked

    def on_mount(self) -> None:
        app: Any = self
        self._last_input = self.idle_clock()
        app.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _ACTIVITY):
            self._last_input = self.idle_clock()
        await super().on_event(event)  # type: ignore[misc]

    def lock_if_idle(self) -> None:
        """Lock when nothing was typed for the idle minutes of the settings."""
        minutes = self._settings().lock_idle_minutes
        if minutes and self.idle_clock() - self._last_input >= minutes * 60:
            self.action_lock_screen()

    def action_lock_screen(self) -> None:
        """Ctrl+L: hide everything behind the lock screen."""
        if self._locked:
            return
        self._locked = True
        app: Any = self
        app.push_screen(LockScreen(lambda: self.idle_clock(), self.screen_unlocked))

    def screen_unlocked(self) -> None:
        """The lock screen was opened with the PIN."""
        self._locked = False
        self._last_input = self.idle_clock()

    def _settings(self) -> Any:
        return self.settings  # type: ignore[attr-defined]
