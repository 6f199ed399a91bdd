"""End to end in a real terminal: a new store asks for its desk code, then imports
another desk's bundle from the command palette."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from deskconsole.storage import Repository
from tests.e2e.tmux import ROOT, Terminal, deskconsole_command, needs_tmux, terminal_env

pytestmark = [pytest.mark.e2e, needs_tmux]


def test_new_desk_sets_its_code_and_imports_a_bundle_in_the_console(tmp_path: Path) -> None:
    other, store, bundle = tmp_path / "jc", tmp_path / "xc", tmp_path / "jc.dcb"
    for args in (
        ("demo", "--residents", "60", "--cases", "40", "--data-dir", str(other)),
        ("bundle", "export", "--out", str(bundle), "--data-dir", str(other)),
    ):
        done = subprocess.run(
            deskconsole_command("--lang", "en", *args),
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=terminal_env(other),
        )
        assert done.returncode == 0, done.stderr
    term = Terminal(deskconsole_command("--staff", "颜成玉"), terminal_env(store), (100, 30))
    try:
        term.wait_for("which desk is this", timeout=60)
        term.type("新城社区")
        term.wait_for("新城社区")
        term.keys("C-s")  # the desk code is still blank: refused, and the code field takes over
        term.wait_for("Desk code: required")
        term.type("xc")
        term.wait_for(lambda s: "│  Desk code        xc" in s)
        term.keys("C-s")
        term.wait_for("Saved: 新城社区, desk code XC.")
        term.keys("C-p")
        term.wait_for("Search for commands")
        term.type("Import bundle")
        # Wait for the whole query to be matched: only the import is left in the list.
        term.wait_for(lambda s: "Merge a bundle from another" in s and "Export bundle" not in s)
        term.keys("Enter")
        term.wait_for("Import a bundle from another desk")
        term.type(str(bundle))
        term.keys("Enter")
        screen = " ".join(term.wait_for("Press Ctrl+S to save").split())  # long lines wrap
        assert "from desk JC (金城社区)" in screen
        assert "Cases: 40 added, 0 updated, 0 unchanged" in screen
        term.keys("C-s")
        term.wait_for("Saved in one batch.")
        term.keys("C-q")
        term.wait_for(lambda s: "Saved in one batch." not in s, timeout=20)
    finally:
        term.close()
    with Repository.open(store, readonly=True) as repo:
        assert repo.settings.get().desk_code == "XC"
        assert repo.settings.get().community == "新城社区"
        assert repo.cases.count() == 40
