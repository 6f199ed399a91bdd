"""The command palette finds residents with the same index and matcher as Lookup."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import Hit, Hits, Provider

from deskconsole.i18n import t
from deskconsole.ui.messages import OpenResident

if TYPE_CHECKING:
    from textual.app import App

    from deskconsole.ui.desk import Desk

PALETTE_HITS = 20


class ResidentCommands(Provider):
    """Residents by name, pinyin, initials, phone, room or ID tail (Textual's fuzzy
    matcher knows no pinyin, so the resident index does the matching)."""

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        holder = cast("Desk", self.app).resident_search
        hits = await asyncio.to_thread(lambda: holder.current().search(query, PALETTE_HITS))
        for rank, hit in enumerate(hits):
            display = Text.assemble((hit.name, "bold"), "  ", hit.address, "  ", hit.masked_phone)
            yield Hit(
                score=1.0 - rank / (2 * PALETTE_HITS),
                match_display=display,
                command=partial(open_resident, self.app, hit.resident_id),
                text=f"{hit.name} {hit.address}",
                help=t("lookup.palette_help"),
            )


def open_resident(app: App[object], resident_id: str) -> None:
    """Show a resident's view on top of Lookup."""
    app.post_message(OpenResident(resident_id, in_lookup=True))
