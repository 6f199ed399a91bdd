"""Roster import: read a spreadsheet, check every row, match residents, plan one batch.

The steps, each usable on its own:

- :func:`read_sheet` reads ``.xlsx`` (openpyxl), ``.ods`` (python-calamine) or ``.csv``
  in UTF-8 (with or without BOM), GBK or GB18030; any other encoding is refused naming
  charset-normalizer's guess (Big5, Shift-JIS, Latin-1 ... would otherwise arrive as
  garbled GB18030), and so is a quote that is never closed (it would swallow the rows
  after it). Cells written as ``="..."`` (our own CSV files) are read as their text;
- :func:`map_columns` maps Chinese or English headers in any order to fields and lists
  the columns it ignores; a sheet without a name column is refused;
- :func:`check_fields` normalises one resident's values with the model's own rules and
  says what is wrong with which field (the add/edit dialog uses it too);
- :func:`parse_sheet` checks every row: a bad row is reported with its spreadsheet row
  number (the header is row 1), the column and the reason; blank rows are ignored. A
  first-generation 15-digit ID number is converted to its 18 characters, and a gender
  that disagrees with the ID number is imported as written; both are noted for the
  clerk with their row. So is a phone the numbering plan does not hold (a row with one
  is skipped instead when the import is strict). A local number without its area code
  gets the store's;
- :func:`plan_import` matches each row to a resident (:mod:`deskconsole.domain.residents`:
  by ID number, else name + phone, else name + address when a row has neither), lays the
  row's values over it (``with_values``) and sorts rows into added, updated,
  unchanged and skipped; an unchanged resident is not written at all;
- :func:`apply_plan` writes added and updated residents as one batch: the import lands
  whole or not at all;
- :func:`deskconsole.domain.roster_problems.write_problems` writes each skipped row's
  own cells and its problems, so the clerk can fix them in a spreadsheet and import
  that file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from deskconsole.domain import input_limits as limits
from deskconsole.domain.residents import (
    ADDRESS_PARTS,
    ResidentMatcher,
    new_resident,
    with_values,
)
from deskconsole.domain.roster_encoding import UNKNOWN_ENCODING, other_encoding
from deskconsole.domain.sheet_cells import from_text
from deskconsole.errors import DeskError, os_reason, shown_path
from deskconsole.i18n import t
from deskconsole.models import Resident
from deskconsole.models.phones import normalise_phone, phone_warning
from deskconsole.models.problems import field_label
from deskconsole.models.text import (
    FieldError,
    gender_of_id_number,
    id_number_from_15,
    mask_phone,
    nfkc,
    normalise_address_part,
    normalise_id_number,
    normalise_name,
)
from deskconsole.storage import RepositoryAPI

Progress = Callable[[int, int], None]

FIELDS = ("name", "gender", "id_number", "phone", "compound", "building", "unit", "room", "notes")
HEADER_ROWS_SEARCHED = 5

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "居民姓名", "name", "fullname", "residentname"),
    "gender": ("性别", "gender", "sex"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "身份证",
        "公民身份号码",
        "证件号码",
        "idnumber",
        "idno",
        "idcard",
        "id",
    ),
    "phone": (
        "手机",
        "手机号",
        "手机号码",
        "电话",
        "电话号码",
        "联系电话",
        "联系方式",
        "固定电话",
        "座机",
        "phone",
        "phones",
        "mobile",
        "tel",
        "telephone",
        "cellphone",
    ),
    "compound": ("小区", "小区名称", "所在小区", "compound", "estate"),
    "building": ("楼号", "楼栋", "楼栋号", "楼", "栋", "幢", "building", "bldg"),
    "unit": ("单元", "单元号", "unit"),
    "room": ("房号", "房间号", "门牌号", "室", "户号", "room", "roomno", "flat", "apartment"),
    "notes": ("备注", "说明", "notes", "note", "remark", "remarks", "comment", "comments"),
}
_ALIAS_TO_FIELD = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
_PHONE_SPLIT = re.compile(r"[,，;；/、]+")
_GENDERS = {
    "男": "male",
    "男性": "male",
    "m": "male",
    "male": "male",
    "女": "female",
    "女性": "female",
    "f": "female",
    "female": "female",
}
# What a spreadsheet writes for a number too long for it: 3.70785194405011E+017.
_SCIENTIFIC = re.compile(r"[0-9](?:\.[0-9]+)?[eE]\+?[0-9]+")


class RosterError(DeskError):
    """The roster file cannot be imported at all (a row problem is not an error)."""


# -- reading the file ------------------------------------------------------------------


@dataclass
class Sheet:
    """The cells of a roster, with spreadsheet row numbers (the first row is 1)."""

    path: Path
    encoding: str
    rows: list[tuple[int, list[Any]]]


def read_sheet(path: Path) -> Sheet:
    """Read ``.xlsx`` or ``.csv`` within the limits of :mod:`input_limits`; raises
    :class:`RosterError` with what to do. Rows that hold nothing are left out."""
    path = Path(path)
    where = shown_path(path)
    try:
        if not path.is_file():
            raise RosterError("roster.err_missing", path=where)
        size = path.stat().st_size
        if size > limits.MAX_ROSTER_BYTES:
            raise RosterError(
                "roster.err_too_big",
                path=where,
                size=limits.megabytes(size),
                limit=limits.megabytes(limits.MAX_ROSTER_BYTES),
            )
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
        if suffix == ".ods":
            return _read_ods(path)
        data = path.read_bytes()
    except OSError as error:
        raise RosterError("roster.err_unreadable", path=where, reason=os_reason(error)) from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterError("roster.err_xls", path=where)
    if data.startswith(b"PK\x03\x04"):
        if suffix in (".csv", ".txt", ".tsv"):
            raise RosterError("roster.err_zip", path=where)
        return _read_xlsx(path)
    if suffix not in (".csv", ".txt", ".tsv"):
        raise RosterError("roster.err_kind", path=where)
    text, encoding = decode(data, path)
    del data
    return Sheet(path, encoding, _bounded(path, _csv_rows(text, path)))


def _bounded(path: Path, rows: Iterable[Sequence[Any]]) -> list[tuple[int, list[Any]]]:
    try:
        return list(limits.filled_rows(rows))
    except limits.TooManyRows as error:
        raise RosterError(
            "roster.err_too_many_rows",
            path=shown_path(path),
            limit=limits.MAX_ROWS,
            row=error.number,
        ) from None


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """The text of a CSV and the name of its encoding: UTF-8 (with or without BOM),
    UTF-16 with BOM, else GBK/GB18030 when charset-normalizer finds it as likely as any;
    another encoding is refused with its guess named."""
    if data.startswith(codecs.BOM_UTF8):
        codec, label = "utf-8-sig", "UTF-8 BOM"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec, label = "utf-16", "UTF-16"
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            codec, label = _gb18030_or_refuse(data, path), t("roster.encoding_gb")
        else:
            return _text_only(text, path), "UTF-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise RosterError("roster.err_encoding", path=str(path)) from None
    return _text_only(text, path), label


def _gb18030_or_refuse(data: bytes, path: Path) -> str:
    if data.startswith(b"\x00") or b"\x00\x00" in data[:4096]:
        raise RosterError("roster.err_binary", path=str(path))
    guess = other_encoding(data)
    if guess == UNKNOWN_ENCODING:
        raise RosterError("roster.err_encoding", path=str(path))
    if guess is not None:
        raise RosterError("roster.err_encoding_guess", path=str(path), guess=guess)
    return "gb18030"


def _text_only(text: str, path: Path) -> str:
    if "\x00" in text:
        raise RosterError("roster.err_binary", path=str(path))
    return text


def _csv_rows(text: str, path: Path) -> Iterator[list[Any]]:
    """The records of a CSV, one per spreadsheet row; a quote that is never closed, or
    that swallows whole lines of the file, is refused with its row, and so is a cell past
    csv's own limit."""
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count) if any(d in first for d in ",\t;") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = width = 0
    try:
        for number, row in enumerate(reader, start=1):
            width = width or len(row)
            if any("\n" in cell and _swallowed_lines(cell, delimiter, width) for cell in row):
                raise RosterError("roster.err_quote", path=shown_path(path), row=number)
            yield [from_text(cell) for cell in row]
    except csv.Error as error:
        raise RosterError(
            "roster.err_csv", path=shown_path(path), row=reader.line_num, reason=str(error)
        ) from None
    if _ends_inside_quotes(text, delimiter):
        raise RosterError("roster.err_quote", path=shown_path(path), row=number)


