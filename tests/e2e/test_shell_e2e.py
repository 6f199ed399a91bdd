"""End to end: ``deskconsole --demo`` in a real terminal shows the header and quits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deskconsole.storage import Repository
from tests.e2e.tmux import Terminal, deskconsole_command, needs_tmux, terminal_env

pytestmark = [pytest.mark.e2e, needs_tmux]


def test_demo_console_shows_header_counts_and_quits(tmp_path: Path) -> None:
    term = Terminal(
        deskconsole_command("--demo", "--staff", "颜成玉"),
        terminal_env(tmp_path / "data"),
        (120, 40),
    )
    try:
        term.wait_for("Follow-up", timeout=60)
        with Repository.open(tmp_path / "data" / "demo", readonly=True) as repo:
            counts = repo.cases.counts(date.today())
            assert repo.residents.count() == 4303
        # The header fills in as the counts arrive: wait for all of it.
        wanted = ("金城社区", "Staff: 颜成玉", f"Overdue {counts.overdue}")
        term.wait_for(lambda screen: all(part in screen for part in wanted), timeout=30)
        term.keys("C-q")
        term.wait_for(lambda s: "Follow-up" not in s, timeout=20)
    finally:
        term.close()
