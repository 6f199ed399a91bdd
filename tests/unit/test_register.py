"""The register value: rows, handling text, masking, header and footer."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from deskconsole.domain.desk import update_desk
from deskconsole.domain.register import (
    COLUMNS,
    build_register,
    find_session,
    headings,
    unmasked_export_audit,
)
from deskconsole.errors import DeskError
from deskconsole.export.audited import export_register
from deskconsole.i18n import set_language
from deskconsole.storage import Repository, StoreWriteError
from tests import register_data as data
from tests.conftest import FIXED_NOW


@pytest.fixture
def filled(repo: Repository) -> Repository:
    data.fill(repo)
    return repo


def test_rows_are_the_cases_taken_that_day_in_intake_order(filled: Repository) -> None:
    register = build_register(filled, data.DAY)
    assert [r.number for r in register.rows] == [f"JC-20261127-00{i}" for i in range(1, 6)]
    assert [r.no for r in register.rows] == [1, 2, 3, 4, 5]
    assert [r.time for r in register.rows] == ["09:40", "09:55", "10:05", "10:30", "15:00"]


def test_row_cells_for_a_resident(filled: Repository) -> None:
    row = build_register(filled, data.DAY).rows[0]
    assert row.name == "江建国"
    assert row.address == "金域华府12号楼2单元301室"
    assert row.phone == "138****8000"
    assert row.id_number == "370705********1233"
    assert row.request_type == "咨询"
    assert row.category == "政策咨询"
    assert row.state == "待回访"
    assert row.staff == "颜成玉"
    assert len(row.cells()) == len(COLUMNS) == len(headings())


def test_anonymous_walk_in_shows_contact_phone_masked_and_location(filled: Repository) -> None:
    row = build_register(filled, data.DAY).rows[2]
    assert row.name == "匿名"
    assert row.address == "金域华府东门"
    assert row.phone == "139****5678"
    assert row.id_number == ""
    assert row.matter == data.FORMULA


def test_landline_and_x_id_numbers_are_masked(filled: Repository) -> None:
    row = build_register(filled, data.DAY).rows[1]
    assert row.phone == "0536-***1234"
    assert row.id_number == "110105********002X"


def test_unmasked_only_when_asked(filled: Repository) -> None:
    rows = build_register(filled, data.DAY, masked=False).rows
    assert rows[0].phone == data.JIANG_PHONE
    assert rows[0].id_number == data.JIANG_ID
    assert rows[2].phone == data.ANON_PHONE


def test_handling_text_in_chinese(filled: Repository) -> None:
    handling = [r.handling for r in build_register(filled, data.DAY).rows]
    assert handling == [
        "当场解决",
        "派至金域物业，2026-12-04前办结",
        "待派单",
        "退回，建议到区住建局办理",
        "派至社区居委会，2026-12-04前办结",
    ]


def test_the_register_keeps_its_language_whatever_the_interface(filled: Repository) -> None:
    english_ui = build_register(filled, data.DAY)
    set_language("zh")
    chinese_ui = build_register(filled, data.DAY)
    assert [r.cells() for r in chinese_ui.rows] == [r.cells() for r in english_ui.rows]
    for register in (english_ui, chinese_ui):
        assert register.language == "zh"
        assert register.headings()[:4] == ["序号", "时间", "工单号", "姓名"]
        assert register.header_lines()[0] == ("社区", "新城街道 金城社区")
    assert english_ui.header_lines("en")[0] == ("Community", "新城街道 金城社区")  # the screen
    assert headings("en")[:2] == ["No.", "Time"]


def test_the_store_setting_switches_the_register_to_english(filled: Repository) -> None:
    update_desk(filled, register_lang="en")
    set_language("zh")
    register = build_register(filled, data.DAY)
    assert register.language == "en"
    assert register.headings()[:2] == ["No.", "Time"]
    assert register.title == "金城社区 mobile desk register"
    assert register.rows[0].request_type == "咨询"  # the data stays Chinese


def test_header_and_footer(filled: Repository) -> None:
    register = build_register(filled, data.DAY)
    assert register.community == "金城社区"
    assert register.compounds == ("金域华府",)
    assert register.staff == ("颜成玉", "刘宗辉")
    assert [s.hours for s in register.sessions] == ["09:30-11:30"]
    footer = register.footer
    assert footer.visitors == 6
    assert footer.cases == 5
    assert footer.solved_on_spot == 1
    assert footer.dispatched == 2
    assert [(c.label, c.count) for c in footer.by_category] == [
        ("物业设施", 2),
        ("环境卫生", 1),
        ("住房保障", 1),
        ("政策咨询", 1),
    ]


def test_names_are_listed_as_the_registers_language_lists_them(filled: Repository) -> None:
    chinese = build_register(filled, data.DAY)
    assert ("值班人员", "颜成玉、刘宗辉") in chinese.header_lines()
    assert ("Staff on duty", "颜成玉、刘宗辉") in chinese.header_lines("en")  # as in the file
    assert dict(chinese.footer_lines())["分类"].startswith("物业设施 2、环境卫生 1")
    update_desk(filled, register_lang="en")
    set_language("zh")
    english = build_register(filled, data.DAY)
    assert ("Staff on duty", "颜成玉, 刘宗辉") in english.header_lines()


def test_one_session_leaves_out_cases_of_no_session(filled: Repository) -> None:
    register = build_register(filled, data.DAY, data.SESSION_ID)
    assert [r.number[-3:] for r in register.rows] == ["001", "002", "003", "004"]
    assert register.session_id == data.SESSION_ID


def test_a_session_of_another_day_is_refused(filled: Repository) -> None:
    with pytest.raises(DeskError, match="no desk session"):
        build_register(filled, data.DAY, data.OTHER_SESSION_ID)


def test_find_session_by_prefix_or_compound(filled: Repository) -> None:
    sessions = filled.sessions.all()
    assert find_session(sessions, data.DAY, "5e55").id == data.SESSION_ID
    assert find_session(sessions, data.DAY, "金域华府").id == data.SESSION_ID
    with pytest.raises(DeskError) as error:
        find_session(sessions, data.DAY, "翠湖小区")
    assert "5e55104a 金域华府" in str(error.value)


def test_a_day_without_cases_still_has_a_register(filled: Repository) -> None:
    register = build_register(filled, date(2026, 11, 28))
    assert register.is_empty
    assert register.footer.cases == 0
    assert register.empty_note() == "2026-11-28 没有受理诉求。"  # the register's language
    assert register.empty_note("en") == "No cases were taken on 2026-11-28."


def test_audit_entry_says_who_what_and_where(filled: Repository, tmp_path) -> None:  # type: ignore[no-untyped-def]
    register = build_register(filled, data.DAY, masked=False)
    entry = unmasked_export_audit(register, "csv", tmp_path / "r.csv", "颜成玉", FIXED_NOW)
    assert entry.staff == "颜成玉"
    assert entry.action == "register.export_unmasked"
    assert entry.detail["format"] == "csv"
    assert entry.detail["rows"] == "5"
    assert entry.detail["path"].endswith("r.csv")


def test_an_unmasked_export_is_on_record_before_the_file_is_written(
    filled: Repository, tmp_path: Path
) -> None:
    register = build_register(filled, data.DAY, masked=False)
    written = export_register(filled, register, "csv", tmp_path, staff="颜成玉", at=FIXED_NOW)
    assert written == tmp_path / "register-JC-2026-11-27-full.csv"  # never over the masked one
    assert "13800138000" in written.read_text(encoding="utf-8-sig")
    [entry] = filled.audit.all()
    assert (entry.staff, entry.at, entry.detail["path"]) == ("颜成玉", FIXED_NOW, str(written))
    masked = build_register(filled, data.DAY)
    export_register(filled, masked, "json", tmp_path, staff="颜成玉", at=FIXED_NOW)
    assert len(filled.audit.all()) == 1  # a masked export needs no record


def test_no_unmasked_file_is_written_when_the_record_cannot_be(
    filled: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(entry: object) -> None:
        raise StoreWriteError(filled.data_dir / "journal", "No space left on device")

    monkeypatch.setattr(filled.audit, "add", full_disk)
    register = build_register(filled, data.DAY, masked=False)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(StoreWriteError):
        export_register(filled, register, "csv", out, staff="颜成玉", at=FIXED_NOW)
    assert list(out.iterdir()) == []


def test_register_and_export_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import deskconsole.domain.register, deskconsole.domain.stats\n"
        "import deskconsole.export, deskconsole.cli.register_cmds\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_register_and_statistics_are_this_desks_own(repo: Repository) -> None:
    from datetime import date as date_type
    from datetime import datetime as datetime_type

    from deskconsole.domain.register import build_register
    from deskconsole.domain.stats import stats_for
    from deskconsole.models import DeskSession, Visit
    from tests.factories import make_case

    day = date_type(2026, 11, 27)
    at = datetime_type(2026, 11, 27, 10)
    repo.sessions.save_many(
        [
            DeskSession(desk_code="JC", date=day, compound="金域华府", visits=[Visit(at=at)]),
            DeskSession(
                desk_code="XC", date=day, compound="锦绣苑", visits=[Visit(at=at), Visit(at=at)]
            ),
        ]
    )
    repo.cases.save_many([make_case("JC-20261127-001"), make_case("XC-20261127-001")])
    register = build_register(repo, day)
    assert [row.number for row in register.rows] == ["JC-20261127-001"]
    assert register.footer.visitors == 1
    assert [s.compound for s in register.sessions] == ["金域华府"]
    figures = stats_for(repo, day, day, day)
    assert (figures.taken, figures.visitors) == (1, 1)
