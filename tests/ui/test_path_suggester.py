"""File paths complete from what is on disk: folders and the wanted kinds of file."""

from __future__ import annotations

from pathlib import Path

from deskconsole.ui.widgets.path_suggester import PathSuggester


async def test_completes_folders_and_wanted_files_only(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "roster-2026.xlsx").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("x")
    suggester = PathSuggester((".xlsx", ".csv"))
    base = f"{tmp_path}/"
    assert await suggester.get_suggestion(base + "ros") == base + "roster-2026.xlsx"
    assert await suggester.get_suggestion(base + "arch") == base + "archive/"
    assert await suggester.get_suggestion(base + "no") is None  # not a wanted kind of file
    assert await suggester.get_suggestion(base + "missing/x") is None
    assert await suggester.get_suggestion("") is None
