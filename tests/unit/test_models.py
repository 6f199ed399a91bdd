"""Models: validation that names the field, in English and Chinese; case numbers."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from deskconsole.i18n import set_language
from deskconsole.models import (
    Address,
    Case,
    CaseState,
    Resident,
    Settings,
    case_number,
    describe,
    problems,
)
from tests.factories import make_case, make_resident


def test_resident_normalises_everything_typed() -> None:
    resident = Resident(
        name=" 阿卜杜拉 • 艾力 ",
        gender="女",
        phones="１３８ ００１３ ８０００，0536-8881234",
        id_number="11010519491231002x",
        address={"compound": "金域华府", "building": "12号楼", "unit": "2单元", "room": "301室"},
    )
    assert resident.name == "阿卜杜拉·艾力"
    assert resident.gender == "female"
    assert resident.phones == ["13800138000", "0536-8881234"]
    assert resident.id_number == "11010519491231002X"
    assert resident.address.short == "12-2-301"
    assert resident.address.label_zh == "金域华府12号楼2单元301室"
    assert resident.masked_phone == "138****8000"
    assert resident.masked_id_number == "110105********002X"


def test_every_problem_names_its_field_in_english_and_chinese() -> None:
    bad = {"name": "", "phones": "1380013800", "id_number": "110105194912310021"}
    with pytest.raises(ValidationError) as caught:
        Resident.model_validate(bad)
    found = problems(caught.value)
    assert [p.field for p in found] == ["name", "phone", "id_number"]
    assert describe(caught.value).splitlines() == [
        "Name: required",
        "Phone: a mobile number has 11 digits, this has 10",
        "ID number: check digit does not match; check each digit again",
    ]
    set_language("zh")
    with pytest.raises(ValidationError) as caught:
        Resident.model_validate(bad)
    assert describe(caught.value).splitlines() == [
        "姓名：必填",
        "电话：手机号应为 11 位，这里是 10 位",
        "身份证号：校验位不符，请逐位核对",
    ]


def test_case_problems_name_their_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        Case.model_validate(
            {
                "number": "JC-1",
                "desk_code": "JC",
                "intake_at": "2026-11-27 09:00",
                "request_type": "gossip",
                "category": "property",
                "description": "  ",
            }
        )
    assert describe(caught.value).splitlines() == [
        "Case number: JC-1 is not like JC-20261129-007",
        "Request type: pick one of the listed choices",
        "Matter: required",
    ]


def test_case_numbers() -> None:
    assert case_number("JC", date(2026, 11, 29), 7) == "JC-20261129-007"
    assert case_number("JC", date(2026, 11, 29), 1234) == "JC-20261129-1234"
    with pytest.raises(ValueError, match="desk code"):
        case_number("jc", date(2026, 11, 29), 1)


def test_overdue_is_open_and_past_due() -> None:
    case = make_case(due_date=date(2026, 11, 26))
    assert case.is_overdue(date(2026, 11, 27))
    assert not case.is_overdue(date(2026, 11, 26))
    resolved = case.model_copy(update={"state": CaseState.RESOLVED})
    assert not resolved.is_overdue(date(2026, 12, 30))


def test_household_key_is_the_address() -> None:
    one = make_resident("江建国")
    two = make_resident("王秀英", phones=[])
    assert one.address.key == two.address.key
    assert Address().is_blank


def test_settings_desk_code_is_checked() -> None:
    assert Settings(desk_code=" jc2 ").desk_code == "JC2"
    with pytest.raises(ValidationError):
        Settings(desk_code="J")


def test_json_round_trip_keeps_every_field() -> None:
    case = make_case(due_date=date(2026, 12, 4))
    assert Case.model_validate(case.model_dump(mode="json")) == case
