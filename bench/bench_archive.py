"""The yearly archive at 50,000 residents and 100,000 cases over five years (two desk
sessions a week, demo data): the store with the cases that ended over a year ago
archived, beside the very same store with every case live, in the same run.

- RSS after open (a new process opening the store, three runs each);
- opening the store (a new process, three runs each);
- the register of a day four years back, exported as a whole process (``deskconsole
  export``: its cases read from the archive file of their year), both exports checked
  to be the same file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench import Figure, Sample
from deskconsole.domain import demo
from deskconsole.models import Settings
from deskconsole.storage import Repository

ROOT = Path(__file__).resolve().parents[1]
RESIDENTS = 50_000
CASES = 100_000
#: Sessions of 200 cases: 100,000 cases span five years of two sessions a week.
CASES_PER_SESSION = 200
RUNS = 3

RSS_AFTER_OPEN = (
    "import sys; from pathlib import Path; from deskconsole.storage import Repository; "
    "repo = Repository.open(Path(sys.argv[1]), readonly=True); "
    "rss = [l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1]; "
    "print(int(rss) / 1024)"
)
OPEN = (
    "import sys; from pathlib import Path; from deskconsole.storage import Repository; "
    "Repository.open(Path(sys.argv[1]), readonly=True)"
)


def _run(command: list[str]) -> tuple[float, str]:
    """Wall milliseconds and output of one new process (a failed run fails the bench)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, timeout=600, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode:
        raise AssertionError(f"{command[:4]} failed: {done.stderr.decode(errors='replace')}")
    return elapsed, done.stdout.decode()


def make_store(data: Path, now: datetime, archive_after_days: int) -> None:
    """The five-year demo store, its old cases archived or (0) all live."""
    demo.CASES_PER_SESSION, kept = CASES_PER_SESSION, demo.CASES_PER_SESSION
    try:
        made = demo.generate(now, RESIDENTS, CASES)
    finally:
        demo.CASES_PER_SESSION = kept
    settings = Settings(archive_after_days=archive_after_days)
    with Repository.open(data) as repo:
        demo.fill(repo, made, settings)


def paired(name: str, ours: list[str], live: list[str], target: str, rss: bool) -> Figure:
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(RUNS):
        for command, into in ((ours, mine), (live, theirs)):
            elapsed, out = _run(command)
            into.append(float(out) if rss else elapsed)
    return Figure.paired(name, Sample.of(mine), "every case live", Sample.of(theirs), target)


def run() -> list[Figure]:
    now = datetime.now()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        archived, live = Path(tmp) / "archived", Path(tmp) / "live"
        make_store(archived, now, 365)
        make_store(live, now, 0)
        with Repository.open(archived, readonly=True) as repo:
            held = repo.cases.archive.count()
            if not held:
                raise AssertionError("nothing was archived")
            day = (now - timedelta(days=4 * 365)).date()
            while not repo.cases.taken_on(day):
                day += timedelta(days=1)
        size = f"{RESIDENTS // 1000}k/{CASES // 1000}k over five years, {held:,} archived"
        figures = [
            paired(
                f"RSS after open, {size} (MB, not ms)",
                [py, "-c", RSS_AFTER_OPEN, str(archived)],
                [py, "-c", RSS_AFTER_OPEN, str(live)],
                "<= 400 MB",
                rss=True,
            ),
            paired(
                f"open the store, {size} (new process)",
                [py, "-c", OPEN, str(archived)],
                [py, "-c", OPEN, str(live)],
                "-",
                rss=False,
            ),
        ]
        cli = [py, "-m", "deskconsole", "--staff", "x", "export", "--date", day.isoformat()]
        figures.append(
            paired(
                f"export {day} (archived), csv (new process)",
                [*cli, "--data-dir", str(archived), "--out", f"{tmp}/archived.csv"],
                [*cli, "--data-dir", str(live), "--out", f"{tmp}/live.csv"],
                "<= 1,000 ms",
                rss=False,
            )
        )
        if Path(f"{tmp}/archived.csv").read_bytes() != Path(f"{tmp}/live.csv").read_bytes():
            raise AssertionError("the exports of the archived day differ")
    return figures


if __name__ == "__main__":
    from bench import print_figures

    print_figures(run())
