"""End to end at 80x24, in both languages: the header, the board's counts, the footer's
keys, the F1 help and the palette, as a terminal shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deskconsole.storage import Repository
from tests.e2e.tmux import Terminal, deskconsole_command, needs_tmux, terminal_env
from tests.ui.board_data import fill_board

pytestmark = [pytest.mark.e2e, needs_tmux]

WORDS = {
    "en": {
        "staff": "Staff: 颜成玉",
        "more": "f1 More keys",
        "move": "m Move to",
        "help": "On this screen",
        "editing": "Next field",
        "palette": "Search for commands",
        "query": "yuyan",
        "switched": "界面语言：简体中文",
    },
    "zh": {
        "staff": "值班：颜成玉",
        "more": "f1 更多按键",
        "move": "m 转到",
        "help": "本界面",
        "editing": "下一项",
        "palette": "搜索命令",
        "query": "yuyan",
        "switched": "Language: English",
    },
}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_desk_day_at_80_columns(tmp_path: Path, language: str) -> None:
    words = WORDS[language]
    data_dir = tmp_path / "data"
    with Repository.open(data_dir) as repo:
        fill_board(repo)
        repo.settings.save(repo.settings.get())  # a desk already set up (its code chosen)
    term = Terminal(
        deskconsole_command("--staff", "颜成玉", "--lang", language),
        terminal_env(data_dir),
        (80, 24),
    )
    try:
        screen = term.wait_for(words["staff"], timeout=60)
        assert words["staff"] in screen.splitlines()[0]
        term.keys("F4")
        screen = term.wait_for(lambda s: "JC-20261124-001" in s and words["move"] in s)
        lines = screen.splitlines()
        # Every column's count on the top line (five live columns), every key one press away.
        assert len(re.findall(r"\S+ \d+", lines[1])) >= 5, lines[1]
        assert words["more"] in lines[-1], lines[-1]
        term.keys("F1")
        term.wait_for(words["help"])
        term.keys("End")
        term.wait_for(words["editing"])
        term.keys("Escape")
        term.wait_for(lambda s: words["help"] not in s and words["move"] in s)
        term.keys("C-p")
        term.wait_for(words["palette"])
        term.type(words["query"])
        term.wait_for("English / 中文" if language == "en" else "界面语言")
        term.keys("Enter")
        term.wait_for(words["switched"])
    finally:
        term.close()
