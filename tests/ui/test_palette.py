"""The palette in the clerk's language: commands by Chinese or pinyin, cases by number."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from deskconsole.storage import Repository
from deskconsole.ui.desk_commands import DeskCommands
from deskconsole.ui.screens.case_view import CaseScreen
from tests.ui.board_data import fill_board
from tests.ui.helpers import burst, make_app, settle, until


def _options(app: object) -> list[str]:
    """The palette's options as shown; none while it is not up or not composed yet."""
    palette = app.screen  # type: ignore[attr-defined]
    found = palette.query(CommandList) if isinstance(palette, CommandPalette) else None
    if not found:
        return []
    commands = found.first()
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def _titles(app: object, query: str) -> list[str]:
    provider = DeskCommands(app.screen)  # type: ignore[attr-defined]
    return [str(hit.text) async for hit in provider.search(query)]


async def test_commands_are_found_by_chinese_and_pinyin_in_either_language(
    repo: Repository,
) -> None:
    app = make_app(repo, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        language = "Language: switch English / 中文"
        assert language in await _titles(app, "yuyan")
        assert language in await _titles(app, "语言")
        assert "Board (F4)" in await _titles(app, "kanban")
    app = make_app(repo, "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "界面语言：切换 中文 / English" in await _titles(app, "yuyan")
        assert "界面语言：切换 中文 / English" in await _titles(app, "language")


async def test_the_palette_speaks_chinese_prompt_and_no_matches(repo: Repository) -> None:
    app = make_app(repo, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        burst(app, "ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        assert app.screen.query_one(Input).placeholder == "搜索命令、居民、工单号…"
        burst(app, "qqxqqxzz")
        await until(pilot, lambda: any("没有找到" in option for option in _options(app)))


async def test_a_case_number_whole_or_its_tail_opens_the_case(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for typed in ("JC-20261124-002", "1124-002"):
            burst(app, "ctrl+p", typed)
            await until(pilot, lambda: any("JC-20261124-002" in o for o in _options(app)))
            burst(app, "down", "enter")
            await until(pilot, lambda: isinstance(app.screen, CaseScreen))
            assert app.screen.number == "JC-20261124-002"
            burst(app, "escape")
            await until(pilot, lambda: not isinstance(app.screen, CaseScreen))


async def test_ctrl_c_says_how_to_quit_in_chinese(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo, "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "f4", "ctrl+c")
        await until(pilot, lambda: any(n.title == "要退出吗？" for n in app._notifications))
        note = next(n for n in app._notifications if n.title == "要退出吗？")
        assert "ctrl+q" in note.message and "退出控制台" in note.message
