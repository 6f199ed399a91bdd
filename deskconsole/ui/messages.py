"""Messages that travel through the app."""

from __future__ import annotations

from textual.message import Message


class StoreChanged(Message):
    """Something was committed to the store (posted from any thread)."""

    def __init__(self, tables: frozenset[str]) -> None:
        super().__init__()
        self.tables = tables


class LanguageChanged(Message):
    """The interface language was switched."""
