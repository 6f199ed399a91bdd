"""Base classes every screen uses: translated key descriptions and a language hook."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual import events
from textual._compositor import Compositor
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from deskconsole.i18n import t
from deskconsole.ui.button_keys import move_between_buttons
from deskconsole.ui.wide_cells import WideSafeCompositor

if TYPE_CHECKING:
    from deskconsole.ui.desk import Desk

ResultType = TypeVar("ResultType")


def translate_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Binding descriptions and tooltips are catalog keys; show them translated."""
    translated = {}
    for key, active in bindings.items():
        binding = dataclasses.replace(
            active.binding,
            description=t(active.binding.description),
            tooltip=t(active.binding.tooltip) if active.binding.tooltip else "",
        )
        tooltip = t(active.tooltip) if active.tooltip else ""
        translated[key] = active._replace(binding=binding, tooltip=tooltip)
    return translated


class DeskScreens:
    """The screens the console has mounted, in every mode, in the order they came.

    The app tells them of store changes and language switches (Textual keeps the
    screens of the modes not shown to itself)."""

    def __init__(self) -> None:
        self._screens: dict[int, Screen[object]] = {}

    def add(self, screen: Screen[object]) -> None:
        self._screens[id(screen)] = screen

    def discard(self, screen: Screen[object]) -> None:
        self._screens.pop(id(screen), None)

    def __iter__(self) -> Iterator[Screen[object]]:
        return iter(list(self._screens.values()))


class DeskScreenMixin:
    """Shared behaviour of all deskconsole screens."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        # Chinese characters stay whole where widgets' edges cross them.
        self._compositor: Compositor = WideSafeCompositor()

    @property
    def desk(self) -> Desk:
        """The app, typed."""
        return cast("Desk", self.app)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        """The console's app keeps every screen it shows (a plain App in a test keeps none)."""
        kept = getattr(self.app, "desk_screens", None)  # type: ignore[attr-defined]
        if isinstance(kept, DeskScreens):
            kept.add(cast("Screen[object]", self))

    def on_unmount(self) -> None:
        kept = getattr(self.app, "desk_screens", None)  # type: ignore[attr-defined]
        if isinstance(kept, DeskScreens):
            kept.discard(cast("Screen[object]", self))

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_bindings(super().active_bindings)  # type: ignore[misc]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this screen failed or finished: the app's one error handler sees it."""
        self.desk.worker_changed(event)

    def on_key(self, event: events.Key) -> None:
        """Arrows move between a dialog's buttons."""
        if move_between_buttons(self, event):  # type: ignore[arg-type]
            event.stop()
            event.prevent_default()

    async def apply_language(self) -> None:
        """Redraw texts in the new language; screens with typed input override this."""
        await self.recompose_keeping_focus()
        self.refresh_bindings()  # type: ignore[attr-defined]

    async def recompose_keeping_focus(self) -> None:
        """Recompose; the field that had the focus (by id) has it again, so the keys
        typed during a language switch go where they went before it."""
        screen = cast("Screen[object]", self)
        focused = screen.focused.id if screen.focused is not None else None
        await screen.recompose()
        found = screen.query(f"#{focused}") if focused else None
        if found:
            screen.set_focus(found.first())
        elif screen.focused is None:
            screen.focus_next()


class DeskScreen(DeskScreenMixin, Screen[None]):
    """A full screen of the console."""


class DeskModal(DeskScreenMixin, ModalScreen[ResultType], Generic[ResultType]):
    """A dialog that collects input and returns it; the caller does the work."""
