"""Issue 2's figures: a durable save, opening a large store, generating the demo."""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from bench import Figure, median_ms, once_ms
from bench.data import case_docs, fill_store, new_case, resident_docs
from deskconsole.domain import demo
from deskconsole.storage import Repository
from deskconsole.storage import store as store_module


def _save_median(data_dir: Path, repeat: int) -> float:
    with Repository.open(data_dir) as repo:
        counter = iter(range(10**6))
        return median_ms(lambda: repo.cases.save(new_case(next(counter))), repeat)


def _saves_beside_compaction(data_dir: Path) -> tuple[float, float, float]:
    """(longest save while a compaction runs, median of those saves, a compaction's time).

    The compaction's own time is what every save waited when it ran in the save.
    """
    with Repository.open(data_dir) as repo:
        counter = iter(range(10**6))
        threshold = store_module.COMPACT_AT_BYTES
        store_module.COMPACT_AT_BYTES = 0  # the next save starts a compaction
        try:
            times = [once_ms(lambda: repo.cases.save(new_case(next(counter))))]
        finally:
            store_module.COMPACT_AT_BYTES = threshold
        compactor = repo.store._compactor
        assert compactor is not None
        while compactor.is_alive():
            times.append(once_ms(lambda: repo.cases.save(new_case(next(counter)))))
        whole = once_ms(repo.store.compact)
    return max(times), statistics.median(times), whole


def _plain_tinydb_insert(
    path: Path, residents: list[dict], cases: list[dict], repeat: int
) -> float:
    with TinyDB(path, storage=JSONStorage, ensure_ascii=False) as db:
        db.table("residents").insert_multiple(residents)
        db.table("cases").insert_multiple(cases)
        counter = iter(range(10**6))
        table = db.table("cases")
        return median_ms(
            lambda: table.insert(new_case(next(counter)).model_dump(mode="json")), repeat
        )


def _open_median(data_dir: Path, repeat: int) -> float:
    """Median time to open; the previous store is freed outside the timed part."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        repo = Repository.open(data_dir, readonly=True)
        times.append((time.perf_counter() - start) * 1000)
        del repo
        gc.collect()
    return statistics.median(times)


def run() -> list[Figure]:
    figures = []
    residents = resident_docs(5000)
    big = case_docs(50_000, residents)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fill_store(root / "big", residents, big)
        fill_store(root / "small", residents, big[:1000])
        at_50k = _save_median(root / "big", 200)
        at_1k = _save_median(root / "small", 200)
        plain = _plain_tinydb_insert(root / "plain.json", residents, big, 3)
        figures.append(
            Figure(
                "save 1 case, 5k res + 50k cases",
                at_50k,
                "plain TinyDB JSONStorage insert",
                plain,
                "<= 5 ms, >= 100x",
            )
        )
        figures.append(
            Figure(
                "save 1 case, 5k res + 1k cases",
                at_1k,
                "same save at 50k cases",
                at_50k,
                "50k <= 2x of 1k",
            )
        )
        worst, typical, stall = _saves_beside_compaction(root / "big")
        figures.append(
            Figure(
                "longest save during a compaction, 50k",
                worst,
                "compaction inside the save (before)",
                stall,
                "<= 50 ms",
            )
        )
        figures.append(
            Figure(
                "median save during a compaction, 50k",
                typical,
                "save with no compaction, 50k",
                at_50k,
                "<= 2x of plain",
            )
        )
        open_ms = _open_median(root / "big", 3)
        plain_open = median_ms(
            lambda: TinyDB(root / "plain.json", storage=JSONStorage).table("cases").all(), 3
        )
        figures.append(
            Figure(
                "open 5k residents + 50k cases",
                open_ms,
                "plain TinyDB open + read cases",
                plain_open,
                "<= 1000 ms",
            )
        )

        def generate_and_fill() -> None:
            target = root / f"demo-{datetime.now().timestamp()}"
            with Repository.open(target) as repo:
                demo.fill(repo, demo.generate(datetime.now()))

        gen_ms = once_ms(generate_and_fill)
        data = demo.generate(datetime.now())
        docs = [r.model_dump(mode="json") for r in data.residents]
        case_json = [c.model_dump(mode="json") for c in data.cases]

        def plain_fill() -> None:
            with TinyDB(root / "plain-demo.json", storage=JSONStorage) as db:
                db.table("residents").insert_multiple(docs)
                db.table("cases").insert_multiple(case_json)

        figures.append(
            Figure(
                "demo: generate + write 4,303 res",
                gen_ms,
                "plain TinyDB insert_multiple of it",
                once_ms(plain_fill),
                "<= 5000 ms",
            )
        )
    return figures
