"""The console's commands in the palette, found by their name in either language or its pinyin.

Textual's fuzzy matcher knows no pinyin, and the titles are in one language only; a clerk
types ``yuyan`` or 语言 in the English console and still finds "Language".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from deskconsole.domain.text_pinyin import text_pinyin
from deskconsole.i18n import LANGUAGES, Language, get_language, t


@dataclass(frozen=True)
class DeskCommand:
    """One palette command: catalog keys for its title and help, what it does, its key."""

    title: str
    help: str
    run: Callable[[], object]
    key: str = ""

    def title_in(self, language: Language | None = None) -> str:
        """The title as shown (with its key, ``Lookup (F2)``)."""
        title = t(self.title, language or get_language())
        return f"{title} ({self.key.upper()})" if self.key else title


def pinyin_score(query: str, title: str) -> float:
    """How well letters typed as pinyin match ``title``'s Chinese: 0 when not at all."""
    letters = query.lower().replace(" ", "")
    if len(letters) < 2 or not letters.isascii() or not letters.isalpha():
        return 0.0
    full, initials = text_pinyin(title)
    if full.startswith(letters) or initials.startswith(letters):
        return 0.9
    if letters in full or letters in initials:
        return 0.7
    return 0.0


class HasCommands(Protocol):
    """An app that lists its commands for the palette (the console does)."""

    def desk_commands(self) -> list[DeskCommand]: ...


class DeskCommands(Provider):
    """The console's own commands (modes, language, keys, sessions, quit)."""

    def _commands(self) -> list[DeskCommand]:
        return cast(HasCommands, self.app).desk_commands()

    async def discover(self) -> Hits:
        for command in sorted(self._commands(), key=lambda c: c.title_in()):
            yield DiscoveryHit(command.title_in(), command.run, help=t(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            shown = command.title_in()
            score = matcher.match(shown)
            display = matcher.highlight(shown) if score > 0 else Text(shown)
            for language in LANGUAGES:
                title = command.title_in(language)
                score = max(score, matcher.match(title) * 0.95, pinyin_score(query, title))
            if score > 0:
                yield Hit(score, display, command.run, text=shown, help=t(command.help))