def _swallowed_lines(cell: str, delimiter: str, width: int) -> bool:
    """A cell holding lines that look like whole rows of the file: a stray quote."""
    needed = max(2, width - 2)
    return any(line.count(delimiter) >= needed for line in cell.splitlines()[1:])


def _ends_inside_quotes(text: str, delimiter: str) -> bool:
    """True when the last record's quote is never closed (the strict reader says so)."""
    strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _ in strict:
            pass
    except csv.Error as error:
        return "end of data" in str(error)  # the one error the lenient reader hides
    return False


@contextlib.contextmanager
def _xlsx_errors(where: str) -> Iterator[None]:
    """Whatever openpyxl or zipfile raise for a damaged workbook, as one RosterError."""
    try:
        yield
    except RosterError:
        raise
    except OSError as error:
        raise RosterError("roster.err_unreadable", path=where, reason=os_reason(error)) from None
    except Exception as error:  # openpyxl and zipfile raise many kinds for a damaged file
        raise RosterError("roster.err_bad_xlsx", path=where, reason=str(error)) from None


def _refuse_big_unpacked(path: Path, where: str) -> None:
    """An xlsx or ods (zip) that would unpack past the limit is refused before it is read."""
    unpacked = limits.unpacked_size(path)
    if unpacked > limits.MAX_XLSX_UNPACKED:
        raise RosterError(
            "roster.err_xlsx_unpacked",
            path=where,
            size=limits.megabytes(unpacked),
            limit=limits.megabytes(limits.MAX_XLSX_UNPACKED),
        )


