"""Tables at 80 columns: drawn at their content's width from the first frame, every
column on screen, and a cell cut to fit ends in "…"."""

from __future__ import annotations

from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from deskconsole.storage import Repository
from deskconsole.ui.screens.followup import FollowupScreen
from tests.ui.board_data import fill_board
from tests.ui.helpers import burst, make_app, settle, until


def drawn(table: DataTable[Any], y: int) -> str:
    """Line ``y`` of the table as it would be painted now (header: 0)."""
    return table.render_line(y).text


async def test_the_follow_up_list_is_drawn_at_its_rows_width_from_the_first_frame(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_board(repo)
    first: list[tuple[str, str]] = []
    show = FollowupScreen.show_cases

    def show_and_look(screen: FollowupScreen, *args: Any) -> None:
        show(screen, *args)
        table = screen.query_one(DataTable)
        if not first:  # before the table is next idle, i.e. what the first frame shows
            first.append((drawn(table, 0), drawn(table, 1)))

    monkeypatch.setattr(FollowupScreen, "show_cases", show_and_look)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f4", "f")
        await until(pilot, lambda: bool(first))
        await settle(app, pilot)
        header, row = first[0]
        screen = app.screen
        assert isinstance(screen, FollowupScreen)
        number = screen.cases[0].number
        assert number in row, row
        # Each heading starts where its column's cells start.
        at = row.index(number)
        assert header[at : at + len("Case")] == "Case", (header, row)
        name_at = cell_len(row[: row.index("李秀英")])
        assert cell_len(header[: header.index("Resident")]) == name_at, (header, row)
