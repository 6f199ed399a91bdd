"""Picking choices by typing numbers, codes, English or pinyin."""

from __future__ import annotations

import pytest

from deskconsole.domain.choices import Choice, match_choice
from deskconsole.models import DEFAULT_CATEGORIES, RequestType

TYPES = [Choice(r.value, r.label, "") for r in RequestType]
ZH_TYPES = [
    Choice("consultation", "Consultation", "咨询"),
    Choice("help", "Help", "求助"),
    Choice("complaint", "Complaint", "投诉"),
    Choice("report", "Report", "举报"),
    Choice("suggestion", "Suggestion", "建议"),
]
CATEGORIES = [Choice(c.code, c.en, c.zh) for c in DEFAULT_CATEGORIES]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2", "help"),
        ("c", "consultation"),
        ("comp", "complaint"),
        ("zx", "consultation"),
        ("qiuzhu", "help"),
        ("ts", "complaint"),
        ("投", "complaint"),
        ("jy", "suggestion"),
        ("ＴＳ", "complaint"),
    ],
)
def test_request_types(typed: str, expected: str) -> None:
    index = match_choice(ZH_TYPES, typed)
    assert index is not None and ZH_TYPES[index].value == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("wy", "property"),
        ("wuye", "property"),
        ("sd", "utilities"),
        ("water", "utilities"),
        ("ll", "neighbour"),
        ("neigh", "neighbour"),
        ("sb", "social_security"),
        ("0", "policy"),
        ("qt", "other"),
    ],
)
def test_categories(typed: str, expected: str) -> None:
    index = match_choice(CATEGORIES, typed)
    assert index is not None and CATEGORIES[index].value == expected


@pytest.mark.parametrize("typed", ["", "12", "xyzzy", "99"])
def test_no_match(typed: str) -> None:
    assert match_choice(CATEGORIES, typed) is None
