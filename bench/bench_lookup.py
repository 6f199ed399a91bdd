"""Lookup and roster import, each beside plain TinyDB on the same data in the same run.

- one lookup query over 5,000 and 50,000 residents, for every kind of query clerks
  type (:data:`KINDS`: names, pinyin and initials from the surname or the given name,
  characters mixed with pinyin, phone tails, rooms, ID tails), each the median of three
  passes with their range, against a TinyDB ``Query`` scan (name substring or phone
  tail: plain TinyDB has no pinyin); the p99 over every query; the index's memory;
- keystroke to updated results in a real terminal (tmux, ``capture-pane`` polled
  back to back) at 50,000 residents; the figure includes tmux's own latency;
- importing 4,303 roster rows end to end (``deskconsole import-residents`` in a new
  process), against plain TinyDB done the obvious good way (people matched in dicts,
  one ``insert_multiple``), measured in full, in turn with ours, three times each.
"""

from __future__ import annotations

import csv
import gc
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
import tracemalloc
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage, MemoryStorage

from bench import Figure, Sample, once_ms, sample_ms
from deskconsole.domain import demo_data as words
from deskconsole.domain.search import ResidentIndex
from deskconsole.models.text import id_check_char
from deskconsole.storage import Op, Repository

ROOT = Path(__file__).resolve().parents[1]
SIZES = (5_000, 50_000)
PER_KIND = 40
BASELINE_PER_KIND = 4
RUNS = 3
ROSTER_ROWS = 4_303
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


def _given(doc: dict[str, Any], reading: tuple[str, ...]) -> tuple[str, str]:
    """The surname's characters and the given name's syllables."""
    from deskconsole.domain.pinyin import split_surname

    surname, _ = split_surname(doc["name"])
    return surname, " ".join(reading[len(surname) :]) or reading[-1]


#: Each kind of query clerks type, made from one resident's record.
KINDS: dict[str, Any] = {
    "whole name": lambda d, r, a: d["name"],
    "surname character": lambda d, r, a: d["name"][:1],
    "initials (jjg)": lambda d, r, a: "".join(s[0] for s in r),
    "full pinyin": lambda d, r, a: "".join(r),
    "mixed (jiangjg)": lambda d, r, a: r[0] + "".join(s[0] for s in r[1:]),
    "spaced pinyin": lambda d, r, a: " ".join(r),
    "given name pinyin (jianguo)": lambda d, r, a: _given(d, r)[1].replace(" ", ""),
    "given name initials (jg)": lambda d, r, a: "".join(s[0] for s in _given(d, r)[1].split()),
    "characters + initials (江jg)": lambda d, r, a: (
        _given(d, r)[0] + "".join(s[0] for s in _given(d, r)[1].split())
    ),
    "pinyin + characters (zhang伟)": lambda d, r, a: r[0] + d["name"][1:],
    "phone tail": lambda d, r, a: d["phones"][0][-4:],
    "room": lambda d, r, a: f"{a['building']}-{a['unit']}-{a['room']}",
    "ID or phone tail (6)": lambda d, r, a: (d["id_number"] or d["phones"][0])[-6:],
}


def queries_by_kind(
    docs: list[dict[str, Any]], per_kind: int, seed: int = 5
) -> dict[str, list[str]]:
    """``per_kind`` queries of each kind in :data:`KINDS`, from random residents."""
    from deskconsole.domain.pinyin import name_readings

    rng = random.Random(seed)
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for kind, make in KINDS.items():
        while len(found[kind]) < per_kind:
            doc = rng.choice(docs)
            readings = name_readings(doc["name"])
            if readings and len(readings[0]) >= 2:
                found[kind].append(make(doc, readings[0], doc["address"]))
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


def index_memory_mb(docs: list[dict[str, Any]]) -> float:
    """What the index holds, measured with tracemalloc (pinyin caches warmed first)."""
    ResidentIndex.build(docs)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    index = ResidentIndex.build(docs)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    held = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    del index
    return held / 1e6


