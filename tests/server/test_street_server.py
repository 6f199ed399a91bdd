"""The street's view reads alike from the embedded store and from the server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from deskconsole.domain.comparison import compare
from deskconsole.domain.register import build_register
from deskconsole.domain.stats import stats_for
from deskconsole.domain.street import street_of
from deskconsole.storage import Repository
from deskconsole.storage.postgres import ServerRepository
from tests import street_data as data
from tests.factories import make_case


def test_desk_codes_come_from_the_case_numbers_and_sessions(any_repo: Repository) -> None:
    assert any_repo.cases.desk_codes() == []
    data.fill(any_repo)
    assert any_repo.cases.desk_codes() == ["JC", "JC2", "XX", "YH"]
    assert any_repo.sessions.desk_codes() == ["JC", "YH"]


def test_registers_statistics_and_the_comparison_of_several_communities(
    any_repo: Repository,
) -> None:
    data.fill(any_repo)
    street = street_of(any_repo)
    assert street.groups() == ["金城社区", "银河社区", "XX"]
    jincheng = build_register(any_repo, data.DAY, scope=street.community_scope("金城社区"))
    assert [r.number for r in jincheng.rows] == [
        "JC-20261127-001",
        "JC-20261127-002",
        "JC2-20261127-001",
    ]
    month = (date(2026, 11, 1), date(2026, 11, 30), data.DAY)
    assert stats_for(any_repo, *month, street.desk_scope("YH")).taken == 2
    assert [row[:2] for row in compare(any_repo, *month).table()[1:]] == [
        ["金城社区", "4"],
        ["银河社区", "2"],
        ["XX", "1"],
        ["Street total", "7"],
    ]


async def test_a_console_on_the_server_narrows_to_a_desk_another_console_fills(
    console: Callable[..., ServerRepository],
) -> None:
    from deskconsole.ui.screens.board import BoardScreen
    from deskconsole.ui.screens.register import RegisterScreen
    from tests.ui.helpers import make_app, settle, table_rows, until
    from tests.ui.test_street_screens import board_numbers, pick

    office = console("李娜")
    data.fill(office)
    desk = console("王芳", listen=False)
    app = make_app(office)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        await pick(app, pilot, "5")  # 银河社区, desk YH
        assert board_numbers(screen) == ["YH-20261127-001", "YH-20261127-002"]
        made = desk.cases.add("YH", data.DAY, lambda number: make_case(number))
        await until(pilot, lambda: made.number in board_numbers(screen))
        assert board_numbers(screen) == ["YH-20261127-001", "YH-20261127-002", made.number]
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, RegisterScreen)
        await pick(app, pilot, "5")
        assert [row[2] for row in table_rows(app)] == [
            "YH-20261127-001",
            "YH-20261127-002",
            made.number,
        ]
