"""Case numbers found whole or by their tail, as a clerk reads them off a slip."""

from __future__ import annotations

from datetime import date

from deskconsole.domain.case_numbers import find_case_numbers, looks_like_case_number

NUMBERS = [
    "JC-20260612-007",
    "JC-20250612-007",
    "XC-20260612-008",
    "JC-20261127-007",
    "JC-20261127-012",
]
TODAY = date(2026, 11, 27)


def test_a_whole_number_finds_that_case_in_any_case_and_width() -> None:
    assert find_case_numbers("JC-20260612-007", NUMBERS, TODAY) == ["JC-20260612-007"]
    assert find_case_numbers("jc-20260612-007", NUMBERS, TODAY) == ["JC-20260612-007"]
    full_width = "ＪＣ－２０２６０６１２－００７"
    assert find_case_numbers(full_width, NUMBERS, TODAY) == ["JC-20260612-007"]
    assert find_case_numbers("JC-20260612-009", NUMBERS, TODAY) == []


def test_a_day_and_sequence_finds_it_newest_year_first() -> None:
    assert find_case_numbers("0612-007", NUMBERS, TODAY) == ["JC-20260612-007", "JC-20250612-007"]
    assert find_case_numbers("20260612-7", NUMBERS, TODAY) == ["JC-20260612-007"]
    assert find_case_numbers("0612-008", NUMBERS, TODAY) == ["XC-20260612-008"]


def test_a_bare_sequence_means_todays_case() -> None:
    assert find_case_numbers("007", NUMBERS, TODAY) == ["JC-20261127-007"]
    assert find_case_numbers("12", NUMBERS, TODAY) == ["JC-20261127-012"]
    assert find_case_numbers("008", NUMBERS, TODAY) == []


def test_what_looks_like_a_number_and_what_does_not() -> None:
    assert looks_like_case_number("007")
    assert looks_like_case_number("0612-007")
    assert looks_like_case_number("JC-20260612-007")
    assert not looks_like_case_number("8000")  # a phone's last four digits
    assert not looks_like_case_number("12-2-301")  # a room
    assert not looks_like_case_number("jjg")
