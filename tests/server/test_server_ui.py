"""Two consoles on one server store: what one saves shows on the other's board and
header without a reload; a save over a change made meanwhile is refused and the
case shown again as the other clerk left it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from deskconsole.domain.casedesk import CaseDesk
from deskconsole.domain.workflow import Step
from deskconsole.models import CaseState
from deskconsole.storage.postgres import ServerRepository, StoreConflictError
from deskconsole.ui.widgets.case_card import CaseCard
from deskconsole.ui.widgets.header import DeskHeader
from tests.conftest import FIXED_NOW
from tests.factories import make_case
from tests.ui.helpers import make_app, settle, until

Console = Callable[..., ServerRepository]
DAY = date(2026, 11, 27)


async def test_the_board_and_header_show_what_another_console_registered(
    console: Console,
) -> None:
    app = make_app(console("颜成玉"))
    other = console("李娜", listen=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settle(app, pilot)
        assert not [card for card in app.screen.query(CaseCard) if card.number]
        made = other.cases.add("JC", DAY, lambda number: make_case(number))

        def shown() -> bool:
            return made.number in {card.number for card in app.screen.query(CaseCard)}

        await until(pilot, shown)
        header = app.screen.query_one(DeskHeader)
        await until(pilot, lambda: header._counts is not None and header._counts.taken_today == 1)


async def test_a_refused_save_shows_the_case_as_the_other_clerk_left_it(
    console: Console,
) -> None:
    mine = console("颜成玉", listen=False)  # has not heard the other clerk's save yet
    other = console("李娜")
    mine.cases.save(make_case(updated_at=FIXED_NOW))
    other.store.reload()
    number = make_case().number
    CaseDesk(other, "李娜", lambda: FIXED_NOW).move(
        number, CaseState.WITHDRAWN, Step(reason="居民撤回")
    )
    app = make_app(mine)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settle(app, pilot)
        assert mine.cases.get(number).state == CaseState.REGISTERED  # type: ignore[union-attr]
        try:
            CaseDesk(mine, "颜成玉", lambda: FIXED_NOW).add_note(number, "打过电话")
        except StoreConflictError as refused:
            assert "李娜" in str(refused)
        else:
            raise AssertionError("the stale save went through")
        await until(pilot, lambda: mine.cases.get(number).state == CaseState.WITHDRAWN)  # type: ignore[union-attr]
        assert other.cases.get(number).events[-1].note != "打过电话"  # type: ignore[union-attr]


async def test_a_lost_server_fails_the_save_keeps_the_form_and_the_next_save_lands(
    console: Console,
) -> None:
    import psycopg

    from deskconsole.ui.widgets.resident_picker import ResidentPicker
    from tests.ui.test_intake import MATTER, banner, seed, type_property_help

    repo = console("颜成玉")
    jiang_id, _ = seed(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await type_property_help(app, pilot, jiang_id, MATTER)
        pid = repo.store._writer().info.backend_pid
        with psycopg.connect(repo.store.address, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s, 30000)", (pid,))
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert any(
            "connection to the database server" in str(n.message) for n in app._notifications
        )
        assert repo.cases.count() == 0
        assert screen.read_form().description == MATTER
        assert screen.query_one(ResidentPicker).resident_id == jiang_id
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert repo.cases.count() == 1
        assert "Saved JC-20261127-001" in banner(screen)
