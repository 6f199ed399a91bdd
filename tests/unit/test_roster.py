"""Roster import: encodings, xlsx, headers, bad rows, matching, idempotence, the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from deskconsole.cli import main
from deskconsole.domain.roster import (
    RosterError,
    RowProblem,
    apply_plan,
    check_fields,
    map_columns,
    parse_sheet,
    prepare_import,
    read_sheet,
    write_problems,
)
from deskconsole.models import Address, Resident
from deskconsole.storage import Repository
from tests.conftest import FIXED_NOW

HEADER = "姓名,性别,身份证号,手机,小区,楼号,单元,房号,备注"
JIANG = "江建国,男,370705195003031256,13800138000,金域华府,12,2,301,"
LI = "李秀英,女,,0536-8881234,金域华府,12号楼,2单元,301室,腿脚不便"
LIU = "刘䶮,男,,13900001111,锦绣苑,3,1,502,"


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def import_into(repo: Repository, path: Path):  # type: ignore[no-untyped-def]
    plan = prepare_import(path, repo)
    apply_plan(plan, repo)
    return plan


def by_name(repo: Repository) -> dict[str, Resident]:
    return {r.name: r for r in repo.residents.all()}


# -- encodings and formats -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 BOM"),
        ("gbk", "GBK/GB18030"),
        ("utf-16", "UTF-16"),
    ],
)
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str, label: str) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, JIANG, LI], encoding)
    sheet = read_sheet(path)
    assert sheet.encoding == label
    parsed = parse_sheet(sheet, FIXED_NOW.date())
    assert [r.values["name"] for r in parsed.rows] == ["江建国", "李秀英"]
    assert parsed.problems == []


def test_gb18030_only_characters(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, LIU], "gb18030")
    parsed = parse_sheet(read_sheet(path), FIXED_NOW.date())
    assert parsed.rows[0].values["name"] == "刘䶮"


def test_undecodable_csv_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"\xe5\xa7\x93\xe5\x90\x8d\n\x80\x80\xff\xff\n")
    with pytest.raises(RosterError) as caught:
        read_sheet(path)
    assert "not UTF-8, GBK or GB18030" in str(caught.value)
    assert "roster.csv" in str(caught.value)


def test_old_xls_and_renamed_workbook_are_explained(tmp_path: Path) -> None:
    xls = tmp_path / "roster.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(RosterError, match=r"\.xls"):
        read_sheet(xls)
    renamed = tmp_path / "roster.csv"
    renamed.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(RosterError, match=r"rename it to \.xlsx"):
        read_sheet(renamed)
    with pytest.raises(RosterError, match="no such file"):
        read_sheet(tmp_path / "missing.csv")
    other = tmp_path / "roster.pdf"
    other.write_bytes(b"%PDF-1.4")
    with pytest.raises(RosterError, match=r"\.xlsx and \.csv"):
        read_sheet(other)


def test_xlsx_with_numbers_in_cells(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Phone", "Building", "Unit", "Room", "ID number"])
    sheet.append(["江建国", 13800138000, 12, 2, 301, "370705195003031256"])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["王芳", 13900001111, 3, 1, 502, 3.70705195003031e17])
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    parsed = parse_sheet(read_sheet(path), FIXED_NOW.date())
    assert parsed.encoding == "Excel workbook"
    (row,) = parsed.rows
    assert row.row == 2
    assert row.values["phones"] == ["13800138000"]
    assert (row.values["building"], row.values["unit"], row.values["room"]) == ("12", "2", "301")
    (problem,) = parsed.problems
    assert (problem.row, problem.column) == (4, "ID number")
    assert "stored as a number" in problem.reason


def test_bad_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(RosterError, match=r"not a readable \.xlsx"):
        read_sheet(path)


# -- headers ------------------------------------------------------------------------------------


def test_english_headers_in_any_order_and_unknown_columns_listed() -> None:
    columns = map_columns(["Room", "Native place", "NAME", "mobile", "tel", "Compound", "序号"])
    assert columns.fields == {"room": [0], "name": [2], "phone": [3, 4], "compound": [5]}
    assert columns.unknown == ["Native place", "序号"]


def test_header_variants_are_recognised() -> None:
    columns = map_columns(
        ["*姓名", "身份证号码", "手机号码（必填）", "楼栋", "单元号", "门牌号", "备注"]
    )
    assert set(columns.fields) == {
        "name",
        "id_number",
        "phone",
        "building",
        "unit",
        "room",
        "notes",
    }
    assert columns.unknown == []


def test_title_row_above_the_header_keeps_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv", ["金城社区居民花名册,,,,,,,,", HEADER, JIANG, "王五,男,1,,,,,,"]
    )
    parsed = parse_sheet(read_sheet(path), FIXED_NOW.date())
    assert parsed.columns.header_row == 2
    assert [r.row for r in parsed.rows] == [3]
    assert [p.row for p in parsed.problems] == [4]


def test_file_without_a_name_column_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ["电话,楼号", "13800138000,12"])
    with pytest.raises(RosterError) as caught:
        parse_sheet(read_sheet(path))
    assert "no name column" in str(caught.value)
    assert "电话, 楼号" in str(caught.value)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ["", ""])
    with pytest.raises(RosterError, match="no rows"):
        parse_sheet(read_sheet(path))


# -- rows ------------------------------------------------------------------------------------------


def test_bad_rows_are_skipped_with_row_column_and_reason(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        [
            HEADER,
            JIANG,  # row 2: good
            ",男,,13800000000,,,,,",  # row 3: no name
            "",  # row 4: blank, ignored
            "王芳,女,370705195003031257,,,,,,",  # row 5: checksum
            "赵六,男,370705195002301234,,,,,,",  # row 6: no 30 February
            "孙七,男,,12345,,,,,",  # row 7: bad phone
            "周八,外星,,,,,,,",  # row 8: bad gender
            "  吴九 ,女,,１３９００００２２２２,金域华府,１２,２,３０２,",  # row 9: good, trimmed
        ],
    )
    parsed = parse_sheet(read_sheet(path), FIXED_NOW.date())
    assert [r.row for r in parsed.rows] == [2, 9]
    assert parsed.rows[1].values["name"] == "吴九"
    assert parsed.rows[1].values["phones"] == ["13900002222"]
    assert parsed.rows[1].values["building"] == "12"
    assert [(p.row, p.column) for p in parsed.problems] == [
        (3, "姓名"),
        (5, "身份证号"),
        (6, "身份证号"),
        (7, "手机"),
        (8, "性别"),
    ]
    messages = [p.message for p in parsed.problems]
    assert messages[0] == "row 3, 姓名: no name"
    assert "check digit" in messages[1]
    assert "birth date 19500230" in messages[2]
    assert "11 digits, this has 5" in messages[3]
    assert "男 or 女" in messages[4]
    assert parsed.rows_read == 7
    assert parsed.skipped_rows == 5


def test_two_phone_columns_and_several_numbers_in_a_cell(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        ["姓名,手机,电话", "江建国,13800138000；13900001111,0536-8881234"],
    )
    parsed = parse_sheet(read_sheet(path))
    assert parsed.rows[0].values["phones"] == ["13800138000", "13900001111", "0536-8881234"]


def test_check_fields_normalises_and_names_fields() -> None:
    clean, problems = check_fields(
        {"name": " 张 伟 ", "gender": "F", "phones": "138 0013 8000", "room": "301室"}
    )
    assert clean == {"name": "张伟", "gender": "female", "phones": ["13800138000"], "room": "301"}
    assert problems == []
    _, problems = check_fields({"name": "", "id_number": "123", "phones": "1"})
    assert [p.field for p in problems] == ["name", "id_number", "phone"]
    assert problems[1].message.startswith("ID number: must have 18 characters")


# -- import into the store -------------------------------------------------------------------------


def test_import_adds_then_reimport_changes_nothing(repo: Repository, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, JIANG, LI, LIU], "gb18030")
    plan = import_into(repo, path)
    assert (len(plan.added), len(plan.updated), plan.unchanged, plan.skipped) == (3, 0, 0, 0)
    before = {d["id"]: d for d in repo.residents.docs()}
    assert by_name(repo)["李秀英"].address == Address(
        compound="金域华府", building="12", unit="2", room="301"
    )
    assert by_name(repo)["江建国"].created_at == FIXED_NOW
    again = import_into(repo, path)
    assert (len(again.added), len(again.updated), again.unchanged, again.skipped) == (0, 0, 3, 0)
    assert {d["id"]: d for d in repo.residents.docs()} == before
    assert again.summary() == "0 added, 0 updated, 3 unchanged, 0 skipped."


def test_reimport_updates_by_id_number_and_by_name_and_phone(
    data_dir: Path, tmp_path: Path
) -> None:
    from datetime import timedelta

    clock = [FIXED_NOW]
    repo = Repository.open(data_dir, now=lambda: clock[0])
    try:
        import_into(repo, write_csv(tmp_path / "a.csv", [HEADER, JIANG, LI, LIU]))
        first = by_name(repo)
        clock[0] = FIXED_NOW + timedelta(days=3)
        changed = [
            HEADER,
            "江健国,男,370705195003031256,13800138000,金域华府,12,2,301,",  # renamed: by ID
            "李秀英,女,,0536-8881234,金域华府,12,2,302,",  # moved: by name + phone
            LIU,
            "钱多多,女,,13012345678,,,,,",
        ]
        plan = import_into(repo, write_csv(tmp_path / "b.csv", changed))
        assert (len(plan.added), len(plan.updated), plan.unchanged) == (1, 2, 1)
        now = by_name(repo)
        assert now["江健国"].id == first["江建国"].id
        assert now["李秀英"].id == first["李秀英"].id
        assert now["李秀英"].address.room == "302"
        assert now["李秀英"].notes == "腿脚不便"  # a blank cell keeps what was there
        assert now["李秀英"].updated_at == clock[0]
        assert now["刘䶮"].updated_at == FIXED_NOW  # unchanged: not touched
        assert repo.residents.count() == 4
    finally:
        repo.close()


def test_same_name_different_phone_is_another_person(repo: Repository, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        ["姓名,手机,小区", "张伟,13900000001,金域华府", "张伟,13900000002,锦绣苑"],
    )
    plan = import_into(repo, path)
    assert len(plan.added) == 2
    assert repo.residents.count() == 2


def test_same_person_twice_in_a_file_is_skipped(repo: Repository, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, JIANG, LI, JIANG.replace("男", "")])
    plan = import_into(repo, path)
    assert len(plan.added) == 2
    assert [p.message for p in plan.problems] == ["row 4, 姓名: same person as row 2"]


def test_rows_without_phone_or_id_match_by_name_and_address(
    repo: Repository, tmp_path: Path
) -> None:
    lines = ["姓名,小区,楼号,单元,房号", "王奶奶,金域华府,1,1,101", "王奶奶,锦绣苑,1,1,101"]
    path = write_csv(tmp_path / "roster.csv", lines)
    assert len(import_into(repo, path).added) == 2
    assert import_into(repo, path).unchanged == 2
    assert repo.residents.count() == 2


def test_dry_run_writes_nothing(repo: Repository, tmp_path: Path) -> None:
    plan = prepare_import(write_csv(tmp_path / "roster.csv", [HEADER, JIANG]), repo)
    assert len(plan.added) == 1
    assert repo.residents.count() == 0


def test_import_is_one_batch(repo: Repository, tmp_path: Path) -> None:
    commits: list[frozenset[str]] = []
    repo.subscribe(commits.append)
    import_into(repo, write_csv(tmp_path / "roster.csv", [HEADER, JIANG, LI, LIU]))
    assert commits == [frozenset({"residents"})]


# -- the command line ---------------------------------------------------------------------------


def run_cli(args: list[str]) -> int:
    try:
        main(args)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_cli_import_dry_run_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "store"
    lines = [HEADER + ",籍贯", JIANG + ",山东", "王芳,女,370705195003031257,,,,,,,"]
    path = write_csv(tmp_path / "roster.csv", lines, "utf-8-sig")
    assert run_cli(["import-residents", str(path), "--dry-run", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Read 2 rows from" in out
    assert "(UTF-8 BOM)" in out
    assert "Columns ignored: 籍贯" in out
    assert "row 3, 身份证号: check digit does not match" in out
    assert "Dry run, nothing saved: 1 would be added, 0 updated, 0 unchanged, 1 skipped." in out
    with Repository.open(data, readonly=True) as repo:
        assert repo.residents.count() == 0
    assert run_cli(["import-residents", str(path), "--data-dir", str(data)]) == 0
    assert "1 added, 0 updated, 0 unchanged, 1 skipped." in capsys.readouterr().out
    with Repository.open(data, readonly=True) as repo:
        assert [r.name for r in repo.residents.all()] == ["江建国"]


def test_cli_writes_the_skipped_rows_to_a_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [HEADER, JIANG, "王五1,男,,,,,,,", "王芳,女,370705195003031257,,,,,,"]
    path = write_csv(tmp_path / "roster.csv", lines)
    report = tmp_path / "problems.csv"
    args = ["import-residents", str(path), "--problems", str(report)]
    assert run_cli([*args, "--data-dir", str(tmp_path / "s")]) == 0
    assert f"Skipped rows written to {report}" in capsys.readouterr().out
    data = report.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == [
        "Row,Column,Problem",
        "3,姓名,a name has no digits",
        "4,身份证号,check digit does not match; check each digit again",
    ]


def test_problem_cells_are_defused_for_spreadsheets(tmp_path: Path) -> None:
    report = tmp_path / "problems.csv"
    write_problems([RowProblem(2, "=cmd|' /C calc'!A0", "-1+1")], report)
    assert report.read_text(encoding="utf-8-sig").splitlines()[1] == ("2,'=cmd|' /C calc'!A0,'-1+1")


def test_cli_errors_exit_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "store")
    assert run_cli(["import-residents", str(tmp_path / "nope.csv"), "--data-dir", data]) == 1
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0
    assert "nope.csv: no such file" in err
    path = write_csv(tmp_path / "roster.csv", ["电话", "13800138000"])
    assert run_cli(["import-residents", str(path), "--data-dir", data]) == 1
    assert "no name column" in capsys.readouterr().err


def test_cli_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["import-residents"]) == 2


def test_cli_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, JIANG, ",,,,,,,,"], "gbk")
    args = ["--lang", "zh", "import-residents", str(path), "--data-dir", str(tmp_path / "s")]
    assert run_cli(args) == 0
    assert "新增 1 人，更新 0 人，无变化 0 人，跳过 0 行。" in capsys.readouterr().out


def test_domain_modules_do_not_import_textual() -> None:
    code = (
        "import sys, deskconsole.domain.search, deskconsole.domain.roster, "
        "deskconsole.domain.pinyin, deskconsole.cli.roster_cmds; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
