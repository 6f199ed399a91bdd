"""End to end: register a case with a Chinese description in a real terminal, find it on
the board and in the day's register, and get an unsaved form back after the console is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from deskconsole.storage import Repository
from tests.e2e.tmux import Terminal, deskconsole_command, needs_tmux, terminal_env
from tests.factories import make_resident

pytestmark = [pytest.mark.e2e, needs_tmux]


def _console_pid(term: Terminal) -> int:
    result = subprocess.run(
        ["tmux", "list-panes", "-t", term.name, "-F", "#{pane_pid}"],
        capture_output=True,
        text=True,
        check=True,
    )
    shell = result.stdout.split()[0]
    children = subprocess.run(
        ["pgrep", "-f", "-P", shell, "deskconsole"], capture_output=True, text=True
    )
    return int(children.stdout.split()[0])


def test_register_a_case_then_find_it_in_the_register(tmp_path: Path) -> None:
    store = tmp_path / "data"
    with Repository.open(store) as repo:
        repo.residents.save(make_resident("江建国", phones=["13905360001"]))
        repo.settings.save(repo.settings.get())  # a desk already set up (its code chosen)
    term = Terminal(deskconsole_command("--staff", "颜成玉"), terminal_env(store), (120, 40))
    try:
        term.wait_for("Follow-up", timeout=60)
        # The whole case in one burst: no waiting for any field to take over.
        term.burst(
            *("<F3>", "jjg", "<Enter>", "2", "<Enter>", "wy", "<Enter>"),
            *("地下室灯不亮，开发商遗留问题", "<C-s>"),
        )
        screen = term.wait_for("Saved JC-")
        number = screen.split("Saved ", 1)[1].split(",", 1)[0]
        term.keys("F4")
        screen = term.wait_for(lambda s: number in s and "Saved" not in s)
        assert "江建国" in screen  # the new card in the registered column
        term.keys("F5")
        screen = term.wait_for(lambda s: number in s and "Registered" not in s)
        assert "地下室灯" in screen  # the preview cuts long matters; the files hold all
        assert "江建国" in screen
        term.keys("C-q")
        term.wait_for(lambda s: number not in s, timeout=20)
    finally:
        term.close()
    with Repository.open(store, readonly=True) as repo:
        case = repo.cases.get(number)
        assert case is not None and case.description == "地下室灯不亮，开发商遗留问题"
        assert case.day == date.today()


def test_a_killed_console_gives_the_typed_form_back(tmp_path: Path) -> None:
    store = tmp_path / "data"
    term = Terminal(deskconsole_command(), terminal_env(store), (100, 30))
    try:
        term.wait_for("Follow-up", timeout=60)
        term.keys("F3")
        term.wait_for("Matter")
        term.keys("M-d")
        term.type("楼上漏水，多次协商未果")
        term.wait_for("楼上漏水")
        draft = store / "draft-intake.json"
        deadline = time.monotonic() + 20
        while not (draft.exists() and "未果" in draft.read_text("utf-8")):
            assert time.monotonic() < deadline, "the draft never reached the disk"
            time.sleep(0.1)
        os.kill(_console_pid(term), signal.SIGKILL)
    finally:
        term.close()
    again = Terminal(deskconsole_command(), terminal_env(store), (100, 30))
    try:
        again.wait_for("Follow-up", timeout=60)
        again.keys("F3")
        screen = again.wait_for("楼上漏水，多次协商未果")
        assert "restored" in screen
        again.keys("C-q")
    finally:
        again.close()
