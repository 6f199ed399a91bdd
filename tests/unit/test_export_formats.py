"""Each register format checked by its content."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from deskconsole.domain.register import Register, build_register
from deskconsole.export import FORMATS, default_name, json_writer, render, write, xlsx_writer
from deskconsole.export.csv_writer import as_text, defuse
from deskconsole.export.files import ExportError
from deskconsole.i18n import set_language
from deskconsole.storage import Repository
from tests import register_data as data


@pytest.fixture
def register(repo: Repository) -> Register:
    data.fill(repo)
    return build_register(repo, data.DAY, generated_by="颜成玉")


@pytest.fixture
def empty(repo: Repository) -> Register:
    data.fill(repo)
    return build_register(repo, date(2026, 11, 28))


# -- CSV ---------------------------------------------------------------------------------


def _text(cell: str) -> str:
    """What a spreadsheet shows for a CSV cell: ``="0536"`` is the text ``0536``."""
    if cell.startswith('="') and cell.endswith('"'):
        return cell[2:-1].replace('""', '"')
    return cell


def _csv_rows(register: Register) -> list[list[str]]:
    return list(csv.reader(io.StringIO(render(register, "csv").decode("utf-8-sig"))))


def test_csv_has_bom_one_header_row_and_one_row_per_case(register: Register) -> None:
    raw = render(register, "csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "序号",
        "时间",
        "工单号",
        "姓名",
        "地址",
        "电话",
        "身份证号",
        "诉求类型",
        "类别",
        "诉求内容",
        "办理情况",
        "状态",
        "工作人员",
    ]
    assert len(rows) == 1 + 5
    assert [_text(c) for c in rows[1][:7]] == [
        "1",
        "09:40",
        "JC-20261127-001",
        "江建国",
        "金域华府12号楼2单元301室",
        "138****8000",
        "370705********1233",
    ]


def test_csv_writes_number_like_text_as_text_formulas(repo: Repository) -> None:
    data.fill(repo)
    rows = _csv_rows(build_register(repo, data.DAY, masked=False))
    jiang, wang = rows[1], rows[2]
    assert jiang[0] == "1"  # 序号 stays a number
    assert jiang[1] == '="09:40"'
    assert jiang[5] == f'="{data.JIANG_PHONE}"'
    assert jiang[6] == f'="{data.JIANG_ID}"'
    assert wang[5] == f'="{data.WANG_PHONE}"'
    assert wang[6] == data.WANG_ID  # ends in X: no spreadsheet takes it for a number
    assert jiang[2] == "JC-20261127-001"
    assert jiang[3] == "江建国"


def test_as_text_rule() -> None:
    assert as_text("370702194706122417") == '="370702194706122417"'
    assert as_text("17:56") == '="17:56"'
    assert as_text("12-2") == '="12-2"'
    assert as_text("-5") == '="-5"'  # a text formula is inert: no apostrophe needed
    assert as_text("138****8000") == '="138****8000"'
    assert as_text("=1+1") == "'=1+1"
    assert as_text("咨询 2026-12-04") == "咨询 2026-12-04"
    assert as_text("") == ""


def test_csv_defuses_formula_cells(register: Register) -> None:
    rows = list(csv.reader(io.StringIO(render(register, "csv").decode("utf-8-sig"))))
    matter = rows[3][9]
    assert matter == "'" + data.FORMULA
    for row in rows:
        for cell in row:
            # a text formula ="..." holds only digits and number punctuation
            assert not cell.startswith(("=", "+", "-", "@")) or re.fullmatch(r'="[0-9:*\-]+"', cell)


def test_defuse_rule() -> None:
    assert defuse("=1+1") == "'=1+1"
    assert defuse("+86 138") == "'+86 138"
    assert defuse("-3") == "'-3"
    assert defuse("@SUM(A1)") == "'@SUM(A1)"
    assert defuse("地下车库 = 灯") == "地下车库 = 灯"
    assert defuse("0536-***1234") == "0536-***1234"


def test_csv_masks_numbers_by_default(register: Register, repo: Repository) -> None:
    masked = render(register, "csv").decode("utf-8-sig")
    for number in (data.JIANG_PHONE, data.JIANG_ID, data.WANG_ID, data.ANON_PHONE, "8881234"):
        assert number not in masked
    assert "139****5678" in masked
    assert "0536-***1234" in masked
    full = render(build_register(repo, data.DAY, masked=False), "csv").decode("utf-8-sig")
    for number in (data.JIANG_PHONE, data.JIANG_ID, data.WANG_ID, data.ANON_PHONE, data.WANG_PHONE):
        assert number in full


def test_register_is_chinese_whatever_the_interface_language(register: Register) -> None:
    for interface in ("en", "zh"):
        set_language(interface)
        first = render(register, "csv").decode("utf-8-sig").splitlines()[0]
        assert first.startswith("序号,时间,工单号,姓名,地址,电话,身份证号")
        assert "社区：新城街道 金城社区" in "".join(_page(register).text)


def test_register_in_english_when_the_store_says_so(repo: Repository) -> None:
    data.fill(repo)
    repo.settings.save(repo.settings.get().model_copy(update={"register_lang": "en"}))
    set_language("zh")
    english = build_register(repo, data.DAY)
    assert english.language == "en"
    first = render(english, "csv").decode("utf-8-sig").splitlines()[0]
    assert first.startswith("No.,Time,Case number,Name")
    html = render(english, "html").decode("utf-8")
    assert "Community: " in html and '<html lang="en">' in html
    assert "登记人" not in html and "Recorded by (signature)" in html
    sheet = openpyxl.load_workbook(io.BytesIO(render(english, "xlsx"))).active
    assert sheet is not None and sheet["A3"].value == "No."
    assert "Compound: 金域华府" in sheet["A2"].value
    out = json.loads(render(english, "json"))
    assert out["rows"][0]["request_type"] == "consultation"  # codes stay English
    assert out["rows"][0]["request_type_label"] == "咨询"  # data stays Chinese


def test_csv_of_an_empty_day_is_the_header_row(empty: Register) -> None:
    rows = list(csv.reader(io.StringIO(render(empty, "csv").decode("utf-8-sig"))))
    assert len(rows) == 1 and rows[0][0] == "序号"


# -- XLSX --------------------------------------------------------------------------------


def _sheet(register: Register):  # type: ignore[no-untyped-def]
    book = openpyxl.load_workbook(io.BytesIO(render(register, "xlsx")))
    return book.active


def test_xlsx_rows_are_text_cells_with_a_frozen_header(register: Register) -> None:
    sheet = _sheet(register)
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    headings = [c.value for c in sheet[3]]
    assert headings[:3] == ["序号", "时间", "工单号"]
    body = [[c for c in row] for row in sheet.iter_rows(min_row=4, max_row=8)]
    assert [row[2].value for row in body] == [f"JC-20261127-00{i}" for i in range(1, 6)]
    assert [row[0].value for row in body] == [1, 2, 3, 4, 5]  # 序号 is a number
    assert all(row[0].data_type == "n" for row in body)
    filled = [cell for row in body for cell in row[1:] if cell.value is not None]
    assert len(filled) >= 5 * 11
    for cell in filled:
        assert cell.data_type == "s", (cell.coordinate, cell.value)
    assert body[2][9].value == data.FORMULA  # stored as text, never a formula
    assert body[0][5].value == "138****8000"


def test_xlsx_keeps_full_id_numbers_as_text(repo: Repository) -> None:
    data.fill(repo)
    sheet = _sheet(build_register(repo, data.DAY, masked=False))
    jiang = [c for c in sheet[4]]
    assert jiang[6].value == data.JIANG_ID and jiang[6].data_type == "s"
    assert jiang[5].value == data.JIANG_PHONE and jiang[5].data_type == "s"


def test_xlsx_header_and_footer_lines(register: Register) -> None:
    sheet = _sheet(register)
    assert "金城社区流动服务台登记簿" in sheet["A1"].value
    assert "小区：金域华府" in sheet["A2"].value
    assert "值班人员：颜成玉、刘宗辉" in sheet["A2"].value
    below = [
        (sheet.cell(row=r, column=1).value, sheet.cell(row=r, column=4).value)
        for r in range(9, sheet.max_row + 1)
    ]
    assert ("来访咨询（人次）：", 6) in below  # counts are numbers, in a cell of their own
    assert ("受理诉求（件）：", 5) in below
    assert ("分类：物业设施 2、环境卫生 1、住房保障 1、政策咨询 1", None) in below
    assert any(v and v.startswith("登记人（签字）：") for v, _ in below)
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLM"]
    assert all(5 <= w <= 42 for w in widths)
    assert widths[9] > widths[0]  # the matter is wider than the number column


def test_xlsx_of_an_empty_day_says_so(empty: Register) -> None:
    sheet = _sheet(empty)
    values = [sheet.cell(row=r, column=1).value for r in range(1, sheet.max_row + 1)]
    assert "2026-11-28 没有受理诉求。" in values


# -- HTML --------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.rows: list[list[str]] = []
        self.head: list[str] = []
        self.style = ""
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            if "td" in self.stack and "tbody" in self.stack:
                self.rows[-1][-1] += "\n"
            return
        self.stack.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.links.append(value)
        if tag == "tr" and "tbody" in self.stack:
            self.rows.append([])
        if tag == "td" and "tbody" in self.stack:
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, text: str) -> None:
        self.text.append(text)
        if self.stack and self.stack[-1] == "style":
            self.style += text
        elif self.stack and self.stack[-1] == "th" and "thead" in self.stack:
            self.head.append(text)
        elif "td" in self.stack and "tbody" in self.stack:
            self.rows[-1][-1] += text


def _page(register: Register) -> _Page:
    page = _Page()
    page.feed(render(register, "html").decode("utf-8"))
    return page


def test_html_table_rows_and_print_css(register: Register) -> None:
    page = _page(register)
    assert page.head[:3] == ["序号", "时间", "工单号"]
    assert len(page.rows) == 5
    assert page.rows[0][2] == "JC-20261127-001"
    assert page.rows[2][9] == data.FORMULA
    assert re.search(r"@page\s*{[^}]*size:\s*A4 landscape", page.style)
    assert "table-header-group" in page.style
    assert "counter(page)" in page.style
    assert page.links == []  # no external resources
    assert "@import" not in page.style and "url(" not in page.style


def test_html_header_totals_and_signatures(register: Register) -> None:
    text = " ".join(_page(register).text)
    for expected in ("金城社区流动服务台登记簿", "金域华府", "2026-11-27", "颜成玉、刘宗辉"):
        assert expected in text
    assert "受理诉求（件）：" in text and "当场解决（件）：" in text
    assert "登记人（签字）：" in text and "负责人（签字）：" in text
    assert data.JIANG_PHONE not in text


def test_html_escapes_what_residents_typed(repo: Repository) -> None:
    data.fill(repo)
    case = repo.cases.get("JC-20261127-003")
    assert case is not None
    repo.cases.save(case.model_copy(update={"description": "<script>alert(1)</script>"}))
    html = render(build_register(repo, data.DAY), "html").decode("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_html_of_an_empty_day_says_so(empty: Register) -> None:
    page = _page(empty)
    assert page.rows == [["2026-11-28 没有受理诉求。"]]


# -- JSON --------------------------------------------------------------------------------


def _documented() -> dict[str, set[str]]:
    """Field names per section, read from the JSON writer's docstring."""
    doc = json_writer.__doc__ or ""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in doc.splitlines():
        if re.fullmatch(r"(Top level|header|rows\[\]|footer)", line.strip()):
            current = line.strip()
            sections[current] = set()
        elif current and line.startswith("  ") and not line.startswith("    "):
            names = re.split(r",\s*", line.strip().split("  ")[0])
            sections[current].update(n.strip() for n in names if n.strip())
    return sections


