"""Rosters as LibreOffice Calc saves them, imported.

A CSV made here is opened in LibreOffice once with the ID and phone columns as text and
once as the spreadsheet guesses them (numbers), then saved as .ods, .xlsx and a GBK
CSV; each file is imported. The problems file of a failed import is opened in
LibreOffice too: the skipped rows' cells come back as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from deskconsole.domain.roster import ImportPlan, prepare_import
from deskconsole.domain.roster_problems import write_problems
from deskconsole.storage import Repository
from tests.conftest import FIXED_NOW
from tests.real_clients import CSV_DIALOG_DEFAULTS, LibreOffice

pytestmark = [pytest.mark.real_clients, pytest.mark.slow]

HEADER = ["姓名", "性别", "身份证号", "手机", "小区", "楼号", "单元", "房号", "备注"]
ROWS = [
    ["江建国", "男", "370705195003031256", "13800138000", "金域华府", "12", "2", "301", ""],
    ["王秀英", "女", "11010519491231002X", "0536-8881234", "金域华府", "3", "1", "102", "独居"],
    ["欧阳娜娜", "女", "370705198811050029", "13912345678", "锦绣苑", "5", "1", "501", ""],
]
# ID (3rd) and phone (4th) columns as text: what a clerk who formats them gets.
AS_TEXT = CSV_DIALOG_DEFAULTS + ",1/1/2/1/3/2/4/2"
GB18030 = "85"  # LibreOffice's number for GB18030, which writes these characters as GBK does


@dataclass
class Rosters:
    folder: Path
    files: dict[str, Path]  # "text.ods", "number.xlsx", "text.csv" (GBK) ...
    calc: LibreOffice


@pytest.fixture(scope="module")
def rosters(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rosters]:
    folder = tmp_path_factory.mktemp("rosters")
    calc = LibreOffice(folder / "lo-profile")
    source = "\r\n".join(",".join(row) for row in [HEADER, *ROWS]) + "\r\n"
    made = {}
    for kind, infilter in (("text", AS_TEXT), ("number", CSV_DIALOG_DEFAULTS)):
        csv_in = folder / "in" / kind / f"{kind}.csv"
        csv_in.parent.mkdir(parents=True)
        csv_in.write_bytes(source.encode("utf-8-sig"))
        made[f"{kind}.ods"] = calc.convert([csv_in], "ods", folder / "ods", infilter)[0]
    ods = [made["text.ods"], made["number.ods"]]
    for path in calc.convert(ods, "xlsx", folder / "xlsx"):
        made[f"{path.stem}.xlsx"] = path
    gbk = f"csv:Text - txt - csv (StarCalc):44,34,{GB18030}"
    for path in calc.convert(ods, gbk, folder / "gbk"):
        made[f"{path.stem}.csv"] = path
    yield Rosters(folder, made, calc)


def _import(path: Path, folder: Path) -> ImportPlan:
    store = folder / "stores" / path.name
    with Repository.open(store, now=lambda: FIXED_NOW) as repo:
        return prepare_import(path, repo)


@pytest.mark.parametrize("name", ["text.ods", "text.xlsx", "text.csv"])
def test_ids_saved_as_text_import_exactly(rosters: Rosters, name: str) -> None:
    path = rosters.files[name]
    if name.endswith(".csv"):
        path.read_bytes().decode("gbk")  # LibreOffice wrote GBK
    plan = _import(path, rosters.folder)
    assert plan.problems == []
    assert [(r.name, r.id_number, r.phones) for r in plan.added] == [
        (row[0], row[2], [row[3]]) for row in ROWS
    ]
    assert plan.added[1].address.label_zh == "金域华府3号楼1单元102室"
    assert plan.added[1].notes == "独居"
    if name.endswith(".csv"):
        assert plan.parsed.encoding == "GBK/GB18030"


@pytest.mark.parametrize("name", ["number.ods", "number.xlsx", "number.csv"])
def test_ids_saved_as_numbers_are_named_with_their_rows(rosters: Rosters, name: str) -> None:
    plan = _import(rosters.files[name], rosters.folder)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "身份证号"), (4, "身份证号")]
    for problem in plan.problems:
        assert "saved as a number" in problem.reason, problem.message
    # The ID ending in X stayed text; a phone stored as a number loses nothing.
    assert [(r.name, r.id_number, r.phones) for r in plan.added] == [
        ("王秀英", "11010519491231002X", ["0536-8881234"])
    ]


def test_the_problems_file_opens_with_the_rows_own_cells(rosters: Rosters) -> None:
    plan = _import(rosters.files["number.csv"], rosters.folder)
    report = write_problems(plan, rosters.folder / "problems.csv")
    (opened,) = rosters.calc.convert(
        [report], "xlsx", rosters.folder / "problems-read", CSV_DIALOG_DEFAULTS
    )
    sheet = openpyxl.load_workbook(opened, data_only=True).active
    assert sheet is not None
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == [*HEADER, "Row in the file", "Problem"]
    assert [row[:2] for row in cells[1:]] == [["江建国", "男"], ["欧阳娜娜", "女"]]
    assert cells[1][3] == "13800138000"  # a phone stays text, every digit
    assert cells[1][2].startswith("3.70705") and isinstance(cells[1][2], str)
    assert [row[9] for row in cells[1:]] == [2, 4]  # the rows of the original file
    assert "saved as a number" in cells[1][10]
