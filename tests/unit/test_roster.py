"""Roster import: encodings, xlsx, headers, bad rows, matching, idempotence, the CLI."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from deskconsole.cli import main
from deskconsole.domain.roster import (
    RosterError,
    apply_plan,
    check_fields,
    map_columns,
    parse_sheet,
    prepare_import,
    read_sheet,
)
from deskconsole.domain.roster_problems import write_problems
from deskconsole.i18n import set_language
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
    with pytest.raises(RosterError, match=r"\.xlsx, \.ods and \.csv"):
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
    assert "saved as a number" in problem.reason


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
    assert messages[0] == "row 3, 姓名: required: every resident needs a name"
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
    assert not data.exists()  # a dry run creates no store
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
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [
        [*HEADER.split(","), "Row in the file", "Problem"],
        ["王五1", "男", "", "", "", "", "", "", "", "3", "姓名: must not contain digits"],
        ["王芳", "女", '="370705195003031257"', "", "", "", "", "", "", "4",
         "身份证号: check digit does not match; check each digit again"],
    ]  # fmt: skip


def test_the_problems_file_imports_once_fixed(tmp_path: Path, repo: Repository) -> None:
    lines = [HEADER, JIANG, "王五1,男,,13900001111,锦绣苑,3,1,502,腿脚不便", LI]
    plan = prepare_import(write_csv(tmp_path / "roster.csv", lines), repo)
    report = write_problems(plan, tmp_path / "problems.csv")
    fixed = report.read_text("utf-8-sig").replace("王五1", "王五")
    (tmp_path / "fixed.csv").write_text(fixed, "utf-8-sig")
    again = prepare_import(tmp_path / "fixed.csv", repo)
    assert again.problems == []
    assert again.parsed.columns.unknown == ["Row in the file", "Problem"]
    assert [r.name for r in again.added] == ["王五"]
    assert again.added[0].phones == ["13900001111"] and again.added[0].notes == "腿脚不便"


def test_problem_cells_are_defused_for_spreadsheets(tmp_path: Path, repo: Repository) -> None:
    lines = ["姓名,=cmd|' /C calc'!A0,备注", "1,x,@SUM(A1)"]
    plan = prepare_import(write_csv(tmp_path / "roster.csv", lines), repo)
    report = write_problems(plan, tmp_path / "problems.csv")
    rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["姓名", "'=cmd|' /C calc'!A0", "备注", "Row in the file", "Problem"]
    assert rows[1][:4] == ['="1"', "x", "'@SUM(A1)", "2"]


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


# -- what real spreadsheets write -------------------------------------------------------------

WANG_15 = "370705500303125"  # first-generation number of 王芳, born 1950-03-03
WANG_18 = "370705195003031256"


def ods_file(path: Path, rows: list[list[str | float]]) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice or WPS would save one."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )

    def cell(value: str | float) -> str:
        if isinstance(value, float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value!r}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            '<table:table-cell office:value-type="string">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="花名册">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def test_ods_rosters_are_read(tmp_path: Path, repo: Repository) -> None:
    path = ods_file(
        tmp_path / "roster.ods",
        [
            ["姓名", "性别", "身份证号", "手机"],
            ["江建国", "男", "370705195003031256", 13800138000.0],
            ["王芳", "女", 3.70705195003031e17, "0536-8881234"],
        ],
    )
    plan = import_into(repo, path)
    assert plan.parsed.encoding == "OpenDocument spreadsheet"
    assert [(r.name, r.phones) for r in plan.added] == [("江建国", ["13800138000"])]
    assert [(p.row, p.column) for p in plan.problems] == [(3, "身份证号")]
    assert "saved as a number" in plan.problems[0].reason


def test_a_damaged_ods_is_one_translated_line(tmp_path: Path) -> None:
    path = tmp_path / "roster.ods"
    path.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    set_language("zh")
    with pytest.raises(RosterError, match=r"不是可读取的 \.ods 表格.*另存为 \.xlsx"):
        read_sheet(path)


def test_csv_ids_saved_as_numbers_name_their_rows(tmp_path: Path, repo: Repository) -> None:
    lines = [
        HEADER,
        "江建国,男,3.70705195003031E+017,13800138000,,,,,",
        "王芳,女,3.70705195003031e+17,,,,,,",
        LI,
    ]
    plan = import_into(repo, write_csv(tmp_path / "roster.csv", lines, "gbk"))
    assert [(p.row, p.column) for p in plan.problems] == [(2, "身份证号"), (3, "身份证号")]
    assert all("saved as a number" in p.reason for p in plan.problems)
    assert "must have 18" not in " ".join(p.message for p in plan.problems)
    assert [r.name for r in plan.added] == ["李秀英"]


def test_text_formula_cells_are_read_as_their_text(tmp_path: Path, repo: Repository) -> None:
    lines = [HEADER, '江建国,男,"=""370705195003031256""","=""13800138000""",,,,,']
    plan = import_into(repo, write_csv(tmp_path / "roster.csv", lines))
    assert plan.added[0].id_number == "370705195003031256"
    assert plan.added[0].phones == ["13800138000"]