def _read_xlsx(path: Path) -> Sheet:
    """Streamed (read-only mode) with the sheet's declared dimension ignored: a sheet
    that claims ``A1:XFD1048576`` costs what it holds, not what it claims."""
    from openpyxl import load_workbook  # imported here: only an import needs it

    where = shown_path(path)
    with _xlsx_errors(where):
        _refuse_big_unpacked(path, where)
        workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        with _xlsx_errors(where):
            sheet = workbook.active or workbook.worksheets[0]
            sheet.reset_dimensions()
            values = sheet.iter_rows(max_col=limits.MAX_COLUMNS, values_only=True)
            rows = _bounded(path, values)
    finally:
        workbook.close()
    return Sheet(path, t("roster.encoding_xlsx"), rows)


def _read_ods(path: Path) -> Sheet:
    """Read with python-calamine, which holds the whole first sheet in memory: the
    unpacked size and the sheet's filled extent are checked before it reads a cell."""
    from python_calamine import CalamineWorkbook  # imported here: only an import needs it

    where = shown_path(path)
    try:
        _refuse_big_unpacked(path, where)
        height, width = limits.ods_extent(path)
        if height * width > limits.MAX_ODS_CELLS:
            raise RosterError(
                "roster.err_ods_too_big",
                path=where,
                rows=f"{height:,}",
                columns=f"{width:,}",
                limit=f"{limits.MAX_ODS_CELLS:,}",
            )
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = _bounded(path, sheet.iter_rows())
    except RosterError:
        raise
    except OSError as error:
        raise RosterError("roster.err_unreadable", path=where, reason=os_reason(error)) from None
    except Exception as error:  # zipfile, the XML parser and calamine raise their own kinds
        raise RosterError("roster.err_bad_ods", path=where, reason=str(error)) from None
    return Sheet(path, t("roster.encoding_ods"), rows)


