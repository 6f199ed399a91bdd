"""The console shell: modes, header counts, help, language switching."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Footer

from deskconsole.domain import demo
from deskconsole.storage import Repository
from deskconsole.ui.app import DeskApp
from deskconsole.ui.screens.help import HelpScreen
from deskconsole.ui.widgets.header import DeskHeader
from tests.conftest import FIXED_NOW
from tests.ui.helpers import make_app, until


def header_text(app: DeskApp) -> str:
    header = app.screen.query_one(DeskHeader)
    return " ".join(str(s.render()) for s in header.query("Static"))


async def test_header_shows_community_staff_and_counts(repo: Repository) -> None:
    data = demo.generate(datetime(2026, 11, 27, 9), residents=200, cases=60, seed=3)
    demo.fill(repo, data)
    expected = repo.cases.counts(FIXED_NOW.date())
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = header_text(app)
        assert "金城社区" in text
        assert "颜成玉" in text
        assert f"Overdue {expected.overdue}" in text
        assert f"Follow-up {expected.awaiting_followup}" in text
        assert app.screen.query_one(Footer)


async def test_function_keys_switch_modes(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.current_mode == "lookup"
        for key, mode in (("f3", "intake"), ("f4", "board"), ("f5", "register"), ("f2", "lookup")):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode


async def test_f1_toggles_the_keys_panel(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_chinese_from_the_start_and_switched_at_run_time(repo: Repository) -> None:
    app = make_app(repo, "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "值班：颜成玉" in header_text(app)
        footer_keys = [b.binding.description for b in app.screen.active_bindings.values()]
        assert "退出" in footer_keys
        await app.switch_language("en")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Staff: 颜成玉" in header_text(app)
        footer_keys = [b.binding.description for b in app.screen.active_bindings.values()]
        assert "Quit" in footer_keys


async def test_language_command_is_in_the_palette(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Language: switch English / 中文" in titles


async def test_header_follows_a_commit(repo: Repository) -> None:
    data = demo.generate(datetime(2026, 11, 27, 9), residents=50, cases=0, seed=3)
    demo.fill(repo, data)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Today 0" in header_text(app)
        case = demo.make_cases(
            random.Random(1),
            1,
            data.sessions,
            data.residents,
            app.settings,
            datetime(2026, 11, 27, 12),
        )[0]
        today_case = case.model_copy(update={"intake_at": FIXED_NOW, "number": "JC-20261127-001"})
        repo.cases.save(today_case)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Today 1" in header_text(app)


async def test_an_unexpected_error_in_a_background_job_leaves_the_console_up(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskconsole.domain import board as board_data
    from tests.factories import make_resident

    def broken(*_args: object) -> object:
        raise RuntimeError(f"boom {make_resident().phones[0]}")

    monkeypatch.setattr(board_data, "board_docs", broken)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")

        def notices() -> list[str]:
            return [str(n.message) for n in app._notifications if "did not work" in n.message]

        await until(pilot, notices)
        assert app.is_running
        [notice] = notices()
        report = Path(notice.rsplit(": ", 1)[1])
        assert report.parent == repo.data_dir / "crashes"
        text = report.read_text("utf-8")
        assert "RuntimeError" in text and "13800138000" not in text  # numbers masked
        await pilot.press("f2")  # the console still answers
        await until(pilot, lambda: app.current_mode == "lookup")


@pytest.mark.parametrize("asked", [True, False])
async def test_quitting_while_a_dialog_opens_is_no_crash(repo: Repository, asked: bool) -> None:
    """A dialog still being put on screen when the console quits (asked to, or shutting
    down) finds none of its fields, as Textual mounts no children on a closing screen:
    that is the end, not an error."""
    from deskconsole.ui.screens.resident_form import ResidentDialog

    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.current_mode == "lookup")
        app.push_screen(ResidentDialog("Resident"))
        if asked:
            app.exit()
    assert app.crash_line is None
    assert not (repo.data_dir / "crashes").exists()
