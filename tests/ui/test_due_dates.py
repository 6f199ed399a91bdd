"""Moves offer a due date ahead of today; a closed case's due date has no key."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from deskconsole.domain.workdays import due_date
from deskconsole.domain.workflow import Step
from deskconsole.models import CaseState, Urgency
from deskconsole.storage import Repository
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.case_dialogs import StepAnswer
from deskconsole.ui.screens.case_view import CaseScreen
from tests.conftest import FIXED_NOW
from tests.ui.board_data import fill_board
from tests.ui.helpers import burst, make_app, settle, until

S = CaseState
LATE = date(2026, 11, 6)  # 21 days before FIXED_NOW


def _make_late(repo: Repository, number: str) -> None:
    case = repo.cases.get(number)
    assert case is not None
    repo.cases.save(case.model_copy(update={"due_date": LATE, "urgency": Urgency.NORMAL}))


async def _board(app, pilot) -> BoardScreen:  # type: ignore[no-untyped-def]
    burst(app, "f4")
    await until(pilot, lambda: isinstance(app.screen, BoardScreen))
    await settle(app, pilot)
    assert isinstance(app.screen, BoardScreen)
    return app.screen


def _due_field(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#field-due_date", Input).value


async def test_dispatch_and_rework_offer_a_fresh_date_from_today(repo: Repository) -> None:
    fill_board(repo)
    _make_late(repo, "JC-20261124-001")
    _make_late(repo, "JC-20261120-002")
    fresh = due_date(FIXED_NOW, Urgency.NORMAL, repo.settings.get())
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        board = await _board(app, pilot)
        board.start_move("JC-20261124-001", S.DISPATCHED)
        await until(pilot, lambda: bool(app.screen.query("#field-due_date")))
        assert _due_field(app) == fresh.isoformat()
        burst(app, "escape")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        board.start_move("JC-20261120-002", S.IN_PROGRESS)
        await until(pilot, lambda: bool(app.screen.query("#field-due_date")))
        assert _due_field(app) == fresh.isoformat()
        app.screen.query_one("#field-reason", Input).value = "居民说灯还是不亮"
        burst(app, "ctrl+s")
        await until(pilot, lambda: repo.cases.get("JC-20261120-002").state == S.IN_PROGRESS)  # type: ignore[union-attr]
        assert repo.cases.get("JC-20261120-002").due_date == fresh  # type: ignore[union-attr]


async def test_rework_chosen_on_the_follow_up_call_gets_a_fresh_date(repo: Repository) -> None:
    fill_board(repo)
    _make_late(repo, "JC-20261120-003")
    fresh = due_date(FIXED_NOW, Urgency.NORMAL, repo.settings.get())
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        board = await _board(app, pilot)
        case = repo.cases.get("JC-20261120-003")
        assert case is not None
        answer = StepAnswer(Step(reason="居民不满意", note="电话回访"), S.IN_PROGRESS)
        board._finish(case, S.CLOSED, answer, ("result", "satisfaction", "decision"))
        await until(pilot, lambda: repo.cases.get("JC-20261120-003").state == S.IN_PROGRESS)  # type: ignore[union-attr]
        assert repo.cases.get("JC-20261120-003").due_date == fresh  # type: ignore[union-attr]


async def test_a_closed_case_offers_no_due_date_key(repo: Repository) -> None:
    fill_board(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(CaseScreen("JC-20261119-001"))
        await until(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case)
        await settle(app, pilot)
        screen = app.screen
        assert screen.check_action("due", ()) is False
        burst(app, "d")
        await settle(app, pilot)
        assert app.screen is screen
        app.push_screen(CaseScreen("JC-20261120-001"))
        await until(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case)
        assert app.screen.check_action("due", ()) is True