def test_json_fields_match_the_documentation(register: Register) -> None:
    doc = _documented()
    out = json.loads(render(register, "json"))
    assert set(out) == doc["Top level"]
    assert set(out["header"]) == doc["header"]
    assert set(out["footer"]) == doc["footer"]
    for row in out["rows"]:
        assert set(row) == doc["rows[]"]


def test_json_content(register: Register) -> None:
    out = json.loads(render(register, "json"))
    assert out["format"] == "deskconsole.register" and out["version"] == 1
    assert out["masked"] is True
    assert out["header"]["date"] == "2026-11-27"
    assert out["header"]["sessions"][0]["visitors"] == 6
    first = out["rows"][0]
    assert first["case_number"] == "JC-20261127-001"
    assert first["phone"] == "138****8000"
    assert first["id_number"] == "370705********1233"
    assert first["request_type"] == "consultation"
    assert first["request_type_label"] == "咨询"
    assert first["solved_on_spot"] is True
    assert out["rows"][1]["party"] == "金域物业"
    assert out["rows"][1]["due_date"] == "2026-12-04"
    assert out["footer"]["cases"] == 5
    assert out["footer"]["by_category"][0] == {
        "category": "property",
        "category_label": "物业设施",
        "count": 2,
    }
    assert "江建国" in render(register, "json").decode("utf-8")  # not \\u-escaped


