"""Bundles between two desks: export, first import, a second import of the same file.

Desk A holds demo data (4,303 residents, 10,000 cases); desk B starts empty with its
own desk code. Figures, each beside a baseline measured in the same run:

- export everything from A (collect, checksum, write with fsync), beside writing the
  same documents with the standard library's ``json`` and an fsync;
- the first import into B (read, check, merge, one batch), beside saving the same
  cases one ``save`` (one fsync) at a time;
- importing the same bundle again (everything unchanged, nothing written), beside
  parsing the file and validating its records, the least a checked import does;
- importing one day's bundle into a store that already has the rest.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path

import orjson

from bench import Figure, median_ms, once_ms
from deskconsole.domain import demo
from deskconsole.domain.bundle import collect, export_bundle, import_bundle, read_bundle
from deskconsole.domain.desk import update_desk
from deskconsole.models import Case, Resident
from deskconsole.storage import Repository

RESIDENTS = 4303
CASES = 10_000
NOW = datetime(2026, 11, 27, 16, 0)


def _json_export(repo: Repository, path: Path) -> None:
    body = {
        "residents": repo.residents.docs(),
        "sessions": [s.model_dump(mode="json") for s in repo.sessions.all()],
        "cases": repo.cases.docs(),
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(body, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())


def _validate_only(path: Path) -> None:
    """The least a checked import does: parse the file, validate every record."""
    body = orjson.loads(path.read_bytes())["body"]
    for doc in body["residents"]:
        Resident.model_validate(doc)
    for doc in body["cases"]:
        Case.model_validate(doc)


def run() -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        a = Repository.open(root / "a", now=lambda: NOW)
        b = Repository.open(root / "b", now=lambda: NOW)
        naive = Repository.open(root / "naive", now=lambda: NOW)
        try:
            demo.fill(a, demo.generate(NOW, residents=RESIDENTS, cases=CASES, seed=7))
            update_desk(b, community="新城社区", desk_code="XC")
            path = root / "a.dcb"
            figures.append(
                Figure(
                    f"export everything, {CASES:,} cases",
                    median_ms(lambda: export_bundle(a, path, None, NOW, staff="bench"), 3),
                    "json.dump + fsync",
                    median_ms(lambda: _json_export(a, root / "plain.json"), 3),
                    "-",
                )
            )
            cases = [Case.model_validate(doc) for doc in read_bundle(path).cases]
            figures.append(
                Figure(
                    f"first import, {CASES:,} cases",
                    once_ms(lambda: import_bundle(b, path)),
                    "one save per case",
                    once_ms(lambda: [naive.cases.save(case) for case in cases]),
                    "-",
                )
            )
            figures.append(
                Figure(
                    f"same bundle again, {CASES:,} unchanged",
                    median_ms(lambda: import_bundle(b, path), 3),
                    "parse + validate its records",
                    median_ms(lambda: _validate_only(path), 3),
                    "-",
                )
            )
            day = root / "day.dcb"
            bundle = collect(a, NOW.date(), NOW)
            export_bundle(a, day, NOW.date(), NOW, staff="bench")
            figures.append(
                Figure(
                    f"one day's bundle ({len(bundle.cases)} cases) into {CASES:,}",
                    median_ms(lambda: import_bundle(b, day), 5),
                    "-",
                    None,
                    "-",
                )
            )
        finally:
            a.close()
            b.close()
            naive.close()
    return figures


if __name__ == "__main__":
    from bench import print_figures

    print_figures(run())
