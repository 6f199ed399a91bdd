"""At 80x24, in both languages: every key one press from the footer, every count on show."""

from __future__ import annotations

import itertools

import pytest
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from deskconsole.i18n import set_language, t
from deskconsole.storage import CaseCounts, Repository
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.widgets.board_strip import short_label
from deskconsole.ui.widgets.case_column import TextLine
from deskconsole.ui.widgets.header import DeskHeader
from tests.ui.board_data import fill_board
from tests.ui.helpers import burst, make_app, settle, until


def _footer(app: object) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_board_at_80_columns_keeps_its_moves_and_says_where_the_rest_are(
    repo: Repository, language: str
) -> None:
    fill_board(repo)
    app = make_app(repo, language)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "f4")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, BoardScreen) and any(key.key == "m" for key in _footer(app))
            ),
        )
        await settle(app, pilot)
        keys = _footer(app)
        shown = {key.key for key in keys}
        assert {"enter", "shift+right", "shift+left", "m"} <= shown
        more = next(key for key in keys if key.key == "f1")
        assert more.description == t("footer.more")
        # Nothing runs off the edge or hides under another key.
        edges = sorted((key.region.x, key.region.right) for key in keys)
        assert all(right <= 80 for _, right in edges)
        assert all(a_right <= b_x for (_, a_right), (b_x, _) in itertools.pairwise(edges))
        # Every column's count is on the top line, hidden columns included.
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        strip = str(screen.query_one("#board-strip", TextLine).render())
        for column in screen.columns:
            count = len(column.cards)
            assert f"{column.state.label} {count}" in strip or (
                f"{short_label(column.state)} {count}" in strip
            ), strip


async def test_at_120_columns_the_keys_keep_their_place_and_f6_f7_show(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        shown = {key.key: key.description for key in _footer(app)}
        assert shown["f1"] == "Keys"
        assert {"f6", "f7", "ctrl+q"} <= set(shown)


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_staff_name_stays_in_the_header_with_large_counts(
    repo: Repository, language: str
) -> None:
    app = make_app(repo, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        set_language(language)
        header = app.screen.query_one(DeskHeader)
        header.show("金城社区", None, "颜成玉", CaseCounts(1234, 5247, 13045))
        await pilot.pause()
        staff = header.query_one("#header-staff", Static)
        assert "颜成玉" in str(staff.render())
        assert staff.region.right <= 80 and staff.region.height == 1
        counts = header.query_one("#header-counts", Static)
        assert "13045" in str(counts.render()) and counts.region.right <= 80
        line = app.screen._compositor.render_strips()[0].text
        assert "颜成玉" in line and "5247" in line and "13045" in line


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_follow_up_list_shows_f4_back_to_the_board_beside_esc(
    repo: Repository, language: str, size: tuple[int, int]
) -> None:
    fill_board(repo)
    app = make_app(repo, language)
    async with app.run_test(size=size) as pilot:
        burst(app, "f4", "f")
        await until(pilot, lambda: type(app.screen).__name__ == "FollowupScreen")
        await settle(app, pilot)
        shown = {key.key: key.description for key in _footer(app)}
        assert shown.get("f4") == t("mode.board"), shown
        assert shown.get("escape") == t("case.key_back"), shown
        assert all(key.region.right <= size[0] for key in _footer(app))