# -- headers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """Which spreadsheet column holds which field."""

    header_row: int
    headers: list[str]
    fields: dict[str, list[int]]
    unknown: list[str]

    def header(self, field_name: str, index: int | None = None) -> str:
        """The column's header as written in the file."""
        indexes = self.fields.get(field_name) or []
        if index is None:
            index = indexes[0] if indexes else None
        if index is None or index >= len(self.headers):
            return field_label(field_name)
        return self.headers[index]


def _header_key(text: object) -> str:
    key = nfkc(str(text or "")).lower()
    key = re.sub(r"[（(【\[].*?[)）】\]]", "", key)
    return re.sub(r"[\s_\-.*:：#]", "", key)


def map_columns(headers: Sequence[object], header_row: int = 1) -> Columns:
    """Map headers to fields (several phone columns are allowed); unknown ones are listed."""
    fields: dict[str, list[int]] = {}
    unknown: list[str] = []
    texts = [nfkc(str(h)) if h is not None else "" for h in headers]
    for index, text in enumerate(texts):
        if not text:
            continue
        name = _ALIAS_TO_FIELD.get(_header_key(text))
        if name is None or (name != "phone" and name in fields):
            unknown.append(text)
            continue
        fields.setdefault(name, []).append(index)
    return Columns(header_row, texts, fields, unknown)


def find_columns(sheet: Sheet) -> Columns:
    """The header row: row 1, or the first of the first rows that has a name column."""
    candidates = [
        (n, row) for n, row in sheet.rows if n <= HEADER_ROWS_SEARCHED and not _blank(row)
    ]
    if not candidates:
        raise RosterError("roster.err_empty", path=str(sheet.path))
    for number, row in candidates:
        columns = map_columns(row, number)
        if "name" in columns.fields:
            return columns
    found = ", ".join(str(c) for c in candidates[0][1] if c not in (None, "")) or "-"
    raise RosterError("roster.err_no_name_column", path=str(sheet.path), headers=found)


def _blank(row: Sequence[Any]) -> bool:
    return all(cell is None or not str(cell).strip() for cell in row)


# -- checking values ------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field: ``reason`` is translated and names no field."""

    field: str
    reason: str

    @property
    def message(self) -> str:
        """``ID number: check digit does not match ...``."""
        return t("err.field", field=field_label(self.field), reason=self.reason)


def _reason(error: FieldError) -> str:
    return t(error.key, **error.params)


def split_phones(text: str) -> list[str]:
    """``"13800138000 / 0536-8881234"`` -> two numbers (spaces inside a number stay)."""
    return [part.strip() for part in _PHONE_SPLIT.split(text) if part.strip()]


