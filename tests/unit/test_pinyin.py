"""Readings of names: polyphonic and compound surnames, ü, non-Chinese names."""

from __future__ import annotations

import pytest

from deskconsole.domain.pinyin import (
    MAX_READINGS,
    full_pinyin,
    initials,
    name_readings,
    split_surname,
)


def spelled(name: str) -> list[str]:
    return ["".join(reading) for reading in name_readings(name)]


def test_plain_name_has_one_reading() -> None:
    assert name_readings("江建国") == (("jiang", "jian", "guo"),)
    assert full_pinyin("江建国") == "jiangjianguo"
    assert initials("江建国") == "jjg"


@pytest.mark.parametrize(
    ("name", "surname_reading", "common_reading"),
    [
        ("曾小贤", "zengxiaoxian", "cengxiaoxian"),
        ("单田芳", "shantianfang", "dantianfang"),
        ("解放军", "xiefangjun", "jiefangjun"),
        ("仇晓明", "qiuxiaoming", "chouxiaoming"),
        ("区秀英", "ouxiuying", "quxiuying"),
        ("查海燕", "zhahaiyan", "chahaiyan"),
        ("乐红梅", "yuehongmei", "lehongmei"),
        ("朴树", "piaoshu", "pushu"),
    ],
)
def test_polyphonic_surname_reads_as_surname_first_and_common_too(
    name: str, surname_reading: str, common_reading: str
) -> None:
    readings = spelled(name)
    assert readings[0] == surname_reading
    assert common_reading in readings


def test_compound_surnames_are_one_unit() -> None:
    assert split_surname("欧阳秀兰") == ("欧阳", "秀兰")
    assert split_surname("司马光") == ("司马", "光")
    assert initials("欧阳秀兰") == "oyxl"
    assert spelled("尉迟恭")[0] == "yuchigong"
    assert spelled("万俟卨")[0].startswith("moqi")


def test_single_character_surname_when_not_compound() -> None:
    assert split_surname("欧明") == ("欧", "明")
    assert split_surname("Anna") == ("", "Anna")


def test_u_umlaut_is_v_and_u() -> None:
    assert spelled("吕布") == ["lvbu", "lubu"]


def test_minority_name_drops_the_dot_and_keeps_every_syllable() -> None:
    readings = spelled("阿卜杜拉·艾力")
    assert "abudulaaili" in readings
    assert all("·" not in r for r in readings)


def test_latin_name_is_lower_case_words() -> None:
    assert name_readings("John Smith") == (("john", "smith"),)


def test_given_name_polyphone_gets_both_readings_within_the_limit() -> None:
    readings = spelled("李长乐")
    assert readings[0] == "lichangle"
    assert "lizhangle" in readings
    assert len(readings) <= MAX_READINGS


def test_polyphonic_surname_keeps_both_readings_even_with_a_polyphonic_given_name() -> None:
    readings = spelled("曾长乐")
    assert readings[0].startswith("zeng")
    assert any(r.startswith("ceng") for r in readings)
