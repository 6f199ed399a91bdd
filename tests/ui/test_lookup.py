"""Lookup: search as you type, the resident view, add and edit, import, the palette."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from deskconsole.models import Address, Case, CaseEvent, CaseState, EventKind, RequestType, Resident
from deskconsole.storage import Repository, StoreWriteError
from deskconsole.ui.app import DeskApp
from deskconsole.ui.resident_commands import ResidentCommands
from deskconsole.ui.screens.case_view import CaseScreen
from deskconsole.ui.screens.dialogs import ConfirmDialog
from deskconsole.ui.screens.lookup import LookupScreen
from deskconsole.ui.screens.resident import ResidentScreen
from deskconsole.ui.screens.resident_form import ResidentDialog
from deskconsole.ui.screens.roster_import import ImportScreen
from deskconsole.ui.widgets.choice import ChoiceField
from deskconsole.ui.widgets.resident_picker import ResidentPicker
from tests.conftest import FIXED_NOW
from tests.ui.helpers import burst, keys_done, make_app, settle, until

EARLIER = FIXED_NOW - timedelta(days=30)


def resident(name: str, phone: str, room: str, compound: str = "金域华府", **extra) -> Resident:  # type: ignore[no-untyped-def]
    return Resident(
        name=name,
        phones=[phone] if phone else [],
        address=Address(compound=compound, building="12", unit="2", room=room),
        created_at=EARLIER,
        updated_at=EARLIER,
        **extra,
    )


JIANG = resident("江建国", "13800138000", "301", gender="male", id_number="370705195003031256")
WIFE = resident("李秀英", "", "301", gender="female", notes="腿脚不便")
ZHANG_A = resident("张伟", "13912345678", "502", gender="male")
ZHANG_B = resident("张伟", "0536-8881234", "502", compound="锦绣苑", gender="male")
ZENG = resident("曾小贤", "18600002222", "601", gender="male")


def case(number: str, who: Resident, state: CaseState, description: str, days: int = 0) -> Case:
    return Case(
        number=number,
        desk_code="JC",
        intake_at=EARLIER + timedelta(days=days),
        staff="颜成玉",
        resident_id=who.id,
        request_type=RequestType.HELP,
        category="property",
        description=description,
        state=state,
        events=[
            CaseEvent(
                at=EARLIER, staff="颜成玉", kind=EventKind.CREATED, to_state=CaseState.REGISTERED
            )
        ],
    )


LIGHTS = case("JC-20261028-001", JIANG, CaseState.REGISTERED, "地下室灯不亮")
WATER = case("JC-20261029-001", WIFE, CaseState.CLOSED, "楼道漏水", days=1)


@pytest.fixture
def filled(repo: Repository) -> Repository:
    repo.residents.save_many([JIANG, WIFE, ZHANG_A, ZHANG_B, ZENG], touch=False)
    repo.cases.save_many([LIGHTS, WATER])
    return repo


def rows(table: DataTable) -> list[list[str]]:  # type: ignore[type-arg]
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def results(app: DeskApp) -> list[list[str]]:
    return rows(app.screen.query_one("#lookup-results", DataTable))


def status(app: DeskApp) -> str:
    return str(app.screen.query_one("#lookup-status", Static).render())


async def search(app: DeskApp, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    box = app.screen.query_one("#lookup-query", Input)
    box.value = ""
    await pilot.pause()
    if text.isascii():
        await pilot.press(*text)
    else:
        box.insert_text_at_cursor(text)
    await settle(app, pilot)


# -- searching ------------------------------------------------------------------------------


async def test_search_box_has_focus_and_results_follow_each_keystroke(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LookupScreen)
        assert app.focused is app.screen.query_one("#lookup-query", Input)
        assert "Type to search 5 residents" in status(app)
        await pilot.press("z")
        await settle(app, pilot)
        assert [r[0] for r in results(app)] == ["曾小贤", "张伟", "张伟"]
        await pilot.press("w")
        await settle(app, pilot)
        assert [r[0] for r in results(app)] == ["张伟", "张伟"]
        assert status(app) == "2 of 5 residents"


async def test_more_matches_than_rows_says_how_many_match_in_all(repo: Repository) -> None:
    many = [
        resident(f"张{given}", "", str(300 + n))
        for n, given in enumerate("一二三四五六七八九十" * 3)
    ]
    repo.residents.save_many([*many, ZENG], touch=False)
    app = make_app(repo)
    async with app.run_test(size=(120, 24)) as pilot:
        burst(app, "zh")
        await until(pilot, lambda: "of 30 matches" in status(app))
        shown = len(results(app))
        assert shown < 30
        assert status(app).startswith(f"First {shown} of 30 matches in 31 residents")
        await app.switch_language("zh")
        await until(pilot, lambda: "31 位居民中有 30 位相符" in status(app))


async def test_an_id_tail_match_shows_the_masked_id_column(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "1256")
        await until(pilot, lambda: results(app) and results(app)[0][0] == "江建国")
        table = app.screen.query_one("#lookup-results", DataTable)
        assert [str(c.label) for c in table.columns.values()][3] == "ID number"
        assert results(app) == [
            ["江建国", "Male", "金域华府 12-2-301", "370705********1256", "138****8000", "1"]
        ]
        assert status(app) == "1 of 5 residents"
        burst(app, "backspace", "backspace", "backspace", "backspace", "z", "w")
        await until(pilot, lambda: [r[0] for r in results(app)] == ["张伟", "张伟"])
        assert "id_number" not in table.columns
        assert len(results(app)[0]) == 5


async def test_a_table_repaints_cells_cut_before_its_columns_widened(repo: Repository) -> None:
    app = make_app(repo, "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#lookup-results", DataTable)
        table.clear(columns=True)
        table.add_column("地址", key="address")
        table.add_row("锦绣苑 5-3-902", key="a")
        table.render_line(1)  # painted before the idle widens the column: cached cut
        await until(pilot, lambda: table.columns["address"].get_render_width(table) > 6)
        await pilot.pause()
        assert "锦绣苑 5-3-902" in table.render_line(1).text


async def test_same_name_rows_show_address_phone_and_open_cases(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(app, pilot, "张伟")
        assert results(app) == [
            ["张伟", "Male", "金域华府 12-2-502", "139****5678", ""],
            ["张伟", "Male", "锦绣苑 12-2-502", "0536-***1234", ""],
        ]
        await search(app, pilot, "jjg")
        assert results(app) == [["江建国", "Male", "金域华府 12-2-301", "138****8000", "1"]]


async def test_room_phone_tail_full_width_and_polyphonic_surname(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(app, pilot, "１２－２－３０１")
        assert sorted(r[0] for r in results(app)) == ["李秀英", "江建国"]
        await search(app, pilot, "8000")
        assert [r[0] for r in results(app)] == ["江建国"]
        await search(app, pilot, "cxx")
        assert [r[0] for r in results(app)] == ["曾小贤"]
        await search(app, pilot, "nobody")
        assert results(app) == []
        assert 'No resident matches "nobody"' in status(app)


async def test_arrow_keys_move_and_escape_clears(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(app, pilot, "zw")
        table = app.screen.query_one("#lookup-results", DataTable)
        assert table.cursor_row == 0
        await pilot.press("down")
        assert table.cursor_row == 1
        assert app.focused is app.screen.query_one("#lookup-query", Input)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen.query_one("#lookup-query", Input).value == ""
        assert results(app) == []


async def test_results_follow_store_changes(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(app, pilot, "qdd")
        assert results(app) == []
        filled.residents.save(resident("钱多多", "13011112222", "101"))
        await settle(app, pilot)
        assert [r[0] for r in results(app)] == ["钱多多"]


async def test_more_rows_load_when_the_cursor_reaches_the_end(repo: Repository) -> None:
    people = [resident(f"王{chr(0x4E00 + i)}", f"139{i:08d}", f"{i}") for i in range(120)]
    repo.residents.save_many(people)
    app = make_app(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await search(app, pilot, "wang")
        table = app.screen.query_one("#lookup-results", DataTable)
        first = table.row_count
        assert 20 <= first < 120
        assert f"First {first} of 120 matches in 120 residents" in status(app)
        table.move_cursor(row=first - 1)
        await settle(app, pilot)
        assert table.row_count > first


# -- the resident view -------------------------------------------------------------------------


async def open_jiang(app: DeskApp, pilot) -> ResidentScreen:  # type: ignore[no-untyped-def]
    await search(app, pilot, "jjg")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ResidentScreen))
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ResidentScreen)
    return screen


async def test_enter_opens_details_household_and_cases(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_jiang(app, pilot)
        assert screen.resident_id == JIANG.id
        title = str(screen.query_one("#resident-title", Static).render())
        assert title == "江建国  Male  金域华府12号楼2单元301室"
        details = str(screen.query_one("#resident-details", Static).render())
        assert "Phone: 138****8000" in details
        assert "ID number: 370705********1256" in details
        assert rows(screen.query_one("#resident-household", DataTable)) == [
            ["李秀英", "Female", "", ""]
        ]
        cases = rows(screen.query_one("#resident-cases", DataTable))
        assert [c[:5] for c in cases] == [
            ["JC-20261029-001", "2026-10-29", "李秀英", "Property & facilities", "Closed"],
            ["JC-20261028-001", "2026-10-28", "江建国", "Property & facilities", "Registered"],
        ]
        await pilot.press("escape")
        assert isinstance(app.screen, LookupScreen)


async def test_enter_on_a_case_opens_the_case_view(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_jiang(app, pilot)
        table = screen.query_one("#resident-cases", DataTable)
        assert app.focused is table
        row = next(i for i, r in enumerate(rows(table)) if r[0] == LIGHTS.number)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseScreen))
        await settle(app, pilot)
        title = str(app.screen.query_one("#case-title", Static).render())
        assert LIGHTS.number in title and "Registered" in title
        assert "地下室灯不亮" in str(app.screen.query_one("#case-fields", Static).render())
        assert "颜成玉" in str(app.screen.query_one("#case-timeline", Static).render())
        await pilot.press("escape")
        assert app.screen is screen


async def test_enter_on_a_household_member_opens_them(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_jiang(app, pilot)
        screen.query_one("#resident-household", DataTable).focus()
        await pilot.press("enter")
        await until(
            pilot, lambda: app.screen is not screen and isinstance(app.screen, ResidentScreen)
        )
        await settle(app, pilot)
        assert app.screen.resident_id == WIFE.id


async def test_n_starts_intake_for_this_resident(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_jiang(app, pilot)
        await pilot.press("n")
        await until(pilot, lambda: app.current_mode == "intake")
        await settle(app, pilot)
        assert app.screen.query_one(ResidentPicker).resident_id == JIANG.id
        assert app.intake_resident_id is None


# -- add and edit ----------------------------------------------------------------------------------


async def fill(dialog: ResidentDialog, pilot, **values: str) -> None:  # type: ignore[no-untyped-def]
    for name, value in values.items():
        if name == "gender":
            dialog.query_one("#f-gender", ChoiceField).value = value
        else:
            dialog.query_one(f"#f-{name}", Input).value = value
    await pilot.pause()


async def test_add_a_walk_in_from_the_search(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(app, pilot, "王小明")
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ResidentDialog)
        assert dialog.query_one("#f-name", Input).value == "王小明"
        await fill(
            dialog, pilot, phones="１３９ ０００１ ２３４５", compound="金域华府", room="302室"
        )
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ResidentScreen))
        await settle(app, pilot)
        (saved,) = filled.residents.find(name="王小明")
        assert saved.phones == ["13900012345"]
        assert saved.address.room == "302"
        assert saved.created_at == FIXED_NOW
        assert app.screen.resident_id == saved.id
        await pilot.press("escape")
        await settle(app, pilot)
        assert [r[0] for r in results(app)] == ["王小明"]


async def test_add_refuses_bad_fields_and_says_which(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = app.screen
        await fill(dialog, pilot, name="", phones="12345", id_number="370705195003031257")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        errors = str(dialog.query_one("#resident-dialog-errors", Static).render())
        assert "Name: required: every resident needs a name" in errors
        assert "Phone: a mobile number has 11 digits, this has 5" in errors
        assert "ID number: check digit does not match" in errors
        assert dialog.query_one("#f-name", Input).has_class("-invalid")
        assert app.focused is dialog.query_one("#f-name", Input)
        assert filled.residents.count() == 5


async def test_add_refuses_the_same_person_twice(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = app.screen
        await fill(dialog, pilot, name="江建国", phones="13800138000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        errors = str(dialog.query_one("#resident-dialog-errors", Static).render())
        assert "Already on the roster: 江建国" in errors
        await pilot.press("escape")  # something was typed: it asks, and Enter keeps it
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        assert app.screen is dialog
        assert dialog.query_one("#f-name", Input).value == "江建国"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, LookupScreen)
        assert filled.residents.count() == 5


async def test_a_failed_save_keeps_what_was_typed(
    filled: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(resident: Resident) -> Resident:
        raise StoreWriteError(filled.data_dir / "journal", "No space left on device")

    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(app.screen, pilot, name="钱多多", phones="13011112222")
        monkeypatch.setattr(filled.residents, "save", full_disk)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ResidentDialog)
        assert dialog.query_one("#f-name", Input).value == "钱多多"
        assert dialog.query_one("#f-phones", Input).value == "13011112222"
        assert any("No space left on device" in str(n.message) for n in app._notifications)


async def test_add_at_the_same_address_from_the_resident_view(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_jiang(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#f-room", Input).value == "301"
        assert dialog.query_one("#f-compound", Input).value == "金域华府"
        await fill(dialog, pilot, name="孙强", phones="13300001111")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        (saved,) = filled.residents.find(name="孙强")
        assert saved.address == JIANG.address


async def test_edit_changes_the_resident_and_the_view(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_jiang(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ResidentDialog)
        assert dialog.query_one("#f-phones", Input).value == "13800138000"
        assert dialog.query_one("#f-gender", ChoiceField).value == "male"
        [shown] = filled.audit.all()  # the form shows the full numbers: on record
        assert (shown.action, shown.target, shown.staff) == (
            "resident.edit_shown",
            JIANG.id,
            "颜成玉",
        )
        await fill(dialog, pilot, phones="13800138000, 0536-8885678", notes="二手房新业主")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        saved = filled.residents.get(JIANG.id)
        assert saved is not None
        assert saved.phones == ["13800138000", "0536-8885678"]
        assert saved.notes == "二手房新业主"
        assert saved.id_number == JIANG.id_number
        assert saved.updated_at == FIXED_NOW
        details = str(screen.query_one("#resident-details", Static).render())
        assert "Notes: 二手房新业主" in details


async def test_edit_refuses_an_id_number_of_someone_else(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(app, pilot, "曾小贤")
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        await fill(dialog, pilot, id_number="370705195003031256")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        errors = str(dialog.query_one("#resident-dialog-errors", Static).render())
        assert "already on the roster as 江建国" in errors


# -- import, palette, language ------------------------------------------------------------------


async def import_roster(app, pilot, roster: Path) -> ImportScreen:  # type: ignore[no-untyped-def]
    """Ctrl+O, the roster's path, Enter: the import screen once it has read the file."""
    await pilot.press("ctrl+o")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path", Input).value = str(roster)
    await pilot.press("enter")
    await settle(app, pilot)
    return screen


