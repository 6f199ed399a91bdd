"""English plural forms in messages: one case, two cases; Chinese has one form."""

from __future__ import annotations

from deskconsole.i18n import catalog, t


def test_one_and_many_take_their_own_form() -> None:
    assert t("intake.due", due="2026-12-01", days=1) == "due 2026-12-01 (1 working day)"
    assert t("intake.due", due="2026-12-04", days=5) == "due 2026-12-04 (5 working days)"
    assert "1 open case in" in t("intake.related_title", count=1)
    assert "2 open cases in" in t("intake.related_title", count=2)
    assert t("lookup.hint", count="1").startswith("Type to search 1 resident.")
    assert t("lookup.hint", count="4,303").startswith("Type to search 4,303 residents.")
    assert t("intake.due", "zh", due="2026-12-01", days=1) == "期限 2026-12-01（1 个工作日）"


def test_no_english_message_leaves_the_plural_to_the_reader() -> None:
    assert not [key for key, (english, _) in catalog().items() if "(s)" in english]
