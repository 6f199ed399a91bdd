"""Tables at 80 columns: drawn at their content's width from the first frame, every
column on screen, and a cell cut to fit ends in "…"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from deskconsole.i18n import t
from deskconsole.models import CaseState
from deskconsole.storage import Repository
from deskconsole.storage import sessions as session_ops
from deskconsole.ui.screens.followup import FollowupScreen
from deskconsole.ui.widgets.case_card import CaseCard
from tests.snapshots.desk_data import fill, sessions
from tests.snapshots.scenes import SCENES
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


def assert_fits(table: DataTable[Any]) -> None:
    """Every column on screen, and each cell drawn whole or cut with "…"."""
    widths = [column.get_render_width(table) for column in table.ordered_columns]
    assert sum(widths) <= table.scrollable_content_region.width, widths
    for y in range(table.row_count):
        strip = table.render_line(y + 1)
        x = 0
        for width, value in zip(widths, table.get_row_at(y), strict=True):
            cell = strip.crop(x, x + width).text.strip()
            x += width
            plain = str(value)
            assert cell == plain or (cell.endswith("…") and plain.startswith(cell[:-1].rstrip())), (
                cell,
                plain,
            )


@pytest.fixture
def desk(repo: Repository) -> Repository:
    fill(repo)
    return repo


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(
    ("scene", "table_id"),
    [
        ("resident", "#resident-cases"),
        ("sessions", "#sessions-table"),
        ("register", "#register-table"),
        ("followup", "#followup-table"),
    ],
)
async def test_at_80_columns_every_column_is_on_screen(
    desk: Repository, language: str, scene: str, table_id: str
) -> None:
    app = make_app(desk, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await SCENES[scene](app, pilot)
        table = app.screen.query_one(table_id, DataTable)
        assert_fits(table)
        headings = [column.label.plain for column in table.ordered_columns]
        if scene == "resident":  # the state in full, the date in the case number
            assert t("field.state") in headings and t("lookup.col_date") not in headings
            states = {
                row[headings.index(t("field.state"))]
                for row in map(table.get_row_at, range(table.row_count))
            }
            assert CaseState.RESOLVED.label in states
        if scene == "sessions":
            assert t("session.col_cases") in headings
        if scene == "register":  # the matters are longer than the room left
            lines = [table.render_line(y + 1).text for y in range(table.row_count)]
            assert all(line.rstrip().endswith("…") for line in lines), lines


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_board_cards_at_80_columns_end_cut_labels_with_an_ellipsis(
    desk: Repository, language: str
) -> None:
    app = make_app(desk, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await SCENES["board"](app, pilot)
        cards = [card for card in app.screen.query(CaseCard) if card.card is not None]
        assert cards
        ends = []
        for card in cards:
            lines = card.render().plain.split("\n")
            assert all(cell_len(line) <= card.content_size.width for line in lines), lines
            full = category_of(card)
            ends.append(lines[1].rstrip().endswith("…"))
            assert full in lines[1] or ends[-1], (lines[1], full)
        # "Property & facilities" is longer than a card at 80 columns; 物业设施 is not.
        assert any(ends) == (language == "en")


def category_of(card: CaseCard) -> str:
    assert card.card is not None
    return card.category_label(card.card.category)


async def test_a_long_sessions_list_scrolls_under_its_title(repo: Repository) -> None:
    earlier = sessions()[1]
    repo.commit(
        [
            session_ops.op(
                earlier.model_copy(update={"id": f"s{day}", "date": date(2026, 10, day)})
            )
            for day in range(1, 31)
        ]
    )
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_sessions()
        await until(
            pilot, lambda: app.screen.query_one("#sessions-table", DataTable).row_count == 30
        )
        await settle(app, pilot)
        title = app.screen.query_one(".screen-title")
        line = app.screen._compositor.render_strips()[1].text
        assert title.region.y == 1 and t("session.list_title") in line, line
        table = app.screen.query_one("#sessions-table", DataTable)
        assert table.region.bottom <= 23 and table.max_scroll_y > 0
