"""Type-ahead: keys are applied one at a time, each once the console has settled.

Textual hands every key to the widget focused when the key is read. A key that opens a
mode, a screen or a dialog only takes effect after it has travelled up the widget tree,
so the keys typed right behind it would reach the field that is going away. The gate
queues raw keys (and pastes) and applies each one only when every message the previous
one caused has been handled: the new screen is mounted and its field has the focus.

Work that must finish before the next key may be read (a search Enter waits for) takes
a hold with :meth:`KeyGate.hold`; keys wait until it is released. A hold may let some
keys through (``lets_through``: the typing Lookup can answer while the store is still
being read); the first key it does not let through waits, and every key behind it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App

#: A key never waits longer than this for the console's messages to settle (a stuck widget
#: must not freeze the keyboard).
SETTLE_TIMEOUT = 5.0
#: Nor longer than this for a hold: work the keys depend on (a search on a large store on a
#: busy machine) may take longer than settling, and a key let through early lands wrongly.
HOLD_TIMEOUT = 60.0
#: How often to look again while a callback list is pending but no queue is busy.
POLL_SECONDS = 0.002

InputEvent = events.Key | events.Paste


def as_typed(event: InputEvent) -> InputEvent:
    """The key the clerk pressed: a line feed (ctrl+j) is Enter.

    Keys typed while the console is starting reach the terminal before it is switched to
    raw mode, and the terminal turns each Enter into a line feed on the way (``ICRNL``):
    a case typed the moment the console is launched would lose every Enter.
    """
    if isinstance(event, events.Key) and event.key == "ctrl+j":
        enter = events.Key("enter", "\r")
        enter.time = event.time
        return enter
    return event


def _busy(pump: MessagePump) -> bool:
    """True while the pump has a message waiting or callbacks to run.

    Textual offers no public way to ask this (its own ``check_idle`` reads the same
    private queue), so the gate reads the pump's queue and callback lists.
    """
    return bool(
        pump._message_queue.qsize()
        or pump._pending_message is not None
        or pump._next_callbacks
        or getattr(pump, "_callbacks", None)
    )


def _laying_out(widget: Widget) -> bool:
    """True while a widget of the screen in front waits for its layout.

    The focus order follows where widgets are on screen, so a Tab right after a row
    appears must wait until the row has its place. Textual keeps these flags private,
    with no public reading of them.
    """
    if not widget.is_mounted:
        return False
    if isinstance(widget, Screen):
        return widget._layout_required or widget._recompose_required
    return widget._layout_required


def _round_trip(pump: MessagePump) -> asyncio.Future[None] | None:
    """A future done once ``pump`` has handled everything queued before now."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def reached() -> None:
        if not done.done():
            done.set_result(None)

    return done if pump.call_later(reached) else None


