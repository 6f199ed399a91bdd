"""Dialogs put their buttons in one order (the action, then Cancel); arrows move between them."""

from __future__ import annotations

from textual.widgets import Button

from deskconsole.models import CaseState
from deskconsole.storage import Repository
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.register_confirm import ConfirmUnmask
from deskconsole.ui.screens.resident_form import ResidentDialog
from tests.ui.board_data import fill_board
from tests.ui.helpers import burst, make_app, settle, until


def _buttons(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(b.id) for b in app.screen.query(Button)]


async def test_the_action_comes_first_and_arrows_move_between_buttons(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f4")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await settle(app, pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        board.start_move("JC-20261124-001", CaseState.WITHDRAWN)
        await until(pilot, lambda: bool(app.screen.query("#ok")))
        assert _buttons(app) == ["ok", "cancel"]
        app.screen.query_one("#ok", Button).focus()
        burst(app, "right")
        await until(pilot, lambda: app.focused is app.screen.query_one("#cancel", Button))
        burst(app, "left")
        await until(pilot, lambda: app.focused is app.screen.query_one("#ok", Button))
        burst(app, "escape")
        await until(pilot, lambda: app.screen is board)
        app.push_screen(ResidentDialog("Resident"))
        await until(pilot, lambda: bool(app.screen.query("#dialog-save")))
        assert _buttons(app) == ["dialog-save", "dialog-cancel"]
        app.pop_screen()
        app.push_screen(ConfirmUnmask("颜成玉"))
        await until(pilot, lambda: bool(app.screen.query("#confirm-yes")))
        assert _buttons(app) == ["confirm-yes", "confirm-no"]
        assert app.focused is app.screen.query_one("#confirm-no", Button)
