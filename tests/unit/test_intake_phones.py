"""Intake's contact phone: the store's area code, and the numbering plan's warning."""

from __future__ import annotations

from datetime import datetime

from deskconsole.domain.intake import IntakeForm, check, phone_warnings, register_case
from deskconsole.models import Settings
from deskconsole.storage import Repository
from tests.factories import make_resident

NOW = datetime(2026, 11, 27, 10, 5)


def anonymous(phone: str, **fields: object) -> IntakeForm:
    values: dict[str, object] = {
        "contact_phone": phone,
        "request_type": "consultation",
        "category": "housing",
        "description": "公租房申请进度",
    }
    values.update(fields)
    return IntakeForm(**values)  # type: ignore[arg-type]


def test_a_local_contact_phone_is_saved_with_the_stores_area_code(repo: Repository) -> None:
    settings = Settings(area_code="010")
    assert check(anonymous("62345678"), settings, NOW) == []
    case = register_case(repo, anonymous("62345678"), settings=settings, staff="颜成玉", now=NOW)
    assert case.contact_phone == "010-62345678"


def test_a_contact_phone_the_plan_lacks_is_a_warning_and_no_problem(repo: Repository) -> None:
    settings = Settings()
    form = anonymous("16012345678")
    assert check(form, settings, NOW) == []
    [warning] = phone_warnings(form, settings)
    assert warning.field == "contact_phone"
    assert warning.message == (
        "Contact phone: no mobile number starts with 160 in the numbering plan"
    )
    case = register_case(repo, form, settings=settings, staff="颜成玉", now=NOW)
    assert case.contact_phone == "16012345678"  # the clerk decides: saved as typed


def test_no_warning_for_a_good_phone_a_bad_one_or_a_known_resident(repo: Repository) -> None:
    settings = Settings()
    assert phone_warnings(anonymous("13905360001"), settings) == []
    assert phone_warnings(anonymous("1390536"), settings) == []  # a problem, for check()
    resident = repo.residents.save(make_resident())
    assert phone_warnings(anonymous("16012345678", resident_id=resident.id), settings) == []