class KeyGate:
    """Queues the keys the terminal sends and applies them in order, one at a time."""

    def __init__(self, app: App[Any], dispatch: Callable[[InputEvent], Awaitable[None]]):
        self._app = app
        self._dispatch = dispatch
        self._pending: deque[InputEvent] = deque()
        self._task: asyncio.Task[None] | None = None
        #: Each hold, with the keys it lets through (``None``: none).
        self._holds: dict[int, Callable[[InputEvent], bool] | None] = {}
        self._taken = 0
        self._changed = asyncio.Event()  # set when a hold is released
        self._applied = 0

    @property
    def pending(self) -> int:
        """Keys read but not applied yet."""
        return len(self._pending)

    @property
    def applied(self) -> int:
        """Keys and pastes handled to the end since the console started."""
        return self._applied

    @property
    def idle(self) -> bool:
        """Every key read has been applied."""
        return not self._pending and not self._draining

    async def admit(self, event: InputEvent) -> None:
        """Apply a key from the terminal now if all is quiet, else after the ones before it."""
        event = as_typed(event)
        if not self._pending and not self._draining and self._quiet(event):
            await self._dispatch(event)  # typed at a human pace: exactly as Textual would
            self._applied += 1
            return
        self._pending.append(event)
        if not self._draining:
            self._task = asyncio.create_task(self._drain())

    @property
    def _draining(self) -> bool:
        return self._task is not None and not self._task.done()

    def _quiet(self, event: InputEvent | None = None) -> bool:
        """Nothing queued anywhere on screen and nothing holding ``event``, right now."""
        return not self._holding(event) and not self._anything_to_do()

    def _holding(self, event: InputEvent | None) -> bool:
        """True while a hold keeps ``event`` (``None``: any key) waiting."""
        return any(
            lets is None or event is None or not lets(event) for lets in self._holds.values()
        )

    def _anything_to_do(self) -> bool:
        app = self._app
        if any(_busy(pump) for pump in self._pumps(everyone=True)):
            return True
        if not app.screen_stack:
            return False
        front = app.screen
        return _laying_out(front) or any(_laying_out(w) for w in front.walk_children(Widget))

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """Keys wait while the block runs (for work done on the UI thread)."""
        release = self.hold()
        try:
            yield
        finally:
            release()

    def hold(self, lets_through: Callable[[InputEvent], bool] | None = None) -> Callable[[], None]:
        """Keys wait until the returned function is called (once; later calls do nothing),
        but for those ``lets_through(key)`` accepts, as long as no key waits before them."""
        self._taken += 1
        number = self._taken
        self._holds[number] = lets_through

        def release() -> None:
            if self._holds.pop(number, False) is not False:
                self._changed.set()

        return release

    def cancel(self) -> None:
        """Drop what is still queued (the console is closing)."""
        self._pending.clear()
        if self._task is not None:
            self._task.cancel()

    async def _drain(self) -> None:
        while self._pending:
            await self.settled(self._pending[0])
            if self._closing():
                self._pending.clear()  # keys typed while the console quits go nowhere
                return
            event = self._pending.popleft()
            try:
                await self._dispatch(event)
            except Exception as error:  # as the app's own loop would (no public way to)
                self._app._handle_exception(error)
                return
            self._applied += 1

    def _closing(self) -> bool:
        """True once the console quits: ``exit`` gave a return code, the app stopped, or
        it has no screen left."""
        app = self._app
        return app.return_code is not None or not app.is_running or not app.screen_stack

    async def settled(self, event: InputEvent | None = None) -> None:
        """Return once no message is waiting anywhere on screen and nothing holds
        ``event`` (``None``: any key).

        Each round waits until the app, its screens, the focused widget with its
        ancestors and every widget with messages waiting have handled what they had
        (a handler still running counts too); it ends when a round leaves nothing queued.
        """
        loop = asyncio.get_running_loop()
        hold_deadline = loop.time() + HOLD_TIMEOUT
        await self._unheld(event, hold_deadline)
        deadline = loop.time() + SETTLE_TIMEOUT
        while loop.time() < deadline:
            if self._holding(event) and loop.time() < hold_deadline:
                await self._unheld(event, hold_deadline)
                continue
            pumps = self._pumps()
            trips = [trip for pump in pumps if (trip := _round_trip(pump)) is not None]
            if trips:
                _done, late = await asyncio.wait(trips, timeout=deadline - loop.time())
                for future in late:
                    future.cancel()
            if self._quiet(event):
                return
            await asyncio.sleep(POLL_SECONDS)

    async def _unheld(self, event: InputEvent | None, deadline: float) -> None:
        """Wait until no hold keeps ``event`` waiting, or ``deadline`` passed."""
        loop = asyncio.get_running_loop()
        while self._holding(event) and loop.time() < deadline:
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), deadline - loop.time())

    def _pumps(self, *, everyone: bool = False) -> list[MessagePump]:
        """The app, its screens, the focus chain and the widgets with messages waiting."""
        app = self._app
        pumps: list[MessagePump] = [app]
        if app.screen_stack:
            pumps.extend(app.screen_stack)
            widgets = app.screen.walk_children(with_self=False)
            if everyone:
                pumps.extend(widgets)
            else:
                focused = app.screen.focused
                if focused is not None:
                    pumps.extend(focused.ancestors_with_self)
                pumps.extend(widget for widget in widgets if _busy(widget))
        unique = {id(pump): pump for pump in pumps}
        # Not ``is_running``: a widget still starting has messages to wait for; only a
        # closed one (a private flag, with no public reading) has none left to handle.
        return [pump for pump in unique.values() if not pump._closed]


def hold_keys(app: App[Any]) -> Callable[[], None]:
    """Make the console's keys wait until the returned function is called."""
    gate = getattr(app, "key_gate", None)
    if isinstance(gate, KeyGate):
        return gate.hold()
    return lambda: None
