"""The command palette finds residents with the same index and matcher as Lookup."""

from __future__ import annotations

import asyncio
from functools import partial

from rich.text import Text
from textual.command import Hit, Hits, Provider

from deskconsole.i18n import t
from deskconsole.ui.desk_commands import RESIDENT_SCORE
from deskconsole.ui.names import shown_name
from deskconsole.ui.resident_search import resident_search

PALETTE_HITS = 20


class ResidentCommands(Provider):
    """Residents by name, pinyin, initials, phone, room or ID tail (Textual's fuzzy
    matcher knows no pinyin, so the resident index does the matching)."""

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        holder = resident_search(self.app)
        hits = await asyncio.to_thread(lambda: holder.current().search(query, PALETTE_HITS))
        for rank, hit in enumerate(hits):
            name = shown_name(hit.name)
            display = Text.assemble((name, "bold"), "  ", hit.address, "  ", hit.masked_phone)
            yield Hit(
                score=RESIDENT_SCORE * (1.0 - rank / (2 * PALETTE_HITS)),
                match_display=display,
                command=partial(open_resident, self.app, hit.resident_id),
                text=f"{name} {hit.address}",
                help=t("lookup.palette_help"),
            )


async def open_resident(app, resident_id: str) -> None:  # type: ignore[no-untyped-def]
    """Show a resident's view on top of Lookup."""
    from deskconsole.ui.screens.resident import ResidentScreen

    if app.current_mode != "lookup":
        await app.switch_mode("lookup")
    await app.push_screen(ResidentScreen(resident_id))