def lookup_figures() -> list[Figure]:
    figures = []
    for size in SIZES:
        docs = residents(size)
        build = sample_ms(lambda docs=docs: ResidentIndex.build(docs), 3)
        index = ResidentIndex.build(docs)
        by_kind = queries_by_kind(docs, PER_KIND)
        db = TinyDB(storage=MemoryStorage)
        table = db.table("residents")
        table.insert_multiple(docs)
        every: list[float] = []
        passes: list[float] = []
        for _ in range(RUNS):
            times = []
            for mix in by_kind.values():
                for text in mix:
                    start = time.perf_counter()
                    index.search(text, 50)
                    times.append((time.perf_counter() - start) * 1000)
            passes.append(statistics.median(times))
            every += times
        scan = Sample.of(
            [
                statistics.median(
                    once_ms(lambda q=q, t=table: tinydb_search(t, q))
                    for mix in by_kind.values()
                    for q in mix[:BASELINE_PER_KIND]
                )
                for _ in range(RUNS)
            ]
        )
        figures.append(
            Figure.paired(
                f"lookup query, {size:,} residents, all kinds (median per pass)",
                Sample.of(passes),
                "TinyDB Query scan",
                scan,
                "<= 5 ms",
            )
        )
        every.sort()
        figures.append(
            Figure(
                f"lookup query p99, {size:,} residents ({len(every)} queries)",
                every[int(len(every) * 0.99)],
                "-",
                None,
                "<= 20 ms",
            )
        )
        for kind, mix in by_kind.items():
            per_run = []
            for _ in range(RUNS):
                times = [once_ms(lambda q=q, i=index: i.search(q, 50)) for q in mix]
                per_run.append(statistics.median(times))
            baseline = None
            if kind in ("whole name", "surname character", "phone tail"):
                baseline = Sample.of(
                    [
                        statistics.median(
                            once_ms(lambda q=q, t=table: tinydb_search(t, q))
                            for q in mix[:BASELINE_PER_KIND]
                        )
                        for _ in range(RUNS)
                    ]
                )
            figures.append(
                Figure.paired(
                    f"  {kind}, {size:,}",
                    Sample.of(per_run),
                    "TinyDB Query scan" if baseline else "- (plain TinyDB has no pinyin)",
                    baseline,
                    "<= 5 ms",
                )
            )
        figures.append(
            Figure.paired(f"index build, {size:,} residents", build, "-", None, "(in a worker)")
        )
        figures.append(
            Figure(
                f"index memory, {size:,} residents (MB, tracemalloc)",
                index_memory_mb(docs),
                "-",
                None,
                "(printed)",
            )
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
    """Plain TinyDB done the obvious good way: the people already in the file looked up in
    dicts (by ID number, and by name and phone), the new ones added with one
    ``insert_multiple``, so the file is written once."""
    db = TinyDB(path, storage=JSONStorage, ensure_ascii=False)
    table = db.table("residents")
    by_id = {doc["id_number"] for doc in table.all() if doc.get("id_number")}
    by_name = {(doc["name"], phone) for doc in table.all() for phone in doc.get("phones") or ()}
    new = []
    for name, gender, id_number, phone, compound, building, unit, room, notes in rows:
        if (id_number and id_number in by_id) or (name, phone) in by_name:
            continue
        by_name.add((name, phone))
        if id_number:
            by_id.add(id_number)
        new.append(
            {
                "name": name,
                "gender": gender,
                "id_number": id_number or None,
                "phones": [phone],
                "address": {"compound": compound, "building": building, "unit": unit, "room": room},
                "notes": notes,
            }
        )
    table.insert_multiple(new)
    db.close()


def import_figures() -> list[Figure]:
    docs = residents(ROSTER_ROWS, seed=31)
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        roster.write_bytes(roster_csv(docs))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "deskconsole", "import-residents", str(roster)]
        rows = list(csv.reader(io.StringIO(roster.read_bytes().decode("gb18030"))))[1:]
        first, again, plain, plain_again = [], [], [], []
        for attempt in range(RUNS):
            store = str(Path(tmp) / f"store-{attempt}")
            target = Path(tmp) / f"tinydb-{attempt}.json"

            def ours(data: str = store) -> None:
                subprocess.run(
                    [*command, "--data-dir", data], check=True, env=env, capture_output=True
                )

            def theirs(path: Path = target) -> None:
                tinydb_import(path, rows)

            first.append(once_ms(ours))
            plain.append(once_ms(theirs))
            again.append(once_ms(ours))
            plain_again.append(once_ms(theirs))
    baseline = "TinyDB: dict match + insert_multiple (in process)"
    return [
        Figure.paired(
            f"import {ROSTER_ROWS:,} rows, end to end (new process)",
            Sample.of(first),
            baseline,
            Sample.of(plain),
            "<= 3,000 ms",
        ),
        Figure.paired(
            f"re-import the same {ROSTER_ROWS:,} rows (all unchanged)",
            Sample.of(again),
            baseline,
            Sample.of(plain_again),
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
