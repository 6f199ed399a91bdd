"""End to end: in a real terminal, open the register of a day and export the print page."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskconsole.storage import Repository
from tests import register_data as data
from tests.e2e.tmux import Terminal, deskconsole_command, needs_tmux, terminal_env

pytestmark = [pytest.mark.e2e, needs_tmux]


def test_register_of_a_typed_day_exported_as_html(tmp_path: Path) -> None:
    store = tmp_path / "data"
    with Repository.open(store) as repo:
        data.fill(repo)
    term = Terminal(
        deskconsole_command("--staff", "颜成玉", "--lang", "zh"),
        terminal_env(store),
        (120, 40),
    )
    try:
        term.wait_for("待回访", timeout=60)
        term.burst("<F5>", "d", "2026-11-27", "<Enter>")
        screen = term.wait_for(lambda s: "JC-20261127-005" in s and "受理诉求（件）：5" in s)
        assert "138****8000" in screen
        assert "受理诉求（件）：5" in screen
        term.keys("h")
        screen = term.wait_for("已写入")
        target = store / "exports" / "register-JC-2026-11-27.html"
        assert target.exists()
        assert "JC-20261127-005" in target.read_text("utf-8")
        term.keys("C-q")
        term.wait_for(lambda s: "登记簿" not in s, timeout=20)
    finally:
        term.close()