def check_fields(
    values: Mapping[str, Any], today: date | None = None, area_code: str = ""
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Normalise the given fields; blank values are left out of the result.

    ``values`` may hold ``name``, ``gender``, ``id_number``, ``phones`` (a list or one
    text with several numbers), ``compound``, ``building``, ``unit``, ``room`` and ``notes``.
    The result uses the same keys (``phones`` as a list) with normalised values; a local
    number without an area code gets ``area_code``.
    """
    clean: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    if "name" in values:
        raw = str(values["name"] or "")
        if not nfkc(raw):
            problems.append(FieldProblem("name", t("roster.no_name")))
        else:
            try:
                clean["name"] = normalise_name(raw)
            except FieldError as error:
                problems.append(FieldProblem("name", _reason(error)))
    gender = nfkc(str(values.get("gender") or "")).lower()
    if gender:
        if gender in _GENDERS:
            clean["gender"] = _GENDERS[gender]
        else:
            problems.append(FieldProblem("gender", t("roster.bad_gender", value=gender)))
    id_number = nfkc(str(values.get("id_number") or ""))
    if id_number:
        try:
            clean["id_number"] = normalise_id_number(id_number, today)
        except FieldError as error:
            problems.append(FieldProblem("id_number", _reason(error)))
    raw_phones = values.get("phones") or []
    items = split_phones(raw_phones) if isinstance(raw_phones, str) else list(raw_phones)
    phones: list[str] = []
    for item in items:
        for part in split_phones(str(item)):
            try:
                phone = normalise_phone(part, area_code=area_code)
            except FieldError as error:
                problems.append(FieldProblem("phone", _reason(error)))
                continue
            if phone not in phones:
                phones.append(phone)
    if phones:
        clean["phones"] = phones
    for part in ADDRESS_PARTS:
        text = str(values.get(part) or "")
        if text.strip():
            try:
                value = normalise_address_part(text, part)
            except FieldError as error:
                problems.append(FieldProblem(part, _reason(error)))
                continue
            if value:
                clean[part] = value
    notes = str(values.get("notes") or "").strip()
    if notes:
        clean["notes"] = notes
    return clean, problems


def phone_warnings(phones: Iterable[str]) -> list[FieldProblem]:
    """One warning for each stored phone the numbering plan holds no such number as,
    naming the phone masked (``160****5678``): a row or a form may hold several."""
    return [
        FieldProblem("phone", t("roster.phone_warning", phone=mask_phone(phone), reason=reason))
        for phone in phones
        if (reason := phone_warning(phone)) is not None
    ]


# -- rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """A skipped row: its spreadsheet row number, the column and the reason."""

    row: int
    column: str
    reason: str

    @property
    def message(self) -> str:
        """``row 7, 身份证号: check digit does not match ...``."""
        return t("roster.problem", row=self.row, column=self.column, reason=self.reason)


@dataclass
class RosterRow:
    """One good row: its number and its normalised, non-blank values."""

    row: int
    values: dict[str, Any] = field(repr=False)  # full numbers stay out of the repr


@dataclass
class ParsedRoster:
    """Every row of a sheet, checked.

    ``notes`` are about rows that are imported all the same: a 15-digit ID number
    converted, a gender that disagrees with the ID number, a phone the numbering plan
    does not hold. ``cells`` keeps each non-blank row's own cells, for the problems file.
    """

    path: Path
    encoding: str
    columns: Columns
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0
    notes: list[RowProblem] = field(default_factory=list)
    converted_ids: set[int] = field(default_factory=set)
    """Rows whose 15-digit ID number was converted to 18 characters."""
    cells: dict[int, list[Any]] = field(default_factory=dict)

    @property
    def skipped_rows(self) -> int:
        return len({p.row for p in self.problems})


def cell_text(value: Any) -> str:
    """A cell's value as text (a whole number without ``.0``, a date as ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def parse_sheet(
    sheet: Sheet,
    today: date | None = None,
    progress: Progress | None = None,
    *,
    area_code: str = "",
    strict: bool = False,
) -> ParsedRoster:
    """Check every row below the header; blank rows are ignored. A local number without
    its area code gets ``area_code``; ``strict`` skips a row whose phone the numbering
    plan does not hold, instead of importing it with a note."""
    columns = find_columns(sheet)
    parsed = ParsedRoster(sheet.path, sheet.encoding, columns)
    body = [(n, row) for n, row in sheet.rows if n > columns.header_row]
    total = len(body)
    for done, (number, row) in enumerate(body, start=1):
        if progress is not None and done % 250 == 0:
            progress(done, total)
        if _blank(row):
            continue
        parsed.rows_read += 1
        parsed.cells[number] = row
        check = _check_row(columns, row, today, area_code, strict)
        values, problems = check.values, check.problems
        parsed.notes.extend(RowProblem(number, column, reason) for column, reason in check.notes)
        if check.converted_id:
            parsed.converted_ids.add(number)
        if problems:
            parsed.problems.extend(
                RowProblem(number, column, reason) for column, reason in problems
            )
        else:
            parsed.rows.append(RosterRow(number, values))
    if progress is not None:
        progress(total, total)
    return parsed


