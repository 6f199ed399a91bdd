"""Days and times as a clerk types them: one reading for every date field and command."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskconsole.models import parse_day, parse_moment, parse_time

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 14, 37, 12)
FULL_WIDTH = str.maketrans("0123456789-/:", "０１２３４５６７８９－／：")


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-27",
        "2026/11/27",
        "2026.11.27",
        "20261127",
        "11-27",
        "11/27",
        "2026年11月27日",
        "11月27日",
        " 2026 年 11 月 27 日 ",
        "２０２６－１１－２７",
        "２０２６年１１月２７日",
    ],
)
def test_every_spelling_of_a_day_reads_the_same(text: str) -> None:
    assert parse_day(text, TODAY) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天", TODAY),
        ("Today", TODAY),
        ("昨天", date(2026, 11, 30)),
        ("yesterday", date(2026, 11, 30)),
        ("前天", date(2026, 11, 29)),
        ("11月27号", date(2026, 11, 27)),
    ],
)
def test_days_said_in_words(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


def test_a_day_without_a_year_is_this_year() -> None:
    assert parse_day("3-5", TODAY) == date(2026, 3, 5)
    assert parse_day("3月5日", date(2027, 1, 2)) == date(2027, 3, 5)


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "27/11/2026", "2026-13-01", "2026-02-30", "11-32", "2026-11", "1127"]
)
def test_anything_else_is_not_a_day(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day(text, TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", time(14, 30)),
        ("9:05", time(9, 5)),
        ("１４：３０", time(14, 30)),
        ("9点30", time(9, 30)),
        ("14时30分", time(14, 30)),
        ("9点", time(9, 0)),
        ("9点半", time(9, 30)),
        ("14:30:15", time(14, 30, 15)),
        ("下午2点", time(14, 0)),
        ("晚上7:30", time(19, 30)),
        ("中午12点", time(12, 0)),
        ("中午1点", time(13, 0)),
        ("上午9点", time(9, 0)),
        ("2pm", time(14, 0)),
        ("2:30 PM", time(14, 30)),
        ("12am", time(0, 0)),
    ],
)
def test_times_of_day(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "25:00", "9:5", "noon", "14:60", "9", "13pm", "下午25点"])
def test_anything_else_is_not_a_time(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-27 14:30", datetime(2026, 11, 27, 14, 30)),
        ("2026/11/27 9:05", datetime(2026, 11, 27, 9, 5)),
        ("2026-11-27T08:15", datetime(2026, 11, 27, 8, 15)),
        ("11-27 9点", datetime(2026, 11, 27, 9, 0)),
        ("2026年11月27日14:30", datetime(2026, 11, 27, 14, 30)),
        ("１１－２７\u3000１４：３０", datetime(2026, 11, 27, 14, 30)),
        # A past day alone is when the desk opens; today alone is now.
        ("2026-11-27", datetime(2026, 11, 27, 9, 0)),
        ("2026年12月1日", datetime(2026, 12, 1, 14, 37)),
        # A time alone is today; a day in words, with or without a time.
        ("9:05", datetime(2026, 12, 1, 9, 5)),
        ("上午9点", datetime(2026, 12, 1, 9, 0)),
        ("昨天", datetime(2026, 11, 30, 9, 0)),
        ("昨天下午2点", datetime(2026, 11, 30, 14, 0)),
        ("yesterday 14:30", datetime(2026, 11, 30, 14, 30)),
        ("11月27号 9点半", datetime(2026, 11, 27, 9, 30)),
        ("11-27 2pm", datetime(2026, 11, 27, 14, 0)),
        ("2026-11-27 14:30:00", datetime(2026, 11, 27, 14, 30)),
    ],
)
def test_a_day_and_maybe_a_time(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW) == expected


@pytest.mark.parametrize(
    "text", ["", "2026-11-27 25:00", "2026-11-27 14:3", "11-27 9", "tomorrow 9点", "9"]
)
def test_anything_else_is_not_a_moment(text: str) -> None:
    with pytest.raises(ValueError):
        parse_moment(text, NOW)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.booleans())
def test_any_day_written_out_reads_back(day: date, full_width: bool) -> None:
    spellings = (day.isoformat(), f"{day:%Y/%m/%d}", f"{day:%Y%m%d}", f"{day:%Y年%m月%d日}")
    for text in spellings:
        typed = text.translate(FULL_WIDTH) if full_width else text
        assert parse_day(typed, TODAY) == day
