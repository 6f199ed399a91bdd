"""What the app owns and keeps for its screens: one resident index and case desk, and the
screens of every mode (told of store changes and language switches)."""

from __future__ import annotations

from collections.abc import Iterable

from deskconsole.storage import Repository
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.lookup import LookupScreen
from deskconsole.ui.screens.sessions import SessionsScreen
from tests.ui.helpers import make_app, settle, until


def kinds(screens: Iterable[object]) -> set[type]:
    return {type(screen) for screen in screens}


def test_each_console_owns_one_resident_index_and_one_case_desk(repo: Repository) -> None:
    first, second = make_app(repo), make_app(repo)
    assert first.resident_search is first.resident_search
    assert first.case_desk is first.case_desk
    assert first.resident_search is not second.resident_search
    assert first.case_desk.staff == first.staff and first.case_desk.repo is repo


async def test_the_app_knows_the_screens_of_every_mode_and_forgets_closed_ones(
    repo: Repository,
) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.switch_mode("board")
        # Lookup is no longer shown, and is still known.
        await until(pilot, lambda: {LookupScreen, BoardScreen} <= kinds(app.desk_screens))
        await settle(app, pilot)
        app.push_screen(SessionsScreen())
        await until(pilot, lambda: any(isinstance(s, SessionsScreen) for s in app.desk_screens))
        app.pop_screen()
        await until(pilot, lambda: not any(isinstance(s, SessionsScreen) for s in app.desk_screens))
