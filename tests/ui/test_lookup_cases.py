"""Lookup opens a case by its number, whole or by its tail, typed straight into the box."""

from __future__ import annotations

from textual.widgets import Static

from deskconsole.storage import Repository
from deskconsole.ui.screens.case_view import CaseScreen
from deskconsole.ui.screens.resident import ResidentScreen
from tests.ui.board_data import fill_board
from tests.ui.helpers import burst, make_app, settle, until


async def test_a_case_number_typed_with_enter_at_once_opens_the_case(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        burst(app, "1124-002", "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseScreen))
        assert app.screen.number == "JC-20261124-002"
        burst(app, "escape", "ctrl+u", "JC-20261124-001")
        await until(pilot, lambda: not isinstance(app.screen, CaseScreen))
        line = app.screen.query_one("#lookup-case", Static)
        await until(pilot, lambda: line.display and "JC-20261124-001" in str(line.render()))
        assert "回车打开" in str(line.render())
        burst(app, "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseScreen))
        assert app.screen.number == "JC-20261124-001"


async def test_a_name_still_opens_the_resident(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "jjg", "enter")
        await until(pilot, lambda: isinstance(app.screen, ResidentScreen))
        await settle(app, pilot)
        assert not app.screen.query("#lookup-case")
