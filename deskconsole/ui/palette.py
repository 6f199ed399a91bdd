"""The command palette, with Enter acting on what was typed.

Textual's palette gathers its hits in the background; an Enter that arrives before the
hits for the text as it stands would pick from an older list, or do nothing. Here the
keys wait until the hits for the current text are in, then Enter takes the best one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual import on
from textual.command import CommandList, CommandPalette
from textual.widgets import Input
from textual.worker import WorkerState

from deskconsole.ui.key_gate import hold_keys

_RUNNING = (WorkerState.PENDING, WorkerState.RUNNING)


class DeskCommandPalette(CommandPalette):
    """The palette; Enter takes the best hit for the text typed so far."""

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.prevent_default()  # instead of the palette's own handler
        event.stop()
        if self._selected_command is not None and not self._list_visible:
            self._select_or_command()  # a hit was picked with the arrows: run it
            return
        self.run_worker(self._take_best(hold_keys(self.app)), group="palette-enter")

    async def _take_best(self, release: Callable[[], None]) -> None:
        try:
            while self._gathering():
                await asyncio.sleep(0.005)
            hits = self.query_one(CommandList)
            if self._list_visible and hits.highlighted is None and hits.option_count:
                hits.highlighted = 0
            self._select_or_command()
        finally:
            release()

    def _gathering(self) -> bool:
        return any(
            worker.group == self._GATHER_COMMANDS_GROUP and worker.state in _RUNNING
            for worker in self.workers
        )
