"""The case view and the follow-up list in Pilot."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from deskconsole.domain.bundle import export_bundle, import_bundle
from deskconsole.domain.casedesk import CaseDesk
from deskconsole.models import CaseState, EventKind, PartyKind, Satisfaction
from deskconsole.storage import Repository
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.case_view import CaseScreen
from deskconsole.ui.screens.followup import FollowupScreen
from deskconsole.ui.widgets.choice import ChoiceField
from tests.bundle_helpers import set_desk
from tests.factories import make_case
from tests.ui.board_data import ID_NUMBER
from tests.ui.board_data import fill_board as fill
from tests.ui.helpers import (
    burst,
    column,
    error_line,
    make_app,
    on_case,
    open_board,
    open_dialog,
    settle,
    until,
)

S = CaseState


def text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_enter_opens_every_field_and_the_timeline_masked(repo: Repository) -> None:
    async with on_case(repo, "JC-20261120-001") as (app, pilot, screen):
        title = text(screen, "#case-title")
        assert "JC-20261120-001" in title and "In progress" in title
        fields = text(screen, "#case-fields")
        for expected in (
            "江建国",
            "138****8000",
            "370705********" + ID_NUMBER[-4:],
            "金域华府12号楼2单元301室",
            "Property & facilities",
            "地下室灯不亮",
            "金域物业",
            "2026-11-30",
        ):
            assert expected in fields
        assert "13800138000" not in fields and ID_NUMBER not in fields
        timeline = text(screen, "#case-timeline")
        assert "Registered > Dispatched" in timeline
        assert "Dispatched > In progress" in timeline
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_note_and_reply_are_separate_timeline_events(repo: Repository) -> None:
    async with on_case(repo, "JC-20261120-001") as (app, pilot, screen):
        form = await open_dialog(app, pilot, "n")
        form.query_one("#field-note", Input).value = "物业说周五来修"
        await pilot.press("enter")
        await pilot.pause()
        form = await open_dialog(app, pilot, "r")
        form.query_one("#field-reply", Input).value = "已告知居民周五上门"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        case = repo.cases.get("JC-20261120-001")
        assert case is not None
        assert [e.kind for e in case.events[-2:]] == [EventKind.NOTE, EventKind.REPLY]
        assert case.reply == "已告知居民周五上门"
        timeline = text(screen, "#case-timeline")
        assert "Internal note" in timeline and "物业说周五来修" in timeline
        assert "Reply to resident" in timeline and "已告知居民周五上门" in timeline
        assert "已告知居民周五上门" in text(screen, "#case-fields")


async def test_party_and_due_date_changes_need_a_reason(repo: Repository) -> None:
    async with on_case(repo, "JC-20261120-001") as (app, pilot, screen):
        form = await open_dialog(app, pilot, "p")
        form.query_one("#field-party_kind", ChoiceField).value = PartyKind.HOTLINE_OFFICE.value
        form.query_one("#field-party_name", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_line(app) == "Reason: required for this step"
        form.query_one("#field-reason", Input).value = "物业无权处理"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "Party: 金域物业 > Street hotline office" in text(screen, "#case-timeline")

        form = await open_dialog(app, pilot, "d")
        assert form.query_one("#field-due_date", Input).value == "2026-11-30"
        form.query_one("#field-due_date", Input).value = "2026-12-09"
        form.query_one("#field-reason", Input).value = "等配件"
        await pilot.press("ctrl+s")
        await pilot.pause()
        case = repo.cases.get("JC-20261120-001")
        assert case is not None
        assert case.party is not None and case.party.kind == PartyKind.HOTLINE_OFFICE
        assert case.due_date == date(2026, 12, 9)
        assert case.events[-1].kind == EventKind.DUE
        assert case.events[-1].data == {"from": "2026-11-30", "to": "2026-12-09"}
        assert "Due date: 2026-11-30 > 2026-12-09" in text(screen, "#case-timeline")


async def test_link_a_duplicate_records_it_on_both_cases(repo: Repository) -> None:
    async with on_case(repo, "JC-20261120-001") as (app, pilot, screen):
        form = await open_dialog(app, pilot, "l")
        form.query_one("#field-duplicate_of", Input).value = "JC-20261120-001"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "cannot duplicate or link to itself" in error_line(app)
        form.query_one("#field-duplicate_of", Input).value = "JC-20261124-001"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "JC-20261124-001" in text(screen, "#case-fields")
        other = repo.cases.get("JC-20261124-001")
        assert other is not None and other.events[-1].data == {"case": "JC-20261120-001"}


async def test_reveal_shows_the_numbers_and_records_it(repo: Repository) -> None:
    async with on_case(repo, "JC-20261124-001") as (app, pilot, screen):
        await pilot.press("v")
        await pilot.pause()
        fields = text(screen, "#case-fields")
        assert "13800138000" in fields and ID_NUMBER in fields
        assert "FULL NUMBERS SHOWN" in text(screen, "#case-title")
        case = repo.cases.get("JC-20261124-001")
        assert case is not None
        revealed = [e.data["field"] for e in case.events if e.kind == EventKind.REVEALED]
        assert revealed == ["phone", "id_number"]
        assert all(e.staff == "颜成玉" for e in case.events if e.kind == EventKind.REVEALED)
        await app.switch_language("zh")
        await pilot.pause()
        assert "正在显示完整号码" in text(screen, "#case-title")
        assert "流转记录" in text(screen, "#case-timeline-title")
        assert "13800138000" in text(screen, "#case-fields")
        await pilot.press("v")
        await pilot.pause()
        assert "13800138000" not in text(screen, "#case-fields")
        assert "138****8000" in text(screen, "#case-fields")


async def test_full_numbers_mask_again_once_the_clerk_leaves_the_case(repo: Repository) -> None:
    async with on_case(repo, "JC-20261124-001", size=(80, 24)) as (app, pilot, screen):
        burst(app, "v", "n")  # a note dialog over the case: the numbers stay shown
        await until(pilot, lambda: app.screen is not screen)
        assert "13800138000" in text(screen, "#case-fields")
        burst(app, "escape", "f2")
        await until(pilot, lambda: app.current_mode == "lookup")
        await until(pilot, lambda: "13800138000" not in text(screen, "#case-fields"))
        assert "138****8000" in text(screen, "#case-fields")
        assert "FULL NUMBERS" not in text(screen, "#case-title")
        burst(app, "f4", "v", "ctrl+l")
        await until(pilot, lambda: "13800138000" in text(screen, "#case-fields"))
        await until(pilot, lambda: type(app.screen).__name__ == "LockScreen")
        await until(pilot, lambda: "13800138000" not in text(screen, "#case-fields"))


async def test_the_follow_up_phone_masks_again_on_another_row_or_screen(repo: Repository) -> None:
    fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(app, pilot)
        burst(app, "f", "down", "v")
        await until(pilot, lambda: isinstance(app.screen, FollowupScreen))
        screen = app.screen
        assert isinstance(screen, FollowupScreen)
        table = screen.query_one(DataTable)
        await until(pilot, lambda: table.row_count == 2 and table.get_row_at(1)[3] == "13800138000")
        burst(app, "c", "escape")  # a dialog over the list: still shown
        await until(pilot, lambda: app.screen is screen)
        assert table.get_row_at(1)[3] == "13800138000"
        burst(app, "up")
        await until(pilot, lambda: table.get_row_at(1)[3] == "138****8000")
        burst(app, "down", "v", "o")
        await until(pilot, lambda: isinstance(app.screen, CaseScreen))
        await until(pilot, lambda: table.get_row_at(1)[3] == "138****8000")


async def test_f4_after_the_follow_up_list_shows_the_board(repo: Repository) -> None:
    fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(app, pilot)
        burst(app, "f", "f2", "f4")
        await until(
            pilot, lambda: app.current_mode == "board" and isinstance(app.screen, BoardScreen)
        )
        burst(app, "f", "f4")
        await until(pilot, lambda: isinstance(app.screen, FollowupScreen))
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        burst(app, "f", "o")  # a case opened from the list goes back to the list
        await until(pilot, lambda: isinstance(app.screen, CaseScreen))
        burst(app, "escape")
        await until(pilot, lambda: isinstance(app.screen, FollowupScreen))


async def test_moves_from_the_case_view_update_it_and_the_board(repo: Repository) -> None:
    async with on_case(repo, "JC-20261124-003") as (app, pilot, screen):
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "In progress" in text(screen, "#case-title")
        await pilot.press("escape")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, BoardScreen)
                and "JC-20261124-003" in column(app.screen, S.IN_PROGRESS).visible_numbers()
            ),
        )


async def test_follow_up_list_oldest_first_reveal_and_record(repo: Repository) -> None:
    fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, FollowupScreen)
        table = screen.query_one(DataTable)
        assert [c.number for c in screen.cases] == ["JC-20261120-003", "JC-20261120-002"]
        assert table.get_row_at(0)[3] == "0536-***1234"
        assert "Awaiting follow-up: 2" in text(screen, "#followup-title")
        await pilot.press("v")
        await pilot.pause()
        assert table.get_row_at(0)[3] == "0536-8881234"
        case = repo.cases.get("JC-20261120-003")
        assert case is not None and case.events[-1].kind == EventKind.REVEALED

        assert table.get_row_at(0)[4] == ""
        burst(app, "c", "enter")  # no answer: no note needed
        await until(pilot, lambda: table.get_row_at(0)[4] == "1")
        case = repo.cases.get("JC-20261120-003")
        assert case is not None and case.events[-1].kind == EventKind.FOLLOWUP
        assert (case.events[-1].note, case.events[-1].data) == ("", {"attempt": "1"})
        assert case.state == S.RESOLVED
        burst(app, "c", "关机", "enter")
        await until(pilot, lambda: table.get_row_at(0)[4] == "2")
        case = repo.cases.get("JC-20261120-003")
        assert case is not None and case.events[-1].note == "关机"
        await until(
            pilot,
            lambda: any(
                "Call 2 to JC-20261120-003 noted" in str(n.message) for n in app._notifications
            ),
        )

        form = await open_dialog(app, pilot, "enter")
        form.query_one("#field-result", Input).value = "居民满意"
        form.query_one("#field-satisfaction", ChoiceField).value = Satisfaction.SATISFIED.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert [c.number for c in screen.cases] == ["JC-20261120-002"]
        assert table.row_count == 1
        closed = repo.cases.get("JC-20261120-003")
        assert closed is not None and closed.state == S.CLOSED
        assert closed.events[-1].note == "居民满意"

        form = await open_dialog(app, pilot, "enter")
        form.query_one("#field-result", Input).value = "灯还是不亮"
        form.query_one("#field-satisfaction", ChoiceField).value = Satisfaction.UNSATISFIED.value
        form.query_one("#field-decision", ChoiceField).value = S.IN_PROGRESS.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        reworked = repo.cases.get("JC-20261120-002")
        assert reworked is not None and reworked.state == S.IN_PROGRESS
        assert reworked.events[-1].note == "灯还是不亮"
        assert table.row_count == 0
        assert "Awaiting follow-up: 0" in text(screen, "#followup-title")
        await pilot.press("escape")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, BoardScreen)
                and column(app.screen, S.RESOLVED).visible_numbers() == []
            ),
        )
        board = app.screen
        assert isinstance(board, BoardScreen)


async def test_timeline_follows_the_merge_order_when_desk_clocks_disagree(
    repo: Repository, tmp_path: Path
) -> None:
    """Desk B's clock is two hours behind A's: its note, written after it had A's events,
    carries an earlier time but still comes after them."""
    ahead = datetime(2026, 11, 27, 11, 0)
    behind = datetime(2026, 11, 27, 9, 10)
    desk_a = Repository.open(tmp_path / "A", now=lambda: ahead)
    try:
        set_desk(desk_a, "JC", "A社区")
        desk_a.cases.save(make_case("JC-20261127-001", intake_at=ahead, updated_at=ahead))
        CaseDesk(desk_a, "甲", lambda: ahead + timedelta(minutes=5)).add_note(
            "JC-20261127-001", "甲的备注"
        )
        export_bundle(desk_a, tmp_path / "a.dcb", None, ahead, staff="甲")
    finally:
        desk_a.close()
    set_desk(repo, "XC", "B社区")
    import_bundle(repo, tmp_path / "a.dcb")
    CaseDesk(repo, "乙", lambda: behind).add_note("JC-20261127-001", "乙的备注")
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = CaseScreen("JC-20261127-001")
        await app.push_screen(screen)
        await until(pilot, lambda: "乙的备注" in text(screen, "#case-timeline"))
        timeline = text(screen, "#case-timeline")
        where = [timeline.index(part) for part in ("Registered", "甲的备注", "乙的备注")]
        assert where == sorted(where)


async def test_o_on_the_follow_up_list_opens_the_case_and_esc_comes_back(repo: Repository) -> None:
    fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(app, pilot)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FollowupScreen) and app.screen.cases)
        followup = app.screen
        assert isinstance(followup, FollowupScreen)
        first = followup.cases[0].number
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, CaseScreen))
        assert app.screen.number == first
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is followup)