def _numeric_id(value: Any) -> bool:
    """An ID number typed into a number cell: past 15 digits the spreadsheet lost some
    (an exact integer, as other tools write it, and an old 15-digit number, which a
    number cell holds whole, are checked like text). In a CSV it arrives as the
    spreadsheet showed it: ``3.70785194405011E+017``."""
    if isinstance(value, float):
        return len(cell_text(value)) > 15
    return isinstance(value, str) and bool(_SCIENTIFIC.fullmatch(nfkc(value).strip()))


@dataclass
class _RowCheck:
    values: dict[str, Any]
    problems: list[tuple[str, str]]
    notes: list[tuple[str, str]]
    converted_id: bool


def _id_notes(
    header: str, raw_id: str, clean: Mapping[str, Any], gender_header: str
) -> list[tuple[str, str]]:
    """What the clerk should know about a good row's ID number: converted from 15 digits,
    or a gender that disagrees with it."""
    notes: list[tuple[str, str]] = []
    id_number = clean.get("id_number")
    if not id_number:
        return notes
    if nfkc(raw_id).strip().upper() != id_number:
        notes.append((header, t("roster.note_id_15", old=nfkc(raw_id).strip(), new=id_number)))
    by_id = gender_of_id_number(id_number)
    if clean.get("gender") and by_id and by_id != clean["gender"]:
        notes.append(
            (
                gender_header,
                t(
                    "roster.note_gender",
                    given=t(f"enum.Gender.{clean['gender']}"),
                    by_id=t(f"enum.Gender.{by_id}"),
                ),
            )
        )
    return notes


def _column_name(columns: Columns, index: int) -> str:
    if index < len(columns.headers) and columns.headers[index]:
        return columns.headers[index]
    return t("roster.column_n", n=index + 1)


def _check_row(
    columns: Columns, row: Sequence[Any], today: date | None, area_code: str, strict: bool
) -> _RowCheck:
    def cell(index: int) -> Any:
        return row[index] if index < len(row) else None

    too_long = [
        (_column_name(columns, index), t("roster.cell_too_long", limit=limits.MAX_CELL_CHARS))
        for index, value in enumerate(row)
        if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS
    ]
    if too_long:
        return _RowCheck({}, too_long, [], False)
    raw: dict[str, Any] = {}
    found: list[tuple[str, str]] = []
    for name, indexes in columns.fields.items():
        if name == "phone":
            continue
        value = cell(indexes[0])
        if name == "id_number" and _numeric_id(value):
            found.append((columns.header(name), t("roster.id_as_number")))
            continue
        raw[name] = cell_text(value)
    if not raw.get("name"):
        raw["name"] = ""
    raw_id = str(raw.get("id_number") or "")
    upgraded = id_number_from_15(raw_id)
    if upgraded is not None:
        raw["id_number"] = upgraded
    clean, problems = check_fields(raw, today)
    found.extend((columns.header(p.field), p.reason) for p in problems)
    phones: list[str] = []
    warned: list[tuple[str, str]] = []
    for index in columns.fields.get("phone", []):
        text = cell_text(cell(index))
        if not text:
            continue
        numbers, phone_problems = check_fields({"phones": text}, today, area_code)
        header = columns.header("phone", index)
        found.extend((header, p.reason) for p in phone_problems)
        new = [p for p in numbers.get("phones", []) if p not in phones]
        warned.extend((header, w.reason) for w in phone_warnings(new))
        phones.extend(new)
    if phones:
        clean["phones"] = phones
    if strict:
        found.extend((header, t("roster.strict_skipped", reason=why)) for header, why in warned)
    if found:
        return _RowCheck(clean, found, [], False)
    notes = _id_notes(columns.header("id_number"), raw_id, clean, columns.header("gender"))
    notes.extend((header, t("roster.note_phone", reason=why)) for header, why in warned)
    return _RowCheck(clean, found, notes, upgraded is not None and "id_number" in clean)


# -- matching and planning ------------------------------------------------------------------


