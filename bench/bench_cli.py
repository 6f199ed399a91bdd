"""Read-only commands as the clerk runs them: a new process each, timed from start to
exit, on a store of 5,000 residents and 100,000 cases (two desk sessions a week).

- ``deskconsole export`` of one day (csv);
- ``deskconsole stats`` over 30 days;

each beside the same work done the previous way in the same run, in turn with ours
(three runs each): the same imports, the store read whole (every table parsed), then
the register built or the statistics computed over every case. The two exports must
write the same file, or the bench fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench import Figure, Sample
from bench.data import NOW, case_docs, fill_store, resident_docs, session_docs

ROOT = Path(__file__).resolve().parents[1]
RESIDENTS = 5_000
CASES = 100_000
RUNS = 3

#: Export the day the previous way: argv = store, day, output file.
WHOLE_EXPORT = (
    "import sys; from datetime import date, datetime; from pathlib import Path; "
    "import deskconsole.cli; from deskconsole.storage import Repository; "
    "from deskconsole.domain.register import build_register; "
    "from deskconsole.export import audited; "
    "repo = Repository.open(Path(sys.argv[1]), readonly=True); "
    "register = build_register(repo, date.fromisoformat(sys.argv[2]), generated_by='x'); "
    "audited.export_register(repo, register, 'csv', sys.argv[3], staff='x', at=datetime.now()); "
    "repo.close()"
)

#: Statistics the previous way (every case read): argv = store, first day, last day.
WHOLE_STATS = (
    "import sys; from datetime import date; from pathlib import Path; "
    "import deskconsole.cli; from deskconsole.storage import Repository; "
    "from deskconsole.domain.stats import compute; "
    "from deskconsole.cli.register_cmds import stats_lines; "
    "repo = Repository.open(Path(sys.argv[1]), readonly=True); "
    "desk = repo.settings.get().desk_code; "
    "first, last = date.fromisoformat(sys.argv[2]), date.fromisoformat(sys.argv[3]); "
    "cases = (d for d in repo.cases.docs() if (d.get('desk_code') or '') == desk); "
    "sessions = [s for s in repo.sessions.all() if (s.desk_code or desk) == desk]; "
    "print(chr(10).join(stats_lines(compute(cases, sessions, first, last, last), "
    "repo.settings.get())))"
)


def timed(command: list[str]) -> float:
    """Wall milliseconds of one run in a new process (a failed run fails the bench)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, timeout=300, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode:
        raise AssertionError(f"{command[:4]} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def paired(name: str, ours: list[str], whole: list[str], target: str) -> list[Figure]:
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(RUNS):
        mine.append(timed(ours))
        theirs.append(timed(whole))
    return [Figure.paired(name, Sample.of(mine), "store read whole", Sample.of(theirs), target)]


def run() -> list[Figure]:
    residents = resident_docs(RESIDENTS)
    sessions = session_docs(CASES)
    cases = case_docs(CASES, residents, sessions=sessions)
    day = cases[-1]["intake_at"][:10]
    last = NOW.date()
    first = last - timedelta(days=29)
    cli = [sys.executable, "-m", "deskconsole", "--staff", "x"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "store"
        fill_store(data, residents, cases, sessions)
        out = Path(tmp) / "out"
        out.mkdir()
        store = ("--data-dir", str(data))
        figures = paired(
            f"export one day, csv, {CASES:,} cases (new process)",
            [*cli, "export", *store, "--date", day, "--out", f"{out}/ours.csv"],
            [sys.executable, "-c", WHOLE_EXPORT, str(data), day, f"{out}/whole.csv"],
            "<= 1,000 ms",
        )
        if (out / "ours.csv").read_bytes() != (out / "whole.csv").read_bytes():
            raise AssertionError("the two exports differ")
        figures += paired(
            f"stats over 30 days, {CASES:,} cases (new process)",
            [*cli, "stats", *store, "--from", first.isoformat(), "--to", last.isoformat()],
            [sys.executable, "-c", WHOLE_STATS, str(data), first.isoformat(), last.isoformat()],
            "-",
        )
    return figures


if __name__ == "__main__":
    from bench import print_figures

    print_figures(run())
