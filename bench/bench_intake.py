"""Issue 4's figures: keystrokes and a save on the intake screen with 50,000 cases.

Measured in-process with Textual's Pilot (headless): the time from a key press to
the screen having processed it, including the resident search and the durable save.
The baseline is the same work on a store with no cases, in the same run.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bench import Figure
from bench.data import NOW, case_docs, fill_store, resident_docs
from deskconsole.config import RunConfig
from deskconsole.storage import Repository
from deskconsole.ui.app import DeskApp


async def _measure(data_dir: Path) -> dict[str, float]:
    repo = Repository.open(data_dir)
    app = DeskApp(repo, RunConfig(data_dir, "en", "bench"), clock=lambda: NOW)
    figures: dict[str, list[float]] = {"type": [], "search": [], "save": []}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("f3")
            await app.workers.wait_for_complete()
            for round_no in range(5):
                for key in ("z", "w"):
                    start = time.perf_counter()
                    await pilot.press(key)
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                    figures["search"].append((time.perf_counter() - start) * 1000)
                await pilot.press("down", "enter", "2", "enter", "1", "enter")
                for char in "地下室灯不亮开发商遗留问题":
                    start = time.perf_counter()
                    await pilot.press(char)
                    figures["type"].append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                await pilot.press("ctrl+s")
                await pilot.pause()
                figures["save"].append((time.perf_counter() - start) * 1000)
                if app.screen.__class__.__name__ == "RelatedCasesDialog":
                    await pilot.press("n")
                    await pilot.pause()
                assert repo.cases.count() >= round_no + 1
    finally:
        repo.close()
    return {name: max(values) for name, values in figures.items()}


def run() -> list[Figure]:
    residents = resident_docs(5000)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fill_store(root / "big", residents, case_docs(50_000, residents))
        fill_store(root / "empty", residents, [])
        big = asyncio.run(_measure(root / "big"))
        empty = asyncio.run(_measure(root / "empty"))
    labels = {
        "type": "slowest keystroke in the description",
        "search": "slowest resident-search keystroke",
        "save": "slowest ctrl+s (durable save)",
    }
    return [
        Figure(f"{labels[name]}, 50k cases", big[name], "same, no cases", empty[name], "<= 100 ms")
        for name in labels
    ] + [Figure("median of the three, 50k cases", statistics.median(big.values()), "-", None, "-")]