@dataclass
class ImportPlan:
    """What an import will do; :func:`apply_plan` writes it in one batch."""

    parsed: ParsedRoster
    added: list[Resident] = field(default_factory=list)
    updated: list[Resident] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[RowProblem] = field(default_factory=list)

    @property
    def problems(self) -> list[RowProblem]:
        """Every skipped row's problems, in row order."""
        return sorted(self.parsed.problems + self.duplicates, key=lambda p: p.row)

    @property
    def skipped(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def to_save(self) -> list[Resident]:
        return self.added + self.updated

    @property
    def notes(self) -> list[RowProblem]:
        """What the clerk should check in rows that are imported all the same."""
        skipped = {p.row for p in self.problems}
        return [note for note in self.parsed.notes if note.row not in skipped]

    def summary(self, dry_run: bool = False) -> str:
        """The one-line summary: added, updated, unchanged, skipped (and 15-digit ID
        numbers converted, and rows to check, when there are any)."""
        key = "roster.summary_dry" if dry_run else "roster.summary"
        text = t(
            key,
            added=len(self.added),
            updated=len(self.updated),
            unchanged=self.unchanged,
            skipped=self.skipped,
        )
        sentences = [text]
        converted = len(self.parsed.converted_ids - {p.row for p in self.problems})
        if converted:
            sentences.append(t("roster.summary_converted", count=converted))
        to_check = len({n.row for n in self.notes})
        if to_check:
            sentences.append(t("roster.summary_check", count=to_check))
        text = sentences[0]
        for sentence in sentences[1:]:
            text = t("roster.sentences", first=text, then=sentence)
        return text


_VOLATILE = ("created_at", "updated_at", "versions")


def _comparable(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in _VOLATILE}


def plan_import(
    parsed: ParsedRoster,
    existing: Iterable[Mapping[str, Any]],
    now: datetime,
    progress: Progress | None = None,
) -> ImportPlan:
    """Sort the good rows into added, updated and unchanged residents."""
    plan = ImportPlan(parsed)
    stored = ResidentMatcher(existing)
    planned = ResidentMatcher(())
    claimed: dict[str, int] = {}
    total = len(parsed.rows)
    for done, row in enumerate(parsed.rows, start=1):
        if progress is not None and done % 250 == 0:
            progress(done, total)
        earlier = planned.find(row.values)
        if earlier is not None:
            plan.duplicates.append(_duplicate(parsed, row, claimed[earlier["id"]]))
            continue
        doc = stored.find(row.values)
        if doc is not None and doc["id"] in claimed:
            plan.duplicates.append(_duplicate(parsed, row, claimed[doc["id"]]))
            continue
        if doc is None:
            resident = new_resident(row.values, now)
            plan.added.append(resident)
        else:
            resident = with_values(doc, row.values)
            if resident.model_dump(mode="json", exclude=set(_VOLATILE)) == _comparable(doc):
                plan.unchanged += 1
            else:
                plan.updated.append(resident.model_copy(update={"updated_at": now}))
        claimed[resident.id] = row.row
        planned.add(
            resident.model_dump(
                mode="json", include={"id", "name", "id_number", "phones", "address"}
            )
        )
    if progress is not None:
        progress(total, total)
    return plan


def _duplicate(parsed: ParsedRoster, row: RosterRow, first: int) -> RowProblem:
    return RowProblem(row.row, parsed.columns.header("name"), t("roster.duplicate_row", row=first))


def apply_plan(plan: ImportPlan, repo: RepositoryAPI) -> None:
    """Write the added and updated residents as one batch (nothing when there is none)."""
    if plan.to_save:
        repo.residents.save_many(plan.to_save, touch=True)


def prepare_import(
    path: Path,
    repo: RepositoryAPI,
    progress: Progress | None = None,
    *,
    strict: bool = False,
) -> ImportPlan:
    """Read, check and plan an import of ``path`` into ``repo`` (nothing is written);
    local numbers get the store's area code."""
    now = repo.now()
    sheet = read_sheet(path)
    area_code = repo.settings.get().area_code
    parsed = parse_sheet(sheet, now.date(), progress, area_code=area_code, strict=strict)
    return plan_import(parsed, repo.residents.docs(), now)
