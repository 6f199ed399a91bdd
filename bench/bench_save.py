"""An intake save at 1k, 50k and 100k cases (50,000 residents, two desk sessions a week
over the span), beside the raw durable save and the physical floor, in the same run.

- intake: what ctrl+s does in the process: the household's related open cases, the
  new case numbered and saved in its desk session, then the header's recount (the open
  session and today's counts);
- raw save: ``repo.cases.save`` of one case (one journal line, fsync);
- floor: one append of a case-sized line and ``fsync`` in the same folder.

The three are timed in turn, round after round, so a disk that drifts affects all
three alike; the intake's own work is the intake minus the raw save of the same round.
Each figure is the median of its runs, with the range.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from itertools import count
from pathlib import Path

from bench import Figure, Sample, scaling
from bench.data import NOW, case_docs, fill_store, new_case, resident_docs, session_docs
from deskconsole.domain.intake import IntakeForm, register_case, related_open_cases
from deskconsole.models import Settings
from deskconsole.storage import Repository

SIZES = (1_000, 50_000, 100_000)
RESIDENTS = 50_000
ROUNDS = 60


def _timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def _measure(data_dir: Path, resident_ids: list[str]) -> tuple[Sample, Sample, Sample, Sample]:
    settings = Settings(desk_code="JC")
    numbers = count()
    intake, raw, floor = [], [], []
    with Repository.open(data_dir, now=lambda: NOW) as repo:
        line = (json.dumps(new_case(0).model_dump(mode="json"), ensure_ascii=False) + "\n").encode()
        floor_file = os.open(data_dir / "floor.bin", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for round_no in range(ROUNDS):
                resident_id = resident_ids[round_no * 7919 % len(resident_ids)]
                form = IntakeForm(
                    resident_id=resident_id,
                    request_type="help",
                    category="property",
                    description="地下室灯不亮，是开发商遗留问题",
                )

                def save(form: IntakeForm = form, resident_id: str = resident_id) -> None:
                    related_open_cases(repo, resident_id, form.category)
                    register_case(repo, form, settings=settings, staff="颜成玉", now=NOW)
                    repo.sessions.current()
                    repo.cases.counts(NOW.date(), settings.desk_code)

                def append() -> None:
                    os.write(floor_file, line)
                    os.fsync(floor_file)

                intake.append(_timed(save))
                raw.append(_timed(lambda: repo.cases.save(new_case(next(numbers)))))
                floor.append(_timed(append))
        finally:
            os.close(floor_file)
    beyond = [i - r for i, r in zip(intake, raw, strict=True)]
    return Sample.of(intake), Sample.of(raw), Sample.of(floor), Sample.of(beyond)


def run() -> list[Figure]:
    residents = resident_docs(RESIDENTS)
    ids = [doc["id"] for doc in residents]
    figures: list[Figure] = []
    intake_by_size: dict[str, float] = {}
    beyond_by_size: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            sessions = session_docs(size)
            data = Path(tmp) / f"store-{size}"
            fill_store(data, residents, case_docs(size, residents, sessions=sessions), sessions)
            intake, raw, floor, beyond = _measure(data, ids)
            label = f"{RESIDENTS // 1000}k res + {size // 1000}k cases, {len(sessions)} sessions"
            figures.append(
                Figure.paired(
                    f"intake save -> durable, {label}", intake, "raw save", raw, "<= 10 ms"
                )
            )
            figures.append(
                Figure.paired(f"raw save, {label}", raw, "append + fsync floor", floor, "-")
            )
            figures.append(
                Figure.paired(
                    f"intake work beyond the raw save (same round), {label}",
                    beyond,
                    "-",
                    None,
                    "flat",
                )
            )
            intake_by_size[f"{size // 1000}k"] = intake.median
            beyond_by_size[f"{size // 1000}k"] = beyond.median
    figures.append(scaling("intake save (ms)", intake_by_size, "flat: 100k <= 2x of 1k"))
    figures.append(scaling("intake beyond raw save", beyond_by_size, "flat: 100k <= 2x of 1k"))
    return figures
