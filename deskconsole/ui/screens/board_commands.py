"""Board entries in the command palette: the follow-up list, the archive, filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.command import Hit, Hits, Provider

from deskconsole.i18n import t


class BoardActions(Protocol):
    def action_followup(self) -> None: ...
    async def action_toggle_archive(self) -> None: ...
    def action_filter(self) -> None: ...
    def action_overdue_only(self) -> None: ...


def _commands(screen: BoardActions) -> list[tuple[str, Callable[[], object]]]:
    return [
        ("board.cmd_followup", screen.action_followup),
        ("board.cmd_archive", screen.action_toggle_archive),
        ("board.cmd_filter", screen.action_filter),
        ("board.cmd_overdue", screen.action_overdue_only),
    ]


class BoardCommands(Provider):
    """Offered by the command palette while the board is on screen."""

    def _screen_commands(self) -> list[tuple[str, Callable[[], object]]]:
        screen = self.screen
        if not hasattr(screen, "action_toggle_archive"):
            return []
        return _commands(screen)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key, action in self._screen_commands():
            title = t(key)
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action, help=t(f"{key}_help"))

    async def discover(self) -> Hits:
        for key, action in self._screen_commands():
            yield Hit(1, t(key), action, help=t(f"{key}_help"))
