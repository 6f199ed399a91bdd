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


def session_docs(cases: int, seed: int = 3) -> list[dict[str, Any]]:
    """Desk sessions two a week over the weeks ``cases`` cases span (as the demo makes
    them); today's, a Friday, still open."""
    rng = random.Random(seed)
    sessions = demo.make_sessions(rng, NOW.date(), "JC", demo.weeks_for(cases))
    return [s.model_dump(mode="json") for s in sessions]


def case_docs(
    count: int,
    residents: list[dict[str, Any]],
    seed: int = 2,
    sessions: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """``count`` cases spread over the desk sessions (``sessions``, else a year of days),
    as JSON documents.

    Template cases are built once by the demo generator; the rest are copies with
    their own number, date, session, resident and state, so a large store builds in seconds.
    """
    rng = random.Random(seed)
    people = [Resident.model_validate(doc) for doc in residents[:200]]
    template_sessions = demo.make_sessions(rng, NOW.date())
    templates = [
        c.model_dump(mode="json")
        for c in demo.make_cases(rng, 500, template_sessions, people, demo.Settings(), NOW)
    ]
    past = [s for s in sessions or () if s["date"] < NOW.date().isoformat()]
    docs = []
    per_day: dict[str, int] = {}
    for index in range(count):
        template = templates[index % len(templates)]
        doc = dict(template)
        if past:
            session = past[index * len(past) // count]
            day = datetime.fromisoformat(session["date"]).replace(hour=9, minute=30)
            doc["session_id"] = session["id"]
        else:
            day = (NOW - timedelta(days=int(365 * index / max(count, 1)))).replace(
                hour=9, minute=30
            )
        stamp = day.strftime("%Y%m%d")
        per_day[stamp] = per_day.get(stamp, 0) + 1
        doc["number"] = f"JC-{stamp}-{per_day[stamp]:03d}"
        doc["intake_at"] = day.isoformat()
        doc["resident_id"] = residents[rng.randrange(len(residents))]["id"]
        docs.append(doc)
    return docs


def fill_store(
    data_dir: Path,
    residents: list[dict[str, Any]],
    cases: list[dict[str, Any]],
    sessions: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> None:
    """Write the documents into a new store in one batch and compact it."""
    with Repository.open(data_dir) as repo:
        repo.commit(
            [Op("residents", doc["id"], doc) for doc in residents]
            + [Op("sessions", doc["id"], doc) for doc in sessions]
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
