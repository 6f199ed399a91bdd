"""Desk sessions from the keys: F7 starts and ends, F6 counts visitors, corrections."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from deskconsole.storage import Repository
from tests.snapshots.desk_data import fill
from tests.snapshots.scenes import SCENES
from tests.ui.helpers import burst, make_app, settle, until


async def test_start_count_and_end_a_session(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await pilot.pause()
        assert any("No desk session is open" in str(n.message) for n in app._notifications)
        await pilot.press("f7")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SessionDialog"
        assert app.screen.query_one("#session-staff", Input).value == "颜成玉"
        app.screen.query_one("#session-compound", Input).focus()
        await pilot.press(*"金域华府")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        session = repo.sessions.current()
        assert session is not None and session.compound == "金域华府"
        assert session.date == app.today()
        await pilot.press("f6", "f6")
        await pilot.press("shift+f6")
        await pilot.pause()
        await pilot.press("0", "enter")
        await settle(app, pilot)
        counted = repo.sessions.get(session.id)
        assert counted is not None
        assert [v.category for v in counted.visits] == [None, None, "policy"]
        header = " ".join(str(s.render()) for s in app.screen.query("#header Static"))
        assert "Desk 金域华府" in header
        await pilot.press("f7", "y")
        await settle(app, pilot)
        assert repo.sessions.current() is None
        assert repo.sessions.get(session.id).ended_at is not None  # type: ignore[union-attr]


async def test_a_missing_compound_is_named_in_the_dialog(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Compound: required" in str(app.screen.query_one("#session-error").render())
        assert repo.sessions.current() is None


async def test_correct_a_session_from_the_list(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        app.screen.query_one("#session-compound", Input).value = "锦绣苑"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        app.action_sessions()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#session-partners", Input).value = "金域物业"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [entry] = repo.audit.all()
        assert entry.action == "session.corrected"
        assert repo.sessions.current().partners == ["金域物业"]  # type: ignore[union-attr]


async def test_f7_ends_the_session_now_with_the_staff_on_duty(repo: Repository) -> None:
    app = make_app(repo, staff="颜成玉")
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "f7", "tab", "金域华府", "tab", "tab", "tab", "ctrl+u", "刘宗辉", "ctrl+s")
        await until(pilot, lambda: repo.sessions.current() is not None)
        session = repo.sessions.current()
        assert session is not None and session.staff == ["刘宗辉"]
        burst(app, "f7", "y")
        await until(pilot, lambda: repo.sessions.current() is None)
        ended = repo.sessions.get(session.id)
        assert ended is not None
        assert (f"{ended.start:%H:%M}", f"{ended.end:%H:%M}") == ("09:30", "10:00")
        assert ended.staff == ["刘宗辉", "颜成玉"]
        await until(pilot, lambda: any("09:30-10:00" in str(n.message) for n in app._notifications))
        app.action_sessions()
        await until(pilot, lambda: app.screen.query(DataTable))
        row = app.screen.query_one(DataTable).get_row_at(0)
        assert [str(cell) for cell in row[2:4]] == ["09:30-10:00", "刘宗辉, 颜成玉"]


async def test_ctrl_f6_takes_back_a_visitor_counted_by_mistake(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "ctrl+f6")
        await until(
            pilot, lambda: any("No desk session" in str(n.message) for n in app._notifications)
        )
        burst(app, "f7", "tab", "金域华府", "ctrl+s")
        await until(pilot, lambda: repo.sessions.current() is not None)
        burst(app, "f6", "f6", "f6", "ctrl+f6")
        await until(
            pilot, lambda: any("taken back (2" in str(n.message) for n in app._notifications)
        )
        assert repo.sessions.current().visitor_count == 2  # type: ignore[union-attr]
        burst(app, "ctrl+f6", "ctrl+f6", "ctrl+f6")
        await until(
            pilot, lambda: any("nothing to take back" in str(n.message) for n in app._notifications)
        )
        assert repo.sessions.current().visitor_count == 0  # type: ignore[union-attr]


@pytest.mark.parametrize(("language", "staff"), [("zh", "颜成玉、刘"), ("en", "颜成玉, 刘")])
async def test_the_sessions_list_names_its_staff_as_the_language_lists_them(
    repo: Repository, language: str, staff: str
) -> None:
    fill(repo)
    app = make_app(repo, language)
    async with app.run_test(size=(120, 40)) as pilot:
        await SCENES["sessions"](app, pilot)
        table = app.screen.query_one("#sessions-table", DataTable)
        column = [c.key.value for c in table.ordered_columns].index("staff")
        assert table.get_row_at(0)[column] == staff
        assert staff in table.render_line(1).text
