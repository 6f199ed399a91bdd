"""End to end: import a roster on the command line, then find residents in a real terminal."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.tmux import ROOT, Terminal, deskconsole_command, needs_tmux, terminal_env

pytestmark = [pytest.mark.e2e, needs_tmux]

ROSTER = """姓名,性别,手机,小区,楼号,单元,房号
江建国,男,13800138000,金域华府,12,2,301
李秀英,女,0536-8881234,金域华府,12,2,301
张伟,男,13912345678,金域华府,3,1,1101
张伟,男,13712340000,锦绣苑,2,3,1102
欧阳秀兰,女,15000001111,文华园,7,2,402
曾小贤,男,18600002222,锦绣苑,9,1,201
"""


def clear(term: Terminal, text: str) -> None:
    """Delete what was typed and wait until the empty box shows, before typing on."""
    term.keys(*["BSpace"] * len(text))
    term.wait_for("Type to search")


def test_find_by_characters_and_initials_and_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    roster = tmp_path / "roster.csv"
    roster.write_bytes(ROSTER.encode("gb18030"))
    env = terminal_env(data)
    result = subprocess.run(
        deskconsole_command("import-residents", str(roster), "--data-dir", str(data)),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "6 added, 0 updated, 0 unchanged, 0 skipped." in result.stdout

    term = Terminal(deskconsole_command("--staff", "颜成玉"), env, (120, 40))
    try:
        term.wait_for("Type to search 6 residents", timeout=60)
        term.type("张伟")
        screen = term.wait_for("2 of 6 residents")
        assert "金域华府 3-1-1101" in screen
        assert "锦绣苑 2-3-1102" in screen
        assert "江建国" not in screen
        clear(term, "张伟")
        term.type("oyxl")
        screen = term.wait_for("1 of 6 residents")
        assert "欧阳秀兰" in screen
        assert "文华园 7-2-402" in screen
        clear(term, "oyxl")
        term.type("cxx")
        screen = term.wait_for("曾小贤")
        clear(term, "cxx")
        term.type("１２－２－３０１")
        screen = term.wait_for("2 of 6 residents")
        assert "江建国" in screen and "李秀英" in screen
        term.keys("Enter")
        screen = term.wait_for("Also living at")
        assert "金域华府12号楼2单元301室" in screen
        term.keys("C-q")
        term.wait_for(lambda s: "Also living at" not in s, timeout=20)
    finally:
        term.close()
