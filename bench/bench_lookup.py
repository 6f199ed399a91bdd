"""Lookup and roster import, each beside plain TinyDB on the same data in the same run.

- one lookup query over 5,000 and 50,000 residents (median over a mix of names,
  pinyin, initials, phone tails, rooms and ID tails), against a TinyDB ``Query``
  scan (name substring or phone tail: plain TinyDB has no pinyin);
- keystroke to updated results in a real terminal (tmux, ``capture-pane`` polled
  back to back) at 50,000 residents; the figure includes tmux's own latency;
- importing 4,303 roster rows end to end (``deskconsole import-residents`` in a new
  process), against one TinyDB ``JSONStorage`` insert per row after a lookup of the
  same person. That baseline rewrites the whole file on every insert, so it would take
  minutes: it runs on the first 900 rows in three segments, the cost of one row is fitted
  as linear in the rows already in the file, and the total is extrapolated to 4,303
  (the figure's name says so).
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage, MemoryStorage

from bench import Figure, median_ms, once_ms
from deskconsole.domain import demo_data as words
from deskconsole.domain.search import ResidentIndex
from deskconsole.models.text import id_check_char
from deskconsole.storage import Op, Repository

ROOT = Path(__file__).resolve().parents[1]
SIZES = (5_000, 50_000)
QUERIES = 240
BASELINE_QUERIES = 40
ROSTER_ROWS = 4_303
BASELINE_SEGMENTS = 3
BASELINE_SEGMENT_ROWS = 300
COMPOUNDS = (*words.COMPOUNDS, "阳光花园", "幸福里", "金城家园", "和平小区", "锦江苑", "学府佳苑")


# -- data ------------------------------------------------------------------------------------


def residents(count: int, seed: int = 11) -> list[dict[str, Any]]:
    """``count`` resident documents as the store holds them (varied names, real checksums)."""
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        roll = rng.random()
        surname = rng.choice(words.COMPOUND_SURNAMES) if roll < 0.03 else rng.choice(words.SURNAMES)
        given = "".join(rng.choice(words.GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2, 2))))
        id_number = None
        if rng.random() < 0.4:
            first = (
                f"370705{rng.randint(1940, 2010)}{rng.randint(1, 12):02d}"
                f"{rng.randint(1, 28):02d}{rng.randrange(1000):03d}"
            )
            id_number = first + id_check_char(first)
        docs.append(
            {
                "id": f"{seed:04d}{n:028d}",
                "name": surname + given,
                "gender": rng.choice(("male", "female")),
                "phones": [f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"],
                "id_number": id_number,
                "address": {
                    "compound": rng.choice(COMPOUNDS),
                    "building": str(rng.randint(1, 30)),
                    "unit": str(rng.randint(1, 4)),
                    "room": f"{rng.randint(1, 18)}{rng.randint(1, 4):02d}",
                },
                "notes": "",
                "created_at": "2026-01-05T09:00:00",
                "updated_at": "2026-01-05T09:00:00",
            }
        )
    return docs


def queries(docs: list[dict[str, Any]], count: int, seed: int = 5) -> list[str]:
    """What clerks type: names and parts of names, pinyin, initials, phones, rooms, ID tails."""
    from deskconsole.domain.pinyin import name_readings

    rng = random.Random(seed)
    found = []
    for _ in range(count):
        doc = rng.choice(docs)
        reading = name_readings(doc["name"])[0]
        address = doc["address"]
        kind = rng.randrange(8)
        if kind == 0:
            found.append(doc["name"])
        elif kind == 1:
            found.append(doc["name"][:1])
        elif kind == 2:
            found.append("".join(s[0] for s in reading))
        elif kind == 3:
            found.append("".join(reading))
        elif kind == 4:
            found.append(reading[0] + "".join(s[0] for s in reading[1:]))
        elif kind == 5:
            found.append(doc["phones"][0][-4:])
        elif kind == 6:
            found.append(f"{address['building']}-{address['unit']}-{address['room']}")
        else:
            found.append((doc["id_number"] or doc["phones"][0])[-6:])
    return found


# -- lookup ------------------------------------------------------------------------------------


def tinydb_search(table: Any, query: str) -> list[dict[str, Any]]:
    """The plain way: one TinyDB Query over every document (its cache cleared each time)."""
    table.clear_cache()
    pattern = re.escape(query)
    item = Query()
    return table.search(
        item.name.search(pattern) | item.phones.test(lambda ps: any(p.endswith(query) for p in ps))
    )[:50]


def lookup_figures() -> list[Figure]:
    figures = []
    for size in SIZES:
        docs = residents(size)
        build = once_ms(lambda docs=docs: ResidentIndex.build(docs))
        index = ResidentIndex.build(docs)
        mix = queries(docs, QUERIES)
        times = []
        for _ in range(3):
            for text in mix:
                start = time.perf_counter()
                index.search(text, 50)
                times.append((time.perf_counter() - start) * 1000)
        db = TinyDB(storage=MemoryStorage)
        table = db.table("residents")
        table.insert_multiple(docs)
        baseline_mix = mix[:BASELINE_QUERIES]
        baseline = statistics.median(
            median_ms(lambda q=q, t=table: tinydb_search(t, q), 1) for q in baseline_mix
        )
        target = "<= 2 ms" if size <= 5_000 else "<= 20 ms"
        figures.append(
            Figure(
                f"lookup query, {size:,} residents (median of {len(times)})",
                statistics.median(times),
                "TinyDB Query scan",
                baseline,
                target,
            )
        )
        figures.append(
            Figure(
                f"lookup query p95, {size:,} residents",
                sorted(times)[int(len(times) * 0.95)],
                "-",
                None,
                "(worst 5%)",
            )
        )
        figures.append(
            Figure(f"index build, {size:,} residents", build, "-", None, "(once, in a worker)")
        )
    return figures


# -- keystroke to results in a real terminal ------------------------------------------------------


def keystroke_figures(scan_ms: float | None) -> list[Figure]:
    if shutil.which("tmux") is None:
        return [Figure("keystroke to results, tmux (skipped: no tmux)", 0.0, "-", scan_ms, "-")]
    sys.path.insert(0, str(ROOT))
    from tests.e2e.tmux import Terminal, deskconsole_command, terminal_env

    size = SIZES[-1]
    docs = residents(size, seed=23)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "store"
        with Repository.open(data) as repo:
            repo.commit([Op("residents", d["id"], d) for d in docs])
        term = Terminal(deskconsole_command(), terminal_env(data), (120, 40))
        try:
            term.wait_for(f"Type to search {size:,} residents", timeout=120)
            index = ResidentIndex.build(docs)
            targets = [
                d
                for d in docs[:2000]
                if len(index.search(d["name"], 2)) == 1 and len(index.search(d["name"][:-1], 2)) > 1
            ][:20]
            times = []
            for doc in targets:
                name = doc["name"]
                term.type(name[:-1])
                term.wait_for(lambda s, n=name: f"  {n[:-1]} " in s and " residents" in s)
                time.sleep(0.15)  # let the previous search settle before the measured key
                start = time.perf_counter()
                term.type(name[-1])
                while True:
                    screen = term.screen()
                    lines = screen.split("\n")
                    if "1 resident" in lines[5] and name in lines[7]:
                        break
                    if time.perf_counter() - start > 10:
                        raise AssertionError(f"no result for {name}:\n{screen}")
                times.append((time.perf_counter() - start) * 1000)
                clear(term, name)
                if len(times) >= 15:
                    break
            idle = []
            for _ in range(15):
                start = time.perf_counter()
                term.screen()
                idle.append((time.perf_counter() - start) * 1000)
        finally:
            term.keys("C-q")
            time.sleep(1)
            term.close()
    return [
        Figure(
            f"keystroke to results, tmux, {size:,} residents (median of {len(times)})",
            statistics.median(times),
            "TinyDB Query scan alone, no drawing",
            scan_ms,
            "<= 100 ms",
        ),
        Figure(
            f"keystroke to results, tmux, {size:,} residents (worst of {len(times)})",
            max(times),
            "-",
            None,
            "-",
        ),
        Figure(
            "one tmux capture-pane (part of the figures above)",
            statistics.median(idle),
            "-",
            None,
            "-",
        ),
    ]


def clear(term: Any, text: str) -> None:
    term.keys(*["BSpace"] * len(text))
    term.wait_for(lambda s: "Type to search" in s)


# -- import ---------------------------------------------------------------------------------------


def roster_csv(docs: list[dict[str, Any]]) -> bytes:
    """A roster as Chinese Excel saves it: GBK, Chinese headers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["姓名", "性别", "身份证号", "手机", "小区", "楼号", "单元", "房号", "备注"])
    for doc in docs:
        address = doc["address"]
        writer.writerow(
            [
                doc["name"],
                "男" if doc["gender"] == "male" else "女",
                doc["id_number"] or "",
                doc["phones"][0],
                address["compound"],
                address["building"],
                address["unit"],
                address["room"],
                "",
            ]
        )
    return out.getvalue().encode("gb18030")


