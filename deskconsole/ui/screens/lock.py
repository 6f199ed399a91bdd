"""The lock screen: only the community and the time show until the staff PIN is given.

It covers the whole console (opaque, pushed over whatever is open, typed input left
as it was beneath), shows no notifications and turns the command palette off, and only
the PIN field takes keys. Five wrong PINs start a pause that grows
(:class:`deskconsole.domain.pin.Attempts`). Without a PIN set, Enter unlocks: the lock
then only hides the screen from passers-by.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from deskconsole.domain.pin import Attempts, verify_pin
from deskconsole.i18n import t
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.widgets.footer import DeskFooter


class LockScreen(DeskModal[None]):
    """The console locked; dismissed only by the right PIN."""

    DEFAULT_CSS = """
    LockScreen { background: $background; align: center middle; }
    LockScreen #lock-box {
        width: 56; height: auto; padding: 1 2; border: round $primary; background: $surface;
    }
    LockScreen #lock-community { text-style: bold; content-align: center middle; width: 100%; }
    LockScreen #lock-clock { content-align: center middle; width: 100%; margin-bottom: 1; }
    LockScreen #lock-message { color: $warning; height: auto; }
    """
    # Every global key stops here: the lock is modal, and these shadow the rest.
    BINDINGS = [
        Binding("escape", "nothing", show=False),
        *(Binding(f"f{n}", "nothing", show=False) for n in range(1, 13)),
        Binding("shift+f6", "nothing", show=False),
        Binding("ctrl+f6", "nothing", show=False),
    ]

    hides_below = True

    def __init__(self, clock: Callable[[], float], unlocked: Callable[[], None]) -> None:
        """``clock``: seconds on the console's monotonic clock (the pause after wrong PINs);
        ``unlocked``: called once the right PIN was given."""
        super().__init__()
        self.clock = clock
        self.unlocked = unlocked
        self.attempts = Attempts()
        self._palette: bool | None = None

    def _extend_compose(self, widgets: list[Widget]) -> None:
        """No toast rack and no tooltips here: a notification that comes while locked (a
        worker finishing, a reminder) is not shown over the lock."""

    def compose(self) -> ComposeResult:
        with Vertical(id="lock-box"):
            yield Static(Text(self.desk.community_title()), id="lock-community")
            yield Static(self._time(), id="lock-clock")
            yield Static(t("privacy.lock_title"), id="lock-title")
            yield Input(password=True, placeholder=t(self._hint()), id="lock-pin")
            yield Static("", id="lock-message")
        yield DeskFooter()

    def _hint(self) -> str:
        return "privacy.lock_pin_hint" if self.desk.settings.lock_pin else "privacy.lock_no_pin"

    def _time(self) -> str:
        return f"{self.desk.now():%Y-%m-%d %H:%M}"

    def on_mount(self) -> None:
        self._palette = self.app.use_command_palette
        self.app.use_command_palette = False
        self.app.clear_notifications()
        self.set_interval(1.0, self._tick)
        self.query_one("#lock-pin", Input).focus()

    def _tick(self) -> None:
        if not self.is_mounted or not self.query("#lock-clock"):
            return
        self.query_one("#lock-clock", Static).update(self._time())
        wait = self.attempts.wait(self.clock())
        if wait:
            self._say(t("privacy.lock_wait", seconds=int(wait + 0.999)))

    def _say(self, text: str) -> None:
        self.query_one("#lock-message", Static).update(Text(text))

    async def apply_language(self) -> None:
        await self.recompose()
        self.refresh_bindings()
        self.query_one("#lock-pin", Input).focus()

    def action_nothing(self) -> None:
        """Keys of the console do nothing while it is locked."""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.try_unlock(event.value)

    def try_unlock(self, pin: str) -> bool:
        """Unlock with ``pin``; a wrong one is counted, and refused during a pause."""
        field = self.query_one("#lock-pin", Input)
        field.value = ""
        stored = self.desk.settings.lock_pin
        now = self.clock()
        wait = self.attempts.wait(now)
        if wait:
            self._say(t("privacy.lock_wait", seconds=int(wait + 0.999)))
            return False
        if stored and not verify_pin(stored, pin):
            pause = self.attempts.failed(now)
            key = "privacy.lock_wrong_pause" if pause else "privacy.lock_wrong"
            self._say(t(key, count=self.attempts.wrong, seconds=int(pause)))
            return False
        self.attempts.reset()
        self.unlock()
        return True

    def unlock(self) -> None:
        if self._palette is not None:
            self.app.use_command_palette = self._palette
        self.unlocked()
        self.dismiss(None)
