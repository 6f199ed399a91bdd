"""Messages that travel through the app."""

from __future__ import annotations

from textual.message import Message


class StoreChanged(Message):
    """Something was committed to the store (posted from any thread).

    The app receives it first and forwards a copy (``forwarded=True``) to every
    screen, so a screen can refresh with an ``on_store_changed`` handler.
    """

    bubble = False

    def __init__(self, tables: frozenset[str], forwarded: bool = False) -> None:
        super().__init__()
        self.tables = tables
        self.forwarded = forwarded


class LanguageChanged(Message):
    """The interface language was switched."""


class StoreOpened(Message):
    """The store given as a reader has been read, or has failed to be (posted from the
    reading thread)."""
