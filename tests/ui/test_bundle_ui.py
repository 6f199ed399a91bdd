"""Bundles in the console: palette export and import, the settings view, the first start."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from deskconsole.config import RunConfig
from deskconsole.domain.bundle import export_bundle, import_bundle
from deskconsole.domain.desk import needs_first_start
from deskconsole.storage import Repository
from deskconsole.ui.app import DeskApp
from deskconsole.ui.bundle_commands import BundleCommands
from deskconsole.ui.first_start import ask_desk
from deskconsole.ui.screens.bundle import (
    BundleDoneDialog,
    ExportBundleDialog,
    ImportBundleScreen,
    clip,
)
from deskconsole.ui.screens.desk_settings import (
    DeskChoice,
    DeskSettingsDialog,
    DeskSettingsScreen,
    FirstStartScreen,
)
from deskconsole.ui.widgets.header import DeskHeader
from tests.bundle_helpers import edit, set_desk
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_resident
from tests.ui.helpers import make_app, settle, text_of

AT = datetime(2026, 11, 27, 9, 40)


@pytest.fixture
def desk(repo: Repository) -> Repository:
    """This desk (XC) with one resident and one case of its own."""
    set_desk(repo, "XC", "新城社区")
    resident = make_resident(updated_at=AT, created_at=AT)
    repo.residents.save_many([resident], touch=False)
    repo.cases.save(make_case("XC-20261127-001", resident_id=resident.id, updated_at=AT))
    return repo


@pytest.fixture
def other(tmp_path: Path) -> Repository:
    """Another desk (JC) with two cases."""
    repo = Repository.open(tmp_path / "other", now=lambda: FIXED_NOW)
    set_desk(repo, "JC", "金城社区")
    repo.cases.save_many(
        [
            make_case("JC-20261127-001", updated_at=AT),
            make_case("JC-20261127-002", updated_at=AT),
        ]
    )
    yield repo
    repo.close()


class FirstStartDeskApp(DeskApp):
    """The console on a store given open that holds nothing yet: the form comes up first
    (as it does when the console reads a new store after its first frame)."""

    def on_mount(self) -> None:
        ask_desk(self)


async def run_palette(app, pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    """Open the command palette, type ``query`` and take the first hit."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await settle(app, pilot)
    await pilot.press("down", "enter")
    await settle(app, pilot)


