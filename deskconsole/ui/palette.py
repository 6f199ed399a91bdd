"""The command palette in the clerk's language, with Enter acting on what was typed.

Textual's palette gathers its hits in the background; an Enter that arrives before the
hits for the text as it stands would pick from an older list, or do nothing. Here the
keys wait until the hits for the current text are in, then Enter takes the best one.
Its prompt and its "no matches" line are translated.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from rich.align import Align
from rich.text import Text
from textual import on
from textual.command import CommandList, CommandPalette
from textual.widgets import Input
from textual.widgets.option_list import Option
from textual.worker import WorkerState

from deskconsole.i18n import t
from deskconsole.ui.key_gate import hold_keys

_RUNNING = (WorkerState.PENDING, WorkerState.RUNNING)


class DeskCommandPalette(CommandPalette):
    """The palette, translated; Enter takes the best hit for the text typed so far."""

    def __init__(self) -> None:
        super().__init__(placeholder=t("palette.placeholder"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, with the line translated."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

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
