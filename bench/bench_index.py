"""The resident index at 50,000 residents: its build, and start-up to Lookup ready, each
beside the previous build (``bench/previous_index.py``) in the same run.

- index build: a new process per run (the pinyin caches cold, as at a console's
  start) that opens the store first, as the console does, then times the build alone;
  ours and the previous build in turn, three runs each. Both must give the same hits,
  or the bench fails.
- start -> Lookup ready (the resident count shown), in tmux, three rounds of cold
  starts: the console with no index kept (it builds one of the residents in the store's
  files before the rest of the store is read, answers from it meanwhile, and keeps it
  once the store is read), the console again (it loads the kept index before the
  store is read, and answers from it meanwhile), and the same console with the previous
  build in place of ours (building at every start, keeping nothing). Beside it: start ->
  store read (Enter, the other modes and the open-case counts wait for it), and start ->
  the rows of a name typed the moment the console is launched.

The store: 50,000 demo residents and 50,000 cases over their desk sessions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

from bench import Figure, Sample
from bench.bench_startup import Start
from bench.data import case_docs, fill_store, resident_docs, session_docs
from deskconsole.models import Settings
from deskconsole.storage import Repository
from deskconsole.storage.store import SEARCH_CACHE_NAME

ROOT = Path(__file__).resolve().parents[1]
RESIDENTS = 50_000
CASES = 50_000
RUNS = 3

#: Times one build in a fresh process, from the store as the console holds it (every
#: document loaded): argv = the store, "ours" or "previous", the queries.
BUILD = """
import sys, time, orjson
from pathlib import Path
from deskconsole.models import OPEN_STATES
from deskconsole.storage import Repository
from deskconsole.storage.store import SEARCH_CACHE_NAME
if sys.argv[2] == "ours":
    from deskconsole.domain.search import ResidentIndex
    build = ResidentIndex.build
else:
    from bench.previous_index import previous_build as build
import pypinyin.pinyin_dict  # loaded by the console before the build starts
repo = Repository.open(Path(sys.argv[1]), readonly=True)
residents, cases = repo.residents.docs(), repo.cases.docs_in_states(OPEN_STATES)
start = time.perf_counter()
index = build(residents, cases)
elapsed = (time.perf_counter() - start) * 1000
hits = [[h.resident_id for h in index.search(q, 50)] for q in sys.argv[3:]]
print(orjson.dumps({"ms": elapsed, "hits": hits}).decode())
"""

#: The console with the previous build in place of ours.
PREVIOUS_CONSOLE = (
    "from bench.previous_index import install; install(); from deskconsole.cli import main; main()"
)

QUERIES = ["张", "zw", "wang", "jg", "xiulan", "1380", "12-2", "李jg", "欧阳"]


def build_once(store: Path, which: str) -> tuple[float, list[list[str]]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", BUILD, str(store), which, *QUERIES],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    found = orjson.loads(out.stdout)
    return float(found["ms"]), found["hits"]


def build_figures(store: Path) -> list[Figure]:
    ours: list[float] = []
    previous: list[float] = []
    for _ in range(RUNS):
        ms, hits = build_once(store, "ours")
        ours.append(ms)
        ms, previous_hits = build_once(store, "previous")
        previous.append(ms)
        if hits != previous_hits:
            raise AssertionError("the two builds disagree on the hits of a query")
    return [
        Figure.paired(
            f"index build, {RESIDENTS:,} residents, cold (new process)",
            Sample.of(ours),
            "previous build",
            Sample.of(previous),
            "(in a worker; lookup ready <= 2,000 ms)",
        )
    ]


#: Typed the moment the console is launched, and the row it finds.
TYPED = ("zhangwei", "张伟")


def ready_figures(data: Path) -> list[Figure]:
    from bench.bench_startup import timed_start

    kept = data / SEARCH_CACHE_NAME
    ours = [sys.executable, "-m", "deskconsole", "--lang", "en", "--staff", "x"]
    previous = [sys.executable, "-c", PREVIOUS_CONSOLE, "--lang", "en", "--staff", "x"]
    built: list[float] = []
    loaded: list[float] = []
    read: list[float] = []
    found: list[float] = []
    first: list[float] = []
    old_ready: list[float] = []
    old_read: list[float] = []
    old_found: list[float] = []
    old_first: list[float] = []

    def written() -> None:
        deadline = time.monotonic() + 120
        while not kept.exists():
            if time.monotonic() > deadline:
                raise AssertionError("the console never kept its index")
            time.sleep(0.05)

    for _ in range(RUNS):
        kept.unlink(missing_ok=True)
        built.append(timed_start(ours, data, written).ready)
        start = timed_start(ours, data)
        first.append(start.first)
        loaded.append(start.ready)
        read.append(start.read)
        found.append(_found(timed_start(ours, data, typed=TYPED)))
        start = timed_start(previous, data)
        old_first.append(start.first)
        old_ready.append(start.ready)
        old_read.append(start.read)
        old_found.append(_found(timed_start(previous, data, typed=TYPED)))
    name = f"start -> Lookup ready, tmux, {RESIDENTS:,} residents + {CASES:,} cases"
    size = f"{RESIDENTS:,} residents + {CASES:,} cases"
    return [
        Figure.paired(
            f"{name}, index kept from the last start",
            Sample.of(loaded),
            "same console, previous build",
            Sample.of(old_ready),
            "<= 2,000 ms",
        ),
        Figure.paired(
            f"{name}, index built (none kept)",
            Sample.of(built),
            "same console, previous build",
            Sample.of(old_ready),
            "<= 2,000 ms",
        ),
        Figure.paired(
            f"start -> rows of {TYPED[0]!r} typed at launch, tmux, {size}, index kept",
            Sample.of(found),
            "same console, previous build",
            Sample.of(old_found),
            "-",
        ),
        Figure.paired(
            f"start -> store read, tmux, {size}, index kept",
            Sample.of(read),
            "same console, previous build",
            Sample.of(old_read),
            "-",
        ),
        Figure.paired(
            f"start -> first screen, tmux, {size}",
            Sample.of(first),
            "same console, previous build",
            Sample.of(old_first),
            "<= 1,000 ms",
        ),
    ]


def _found(start: Start) -> float:
    if start.found is None:
        raise AssertionError("the typed name was never found")
    return start.found


def run() -> list[Figure]:
    sys.path.insert(0, str(ROOT))
    residents = resident_docs(RESIDENTS)
    sessions = session_docs(CASES)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "store"
        fill_store(data, residents, case_docs(CASES, residents, sessions=sessions), sessions)
        with Repository.open(data) as repo:  # a desk set up: no first-start questions
            repo.settings.save(Settings(desk_code="JC", community="bench"))
        figures += build_figures(data)
        if shutil.which("tmux") is None:
            figures.append(Figure("start -> Lookup ready (skipped: no tmux)", 0.0, "-", None, "-"))
            return figures
        os.environ["TMUX_TMPDIR"] = tmp  # a tmux server of its own, kept up by one idle session
        subprocess.run(["tmux", "new-session", "-d", "-s", "keep", "sleep 86400"], check=True)
        try:
            figures += ready_figures(data)
        finally:
            subprocess.run(["tmux", "kill-server"], check=False)
            del os.environ["TMUX_TMPDIR"]
    return figures


if __name__ == "__main__":
    from bench import print_figures

    print_figures(run())