async def test_import_from_inside_the_console(filled: Repository, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(
        "姓名,手机,小区,楼号,单元,房号\n江建国,13800138000,金域华府,12,2,301\n"
        "钱多多,13011112222,锦绣苑,3,1,101\n赵六,123,,,,\n".encode("gbk")
    )
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await import_roster(app, pilot, roster)
        report = str(screen.query_one("#import-report", Static).render())
        assert "(GBK/GB18030)" in report
        assert "1 would be added, 0 updated, 1 unchanged, 1 skipped" in report
        assert rows(screen.query_one("#import-problems", DataTable)) == [
            ["4", "手机", "a mobile number has 11 digits, this has 3"]
        ]
        assert filled.residents.count() == 5
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        report = str(screen.query_one("#import-report", Static).render())
        assert "Imported: 1 added, 0 updated, 1 unchanged, 1 skipped." in report
        assert filled.residents.count() == 6
        assert not screen.check_action("commit", ())
        await pilot.press("escape")
        await search(app, pilot, "qdd")
        assert [r[0] for r in results(app)] == ["钱多多"]


async def test_import_lists_rows_to_check(filled: Repository, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("姓名,性别,身份证号\n王芳,女,370705500303125\n", encoding="utf-8")
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await import_roster(app, pilot, roster)
        report = str(screen.query_one("#import-report", Static).render())
        assert "Old 15-digit ID numbers converted to 18 characters: 1." in report
        assert "Rows to check: 1." in report
        table = rows(screen.query_one("#import-problems", DataTable))
        assert [row[:2] for row in table] == [["2", "身份证号"], ["2", "性别"]]
        assert table[0][2] == (
            "imported, check: old 15-digit number 370705500303125 converted to 370705195003031256"
        )


async def test_import_of_a_bad_file_says_why(filled: Repository, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("电话\n13800138000\n", encoding="utf-8")
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await import_roster(app, pilot, roster)
        report = screen.query_one("#import-report", Static)
        assert "no name column" in str(report.render())
        assert report.has_class("-error")
        assert not screen.check_action("commit", ())


async def test_palette_finds_residents_by_pinyin_and_opens_them(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        provider = ResidentCommands(app.screen)
        hits = [hit async for hit in provider.search("zxx")]
        assert [str(hit.text) for hit in hits] == ["曾小贤 金域华府 12-2-601"]
        assert [hit async for hit in provider.search("  ")] == []
        await app.switch_mode("board")
        hits[0].command()
        await settle(app, pilot)
        assert app.current_mode == "lookup"
        assert isinstance(app.screen, ResidentScreen)
        assert app.screen.resident_id == ZENG.id


async def test_language_switch_keeps_the_query(filled: Repository) -> None:
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(app, pilot, "zw")
        await app.switch_language("zh")
        await settle(app, pilot)
        assert app.screen.query_one("#lookup-query", Input).value == "zw"
        assert status(app) == "5 位居民中有 2 位相符"
        assert results(app)[0][:2] == ["张伟", "男"]


async def test_enter_in_the_palette_takes_the_hit_for_what_was_typed(
    filled: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    search = ResidentCommands.search

    async def slow_search(self: ResidentCommands, query: str):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.3)  # a big store: the hits come a moment after the keys
        async for hit in search(self, query):
            yield hit

    monkeypatch.setattr(ResidentCommands, "search", slow_search)
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "ctrl+p", "z")
        await keys_done(app, pilot)  # the hits for "z" are on screen
        burst(app, "xx", "enter")
        await until(pilot, lambda: isinstance(app.screen, ResidentScreen))
        assert app.screen.resident_id == ZENG.id  # type: ignore[attr-defined]