# -- writing files -----------------------------------------------------------------------


def test_write_every_format_with_the_default_name(register: Register, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for fmt in FORMATS:
        path = write(register, fmt, folder)
        assert path.name == f"register-JC-2026-11-27.{fmt}"
        if fmt != "xlsx":  # a workbook records the time it was saved
            assert path.read_bytes() == render(register, fmt)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        default_name(register, f) for f in FORMATS
    )


def test_write_failure_names_the_path(register: Register, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError) as error:
        write(register, "csv", blocker / "sub" / "r.csv")
    assert str(blocker / "sub" / "r.csv") in str(error.value)


# -- printing whole ------------------------------------------------------------------------


def _with_matter(repo: Repository, number: str, matter: str) -> Register:
    data.fill(repo)
    case = repo.cases.get(number)
    assert case is not None
    repo.cases.save(case.model_copy(update={"description": matter}))
    return build_register(repo, data.DAY)


def test_xlsx_rows_are_tall_enough_for_their_wrapped_text(repo: Repository) -> None:
    long_matter = "楼道声控灯坏了三个月，物业说没有配件，老人晚上上下楼摔倒过两次，" * 3
    register = _with_matter(repo, "JC-20261127-002", long_matter)
    sheet = _sheet(register)
    short_row = sheet.row_dimensions[4].height  # 咨询老年人免费体检时间: one line
    long_row = sheet.row_dimensions[5].height
    width = sheet.column_dimensions["J"].width
    assert sheet["J5"].value == long_matter and sheet["J5"].alignment.wrap_text
    assert short_row is not None and long_row is not None
    needed_lines = math.ceil(len(long_matter) * 2 / width)  # a CJK character is 2 units
    assert long_row >= needed_lines * 15
    # the short row holds at most a two-line address
    assert short_row <= 2 * xlsx_writer.LINE_HEIGHT + xlsx_writer.ROW_PADDING < long_row