async def read_bundle(app, pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Once the console has settled, the import screen on ``path``: Enter reads the plan."""
    await settle(app, pilot)
    app.push_screen(ImportBundleScreen(str(path)))
    await pilot.pause()
    await pilot.press("enter")
    await settle(app, pilot)


async def test_export_from_the_palette_writes_the_file_and_shows_what_it_holds(
    desk: Repository, tmp_path: Path
) -> None:
    app = make_app(desk)
    target = tmp_path / "stick" / "xc.dcb"
    target.parent.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await run_palette(app, pilot, "Export bundle")
        assert isinstance(app.screen, ExportBundleDialog)
        default = app.screen.query_one("#bundle-out", Input).value
        assert default == str(desk.data_dir / "exports" / "bundle-XC-20261127-1000.dcb")
        app.screen.query_one("#bundle-out", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, BundleDoneDialog)
        shown = text_of(app, "#bundle-done-text")
        assert f"Bundle written: {target}" in shown.replace("\n", " ")
        assert "1 resident, 0 desk sessions, 1 case" in shown.replace("\n", " ")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, BundleDoneDialog)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    [entry] = desk.audit.all()
    assert (entry.staff, entry.action, entry.target, entry.at) == (
        "颜成玉",
        "bundle.export",
        str(target),
        FIXED_NOW,
    )
    assert (entry.detail["residents"], entry.detail["cases"]) == ("1", "1")


async def test_export_into_the_stores_folder_is_refused(desk: Repository) -> None:
    app = make_app(desk)
    before = (desk.data_dir / "journal.jsonl").read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await run_palette(app, pilot, "Export bundle")
        app.screen.query_one("#bundle-out", Input).value = str(desk.data_dir / "store.json")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, BundleDoneDialog)
        assert "inside the store's own folder" in text_of(app, "#bundle-done-text")
    assert (desk.data_dir / "journal.jsonl").read_bytes() == before
    assert desk.audit.all() == []


async def test_export_to_the_default_folder_and_a_bad_since(desk: Repository) -> None:
    app = make_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        found = [str(hit.display) async for hit in BundleCommands(app.screen).discover()]
        assert found == ["Export bundle", "Import bundle", "Settings and desk code"]
        hits = [hit async for hit in BundleCommands(app.screen).search("export")]
        hits[0].command()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportBundleDialog)
        dialog.query_one("#bundle-since", Input).value = "27.11.2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "Changed since: enter a date as YYYY-MM-DD" in text_of(app, "#bundle-export-error")
        dialog.query_one("#bundle-since", Input).value = "２０２６/11/01"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, BundleDoneDialog)
        assert "changes since 2026-11-01" in text_of(app, "#bundle-done-text")
    assert (desk.data_dir / "exports" / "bundle-XC-20261127-1000.dcb").is_file()


async def test_an_export_that_fails_says_why(desk: Repository, tmp_path: Path) -> None:
    app = make_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        hits = [hit async for hit in BundleCommands(app.screen).search("Export bundle")]
        hits[0].command()
        await pilot.pause()
        (tmp_path / "file").write_text("a file where a folder should be")
        app.screen.query_one("#bundle-out", Input).value = str(tmp_path / "file" / "x.dcb")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, BundleDoneDialog)
        shown = text_of(app, "#bundle-done-text").replace("\n", " ")
        assert f"Could not write {tmp_path / 'file' / 'x.dcb'}" in shown
        assert "a part of the path is not a folder" in shown


async def test_import_from_the_palette_checks_then_saves_in_one_batch(
    desk: Repository, other: Repository, tmp_path: Path
) -> None:
    path = export_bundle(other, tmp_path / "jc.dcb", None, FIXED_NOW, staff="颜成玉")[1]
    app = make_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await run_palette(app, pilot, "Import bundle")
        screen = app.screen
        assert isinstance(screen, ImportBundleScreen)
        assert screen.focused is screen.query_one("#bundle-path", Input)
        assert not screen.check_action("commit", ())
        await pilot.press(*str(path))
        await pilot.press("enter")
        await settle(app, pilot)
        report = text_of(app, "#bundle-report")
        assert "from desk JC (金城社区)" in report
        assert "Cases: 2 added, 0 updated, 0 unchanged" in report
        assert "Press Ctrl+S" in report
        assert desk.cases.count() == 1  # checked, not saved
        assert screen.check_action("commit", ())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert desk.cases.count() == 3
        assert desk.cases.get("JC-20261127-002") == other.cases.get("JC-20261127-002")
        assert "Saved in one batch." in text_of(app, "#bundle-report")
        assert not screen.check_action("commit", ())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportBundleScreen)


async def test_import_lists_the_conflicts(
    desk: Repository, other: Repository, tmp_path: Path
) -> None:
    import_bundle(
        desk, export_bundle(other, tmp_path / "first.dcb", None, FIXED_NOW, staff="颜成玉")[1]
    )
    number = "JC-20261127-001"
    ours, theirs = desk.cases.get(number), other.cases.get(number)
    assert ours is not None and theirs is not None
    desk.cases.save(edit(ours, "description", "我方描述", "刘", datetime(2026, 11, 27, 10)))
    other.cases.save(edit(theirs, "description", "对方描述", "王", datetime(2026, 11, 27, 11)))
    path = export_bundle(other, tmp_path / "second.dcb", None, FIXED_NOW, staff="颜成玉")[1]
    app = make_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await read_bundle(app, pilot, path)
        assert "In conflict (1)" in text_of(app, "#bundle-report")
        table = app.screen.query_one("#bundle-conflicts", DataTable)
        assert table.display
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[0] == number and row[1] == "Matter"
        assert row[2].startswith("对方描述 (王") and row[3].startswith("我方描述 (刘")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    case = desk.cases.get(number)
    assert case is not None and case.description == "对方描述"


async def test_a_damaged_bundle_is_refused_on_screen_and_nothing_changes(
    desk: Repository, other: Repository, tmp_path: Path
) -> None:
    path = export_bundle(other, tmp_path / "jc.dcb", None, FIXED_NOW, staff="颜成玉")[1]
    path.write_bytes(path.read_bytes()[:-100])
    before = desk.store.db.dump()
    app = make_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await read_bundle(app, pilot, path)
        report = app.screen.query_one("#bundle-report", Static)
        assert "is cut short" in str(report.render())
        assert report.has_class("-error")
        assert not app.screen.check_action("commit", ())
    assert desk.store.db.dump() == before


async def test_import_screen_switches_language_and_keeps_the_path(
    desk: Repository, other: Repository, tmp_path: Path
) -> None:
    path = export_bundle(other, tmp_path / "jc.dcb", None, FIXED_NOW, staff="颜成玉")[1]
    app = make_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await read_bundle(app, pilot, path)
        await app.switch_language("zh")
        await settle(app, pilot)
        assert app.screen.query_one("#bundle-path", Input).value == str(path)
        assert "工单：新增 2，更新 0，未变 0" in text_of(app, "#bundle-report")
        assert "导入其他服务台的数据包" in text_of(app, ".bundle-title")


async def test_the_palette_finds_bundle_commands_by_their_english_name_in_chinese(
    desk: Repository,
) -> None:
    app = make_app(desk, "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        hits = [str(hit.text) async for hit in BundleCommands(app.screen).search("bundle")]
        assert hits == ["导出数据包", "导入数据包"]
        hits = [str(hit.text) async for hit in BundleCommands(app.screen).search("导入")]
        assert hits == ["导入数据包"]


# -- settings --------------------------------------------------------------------------------


async def test_settings_view_shows_the_desk_and_the_code_is_locked_once_used(
    desk: Repository,
) -> None:
    app = make_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await run_palette(app, pilot, "Settings and desk code")
        assert isinstance(app.screen, DeskSettingsScreen)
        await settle(app, pilot)
        values = [str(w.render()) for w in app.screen.query(".settings-value")]
        assert "新城社区" in values and "XC" in values
        assert str(desk.data_dir) in values
        assert "1 from this desk, 0 from other desks" in values
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DeskSettingsDialog)
        assert dialog.query_one("#settings-desk-code", Input).disabled
        assert "cannot change from XC" in text_of(app, "#settings-locked")
        dialog.query_one("#settings-community", Input).value = "新城社区二"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert desk.settings.get().community == "新城社区二"
        assert desk.settings.get().desk_code == "XC"
        assert isinstance(app.screen, DeskSettingsScreen)
        assert "新城社区二" in [str(w.render()) for w in app.screen.query(".settings-value")]
        assert app.settings.community == "新城社区二"


async def test_settings_dialog_refuses_another_desks_code(
    repo: Repository, other: Repository, tmp_path: Path
) -> None:
    set_desk(repo, "XC", "新城社区")
    import_bundle(
        repo, export_bundle(other, tmp_path / "jc.dcb", None, FIXED_NOW, staff="颜成玉")[1]
    )
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(DeskSettingsScreen())
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        code = app.screen.query_one("#settings-desk-code", Input)
        assert not code.disabled
        code.value = "jc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DeskSettingsDialog)
        assert "JC belongs to another desk" in text_of(app, "#settings-error")
        code.value = "xq1"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert repo.settings.get().desk_code == "XQ1"


async def test_the_settings_dialog_returns_the_values_read_and_none_when_cancelled(
    repo: Repository,
) -> None:
    answers: list[DeskChoice | None] = []
    before = repo.settings.get()
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(DeskSettingsDialog("", ""), answers.append)
        await settle(app, pilot)
        dialog = app.screen
        dialog.query_one("#settings-community", Input).value = "  新城  社区 "
        dialog.query_one("#settings-desk-code", Input).value = "ｘｃ１"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        app.push_screen(DeskSettingsDialog("新城社区", "XC"), answers.append)
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
    assert answers == [DeskChoice(community="新城 社区", desk_code="XC1"), None]
    assert repo.settings.get() == before  # the dialog only collects; the caller saves


async def test_a_new_store_asks_for_community_and_desk_code_when_the_console_opens(
    repo: Repository,
) -> None:
    assert needs_first_start(repo)
    app = FirstStartDeskApp(repo, RunConfig(repo.data_dir, "en", "颜成玉"), clock=lambda: FIXED_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, FirstStartScreen)
        assert dialog.focused is dialog.query_one("#settings-community", Input)
        assert "Follow-up 0" in " ".join(
            str(s.render()) for s in dialog.query_one(DeskHeader).query(Static)
        )
        assert "which desk is this" in str(dialog.query_one(".dialog-question", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Community: required" in str(dialog.query_one("#settings-error", Static).render())
        dialog.query_one("#settings-community", Input).value = "新城社区"
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.focused is dialog.query_one("#settings-desk-code", Input)
        await pilot.press("x", "c", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, FirstStartScreen)
        assert app.settings.community == "新城社区"
        header = " ".join(str(s.render()) for s in app.screen.query_one(DeskHeader).query(Static))
        assert "新城社区" in header
    settings = repo.settings.get()
    assert repo.settings.is_saved()
    assert (settings.community, settings.desk_code) == ("新城社区", "XC")
    assert not needs_first_start(repo)


async def test_the_first_start_dialog_can_wait(repo: Repository) -> None:
    app = FirstStartDeskApp(repo, RunConfig(repo.data_dir, "zh", "颜成玉"), clock=lambda: FIXED_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        footer = [b.binding.description for b in app.screen.active_bindings.values()]
        assert "稍后" in footer
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, FirstStartScreen)
        assert app.current_mode == "lookup"
    assert not repo.settings.is_saved()


def test_long_values_are_clipped_in_the_conflict_list() -> None:
    assert clip("短") == "短"
    assert clip("甲" * 20) == "甲" * 10 + "..."
    assert clip("a" * 30) == "a" * 21 + "..."


async def test_the_settings_view_switches_the_register_language(repo: Repository) -> None:
    set_desk(repo, "XC", "新城社区")
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(DeskSettingsScreen())
        await settle(app, pilot)
        grid = app.screen.query_one("#settings-info")
        assert "Chinese (简体中文)" in " ".join(str(s.render()) for s in grid.query(Static))
        await pilot.press("l")
        await settle(app, pilot)
        assert repo.settings.get().register_lang == "en"
        assert "English" in " ".join(str(s.render()) for s in grid.query(Static))
        await pilot.press("l")
        await settle(app, pilot)
    assert repo.settings.get().register_lang == "zh"
