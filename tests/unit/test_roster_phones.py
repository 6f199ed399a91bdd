"""Roster phones: the plan's warnings listed with their row (or the row skipped with
--strict), and local numbers given the store's area code."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskconsole.cli import main
from deskconsole.domain.desk import update_desk
from deskconsole.domain.roster import apply_plan, prepare_import
from deskconsole.i18n import set_language
from deskconsole.storage import Repository

HEADER = "姓名,性别,身份证号,手机,小区,楼号,单元,房号,备注"
GOOD = "江建国,男,,13905360001,金域华府,12,2,301,"
UNALLOCATED = "李秀英,女,,16012345678,金域华府,12,2,302,"
SHORT = "刘䶮,男,,0371-2122330,锦绣苑,3,1,502,"
LOCAL = "王芳,女,,8756972,锦绣苑,3,1,503,"


def write_csv(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\r\n".join(lines).encode("utf-8") + b"\r\n")
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        main(["--lang", "en", *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def test_a_phone_the_plan_lacks_is_imported_and_listed_with_its_row(
    tmp_path: Path, repo: Repository
) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, GOOD, UNALLOCATED, SHORT])
    plan = prepare_import(path, repo)
    assert plan.problems == []
    apply_plan(plan, repo)
    phones = {r.name: r.phones for r in repo.residents.all()}
    assert phones == {
        "江建国": ["13905360001"],
        "李秀英": ["16012345678"],
        "刘䶮": ["0371-2122330"],
    }
    assert [(n.row, n.column, n.reason) for n in plan.notes] == [
        (3, "手机", "160****5678: no mobile number starts with 160 in the numbering plan; "
         "imported as written, check it with the resident"),
        (4, "手机", "0371-***2330: numbers in area 0371 have 8 digits after the area code, "
         "this has 7; imported as written, check it with the resident"),
    ]  # fmt: skip
    assert "Rows to check: 2." in plan.summary()


def test_the_phone_note_is_worded_in_chinese(tmp_path: Path, repo: Repository) -> None:
    set_language("zh")
    plan = prepare_import(write_csv(tmp_path / "roster.csv", [HEADER, UNALLOCATED]), repo)
    assert plan.notes[0].message == (
        "第 2 行，手机：160****5678：号段 160 不在手机号码规划中；已按所填导入，请与居民核对"
    )


def test_a_row_with_a_real_problem_is_skipped_and_its_phone_not_noted(
    tmp_path: Path, repo: Repository
) -> None:
    bad_id = "李秀英,女,123,16012345678,金域华府,12,2,302,"
    plan = prepare_import(write_csv(tmp_path / "roster.csv", [HEADER, bad_id]), repo)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "身份证号")]
    assert plan.notes == []


def test_a_local_number_gets_the_stores_area_code(tmp_path: Path, repo: Repository) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, LOCAL])
    assert prepare_import(path, repo).added[0].phones == ["0536-8756972"]  # the default
    update_desk(repo, area_code="010")
    plan = prepare_import(write_csv(path, [HEADER, LOCAL.replace("8756972", "62345678")]), repo)
    assert plan.added[0].phones == ["010-62345678"] and plan.notes == []


def test_strict_skips_the_rows_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    path = write_csv(tmp_path / "roster.csv", [HEADER, GOOD, UNALLOCATED, SHORT, LOCAL])
    code, out = run_cli(capsys, "import-residents", str(path), "--strict", "--data-dir", str(store))
    assert code == 0, out
    assert (
        "row 3, 手机: 160****5678: no mobile number starts with 160 in the numbering plan; "
        "skipped (--strict)"
    ) in out
    assert "row 4, 手机: 0371-***2330: numbers in area 0371 have 8 digits" in out
    assert "2 added, 0 updated, 0 unchanged, 2 skipped." in out
    with Repository.open(store, readonly=True) as repo:
        phones = sorted(p for r in repo.residents.all() for p in r.phones)
    assert phones == ["0536-8756972", "13905360001"]


def test_without_strict_the_cli_lists_the_rows_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert run_cli(capsys, "settings", "--area-code", "0371", "--data-dir", str(store))[0] == 0
    path = write_csv(tmp_path / "roster.csv", [HEADER, GOOD, LOCAL.replace("8756972", "2122330")])
    code, out = run_cli(
        capsys, "import-residents", str(path), "--dry-run", "--data-dir", str(store)
    )
    assert code == 0, out
    assert "row 3, 手机: 0371-***2330: numbers in area 0371 have 8 digits" in out
    assert "imported as written, check it with the resident" in out
    assert "Rows to check: 1." in out
    with Repository.open(store, readonly=True) as repo:
        assert repo.residents.count() == 0  # a dry run writes nothing