def test_xlsx_row_height_counts_typed_line_breaks() -> None:
    widths = xlsx_writer.column_widths([[""] * 13])
    one = xlsx_writer.row_height(["x"] * 13, widths)
    cells = ["x"] * 13
    cells[9] = "第一行\n第二行\n第三行"
    assert xlsx_writer.row_height(cells, widths) >= 3 * xlsx_writer.LINE_HEIGHT > one


def test_html_keeps_headings_dates_and_line_breaks_whole(repo: Repository) -> None:
    register = _with_matter(repo, "JC-20261127-002", "第一行\n第二行")
    html = render(register, "html").decode("utf-8")
    page = _page(register)
    assert page.rows[1][9] == "第一行\n第二行"
    assert "第一行<br>第二行" in html
    assert '<span class="nobr">2026-12-04</span>前办结' in html
    assert '<span class="nobr">JC-20261127-001</span>' in html
    assert re.search(r"table\.register th\s*{[^}]*white-space:\s*nowrap", page.style)
    assert re.search(r"\.nobr\s*{[^}]*white-space:\s*nowrap", page.style)


def test_html_and_xlsx_leave_out_empty_header_fields(repo: Repository) -> None:
    data.fill(repo)
    register = build_register(repo, date(2026, 11, 28))  # no session that day
    assert ("驻点", "") in register.header_lines()
    text = "".join(_page(register).text)
    assert "驻点：" not in text and "日期：2026-11-28" in text
    assert "驻点" not in _sheet(register)["A2"].value


def test_an_unmasked_register_has_its_own_file_name(repo: Repository, tmp_path: Path) -> None:
    data.fill(repo)
    masked = build_register(repo, data.DAY)
    full = build_register(repo, data.DAY, masked=False)
    assert default_name(full, "xlsx") == "register-JC-2026-11-27-full.xlsx"
    first = write(masked, "xlsx", tmp_path)
    second = write(full, "xlsx", tmp_path)
    assert first != second and first.exists() and second.exists()
    named = write(masked, "csv", tmp_path / "day.csv")
    unmasked = write(full, "csv", tmp_path / "day.csv")
    assert unmasked.name == "day-full.csv"
    assert data.JIANG_PHONE not in named.read_text(encoding="utf-8-sig")
    assert data.JIANG_PHONE in unmasked.read_text(encoding="utf-8-sig")
    assert write(full, "csv", tmp_path / "x-full.csv").name == "x-full.csv"
