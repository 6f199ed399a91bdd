"""End to end: the street's view in a real terminal, at 80x24 and 120x40, in both
languages: w picks one community for the register and the statistics compare them."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskconsole.storage import Repository
from tests import street_data as data
from tests.e2e.tmux import Terminal, deskconsole_command, needs_tmux, terminal_env

pytestmark = [pytest.mark.e2e, needs_tmux]

WORDS = {
    "zh": ("待回访", "范围：金城社区（服务台 JC, JC2）", "银河社区", "街道合计"),
    "en": ("Follow-up", "Covers: 金城社区 (desks JC, JC2)", "银河社区", "Street total"),
}


def squashed(text: str) -> str:
    """``text`` without its line breaks and spaces (a wrapped line reads the same)."""
    return "".join(text.split())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_community_register_and_the_communities_side_by_side(
    tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    store = tmp_path / "data"
    with Repository.open(store) as repo:
        data.fill(repo)
    ready, covers, yinhe, total = WORDS[lang]
    term = Terminal(
        deskconsole_command("--staff", "颜成玉", "--lang", lang), terminal_env(store), size
    )
    try:
        term.wait_for(ready, timeout=60)
        # The register of the data's day, 金城社区's two desks, then the street's figures.
        term.burst("<F5>", "d", "2026-11-27", "<Enter>", "w", "2")
        # The head wraps at 80 columns, where depends on whether a scrollbar is up yet.
        screen = term.wait_for(
            lambda s: "JC2-20261127-001" in s and squashed(covers) in squashed(s)
        )
        assert "YH-20261127-001" not in screen
        term.burst("g", "f", "2026-11-01", "<Tab>", "2026-11-30", "<Enter>", "w", "1")
        screen = term.wait_for(lambda s: total in s and yinhe in s)
        line = next(row for row in screen.splitlines() if row.strip().startswith(yinhe))
        assert line.split()[1:] == ["2", "0", "0.0%", "0.0%"]
    finally:
        term.close()
