"""Start-up as the clerk meets it: the console started in tmux, timed to its first screen
and to Lookup ready (the resident count shown), on demo stores from empty to 50,000
residents + 100,000 cases; each beside the same console opening the store before its
first frame (as it did before), in the same run. Also RSS after the store is open.

Every figure is the median of three cold starts (a new process each), with its range.
The first start of a size builds the resident index and keeps it as it ends; the next
ones answer from it (``bench_index`` times both paths apart).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import Figure, Sample, scaling

ROOT = Path(__file__).resolve().parents[1]
SIZES = [(0, 0), (5_000, 1_000), (50_000, 100_000)]
RUNS = 3
FIRST_SCREEN = "Lookup"  # the footer's mode key, drawn with the first frame
READY = "Type to search"  # Lookup's hint, shown once its index answers
OPENING = "Opening the store"  # the header while the store is read

#: The console as it started before: the store read before the first frame (the same
#: imports as the command line's, so only the order differs).
READ_FIRST = (
    "import sys; from pathlib import Path; import deskconsole.cli; "
    "from deskconsole.config import RunConfig; from deskconsole.storage import Repository; "
    "from deskconsole.domain.erasure import replay_ledger; "
    "repo = Repository.open(Path(sys.argv[1])); replay_ledger(repo); repo.backup_if_due(); "
    "from deskconsole.ui.app import DeskApp; "
    "DeskApp(repo, RunConfig(Path(sys.argv[1]), 'en', 'x')).run(); repo.close()"
)

RSS_AFTER_OPEN = (
    "import sys; from pathlib import Path; from deskconsole.storage import Repository; "
    "repo = Repository.open(Path(sys.argv[1]), readonly=True); "
    "rss = [l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1]; "
    "print(int(rss) / 1024)"
)

RSS_PLAIN_PARSE = (
    "import sys, orjson; from pathlib import Path; "
    "data = orjson.loads((Path(sys.argv[1]) / 'store.json').read_bytes()); "
    "rss = [l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1]; "
    "print(int(rss) / 1024)"
)


def label(residents: int, cases: int) -> str:
    return f"{residents // 1000}k-{cases // 1000}k" if residents else "empty"


def make_store(data: Path, residents: int, cases: int) -> None:
    """A demo store (desk set up) of this size, made by ``deskconsole demo``."""
    subprocess.run(
        [
            *(sys.executable, "-m", "deskconsole", "demo", "--data-dir", str(data)),
            *("--residents", str(residents), "--cases", str(cases)),
        ],
        check=True,
        capture_output=True,
    )


def one_start(
    command: list[str], data: Path, before_quit: Callable[[], None] | None = None
) -> tuple[float, float]:
    """Milliseconds from starting the console to its first screen, and to Lookup ready
    (``before_quit`` runs once it is ready, before ctrl+q)."""
    timed = timed_start(command, data, before_quit)
    return timed.first, timed.ready


@dataclass(frozen=True)
class Start:
    """Milliseconds from starting the console to each moment of one start."""

    first: float  # the first screen
    ready: float  # Lookup answers (its hint shown; with a name typed, its rows)
    read: float  # the store read (the header no longer says it is opening)
    found: float | None  # the rows of the name typed at start, when one was typed


def timed_start(
    command: list[str],
    data: Path,
    before_quit: Callable[[], None] | None = None,
    typed: tuple[str, str] | None = None,
) -> Start:
    """One start, timed to each moment; ``typed`` = (text, a row it finds): the text
    is typed the moment the console is launched, and ``found`` is when its row shows."""
    from tests.e2e.tmux import Terminal, terminal_env

    start = time.perf_counter()
    term = Terminal(command, terminal_env(data), (120, 40))
    if typed is not None:
        term.type(typed[0])
    first = ready = read = found = None
    opening = False  # the header has said the store is opening
    try:
        # With a name typed, Lookup's hint never shows: its rows are what is waited for.
        while (ready is None and typed is None) or read is None or (typed and found is None):
            screen = term.screen()
            now = (time.perf_counter() - start) * 1000
            if first is None and FIRST_SCREEN in screen:
                first = now
            if ready is None and READY in screen:
                ready = now
                first = first or now
            if OPENING in screen:
                opening = True
            elif read is None and (opening or ready is not None):
                read = now
            if typed is not None and found is None and _shows(screen, *typed):
                found = now
            if "deskconsole: " in screen or "Traceback" in screen:
                raise AssertionError(f"the console failed:\n{screen}")
            if now > 180_000:
                raise AssertionError(f"the console never got ready:\n{screen}")
            time.sleep(0.01)
        if before_quit is not None:
            before_quit()
        term.keys("C-q")
        deadline = time.monotonic() + 120
        while FIRST_SCREEN in term.screen() and time.monotonic() < deadline:
            time.sleep(0.1)  # the next start must find the store free
    finally:
        term.close()
    ready = ready if ready is not None else found
    assert first is not None and ready is not None and read is not None
    return Start(first, ready, read, found)


def _shows(screen: str, text: str, row: str) -> bool:
    """The search box holds ``text`` and a result row starts with ``row``."""
    lines = screen.splitlines()
    return any(text in line for line in lines[:6]) and any(
        line.startswith(f"  {row} ") for line in lines[6:]
    )


def starts(command: list[str], data: Path) -> tuple[Sample, Sample]:
    runs = [one_start(command, data) for _ in range(RUNS)]
    return Sample.of([r[0] for r in runs]), Sample.of([r[1] for r in runs])


def rss_mb(script: str, data: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", script, str(data)], check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip())


def run() -> list[Figure]:
    if shutil.which("tmux") is None:
        return [Figure("start-up, tmux (skipped: no tmux)", 0.0, "-", None, "-")]
    sys.path.insert(0, str(ROOT))
    ours = [sys.executable, "-m", "deskconsole", "--lang", "en", "--staff", "x"]
    before = [sys.executable, "-c", READ_FIRST]
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TMUX_TMPDIR"] = tmp  # a tmux server of its own, shared with nobody,
        # kept up between the consoles by one idle session (the last one closing ends it)
        subprocess.run(["tmux", "new-session", "-d", "-s", "keep", "sleep 86400"], check=True)
        try:
            figures += sizes(ours, before, Path(tmp))
        finally:
            subprocess.run(["tmux", "kill-server"], check=False)
            del os.environ["TMUX_TMPDIR"]
    return figures


def sizes(ours: list[str], before: list[str], tmp: Path) -> list[Figure]:
    """The figures of every size, and how they scale."""
    figures: list[Figure] = []
    first_by_size: dict[str, float] = {}
    ready_by_size: dict[str, float] = {}
    empty_first: Sample | None = None
    for residents, cases in SIZES:
        name = label(residents, cases)
        data = tmp / name
        make_store(data, residents, cases)
        first, ready = starts(ours, data)
        old_first, old_ready = starts([*before, str(data)], data)
        empty_first = empty_first or first
        first_by_size[name] = first.median
        ready_by_size[name] = ready.median
        figures.append(
            Figure.paired(
                f"start -> first screen, tmux, {name}",
                first,
                "store read before the first frame",
                old_first,
                "<= 1,000 ms",
            )
        )
        figures.append(
            Figure.paired(
                f"start -> first screen, {name}, against the empty store's",
                first,
                "empty store",
                empty_first,
                "ratio >= 0.77 (<= 1.3x the empty store's)",
            )
        )
        figures.append(
            Figure.paired(
                f"start -> Lookup ready, tmux, {name}",
                ready,
                "store read before the first frame",
                old_ready,
                "<= 2,000 ms at 50k residents",
            )
        )
        if residents:
            figures.append(
                Figure(
                    f"RSS after open, {name} (MB, not ms)",
                    rss_mb(RSS_AFTER_OPEN, data),
                    "the snapshot parsed by orjson alone (MB)",
                    rss_mb(RSS_PLAIN_PARSE, data),
                    "<= 400 MB at 50k/100k",
                )
            )
    figures.append(scaling("first screen (ms)", first_by_size, "flat: <= 1.3x of empty"))
    figures.append(scaling("Lookup ready (ms)", ready_by_size, "-"))
    return figures
