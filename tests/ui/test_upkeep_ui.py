"""The console's upkeep: cases that ended long ago are archived once it is up, a file
that cannot be written is said with every case kept, and an archived case is still a
case: opened by number, a note brings it back live."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input

from deskconsole.models import CaseState
from deskconsole.storage import Repository
from deskconsole.storage.archive_files import ARCHIVE_DIR
from deskconsole.ui import upkeep
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.screens.case_view import CaseScreen
from tests.bundle_helpers import set_desk
from tests.factories import make_case
from tests.ui.helpers import make_app, open_dialog, settle, until
from tests.ui.test_case_view import text

OLD = datetime(2024, 3, 5, 9, 30)


def _old_closed(repo: Repository) -> None:
    set_desk(repo, "JC", "金城社区")
    repo.cases.save_many(
        [
            make_case("JC-20240305-001", intake_at=OLD, updated_at=OLD, state=CaseState.CLOSED),
            make_case("JC-20261127-001"),
        ]
    )


async def test_the_console_archives_cases_that_ended_long_ago(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upkeep, "ARCHIVE_DELAY", 0.01)
    _old_closed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: repo.cases.archive.count() == 1)
        assert [doc["number"] for doc in repo.cases.docs()] == ["JC-20261127-001"]
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await pilot.press("e")
        await settle(app, pilot)
        line = str(app.screen.query_one("#board-filter").render())
        assert "1 older case archived" in line, line


async def test_an_archive_that_cannot_be_written_is_said_and_nothing_is_lost(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upkeep, "ARCHIVE_DELAY", 0.01)
    _old_closed(repo)
    (repo.data_dir / ARCHIVE_DIR).write_text("not a folder", encoding="utf-8")
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(app._notifications))
        messages = [n.message for n in app._notifications]
        assert any("The archive could not be updated" in m for m in messages), messages
        assert repo.cases.archive.count() == 0
        assert repo.cases.get("JC-20240305-001") is not None


async def test_a_note_on_an_archived_case_brings_it_back_live(repo: Repository) -> None:
    _old_closed(repo)
    assert repo.cases.archive_ended([CaseState.CLOSED], "2025-11-27T00:00:00") == 1
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = CaseScreen("JC-20240305-001")
        await app.push_screen(screen)
        await until(pilot, lambda: "JC-20240305-001" in text(screen, "#case-title"))
        assert "Closed" in text(screen, "#case-title")
        form = await open_dialog(app, pilot, "n")
        form.query_one("#field-note", Input).value = "居民来电：灯又坏了"
        await pilot.press("enter")
        await until(pilot, lambda: "灯又坏了" in text(screen, "#case-timeline"))
    assert not repo.cases.archive.is_listed("JC-20240305-001")
    assert "JC-20240305-001" in {doc["number"] for doc in repo.cases.docs()}
    case = repo.cases.get("JC-20240305-001")
    assert case is not None and case.events[-1].note == "居民来电：灯又坏了"
