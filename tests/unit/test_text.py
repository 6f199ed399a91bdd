"""Normalising and checking what residents give at the desk."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from deskconsole.i18n import set_language
from deskconsole.models.phones import normalise_phone
from deskconsole.models.text import (
    FieldError,
    id_check_char,
    mask_id_number,
    mask_phone,
    normalise_address_part,
    normalise_id_number,
    normalise_name,
)

FULL_WIDTH = str.maketrans("0123456789-+", "０１２３４５６７８９－＋")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("0086-13800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("0536-8881234", "0536-8881234"),
        ("05368881234", "0536-8881234"),
        ("(0536) 888 1234", "0536-8881234"),
        ("010-12345678".replace("1234", "2234"), "010-22345678"),
        ("+86 536 8881234", "0536-8881234"),
        ("8881234", "8881234"),
    ],
)
def test_phone_forms_are_normalised(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("1380013800", "err.mobile_length"),
        ("12800138000", "err.mobile_prefix"),
        ("138001380a0", "err.phone_chars"),
        ("+1 415 555 0100", "err.phone_foreign"),
        ("0536-0881234", "err.landline"),
        ("23456", "err.landline"),
        ("0", "err.landline"),
        ("12345", "err.mobile_length"),
        ("  ", "err.required"),
    ],
)
def test_bad_phones_say_why(raw: str, key: str) -> None:
    with pytest.raises(FieldError) as caught:
        normalise_phone(raw)
    assert caught.value.key == key
    assert caught.value.field == "phone"


def test_phone_error_names_the_field_in_both_languages() -> None:
    with pytest.raises(FieldError) as caught:
        normalise_phone("1380013800")
    assert str(caught.value) == "Phone: a mobile number has 11 digits, this has 10"
    set_language("zh")
    assert caught.value.message() == "电话：手机号应为 11 位，这里是 10 位"


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(mobiles, st.sampled_from(["", "+86", "0086", "+86 "]), st.booleans(), st.booleans())
def test_any_spelling_of_a_mobile_normalises_to_its_digits(
    mobile: str, prefix: str, spaced: bool, full_width: bool
) -> None:
    text = prefix + (f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}" if spaced else mobile)
    if full_width:
        text = text.translate(FULL_WIDTH)
    assert normalise_phone(text) == mobile
    assert normalise_phone(normalise_phone(text)) == mobile


@given(st.text(max_size=20), st.sampled_from(["", "0536", "010", "0371"]))
def test_phone_normalisation_is_idempotent_or_refuses(text: str, area_code: str) -> None:
    try:
        once = normalise_phone(text, area_code=area_code)
    except FieldError:
        return
    assert normalise_phone(once, area_code=area_code) == once
    assert normalise_phone(once) == once  # the stored form needs no area code


landline_texts = st.tuples(
    st.sampled_from(["010", "021", "0536", "0531", "0755"]),
    st.from_regex(r"[2-8][0-9]{6,7}", fullmatch=True),
    st.sampled_from(["-", " ", "", ")"]),
)


@given(landline_texts, st.booleans())
@example(("010", "2000000", "-"), False)  # +86 10 ...: Beijing, not a short mobile
def test_any_spelling_of_a_landline_keeps_area_and_local_number(
    parts: tuple[str, str, str], full_width: bool
) -> None:
    area, local, separator = parts
    text = f"({area}{separator}{local}" if separator == ")" else f"{area}{separator}{local}"
    if full_width:
        text = text.translate(FULL_WIDTH)
    assert normalise_phone(text) == f"{area}-{local}"
    assert normalise_phone(f"+86 {area[1:]} {local}") == f"{area}-{local}"


@given(st.from_regex(r"[2-8][0-9]{6,7}", fullmatch=True), st.sampled_from(["0536", "010"]))
def test_a_local_number_gets_the_area_code(local: str, area_code: str) -> None:
    assert normalise_phone(local, area_code=area_code) == f"{area_code}-{local}"
    assert normalise_phone(local) == local


VALID_ID = "11010519491231002X"


@pytest.mark.parametrize(
    "raw",
    [
        VALID_ID,
        "11010519491231002x",
        " 110105 19491231 002X ",
        "１１０１０５１９４９１２３１００２Ｘ",
    ],
)
def test_valid_id_numbers_are_accepted_in_any_spelling(raw: str) -> None:
    assert normalise_id_number(raw, today=date(2026, 11, 29)) == VALID_ID


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("11010519491231002", "err.id_length"),
        ("1101051949123100XX", "err.id_chars"),
        ("990105194912310021", "err.id_region"),
        ("110105194913310025", "err.id_birth"),
        ("110105203012310021", "err.id_birth"),
        ("110105194912310021", "err.id_checksum"),
    ],
)
def test_bad_id_numbers_say_why(raw: str, key: str) -> None:
    with pytest.raises(FieldError) as caught:
        normalise_id_number(raw, today=date(2026, 11, 29))
    assert caught.value.key == key
    assert caught.value.field == "id_number"


@given(
    st.sampled_from(["370705", "110105", "440305"]),
    st.dates(min_value=date(1920, 1, 1), max_value=date(2020, 12, 31)),
    st.integers(0, 999),
    st.integers(0, 16),
    st.integers(1, 9),
)
def test_checksum_accepts_real_numbers_and_catches_one_wrong_digit(
    region: str, birth: date, serial: int, position: int, delta: int
) -> None:
    first17 = f"{region}{birth:%Y%m%d}{serial:03d}"
    number = first17 + id_check_char(first17)
    assert normalise_id_number(number, today=date(2026, 11, 29)) == number
    wrong_digit = str((int(first17[position]) + delta) % 10)
    typo = first17[:position] + wrong_digit + first17[position + 1 :] + number[17]
    with pytest.raises(FieldError):
        normalise_id_number(typo, today=date(2026, 11, 29))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  江建国 ", "江建国"),
        ("江 建国", "江建国"),
        ("欧阳秀兰", "欧阳秀兰"),
        ("阿卜杜拉•艾力", "阿卜杜拉·艾力"),
        ("阿卜杜拉・艾力", "阿卜杜拉·艾力"),
        ("阿卜杜拉 . 艾力".replace(".", "·"), "阿卜杜拉·艾力"),
        ("John  Smith", "John Smith"),
    ],
)
def test_names_are_trimmed_and_dots_unified(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


@pytest.mark.parametrize(("raw", "key"), [("", "err.required"), ("张3", "err.name_digits")])
def test_bad_names_say_why(raw: str, key: str) -> None:
    with pytest.raises(FieldError) as caught:
        normalise_name(raw)
    assert caught.value.key == key


@pytest.mark.parametrize(
    ("raw", "part", "expected"),
    [
        ("12号楼", "building", "12"),
        ("１２栋", "building", "12"),
        ("2单元", "unit", "2"),
        ("301室", "room", "301"),
        (" 金域华府 ", "compound", "金域华府"),
    ],
)
def test_address_parts_drop_their_suffix(raw: str, part: str, expected: str) -> None:
    assert normalise_address_part(raw, part) == expected


def test_masks() -> None:
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("0536-8881234") == "0536-***1234"
    assert mask_id_number("370705199001011234") == "370705********1234"


def test_a_15_digit_id_number_becomes_its_18_characters() -> None:
    from deskconsole.models.text import id_number_from_15, normalise_id_number

    new = id_number_from_15("370705500303125")
    assert new == "370705195003031256"
    assert normalise_id_number(new) == new  # a valid number, check character and all
    assert id_number_from_15("１１０１０５４９１２３１００２") == "11010519491231002X"  # full width
    assert id_number_from_15("37070550030312") is None
    assert id_number_from_15("37070550030312X") is None


def test_the_gender_an_id_number_carries() -> None:
    from deskconsole.models.text import gender_of_id_number

    assert gender_of_id_number("370705195003031256") == "male"  # 17th digit 5
    assert gender_of_id_number("11010519491231002X") == "female"  # 17th digit 2
    assert gender_of_id_number("123") is None
