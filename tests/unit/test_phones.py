"""Phone numbers read with libphonenumber: stored forms, the area code, the plan's warnings."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from deskconsole.domain import demo
from deskconsole.i18n import set_language
from deskconsole.models import Settings
from deskconsole.models.phones import normalise_area_code, normalise_phone, phone_warning
from deskconsole.models.text import FieldError

# Numbers the plan holds: stored as typed, no warning.
IN_PLAN = [
    "13012345678",
    "13412345678",
    "13512345678",
    "13905360001",
    "14512345678",
    "14712345678",
    "15012345678",
    "15812345678",
    "16212345678",
    "16612345678",
    "17012345678",
    "17712345678",
    "18612345678",
    "19212345678",
    "19912345678",
    "010-62345678",
    "021-52345678",
    "020-82345678",
    "023-63123456",
    "0755-82345678",
    "0536-8756972",
    "0536-2902227",
    "0531-88123456",
    "0531-18190937",  # a local number starting with 1: refused by the old hand-written check
    "0371-66123456",
    "0571-87123456",
    "0898-66123456",
    "0631-5212345",
]

# Numbers with a Chinese shape that the plan says cannot exist: stored, with a warning.
NOT_IN_PLAN = [
    ("16012345678", "no mobile number starts with 160 in the numbering plan"),
    ("14612345678", "no mobile number starts with 146 in the numbering plan"),
    ("14412345678", "no mobile number starts with 144 in the numbering plan"),
    ("14012345678", "no mobile number starts with 140 in the numbering plan"),
    ("15412345678", "no mobile number starts with 154 in the numbering plan"),
    ("19412345678", "no mobile number starts with 194 in the numbering plan"),
    # 179xx is also a carrier's dialling prefix: the number must not be cut after it.
    ("17975003599", "no mobile number starts with 179 in the numbering plan"),
    ("0371-2122330", "numbers in area 0371 have 8 digits after the area code, this has 7"),
    ("021-7866661", "numbers in area 021 have 8 digits after the area code, this has 7"),
    ("0536-29022279", "numbers in area 0536 have 7 digits after the area code, this has 8"),
    ("010-6234567", "numbers in area 010 have 8 digits after the area code, this has 7"),
    ("0755-2345678", "numbers in area 0755 have 8 digits after the area code, this has 7"),
    ("0531-8812345", "numbers in area 0531 have 8 digits after the area code, this has 7"),
    ("0546-82123456", "numbers in area 0546 have 7 digits after the area code, this has 8"),
]


# Numbers the plan holds that the old hand-written check refused (a local number starting
# with 1; Beijing after +86, taken for a short mobile).
REFUSED_BEFORE = [
    ("0531-18190937", "0531-18190937"),
    ("010-12345678", "010-12345678"),
    ("021-18912345", "021-18912345"),
    ("0755-12345678", "0755-12345678"),
    ("0371-19912345", "0371-19912345"),
    ("+86 10 62345678", "010-62345678"),
    ("+86-10-12345678", "010-12345678"),
]


@pytest.mark.parametrize(("raw", "stored"), REFUSED_BEFORE)
def test_numbers_the_old_check_refused_are_accepted(raw: str, stored: str) -> None:
    assert normalise_phone(raw) == stored
    assert phone_warning(stored) is None


@pytest.mark.parametrize("phone", IN_PLAN)
def test_numbers_in_the_plan_are_kept_without_a_warning(phone: str) -> None:
    assert normalise_phone(phone) == phone
    assert phone_warning(phone) is None


@pytest.mark.parametrize(("phone", "reason"), NOT_IN_PLAN)
def test_numbers_the_plan_lacks_are_kept_with_a_warning(phone: str, reason: str) -> None:
    assert normalise_phone(phone) == phone
    assert phone_warning(phone) == reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１３９０５３６０００１", "13905360001"),
        ("139 0536 0001", "13905360001"),
        ("+86 139-0536-0001", "13905360001"),
        ("0086 13905360001", "13905360001"),
        ("０５３６－８７５６９７２", "0536-8756972"),
        ("(0536) 875 6972", "0536-8756972"),
        ("05368756972", "0536-8756972"),
        ("+86 536 8756972", "0536-8756972"),
        ("+86 10 62345678", "010-62345678"),
        ("0086-21-52345678", "021-52345678"),
        ("8756972", "0536-8756972"),  # typed without its area code
        ("８７５６９７２", "0536-8756972"),
    ],
)
def test_every_spelling_reaches_the_stored_form(raw: str, expected: str) -> None:
    assert normalise_phone(raw, area_code="0536") == expected


def test_a_local_number_gets_the_area_code_given() -> None:
    assert normalise_phone("62345678", area_code="010") == "010-62345678"
    assert normalise_phone("62345678") == "62345678"  # no area code: kept as typed
    assert phone_warning("62345678") is None  # and not checked


def test_a_local_number_of_the_wrong_length_for_the_area_is_a_warning() -> None:
    stored = normalise_phone("29022279", area_code="0536")
    assert stored == "0536-29022279"
    assert phone_warning(stored) is not None


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("1390536000", "err.mobile_length"),
        ("12800138000", "err.mobile_prefix"),
        ("+1 415 555 0100", "err.phone_foreign"),
        ("+44 20 7946 0958", "err.phone_foreign"),
        ("0536-0881234", "err.landline"),
        ("0536-123456", "err.landline"),
        ("5368756972", "err.landline"),
        ("139０５３６abcd", "err.phone_chars"),
    ],
)
def test_what_is_no_phone_at_all_is_refused(raw: str, key: str) -> None:
    with pytest.raises(FieldError) as caught:
        normalise_phone(raw, area_code="0536")
    assert caught.value.key == key


def test_warnings_are_worded_in_chinese_too() -> None:
    set_language("zh")
    assert phone_warning("16012345678") == "号段 160 不在手机号码规划中"
    assert phone_warning("0371-2122330") == "区号 0371 的号码应为 8 位，这里是 7 位"


@pytest.mark.parametrize(
    ("raw", "expected"), [("0536", "0536"), ("536", "0536"), ("０１０", "010"), ("0371", "0371")]
)
def test_area_codes_are_normalised(raw: str, expected: str) -> None:
    assert normalise_area_code(raw) == expected


@pytest.mark.parametrize("raw", ["0000", "0123", "05", "053612", "abc", "0200"])
def test_an_area_code_the_plan_does_not_know_is_refused(raw: str) -> None:
    with pytest.raises(FieldError) as caught:
        normalise_area_code(raw)
    assert caught.value.field == "area_code"


def test_the_settings_default_to_the_demo_communitys_area_code() -> None:
    assert Settings().area_code == "0536"
    assert Settings.model_validate({"area_code": "371"}).area_code == "0371"


def test_the_demo_gives_out_only_numbers_in_the_plan() -> None:
    data = demo.generate(datetime(2026, 11, 27, 9, 0), residents=600, cases=200)
    phones = [p for r in data.residents for p in r.phones]
    phones += [c.contact_phone for c in data.cases if c.contact_phone]
    assert len(phones) > 400
    assert [p for p in phones if phone_warning(p) is not None] == []


@given(
    st.one_of(
        st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
        st.from_regex(r"0[1-9][0-9]{1,2}-[1-9][0-9]{6,7}", fullmatch=True),
        st.text(alphabet="0123456789+- ", max_size=16),
    )
)
@example("17975003599")  # would be read as a carrier prefix and a short number
def test_any_stored_phone_gets_a_warning_or_none_and_never_an_error(text: str) -> None:
    try:
        phone = normalise_phone(text, area_code="0536")
    except FieldError:
        return
    warning = phone_warning(phone)
    assert warning is None or (isinstance(warning, str) and warning)