def tinydb_import(path: Path, rows: list[list[str]]) -> None:
    """The naive import: for each row, look the person up, then insert one document."""
    db = TinyDB(path, storage=JSONStorage, ensure_ascii=False)
    table = db.table("residents")
    item = Query()
    for name, gender, id_number, phone, compound, building, unit, room, notes in rows:
        if id_number and table.search(item.id_number == id_number):
            continue
        if table.search((item.name == name) & item.phones.any([phone])):
            continue
        table.insert(
            {
                "name": name,
                "gender": gender,
                "id_number": id_number or None,
                "phones": [phone],
                "address": {"compound": compound, "building": building, "unit": unit, "room": room},
                "notes": notes,
            }
        )
    db.close()


def extrapolate(points: list[tuple[float, float]], rows: int) -> float:
    """Total ms for ``rows`` inserts when a row costs ``a + b * rows_in_file`` (least squares;
    ``b`` is never taken below zero, which would make the baseline look cheaper than measured)."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = max(sum((x - mean_x) * (y - mean_y) for x, y in points) / spread, 0.0)
    intercept = mean_y - slope * mean_x
    return intercept * rows + slope * rows * (rows - 1) / 2


def import_figures() -> list[Figure]:
    docs = residents(ROSTER_ROWS, seed=31)
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        roster.write_bytes(roster_csv(docs))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "deskconsole", "import-residents", str(roster)]

        def run(data: str) -> None:
            subprocess.run([*command, "--data-dir", data], check=True, env=env, capture_output=True)

        end_to_end = once_ms(lambda: run(str(Path(tmp) / "store")))
        again = once_ms(lambda: run(str(Path(tmp) / "store")))
        rows = list(csv.reader(io.StringIO(roster.read_bytes().decode("gb18030"))))[1:]
        target = Path(tmp) / "tinydb.json"
        points = []  # (rows already in the file at the segment's middle, ms per row)
        for segment in range(BASELINE_SEGMENTS):
            first = segment * BASELINE_SEGMENT_ROWS
            chunk = rows[first : first + BASELINE_SEGMENT_ROWS]
            spent = once_ms(lambda c=chunk: tinydb_import(target, c))
            points.append((first + len(chunk) / 2, spent / len(chunk)))
    extrapolated = extrapolate(points, ROSTER_ROWS)
    measured = BASELINE_SEGMENTS * BASELINE_SEGMENT_ROWS
    baseline_name = f"TinyDB insert per row ({measured} rows measured, extrapolated)"
    return [
        Figure(
            f"import {ROSTER_ROWS:,} rows, end to end (new process)",
            end_to_end,
            baseline_name,
            extrapolated,
            "<= 3,000 ms",
        ),
        Figure(
            f"re-import the same {ROSTER_ROWS:,} rows (all unchanged)",
            again,
            baseline_name,
            extrapolated,
            "(changes nothing)",
        ),
    ]


def run() -> list[Figure]:
    lookups = lookup_figures()
    scan = next(f.baseline_ms for f in lookups if f.name.startswith(f"lookup query, {SIZES[-1]:,}"))
    return lookups + import_figures() + keystroke_figures(scan)


if __name__ == "__main__":
    from bench import print_figures

    print_figures(run())
