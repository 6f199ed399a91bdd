"""The "Saved ..." line after a case follows a language switch like every other text."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from deskconsole.i18n import t
from deskconsole.storage import Repository
from deskconsole.ui.screens.intake import IntakeScreen
from tests.snapshots.desk_data import fill
from tests.snapshots.scenes import SCENES
from tests.ui.helpers import burst, make_app, settle, until
from tests.ui.test_intake import MATTER, seed


async def test_the_saved_line_is_redrawn_in_chinese(repo: Repository) -> None:
    seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, "f3", "jjg", "enter", "2", "enter", "wy", "enter", MATTER, "ctrl+s")
        await until(pilot, lambda: repo.cases.count() == 1)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        banner = screen.query_one("#intake-banner", Static)
        await until(pilot, lambda: "Saved JC-20261127-001" in str(banner.render()))
        await app.switch_language("zh")
        await settle(app, pilot)
        assert str(banner.render()).startswith("已保存 JC-20261127-001，期限")


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_open_cases_beside_the_chosen_resident_stay_on_one_line(
    repo: Repository, language: str, size: tuple[int, int]
) -> None:
    fill(repo)
    app = make_app(repo, language)
    async with app.run_test(size=size) as pilot:
        await SCENES["intake"](app, pilot)
        summary = app.screen.query_one("#picker-summary")
        note = t("picker.open_cases", count=3)
        assert summary.region.height == 1 and summary.region.right <= size[0]
        line = app.screen._compositor.render_strips()[summary.region.y].text
        assert line.rstrip().endswith(note), line
        assert "12-2-301" in line and "138****8000" in line, line


def test_the_summary_of_a_resident_without_a_phone_leaves_no_gap_for_it() -> None:
    from deskconsole.domain.search import Hit, MatchKind
    from deskconsole.ui.widgets.resident_picker import summary_line

    hit = Hit("r1", "彭立新", "male", "金域华府", "15", "2", "602", "", MatchKind.EXACT, "name", 1)
    assert summary_line(hit, 60).plain == "  Male  金域华府 15-2-602  1 open"
    assert summary_line(hit, 20).plain == " Male 金域 …  1 open"  # cut by cells, the note whole
