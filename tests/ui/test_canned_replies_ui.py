"""Canned replies offered where the resident is answered: ctrl+r, a digit, still editable."""

from __future__ import annotations

from textual.widgets import Input

from deskconsole.domain.canned_replies import add_reply
from deskconsole.storage import Repository
from deskconsole.ui.screens.canned_picker import CannedReplyPicker
from deskconsole.ui.screens.case_view import CaseScreen
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.widgets.choice import ChoiceField
from tests.ui.board_data import fill_board
from tests.ui.helpers import burst, make_app, settle, until

REPAIR = "物业报修电话 0536-8881234"
FUND = "公共部位维修从维修基金列支"


def _with_replies(repo: Repository) -> None:
    settings = add_reply(repo.settings.get(), "property", REPAIR)
    repo.settings.save(add_reply(settings, "property", FUND))


async def test_a_digit_puts_the_reply_in_the_field_and_it_stays_editable(
    repo: Repository,
) -> None:
    fill_board(repo)
    _with_replies(repo)
    app = make_app(repo, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(CaseScreen("JC-20261120-001"))
        await until(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.case)
        burst(app, "r")
        await until(pilot, lambda: bool(app.screen.query("#field-reply")))
        burst(app, "ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, CannedReplyPicker))
        assert "物业设施" in str(app.screen.query_one(".dialog-question").render())
        burst(app, "2", "，请等待通知", "ctrl+s")
        number = "JC-20261120-001"
        await until(pilot, lambda: repo.cases.get(number).reply == f"{FUND}，请等待通知")  # type: ignore[union-attr]


async def test_ctrl_r_on_intake_fills_the_outcome_of_a_case_solved_on_the_spot(
    repo: Repository,
) -> None:
    _with_replies(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "f3")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        await settle(app, pilot)
        app.screen.query_one("#f-category", ChoiceField).value = "property"
        burst(app, "ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, CannedReplyPicker))
        burst(app, "enter")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        outcome = app.screen.query_one("#f-outcome", Input)
        await until(pilot, lambda: outcome.value == REPAIR)
        assert app.focused is outcome


async def test_the_settings_screen_adds_and_clears_replies(repo: Repository) -> None:
    from deskconsole.ui.screens.canned_settings import CannedRepliesDialog
    from deskconsole.ui.screens.desk_settings import DeskSettingsScreen

    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(DeskSettingsScreen())
        await until(pilot, lambda: isinstance(app.screen, DeskSettingsScreen))
        await settle(app, pilot)
        burst(app, "c", "policy=请看街道公告", "enter")
        await until(pilot, lambda: replies_of(repo, "policy") == ["请看街道公告"])
        shown = app.screen.query_one("#settings-replies")
        await until(pilot, lambda: "Policy consultation 1. 请看街道公告" in str(shown.render()))
        assert "policy 1." not in str(shown.render())  # the name, not the code
        burst(app, "c")
        await until(pilot, lambda: isinstance(app.screen, CannedRepliesDialog))
        current = str(app.screen.query_one("#canned-current").render())
        assert "Policy consultation (policy) 1. 请看街道公告" in current  # the code to type
        burst(app, "escape", "c", "nosuch=x", "enter")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, CannedRepliesDialog)
                and any(
                    "no category 'nosuch'" in str(e.render())
                    for e in app.screen.query("#canned-error")
                )
            ),
        )
        burst(app, "ctrl+u", "policy=", "enter")
        await until(pilot, lambda: replies_of(repo, "policy") == [])


def replies_of(repo: Repository, code: str) -> list[str]:
    return list(repo.settings.get().canned_replies.get(code, []))


async def test_the_settings_screen_names_each_replys_category_in_chinese(repo: Repository) -> None:
    from deskconsole.ui.screens.desk_settings import DeskSettingsScreen

    _with_replies(repo)
    app = make_app(repo, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(DeskSettingsScreen())
        await until(pilot, lambda: isinstance(app.screen, DeskSettingsScreen))

        def shown() -> str:
            return str(app.screen.query_one("#settings-replies").render())

        await until(pilot, lambda: "物业设施 1. " in shown())
        assert "property" not in shown()
