"""The street's view on screen: w picks the community or desk the board, the register
and the statistics show, the choice is named on screen and in F1, and a store of one
desk shows none of it."""

from __future__ import annotations

import json

from deskconsole.models import CaseState
from deskconsole.storage import Repository
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.help import HelpScreen
from deskconsole.ui.screens.register import RegisterScreen
from deskconsole.ui.screens.scope_picker import ScopePicker
from deskconsole.ui.screens.stats import StatsScreen
from tests import street_data as data
from tests.factories import make_case
from tests.ui.helpers import make_app, settle, table_rows, text_of, until
from tests.ui.test_help import _lines


def board_numbers(screen: BoardScreen) -> list[str]:
    return sorted(card.number for column in screen.columns for card in column.cards)


async def pick(app, pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("w")
    await until(pilot, lambda: isinstance(app.screen, ScopePicker))
    await pilot.press(*keys)
    await until(pilot, lambda: not isinstance(app.screen, ScopePicker))
    await settle(app, pilot)


async def test_the_register_of_a_community_and_of_the_whole_street(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, RegisterScreen)
        assert [r[2] for r in table_rows(app)] == ["JC-20261127-001", "JC-20261127-002"]
        assert "Covers: 金城社区, desk JC" in text_of(app, "#register-head")
        await pick(app, pilot, "2")  # 金城社区, both of its desks
        assert [r[2] for r in table_rows(app)] == [
            "JC-20261127-001",
            "JC-20261127-002",
            "JC2-20261127-001",
        ]
        assert "Covers: 金城社区 (desks JC, JC2)" in text_of(app, "#register-head")
        await pick(app, pilot, "w", "w", "w", "enter")  # from 金城社区 on to YH
        assert [r[2] for r in table_rows(app)] == ["YH-20261127-001", "YH-20261127-002"]
        await pick(app, pilot, "1")
        assert len(table_rows(app)) == 6
        assert "By community: 金城社区 3、银河社区 2、XX 1" in text_of(app, "#register-foot")
        await pilot.press("j")
        path = repo.data_dir / "exports" / "register-street-2026-11-27.json"
        await until(pilot, path.exists)
        written = json.loads(path.read_text("utf-8"))
        assert written["header"]["scope"] == "新城街道（全部社区）"
        assert written["footer"]["by_community"][1] == {"community": "银河社区", "count": 2}


async def test_statistics_follow_the_register_and_compare_communities(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo, "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await settle(app, pilot)
        await pick(app, pilot, "1")
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, StatsScreen))
        await settle(app, pilot)
        assert text_of(app, "#stats-scope") == "范围：新城街道（全部社区）"
        table = text_of(app, "#stats-compare").splitlines()
        assert table[0].split() == ["社区", "诉求", "当场解决", "按期办结率", "满意率"]
        assert table[2].split() == ["银河社区", "2", "0", "0.0%", "0.0%"]
        assert table[-1].split() == ["街道合计", "7", "1", "50.0%", "50.0%"]
        await pick(app, pilot, "5")  # one desk: no comparison
        assert text_of(app, "#stats-scope") == "范围：银河社区 YH 服务台"
        assert not app.screen.query_one("#stats-compare-box").display
        figures = text_of(app, "#stats-figures").splitlines()
        assert next(line for line in figures if line.startswith("受理诉求")).split()[-1] == "2"


async def test_the_board_narrowed_to_one_desk_says_so(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert len(board_numbers(screen)) == 7  # every desk's
        assert not screen.query_one("#board-filter").display
        await pick(app, pilot, "5")
        assert board_numbers(screen) == ["YH-20261127-001", "YH-20261127-002"]
        assert screen.column_for(CaseState.REGISTERED).total == 1  # type: ignore[union-attr]
        assert "Covers: 银河社区, desk YH" in str(screen.query_one("#board-filter").render())
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen) and _lines(app)[0] != "")
        assert any(line.startswith("w Community") for line in _lines(app))


async def test_a_store_of_one_desk_shows_no_street(repo: Repository) -> None:
    repo.cases.save(make_case("JC-20261127-001"))
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        for key, kind in (("f4", BoardScreen), ("f5", RegisterScreen)):
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, kind)
            assert app.screen.check_action("pick_scope", ()) is False
            await pilot.press("w")
            await settle(app, pilot)
            assert isinstance(app.screen, kind)
        assert "Covers" not in text_of(app, "#register-head")
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, StatsScreen))
        await settle(app, pilot)
        assert not app.screen.query_one("#stats-scope").display
        assert not app.screen.query_one("#stats-compare-box").display


async def test_a_desk_named_meanwhile_shows_under_its_community(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settle(app, pilot)
        settings = repo.settings.get()
        repo.settings.save(
            settings.model_copy(update={"desks": {**settings.desks, "XX": "星湖社区"}})
        )
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        await until(
            pilot, lambda: screen.street is not None and "星湖社区" in screen.street.groups()
        )
        await pick(app, pilot, "5")  # 星湖社区 (xinghu) now comes before 银河社区 (yinhe)
        assert board_numbers(screen) == ["XX-20261127-001"]
