"""F1: the console's own keys for the screen first, grouped, translated, scrolled by keyboard."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from deskconsole.storage import Repository
from deskconsole.ui.screens.help import HelpScreen
from tests.ui.board_data import fill_board
from tests.ui.helpers import burst, make_app, settle, until


def _groups(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    return [str(s.render()) for s in screen.query(".help-group").results(Static)]


def _lines(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    lines = screen.query(".help-line")
    return [" ".join(str(s.render()) for s in line.query(Static)) for line in lines] or [""]


async def test_f1_shows_this_screens_keys_first_and_textuals_last_in_chinese(
    repo: Repository,
) -> None:
    app = make_app(repo, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        burst(app, "f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen) and _lines(app)[0] != "")
        assert _groups(app) == ["本界面", "任何界面", "在输入框或列表中编辑和移动"]
        lines = _lines(app)
        assert lines[0].startswith("^n 新增居民")
        assert any(line.startswith("f3 登记诉求") for line in lines)
        assert any("光标左移" in line for line in lines)  # Textual's Input keys, translated
        english = [line for line in lines if any("a" <= c <= "z" for c in line.split(" ", 1)[1])]
        assert not [line for line in english if "Move" in line or "Delete" in line]


async def test_the_help_scrolls_with_the_keys_and_f1_closes_it(repo: Repository) -> None:
    app = make_app(repo, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        burst(app, "f1", "end")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        scroll = app.screen.query_one("#help-scroll", VerticalScroll)
        await until(pilot, lambda: scroll.scroll_y == scroll.max_scroll_y > 0)
        burst(app, "home")
        await until(pilot, lambda: scroll.scroll_y == 0)
        burst(app, "f1")
        await until(pilot, lambda: not isinstance(app.screen, HelpScreen))
        assert app.current_mode == "lookup"


async def test_the_board_help_lists_its_moves_and_the_alt_jumps_in_intake(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        burst(app, "f4", "f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await until(pilot, lambda: _lines(app)[0].startswith("⏎ Open"))
        lines = _lines(app)
        assert any(line.startswith("m Move to") for line in lines)
        assert any(line.startswith("[ Step back") for line in lines)
        burst(app, "escape", "f3", "f1")
        await until(
            pilot,
            lambda: (
                app.current_mode == "intake"
                and isinstance(app.screen, HelpScreen)
                and any(line.startswith("alt+d Matter") for line in _lines(app))
            ),
        )
