"""The "Saved ..." line after a case follows a language switch like every other text."""

from __future__ import annotations

from textual.widgets import Static

from deskconsole.storage import Repository
from deskconsole.ui.screens.intake import IntakeScreen
from tests.ui.helpers import burst, make_app, settle, until
from tests.ui.test_intake import MATTER, seed


async def test_the_saved_line_is_redrawn_in_chinese(repo: Repository) -> None:
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "f3", "jjg", "enter", "2", "enter", "wy", "enter", MATTER, "ctrl+s")
        await until(pilot, lambda: repo.cases.count() == 1)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        banner = screen.query_one("#intake-banner", Static)
        await until(pilot, lambda: "Saved JC-20261127-001" in str(banner.render()))
        await app.switch_language("zh")
        await settle(app, pilot)
        assert str(banner.render()).startswith("已保存 JC-20261127-001，期限")
