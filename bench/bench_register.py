"""Exporting one day's register from a store of 50,000 cases, in each format.

The store is built once per run: demo residents and cases, copied across 1,250 desk
days (40 cases a day) and written as one batch commit. Each figure is the median of a
few exports of one day (read the day's cases, build the register, render, write the
file with fsync). The baseline, measured in the same run, is the naive way: validate
every case in the store into a model, then keep the day's and render the same file.
"""

from __future__ import annotations

import copy
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from bench import Figure, median_ms, once_ms
from deskconsole.domain import demo
from deskconsole.domain.register import assemble, build_register, sessions_on
from deskconsole.domain.stats import stats_for
from deskconsole.export import FORMATS, write
from deskconsole.models import Case, DeskSession, Resident
from deskconsole.storage import Op, Repository
from deskconsole.storage import residents as resident_ops
from deskconsole.storage import sessions as session_ops

CASES = 50_000
PER_DAY = 40
NOW = datetime(2026, 11, 27, 12, 0)
TARGET = "<= 300 ms"


def build_store(data_dir: Path) -> tuple[Repository, date]:
    """A store with ``CASES`` cases; returns it open and the day to export."""
    seed = demo.generate(NOW, residents=4303, cases=400, seed=2022)
    templates = [c.model_dump(mode="json") for c in seed.cases]
    days = CASES // PER_DAY
    first = NOW.date() - timedelta(days=days - 1)
    sessions: list[DeskSession] = []
    ops: list[Op] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        session = DeskSession(
            date=day, compound=seed.sessions[offset % len(seed.sessions)].compound,
            start=time(9, 30), end=time(11, 30), staff=["颜成玉", "王晓丽"],
        )  # fmt: skip
        sessions.append(session)
        for seq in range(1, PER_DAY + 1):
            doc: dict[str, Any] = copy.deepcopy(
                templates[(offset * PER_DAY + seq) % len(templates)]
            )
            doc["number"] = f"JC-{day:%Y%m%d}-{seq:03d}"
            doc["intake_at"] = datetime.combine(day, time(9, 30)).isoformat()
            doc["session_id"] = session.id
            ops.append(Op("cases", doc["number"], doc))
    repo = Repository.open(data_dir)
    repo.commit(
        [resident_ops.op(r) for r in seed.residents] + [session_ops.op(s) for s in sessions] + ops
    )
    return repo, NOW.date() - timedelta(days=3)


def naive_register(repo: Repository, day: date) -> object:
    """The baseline: every case validated, then filtered to the day."""
    cases = [Case.model_validate(doc) for doc in repo.cases.docs()]
    todays = sorted((c for c in cases if c.intake_at.date() == day), key=lambda c: c.number)
    residents: dict[str, Resident] = {}
    for case in todays:
        if case.resident_id and (found := repo.residents.get(case.resident_id)):
            residents[found.id] = found
    sessions = sessions_on(repo.sessions.all(), day)
    return assemble(day, todays, residents, sessions, repo.settings.get())


def run() -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        repo, day = build_store(root / "store")
        try:
            assert repo.cases.count() == CASES
            out = root / "out"
            out.mkdir()
            for fmt in FORMATS:
                write(build_register(repo, day), fmt, out)  # warm imports and caches

                def export(fmt: str = fmt) -> None:
                    write(build_register(repo, day), fmt, out)

                def baseline(fmt: str = fmt) -> None:
                    write(naive_register(repo, day), fmt, out)  # type: ignore[arg-type]

                figures.append(
                    Figure(
                        f"export one day, {fmt}, {CASES:,} cases",
                        median_ms(export, 7),
                        "validate all cases, then filter",
                        once_ms(baseline),
                        TARGET,
                    )
                )
            first = NOW.date() - timedelta(days=29)
            figures.append(
                Figure(
                    f"stats over 30 days, {CASES:,} cases",
                    median_ms(lambda: stats_for(repo, first, NOW.date(), NOW.date()), 5),
                    "validate all cases",
                    once_ms(lambda: [Case.model_validate(d) for d in repo.cases.docs()]),
                    "-",
                )
            )
        finally:
            repo.close()
    return figures


if __name__ == "__main__":
    from bench import print_figures

    print_figures(run())
