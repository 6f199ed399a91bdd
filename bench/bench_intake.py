"""Issue 4's figures: keystrokes and a save on the intake screen, in a real terminal.

The console runs in tmux on a store of 5,000 residents and 50,000 cases; each
figure is the time from sending a key to seeing its effect on the screen
(``capture-pane`` polled back to back, so tmux's own latency is included). The
baseline is the same work on the same residents with no cases, in the same run.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import Figure
from bench.data import case_docs, fill_store, resident_docs

ROUNDS = 8


def _until(term: Any, check: Callable[[str], bool], start: float) -> float:
    while True:
        screen = term.screen()
        if check(screen):
            return (time.perf_counter() - start) * 1000
        if time.perf_counter() - start > 20:
            raise AssertionError(f"timed out; screen was:\n{screen}")


def _measure(data: Path, names: list[str]) -> dict[str, list[float]]:
    from tests.e2e.tmux import Terminal, deskconsole_command, terminal_env

    found: dict[str, list[float]] = {"type": [], "search": [], "save": []}
    term = Terminal(deskconsole_command(), terminal_env(data), (120, 40))
    try:
        term.wait_for("Follow-up", timeout=120)
        term.keys("F3")
        term.wait_for("Matter")
        for round_no, name in enumerate(names[:ROUNDS]):
            term.type(name[:-1])
            term.wait_for(lambda s, n=name: f"{n[:-1]}" in s)
            time.sleep(0.2)
            start = time.perf_counter()
            term.type(name[-1])
            found["search"].append(
                _until(term, lambda s, n=name: f"\n{' ' * 19}{n}  " in s or f"  {n}  " in s, start)
            )
            term.keys("Enter")
            term.wait_for("1 Consultation")
            term.type("2")
            term.keys("Enter")
            term.wait_for("1 Property")
            term.type("1")
            term.keys("Enter")
            term.wait_for(lambda s: "1 Property" not in s)
            for char in "abcde":
                time.sleep(0.1)
                marker = f"lamp{round_no}{char}"
                start = time.perf_counter()
                term.type(marker[-1] if char != "a" else marker)
                typed = f"lamp{round_no}" + "abcde"[: "abcde".index(char) + 1]
                found["type"].append(_until(term, lambda s, m=typed: m in s, start))
            time.sleep(0.2)
            start = time.perf_counter()
            term.keys("C-s")
            found["save"].append(
                _until(term, lambda s: "Saved JC-" in s or "open case" in s, start)
            )
            screen = term.screen()
            if "open case" in screen:
                term.keys("n")
            term.wait_for("Saved JC-")
            time.sleep(0.2)
    finally:
        term.keys("C-q")
        time.sleep(1)
        term.close()
    return found


def run() -> list[Figure]:
    if shutil.which("tmux") is None:
        return [Figure("intake keystrokes (skipped: no tmux)", 0.0, "-", None, "-")]
    residents = resident_docs(5000)
    names = [d["name"] for d in residents[10:400] if len(d["name"]) == 3][::17]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fill_store(root / "big", residents, case_docs(50_000, residents))
        fill_store(root / "none", residents, [])
        big = _measure(root / "big", names)
        none = _measure(root / "none", names)
    labels = {
        "type": "description keystroke to screen",
        "search": "resident keystroke to hits",
        "save": "ctrl+s to 'Saved' (durable)",
    }
    figures = []
    for key, label in labels.items():
        figures.append(
            Figure(
                f"{label}, 50k cases (median)",
                statistics.median(big[key]),
                "same, no cases",
                statistics.median(none[key]),
                "<= 100 ms",
            )
        )
        figures.append(
            Figure(
                f"{label}, 50k cases (worst of {len(big[key])})",
                max(big[key]),
                "same, no cases",
                max(none[key]),
                "<= 100 ms",
            )
        )
    return figures
