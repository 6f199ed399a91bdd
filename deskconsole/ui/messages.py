"""Messages that travel through the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from deskconsole.domain.street import Scope, Street


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


# -- jumps between screens: posted by a screen or a palette command, handled by the app ----------


class OpenCase(Message):
    """Show one case's view on top of the current screen."""

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number


class OpenResident(Message):
    """Show one resident's view: on top of the current screen, or of Lookup (``in_lookup``)."""

    def __init__(self, resident_id: str, *, in_lookup: bool = False) -> None:
        super().__init__()
        self.resident_id = resident_id
        self.in_lookup = in_lookup


class StartIntake(Message):
    """Open Intake for a new case, for this resident when one is given."""

    def __init__(self, resident_id: str | None = None) -> None:
        super().__init__()
        self.resident_id = resident_id


class OpenStatistics(Message):
    """Show the statistics over a date range, of the desks ``scope`` covers (``None``:
    this desk's) among the ``street``'s."""

    def __init__(self, scope: Scope | None = None, street: Street | None = None) -> None:
        super().__init__()
        self.scope = scope
        self.street = street


class StoreOpened(Message):
    """The store given as a reader has been read, or has failed to be (posted from the
    reading thread)."""
