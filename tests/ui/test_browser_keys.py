"""The alternatives of the keys a browser keeps (F5, ctrl+w, ctrl+n): they work in a
terminal too, and F1 lists them only when the console is served."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from deskconsole.storage import Repository
from deskconsole.ui import browser_keys
from deskconsole.ui.screens.help import HelpScreen
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.screens.register import RegisterScreen
from deskconsole.ui.screens.resident_form import ResidentDialog
from tests.ui.helpers import burst, keys_done, make_app, settle, until
from tests.ui.test_help import _lines


async def test_ctrl_g_opens_the_register_and_alt_a_adds_a_resident(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "江建国", "alt+a")
        await until(pilot, lambda: isinstance(app.screen, ResidentDialog))
        await until(pilot, lambda: app.screen.query("#f-name"))
        assert app.screen.query_one("#f-name", Input).value == "江建国"
        assert app.query_one("#lookup-query", Input).value == "江建国"  # the a was not typed
        burst(app, "escape", "y")
        await until(pilot, lambda: not isinstance(app.screen, ResidentDialog))
        burst(app, "ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, RegisterScreen))
        burst(app, "f3")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        burst(app, "alt+a")
        await until(pilot, lambda: isinstance(app.screen, ResidentDialog))
        await until(pilot, lambda: app.screen.query_one("#f-name", Input).has_focus)


async def test_alt_w_deletes_the_word_left_of_the_cursor(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "12号楼 301", "alt+w")
        box = app.query_one("#lookup-query", Input)
        await until(pilot, lambda: box.value == "12号楼 ")
        burst(app, "alt+w", "alt+w")
        await keys_done(app, pilot)
        assert box.value == ""


@pytest.mark.parametrize("served", [False, True])
async def test_f1_lists_the_alternatives_when_served(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, served: bool
) -> None:
    monkeypatch.setattr(browser_keys, "served", lambda app: served)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen) and _lines(app)[0] != "")
        lines = _lines(app)
        alternatives = [
            line
            for line in lines
            if line.startswith(("^g Register", "alt+a Add resident", "alt+w Delete the word"))
        ]
        assert len(alternatives) == (3 if served else 0), lines
        assert any(line.startswith("f5 Register") for line in lines)
