"""Drafts survive a restart; a damaged one is set aside."""

from __future__ import annotations

import stat
from pathlib import Path

from deskconsole.storage.drafts import DraftFile


def test_save_load_clear(tmp_path: Path) -> None:
    draft = DraftFile(tmp_path, "intake")
    assert draft.load() is None
    draft.save({"description": "楼上漏水"})
    assert DraftFile(tmp_path, "intake").load() == {"description": "楼上漏水"}
    assert "楼上漏水" in draft.path.read_text(encoding="utf-8")
    assert stat.S_IMODE(draft.path.stat().st_mode) == 0o600
    draft.clear()
    assert draft.load() is None
    draft.clear()


def test_a_damaged_draft_is_moved_aside(tmp_path: Path) -> None:
    draft = DraftFile(tmp_path, "intake")
    draft.path.write_text('{"descr', encoding="utf-8")
    assert draft.load() is None
    assert draft.path.with_suffix(".damaged").read_text(encoding="utf-8") == '{"descr'
