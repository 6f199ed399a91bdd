"""Burst intake: whole cases sent at full speed into a store of 50,000 residents.

Each case (F3, the resident, type, category, matter, save) goes to the console in one
tmux command, all cases back to back; the figure is the time per case until every one
is stored, and the name says how many landed exactly right (resident, type, category,
matter, party). The baseline is the same cases typed with a pause before each field, as
a clerk who watches the screen would, in the same run.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench import Figure
from deskconsole.storage import Repository

PAUSE = 0.3  # seconds between fields for the paced baseline


def _store(root: Path) -> Path:
    from tests.e2e.test_burst_e2e import FILLER, WANTED, filler

    data = root / "data"
    with Repository.open(data) as repo:
        repo.residents.save_many(filler(FILLER), touch=False)
        repo.residents.save_many([c.resident for c in WANTED], touch=False)
    return data


def _run(data: Path, paced: bool) -> tuple[float, int]:
    """Seconds per case until all are stored, and how many are exactly right."""
    from tests.e2e.test_burst_e2e import WANTED, keys_for
    from tests.e2e.tmux import Terminal, deskconsole_command, terminal_env

    term = Terminal(deskconsole_command("--staff", "颜成玉"), terminal_env(data), (120, 40))
    try:
        term.wait_for("Follow-up", timeout=180)
        start = time.perf_counter()
        for case in WANTED:
            parts = keys_for(case)
            if paced:
                for part in parts:
                    term.burst(part)
                    time.sleep(PAUSE)
            else:
                term.burst(*parts)
        deadline = time.monotonic() + 600
        while True:
            with Repository.open(data, readonly=True) as repo:
                cases = sorted(repo.cases.all(), key=lambda c: c.number)
            if len(cases) >= len(WANTED) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - start
        term.keys("C-q")
    finally:
        term.close()
    right = sum(
        1
        for case, want in zip(cases, WANTED, strict=False)
        if case.resident_id == want.resident.id
        and case.request_type == want.request_type
        and case.category == want.category
        and case.description == want.matter
        and (case.party.kind if case.party else None) == want.party
    )
    return elapsed / len(WANTED), right


def run() -> list[Figure]:
    if shutil.which("tmux") is None:
        print("bench_burst: tmux is not installed; skipped")
        return []
    from tests.e2e.test_burst_e2e import WANTED

    root = Path(tempfile.mkdtemp(prefix="bench-burst-"))
    try:
        burst_store = _store(root / "burst")
        paced_store = root / "paced"
        shutil.copytree(burst_store.parent, paced_store)
        burst_s, burst_right = _run(burst_store, paced=False)
        paced_s, paced_right = _run(paced_store / "data", paced=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    n = len(WANTED)
    return [
        Figure(
            f"burst intake at 50k residents: {burst_right}/{n} right (paced {paced_right}/{n})",
            burst_s * 1000,
            "same cases, a pause before each field",
            paced_s * 1000,
            f"{n}/{n} right",
        )
    ]
