"""Large stores for benchmarks, built quickly as raw documents in one batch."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from deskconsole.domain import demo
from deskconsole.models import Case, Resident
from deskconsole.storage import Op, Repository

NOW = datetime(2026, 11, 27, 10, 0)


def resident_docs(count: int, seed: int = 1) -> list[dict[str, Any]]:
    """``count`` demo residents as JSON documents."""
    rng = random.Random(seed)
    return [r.model_dump(mode="json") for r in demo.make_residents(rng, count, NOW.date())]


def case_docs(count: int, residents: list[dict[str, Any]], seed: int = 2) -> list[dict[str, Any]]:
    """``count`` cases spread over a year of desk sessions, as JSON documents.

    A template case is built once by the demo generator; the rest are copies with
    their own number, date, resident and state, so a large store builds in seconds.
    """
    rng = random.Random(seed)
    sessions = demo.make_sessions(rng, NOW.date())
    people = [Resident.model_validate(doc) for doc in residents[:200]]
    templates = [
        c.model_dump(mode="json")
        for c in demo.make_cases(rng, 200, sessions, people, demo.Settings(), NOW)
    ]
    docs = []
    per_day: dict[str, int] = {}
    for index in range(count):
        template = templates[index % len(templates)]
        day = NOW - timedelta(days=int(365 * index / max(count, 1)))
        stamp = day.strftime("%Y%m%d")
        per_day[stamp] = per_day.get(stamp, 0) + 1
        doc = dict(template)
        doc["number"] = f"JC-{stamp}-{per_day[stamp]:03d}"
        doc["intake_at"] = day.replace(hour=9, minute=30).isoformat()
        doc["resident_id"] = residents[index % len(residents)]["id"]
        docs.append(doc)
    return docs


def fill_store(
    data_dir: Path, residents: list[dict[str, Any]], cases: list[dict[str, Any]]
) -> None:
    """Write the documents into a new store in one batch and compact it."""
    with Repository.open(data_dir) as repo:
        repo.commit(
            [Op("residents", doc["id"], doc) for doc in residents]
            + [Op("cases", doc["number"], doc) for doc in cases]
        )


def new_case(index: int) -> Case:
    """A fresh case to save in a benchmark."""
    return Case.model_validate(
        {
            "number": f"BC-20261127-{index % 9000 + 1:03d}",
            "desk_code": "BC",
            "intake_at": NOW.isoformat(),
            "request_type": "help",
            "category": "property",
            "description": "地下室灯不亮，是开发商遗留问题",
        }
    )