@pytest.mark.parametrize(
    ("text", "encoding", "guess"),
    [
        ("姓名,電話\n陳大文,0912345678\n張美玲,0922333444\n", "big5", "Big5"),
        ("氏名,電話\n山田太郎,09012345678\n佐藤花子,08011112222\n", "shift_jis", "Shift-JIS"),
        ("name,notes\nMüller,Straße 5\nJosé,café crème\n", "latin-1", "Windows-125"),  # Latin
    ],
)
def test_other_encodings_are_refused_with_their_guess(
    tmp_path: Path, text: str, encoding: str, guess: str
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(RosterError, match=f"looks like {guess}.*not UTF-8, GBK or GB18030"):
        read_sheet(path)


@pytest.mark.parametrize("text", ["姓名\n张伟\n", "姓名,备注\n何,无\n", HEADER + "\n" + LI + "\n"])
def test_short_gbk_files_are_still_gbk(tmp_path: Path, text: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode("gbk"))
    sheet = read_sheet(path)
    assert sheet.encoding == "GBK/GB18030"
    assert sheet.rows[1][1][0] == text.splitlines()[1].split(",")[0]


def test_an_unclosed_quote_is_refused_with_its_row(tmp_path: Path) -> None:
    lines = [HEADER, JIANG, '李秀英,女,,"0536-8881234,金域华府,12,2,301,', LIU]
    with pytest.raises(RosterError, match=r"row 3: a double quote .* never closes"):
        read_sheet(write_csv(tmp_path / "roster.csv", lines))


def test_a_quote_that_swallows_rows_is_refused_with_its_row(tmp_path: Path) -> None:
    lines = [HEADER, JIANG, '李秀英,女,,"0536-8881234,金域华府,12,2,301,', LIU, '王芳",女,,,,,,,']
    with pytest.raises(RosterError, match=r"row 3: a double quote"):
        read_sheet(write_csv(tmp_path / "roster.csv", lines))


def test_a_note_with_a_line_break_is_not_a_stray_quote(tmp_path: Path, repo: Repository) -> None:
    lines = [HEADER, '江建国,男,,13800138000,金域华府,12,2,301,"腿脚不便\n独居"', LIU]
    plan = import_into(repo, write_csv(tmp_path / "roster.csv", lines))
    assert plan.added[0].notes == "腿脚不便\n独居" and len(plan.added) == 2


def test_15_digit_ids_are_converted_and_noted(tmp_path: Path, repo: Repository) -> None:
    lines = [HEADER, f"王芳,男,{WANG_15},,,,,,", "江建国,男,370705500303,,,,,,"]
    plan = import_into(repo, write_csv(tmp_path / "roster.csv", lines))
    assert [r.id_number for r in plan.added] == [WANG_18]
    assert [p.row for p in plan.problems] == [3]  # 12 digits: neither 15 nor 18
    assert [(n.row, n.column) for n in plan.notes] == [(2, "身份证号")]
    assert f"{WANG_15} converted to {WANG_18}" in plan.notes[0].message
    assert "Old 15-digit ID numbers converted to 18 characters: 1." in plan.summary()


def test_a_gender_that_disagrees_with_the_id_is_a_warning(tmp_path: Path, repo: Repository) -> None:
    # 370705195003031256: the 17th digit 5 is odd, a man's number
    lines = [HEADER, "王芳,女,370705195003031256,,,,,,", LI]
    path = write_csv(tmp_path / "roster.csv", lines)
    plan = prepare_import(path, repo)
    assert plan.problems == []
    assert [r.name for r in plan.added] == ["王芳", "李秀英"]  # imported as written
    assert plan.added[0].gender == "female"
    assert [(n.row, n.column, n.reason) for n in plan.notes] == [
        (2, "性别", "Female here, but the ID number says Male (its 17th digit); imported "
         "as written, check which is right")
    ]  # fmt: skip
    assert "Rows to check: 1." in plan.summary()
    set_language("zh")
    chinese = prepare_import(path, repo)
    assert chinese.notes[0].message == (
        "第 2 行，性别：填写为女，但身份证号第 17 位表示男；已按所填导入，请核对"
    )


def test_cli_dry_run_on_a_store_compares_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "store"
    path = write_csv(tmp_path / "roster.csv", [HEADER, JIANG])
    assert run_cli(["import-residents", str(path), "--data-dir", str(data)]) == 0
    before = {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in data.rglob("*")}
    moved = JIANG.replace("13800138000", "13900001111")
    changed = write_csv(tmp_path / "changed.csv", [HEADER, moved, LI])
    capsys.readouterr()
    assert run_cli(["import-residents", str(changed), "--dry-run", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "1 would be added, 1 updated, 0 unchanged, 0 skipped." in out
    assert {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in data.rglob("*")} == before


def test_cli_lists_what_to_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, f"王芳,女,{WANG_15},,,,,,"])
    assert run_cli(["import-residents", str(path), "--data-dir", str(tmp_path / "s")]) == 0
    out = capsys.readouterr().out
    assert "Imported, but check:" in out
    assert f"row 2, 身份证号: old 15-digit number {WANG_15} converted to {WANG_18}" in out
    assert "row 2, 性别: Female here, but the ID number says Male" in out
    assert "1 added" in out and "15-digit ID numbers converted to 18 characters: 1" in out


def test_xlsx_numbers_keep_their_shown_form_in_the_problems_file(
    tmp_path: Path, repo: Repository
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "身份证号"])
    sheet.append(["江建国", 370705195003031256.0])  # digits lost: a number cell
    sheet.append(["王芳", float(WANG_15)])  # 15 digits: a number cell holds them whole
    book.save(tmp_path / "roster.xlsx")
    plan = prepare_import(tmp_path / "roster.xlsx", repo)
    assert [p.row for p in plan.problems] == [2]
    assert [r.id_number for r in plan.added] == [WANG_18]
    report = write_problems(plan, tmp_path / "problems.csv")
    rows = list(csv.reader(io.StringIO(report.read_text("utf-8-sig"))))
    assert rows[1][:2] == ["江建国", '="3.70705195003031E+17"']
