"""One rule decides two resident records are one person; one function lays values over one."""

from __future__ import annotations

from typing import Any

import pytest

from deskconsole.domain.residents import MatchedBy, same_person, with_values
from deskconsole.i18n import set_language
from deskconsole.models import Gender, Resident
from tests.factories import make_resident

JIANG = make_resident(
    "江建国", id_number="370705195003031256", phones=["13800138000"], notes="行动不便"
)
ZHANG = make_resident("张伟", phones=[], address={"compound": "锦绣苑", "building": "3"})
DOCS = [r.model_dump(mode="json") for r in (JIANG, ZHANG)]


@pytest.mark.parametrize(
    ("values", "who", "by"),
    [
        ({"name": "江国", "id_number": "370705195003031256"}, JIANG, MatchedBy.ID_NUMBER),
        ({"name": "江建国", "phones": ["13900000000", "13800138000"]}, JIANG, MatchedBy.PHONE),
        ({"name": "张伟", "compound": "锦绣苑", "building": "3"}, ZHANG, MatchedBy.ADDRESS),
    ],
)
def test_the_same_person_is_found_by_id_then_name_and_phone_then_name_and_address(
    values: dict[str, Any], who: Resident, by: MatchedBy
) -> None:
    found = same_person(DOCS, values)
    assert found is not None
    assert (found.doc["id"], found.by) == (who.id, by)


@pytest.mark.parametrize(
    "values",
    [
        # another ID number with the same name and phone: two people sharing a phone
        {"name": "江建国", "id_number": "11010519491231002X", "phones": ["13800138000"]},
        {"name": "张伟", "phones": ["13900000000"], "compound": "锦绣苑", "building": "3"},
        {"name": "张伟", "compound": "锦绣苑", "building": "4"},
    ],
)
def test_different_people_are_not_matched(values: dict[str, Any]) -> None:
    assert same_person(DOCS, values) is None


def test_a_resident_being_edited_is_not_its_own_duplicate() -> None:
    values = {"name": "江建国", "id_number": "370705195003031256"}
    assert same_person(DOCS, values, own_id=JIANG.id) is None
    assert same_person(DOCS, {"name": "张伟", "compound": "锦绣苑", "building": "3"}, JIANG.id)


def test_the_refusal_names_the_other_resident_and_masks_the_phone() -> None:
    found = same_person(DOCS, {"name": "江建国", "phones": ["13800138000"]})
    assert found is not None
    assert found.message == (
        "Already on the roster: 江建国, 金域华府 12-2-301 138****8000, same phone. "
        "Open that resident instead."
    )
    set_language("zh")
    found = same_person(DOCS, {"name": "张伟", "compound": "锦绣苑", "building": "3"})
    assert found is not None
    assert found.message.startswith("花名册中已有：张伟，锦绣苑 3，同名同住址")


def test_a_roster_row_changes_what_it_gives_a_form_also_clears_what_it_left_empty() -> None:
    values = {"name": "江建国", "phones": ["13900000001"], "room": "302", "gender": "male"}
    row = with_values(JIANG.model_dump(mode="json"), values)
    assert row.phones == ["13900000001"] and row.gender is Gender.MALE
    assert (row.notes, row.id_number) == ("行动不便", JIANG.id_number)
    assert (row.address.compound, row.address.room) == ("金域华府", "302")
    form = with_values(JIANG, values, clear_missing=True)
    assert (form.notes, form.id_number, form.address.compound) == ("", None, "")
    assert (form.id, form.phones, form.address.room) == (JIANG.id, ["13900000001"], "302")
