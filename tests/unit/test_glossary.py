"""One name per field: every catalogue key the glossary lists says the glossary's words."""

from __future__ import annotations

from pathlib import Path

from deskconsole.i18n import catalog

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"


def _rows() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and "`" in cells[3]:
            keys = [key.strip(" `") for key in cells[3].split(",")]
            rows.append((cells[0], cells[1], keys))
    return rows


def test_every_key_of_a_field_says_the_glossarys_name() -> None:
    rows = _rows()
    assert len(rows) >= 15
    messages = catalog()
    for english, chinese, keys in rows:
        for key in keys:
            assert messages[key] == (english, chinese), key


def test_the_old_second_names_are_gone_from_the_catalogue() -> None:
    english = {pair[0] for pair in catalog().values()}
    for old in ("Intake time", "Description", "Handled by", "Responsible party"):
        assert old not in english
