"""The register screen (F5) and the statistics screen, driven with Pilot."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Footer, Input, Select, Sparkline, Static

from deskconsole.storage import Repository
from deskconsole.ui.app import DeskApp
from deskconsole.ui.screens.register import RegisterScreen
from deskconsole.ui.screens.register_confirm import ConfirmUnmask
from deskconsole.ui.screens.stats import StatsScreen
from tests import register_data as data
from tests.ui.helpers import burst, make_app, settle, table_rows, text_of, until

#: Wide enough for every column of the register (narrower screens show fewer, see below).
WIDE = (200, 40)


async def open_register(app: DeskApp, pilot) -> RegisterScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f5")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, RegisterScreen)
    return screen


async def unmask(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """``u``, and yes to the question: the register with full numbers."""
    await pilot.press("u")
    await pilot.pause()
    await pilot.click("#confirm-yes")
    await settle(app, pilot)


async def test_preview_shows_todays_header_rows_and_footer(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_register(app, pilot)
        assert screen.query_one("#register-date", Input).value == "2026-11-27"
        head = text_of(app, "#register-head")
        assert "金城社区流动服务台登记簿" in head
        assert "Compound: 金域华府" in head and "Staff on duty: 颜成玉、刘宗辉" in head
        rows = table_rows(app)
        assert [r[2] for r in rows] == [f"JC-20261127-00{i}" for i in range(1, 6)]
        assert rows[0][5] == "138****8000"
        assert rows[0][10] == "当场解决"
        foot = text_of(app, "#register-foot")
        assert "Visitors (questions only): 6" in foot and "Cases taken: 5" in foot
        assert "Numbers masked" in text_of(app, "#register-mask")
        assert str(repo.data_dir / "exports") in text_of(app, "#register-status")
        assert app.screen.query_one(Footer)
        assert app.screen.query_one(DataTable).has_focus


async def test_previous_next_and_typed_dates(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_register(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert app.screen.query_one("#register-date", Input).value == "2026-11-26"
        assert [r[2] for r in table_rows(app)] == ["JC-20261126-001"]
        await pilot.press("n", "n")
        await settle(app, pilot)
        assert table_rows(app) == []
        assert "No cases were taken on 2026-11-28." in text_of(app, "#register-foot")
        await pilot.press("d")
        field = app.screen.query_one("#register-date", Input)
        assert field.has_focus
        await pilot.press(*"2026-13-01", "enter")
        await pilot.pause()
        assert "'2026-13-01' is not a date" in text_of(app, "#register-status")
        assert field.has_focus
        field.value = ""
        await pilot.press(*"２０２６-11-26", "enter")  # full-width digits from an IME
        await settle(app, pilot)
        assert [r[2] for r in table_rows(app)] == ["JC-20261126-001"]
        assert app.screen.query_one(DataTable).has_focus
        for typed in ("2026/11/27", "11-26"):  # as every other date field takes them
            await pilot.press("d")
            field.value = ""
            await pilot.press(*typed, "enter")
            await settle(app, pilot)
            assert field.value == f"2026-{typed[-5:].replace('/', '-')}"
        await pilot.press("t")
        await settle(app, pilot)
        assert len(table_rows(app)) == 5


async def test_session_picker_narrows_the_register(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_register(app, pilot)
        select = app.screen.query_one("#register-session", Select)
        await pilot.press("s")
        await pilot.pause()
        assert select.expanded
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert select.value == data.SESSION_ID
        assert [r[2][-3:] for r in table_rows(app)] == ["001", "002", "003", "004"]
        await pilot.press("p")
        await settle(app, pilot)
        assert select.value == Select.NULL


async def test_export_keys_write_each_format(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    exports = repo.data_dir / "exports"
    async with app.run_test(size=(120, 40)) as pilot:
        await open_register(app, pilot)
        for key, ext in (("c", "csv"), ("x", "xlsx"), ("h", "html"), ("j", "json")):
            await pilot.press(key)
            await settle(app, pilot)
            path = exports / f"register-JC-2026-11-27.{ext}"
            assert path.exists()
            assert f"Written: {path}" in text_of(app, "#register-status")
        written = json.loads((exports / "register-JC-2026-11-27.json").read_text("utf-8"))
        assert written["masked"] is True
        assert written["generated_by"] == "颜成玉"
        assert [r["case_number"] for r in written["rows"]] == [r[2] for r in table_rows(app)]
    assert repo.audit.all() == []


async def test_a_failed_export_is_shown_and_nothing_recorded_as_written(
    repo: Repository,
) -> None:
    data.fill(repo)
    (repo.data_dir / "exports").write_text("a file where the folder should be")
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_register(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        status = app.screen.query_one("#register-status", Static)
        assert "Could not write" in text_of(app, "#register-status")
        assert "register-JC-2026-11-27.xlsx" in text_of(app, "#register-status")
        assert status.has_class("-error")
        assert len(table_rows(app)) == 5


def _xlsx_text(path: Path) -> str:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)


async def test_unmasking_asks_first_and_records_each_export(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_register(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmUnmask)
        await pilot.press("escape")
        await settle(app, pilot)
        assert table_rows(app)[0][5] == "138****8000"
        await unmask(app, pilot)
        assert isinstance(app.screen, RegisterScreen)
        assert table_rows(app)[0][5] == data.JIANG_PHONE
        assert table_rows(app)[0][6] == data.JIANG_ID
        assert "UNMASKED" in text_of(app, "#register-mask")
        await pilot.press("u")  # masks again, no question asked
        await settle(app, pilot)
        assert table_rows(app)[0][5] == "138****8000"
        await pilot.press("x")  # a masked export first, then an unmasked one
        await settle(app, pilot)
        await unmask(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        exports = repo.data_dir / "exports"
        masked = exports / "register-JC-2026-11-27.xlsx"
        full = exports / "register-JC-2026-11-27-full.xlsx"
        assert masked.exists() and full.exists()
        assert data.JIANG_ID not in _xlsx_text(masked)
        assert data.JIANG_ID in _xlsx_text(full)
        assert "recorded in the audit log" in text_of(app, "#register-status")
        entries = repo.audit.all()
        # Each time full numbers are shown is recorded, then the export itself.
        assert [(e.staff, e.action, e.target) for e in entries] == [
            ("颜成玉", "register.show_unmasked", "2026-11-27"),
            ("颜成玉", "register.show_unmasked", "2026-11-27"),
            ("颜成玉", "register.export_unmasked", "2026-11-27"),
        ]
        assert entries[0].detail["rows"] == "5"
        assert entries[2].detail["path"] == str(full)
        # Full numbers were for that one export: the screen is masked again.
        assert screen.masked
        assert table_rows(app)[0][5] == "138****8000"
        assert "UNMASKED" not in text_of(app, "#register-mask")
        await pilot.press("c")
        await settle(app, pilot)
        csv_file = exports / "register-JC-2026-11-27.csv"
        assert data.JIANG_ID not in csv_file.read_text("utf-8-sig")
        assert len(repo.audit.all()) == 3


async def test_leaving_the_screen_masks_again(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_register(app, pilot)
        await unmask(app, pilot)
        assert not screen.masked
        await pilot.press("f2")
        await pilot.press("f5")
        await settle(app, pilot)
        assert screen.masked
        assert table_rows(app)[0][5] == "138****8000"


async def test_each_day_shown_unmasked_is_recorded_once(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_register(app, pilot)
        await unmask(app, pilot)
        await pilot.press("p")  # the day before, still unmasked
        await settle(app, pilot)
        case = repo.cases.get("JC-20261127-005")
        assert case is not None
        repo.cases.save(case.model_copy(update={"outcome": "x"}))  # a reload, same day
        await settle(app, pilot)
        days = [(e.action, e.target) for e in repo.audit.all()]
        assert days == [
            ("register.show_unmasked", "2026-11-27"),
            ("register.show_unmasked", "2026-11-26"),
        ]


async def test_full_numbers_are_not_shown_when_they_cannot_be_recorded(
    repo: Repository, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from deskconsole.storage import StoreWriteError

    data.fill(repo)
    app = make_app(repo)

    def refuse(entry: object) -> None:
        raise StoreWriteError(repo.data_dir / "journal.jsonl", "the disk is full")

    async with app.run_test(size=WIDE) as pilot:
        screen = await open_register(app, pilot)
        monkeypatch.setattr(repo.audit, "add", refuse)
        await unmask(app, pilot)
        assert screen.masked
        assert table_rows(app)[0][5] == "138****8000"
        assert "the disk is full" in text_of(app, "#register-status")


async def test_preview_follows_new_cases(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_register(app, pilot)
        case = repo.cases.get("JC-20261127-005")
        assert case is not None
        repo.cases.save(case.model_copy(update={"number": "JC-20261127-006"}))
        await settle(app, pilot)
        assert len(table_rows(app)) == 6


async def test_chinese_headings_with_chinese_data(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo, "zh")
    async with app.run_test(size=WIDE) as pilot:
        await open_register(app, pilot)
        table = app.screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()][:4] == [
            "序号",
            "时间",
            "工单号",
            "姓名",
        ]
        assert "受理诉求（件）：5" in text_of(app, "#register-foot")
        await app.switch_language("en")
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()][:2] == ["No.", "Time"]
        assert table_rows(app)[0][10] == "当场解决"
        assert app.screen.query_one("#register-date", Input).value == "2026-11-27"


async def test_statistics_screen(repo: Repository) -> None:
    data.fill(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_register(app, pilot)
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, StatsScreen))
        await settle(app, pilot)
        assert app.screen.query_one("#stats-from", Input).value == "2026-10-29"
        summary = text_of(app, "#stats-summary")
        assert summary == (
            "2026-10-29 to 2026-11-27: 7 visits, 6 cases taken, 1 solved (1 on the spot)."
        )
        assert "Cases taken" in text_of(app, "#stats-figures")
        spark = app.screen.query_one(Sparkline)
        assert list(spark.data or [])[-2:] == [1, 5]
        assert "11-23" in text_of(app, "#stats-weeks")
        assert "金域物业" in text_of(app, "#stats-bd-1")
        await pilot.press("p")
        await settle(app, pilot)
        assert text_of(app, "#stats-summary").startswith("2026-09-29 to 2026-10-28: 0 visits")
        await pilot.press("f")
        field = app.screen.query_one("#stats-from", Input)
        assert field.has_focus
        field.value = "2026-11-27"
        await pilot.press("tab")
        app.screen.query_one("#stats-to", Input).value = "2026-11-27"
        await pilot.press("enter")
        await settle(app, pilot)
        assert text_of(app, "#stats-summary").startswith("2026-11-27 to 2026-11-27: 6 visits, 5")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RegisterScreen)


def painted(app: DeskApp) -> list[str]:
    """The screen's lines as the terminal shows them."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_at_80_columns_the_register_shows_every_cell_and_the_mask_badge(
    repo: Repository, language: str
) -> None:
    data.fill(repo)
    app = make_app(repo, language)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "f5", "u", "left", "enter")
        await until(pilot, lambda: isinstance(app.screen, RegisterScreen) and not app.screen.masked)
        badge = "UNMASKED: full numbers" if language == "en" else "未遮盖：完整号码"
        await until(pilot, lambda: any(badge in line for line in painted(app)))
        table = app.screen.query_one(DataTable)
        keys = [str(column.key.value) for column in table.ordered_columns]
        assert keys == ["no", "time", "number", "name", "category", "state", "matter"]
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 80 - 4
        detail = lambda: text_of(app, "#register-detail")  # noqa: E731
        await until(pilot, lambda: data.JIANG_PHONE in detail())
        assert "当场解决" in detail()  # the handling column, spelt out beneath
        burst(app, "down")
        await until(pilot, lambda: data.JIANG_PHONE not in detail())


async def test_at_80_columns_the_taken_at_hint_fits_its_field(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "f3")
        await until(pilot, lambda: app.screen.query("#f-intake_at"))
        field = app.screen.query_one("#f-intake_at", Input)
        await until(pilot, lambda: field.content_region.width > 0)
        assert field.placeholder == "now 10:00 (or type a date)"
        assert cell_len(field.placeholder) <= field.content_region.width


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_at_80_columns_statistics_keep_each_number_beside_its_label(
    repo: Repository, language: str
) -> None:
    data.fill(repo)
    app = make_app(repo, language)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "f5", "g")
        await until(pilot, lambda: isinstance(app.screen, StatsScreen))
        await until(pilot, lambda: "金域物业" in text_of(app, "#stats-bd-1"))
        assert app.screen.query_one("#stats-breakdowns").has_class("-stacked")
        blocks = [app.screen.query_one(f"#stats-bd-{index}", Static) for index in range(3)]

        def laid_out_unwrapped() -> bool:
            """Every block as tall as its lines: no label wrapped away from its number (a
            wrapped label keeps a block taller for good; the wait is for the layout)."""
            return all(b.size.height == len(str(b.render()).splitlines()) for b in blocks)

        await until(pilot, laid_out_unwrapped)
