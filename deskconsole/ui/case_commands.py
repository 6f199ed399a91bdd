"""The command palette opens a case by its number, whole or its tail (``0612-007``, ``007``)."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import Hit, Hits, Provider

from deskconsole.domain.case_numbers import find_case_numbers, looks_like_case_number
from deskconsole.i18n import t
from deskconsole.storage import StoreError
from deskconsole.ui.messages import OpenCase

if TYPE_CHECKING:
    from deskconsole.ui.desk import Desk

MATTER_CELLS = 40


def cases_by_number(app: Desk, query: str) -> list[tuple[str, str]]:
    """``(number, matter)`` of the cases ``query`` names (read off the UI thread)."""
    if not looks_like_case_number(query):
        return []
    try:
        numbers = find_case_numbers(query, app.repo.cases.numbers(), app.today())
        found = [(n, app.repo.cases.doc(n)) for n in numbers]
    except StoreError:
        return []
    return [(n, str(doc.get("description", ""))) for n, doc in found if doc is not None]


def open_case(app: Desk, number: str) -> None:
    """Show one case's view on top of the current screen."""
    app.post_message(OpenCase(number))


class CaseCommands(Provider):
    """Cases by number."""

    async def search(self, query: str) -> Hits:
        app = cast("Desk", self.app)
        found = await asyncio.to_thread(cases_by_number, app, query)
        for rank, (number, matter) in enumerate(found):
            display = Text.assemble((number, "bold"), "  ")
            shown = "".join(c if c.isprintable() else " " for c in matter[:MATTER_CELLS])
            display.append_text(Text(shown, no_wrap=True))
            yield Hit(
                score=1.0 - rank / 100,
                match_display=display,
                command=partial(open_case, app, number),
                text=number,
                help=t("palette.case_help"),
            )
