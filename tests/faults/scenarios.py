"""The writing paths under test: how each starts, what it does, which states may follow.

Each scenario prepares a data directory, then an action runs in the child and calls
``ack(label)`` after each save that returned (acknowledged) and ``refused(label)`` for
each save that raised. The states it may leave are the tables before the action and
after each acknowledged step, as a run without faults produces them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson

from deskconsole.domain import demo
from deskconsole.domain.archiving import archive_due
from deskconsole.domain.erasure import erase
from deskconsole.models import Case, CaseState
from deskconsole.storage import Repository, Store, StoreError
from deskconsole.storage import store as store_module
from deskconsole.storage.restore import restore_backup
from tests.factories import make_case, make_resident

NOW = datetime(2026, 11, 27, 10)
Report = Callable[[str], None]


def _open(data_dir: Path) -> Repository:
    repo = Repository.open(data_dir, now=lambda: NOW)
    repo.store.compact_in_background = False  # one thread: the same calls in every run
    return repo


# Built once, before any child is forked: every run saves the very same documents.
CASES = {
    n: make_case(f"JC-20261127-{n:03d}", description=f"第{n}件 " + "x" * 200, updated_at=NOW)
    for n in range(1, 10)
}
DEMO = demo.generate(NOW, residents=12, cases=6, seed=5)
RESIDENTS = [make_resident("王秀英", id=f"r{n}", phones=[], created_at=NOW) for n in (1, 2)]


def _case(n: int) -> Case:
    return CASES[n]


def _base_store(data_dir: Path) -> None:
    """Three cases in the snapshot, two in the journal (as a crash leaves it)."""
    repo = _open(data_dir)
    for n in (1, 2, 3):
        repo.cases.save(_case(n))
    repo.store.compact()
    for n in (4, 5):
        repo.cases.save(_case(n))
    repo.store._close_files()


def _save_path(data_dir: Path, ack: Report, refused: Report) -> None:
    store_module.COMPACT_AT_BYTES = 2_000  # the second save compacts
    repo = _open(data_dir)
    steps = [
        ("case 6", lambda: repo.cases.save(_case(6))),
        ("case 7", lambda: repo.cases.save(_case(7))),
        (
            "2 residents",
            lambda: repo.residents.save_many(RESIDENTS),
        ),
    ]
    try:
        for label, step in steps:
            try:
                step()
            except StoreError:
                refused(label)
                raise
            ack(label)
    finally:
        repo.close()


PERSON = make_resident("欧阳秀英", id="r9", phones=["13905361234"], created_at=NOW, updated_at=NOW)


def _person_store(data_dir: Path) -> None:
    """A resident with a case, to be erased."""
    _base_store(data_dir)
    repo = _open(data_dir)
    repo.residents.save_many([PERSON], touch=False)
    repo.cases.save(make_case("JC-20261127-009", resident_id="r9", updated_at=NOW))
    repo.store._close_files()


def _erase(data_dir: Path, ack: Report, refused: Report) -> None:
    repo = _open(data_dir)
    try:
        try:
            erase(repo, "r9", "居民申请删除", staff="颜成玉", now=NOW)
        except StoreError:
            refused("erase")
            raise
        ack("erase")
    finally:
        repo.close()


def _compaction(data_dir: Path, ack: Report, refused: Report) -> None:
    repo = _open(data_dir)
    try:
        repo.store.compact()
    finally:
        repo.store._close_files()


def _with_backups(data_dir: Path) -> None:
    _base_store(data_dir)
    for day in (20, 21):
        with Repository.open(data_dir, now=lambda day=day: datetime(2026, 11, day, 9)) as repo:
            repo.store.backup_now()


def _backup(data_dir: Path, ack: Report, refused: Report) -> None:
    store = Store.open(data_dir, readonly=True, now=lambda: NOW)
    store.backups_keep = 2  # rotation deletes the oldest
    store.backup_now()


def _damaged_with_backup(data_dir: Path) -> None:
    _with_backups(data_dir)
    repo = _open(data_dir)
    repo.cases.save(_case(8))
    repo.store._close_files()
    snapshot = data_dir / "store.json"
    snapshot.write_bytes(snapshot.read_bytes().replace("第2件".encode(), "第9件".encode()))


def _restore(data_dir: Path, ack: Report, refused: Report) -> None:
    restore_backup(data_dir, None, NOW)


def _demo(data_dir: Path, ack: Report, refused: Report) -> None:
    repo = _open(data_dir)
    try:
        demo.fill(repo, DEMO)
        ack("demo")
    finally:
        repo.close()


def _closed_on(number: str, state: CaseState = CaseState.CLOSED) -> Case:
    at = datetime.strptime(number.split("-")[1], "%Y%m%d").replace(hour=9)
    return make_case(number, intake_at=at, updated_at=at, state=state, description="旧案 " * 40)


OLD_CASES = [
    _closed_on("JC-20230105-001"),
    _closed_on("JC-20230105-002", CaseState.WITHDRAWN),
    _closed_on("JC-20240610-001"),
    make_case("JC-20240611-001", intake_at=datetime(2024, 6, 11, 9), updated_at=NOW),  # open
]


def _old_cases_store(data_dir: Path) -> None:
    """Cases of two years back, closed and open, with a backup."""
    _base_store(data_dir)
    repo = _open(data_dir)
    repo.cases.save_many(OLD_CASES)
    repo.store.compact()
    repo.store.backup_now()
    repo.store._close_files()


def _archive(data_dir: Path, ack: Report, refused: Report) -> None:
    repo = _open(data_dir)
    try:
        try:
            archive_due(repo, NOW)
        except StoreError:
            refused("archive")
            raise
        ack("archive")
    finally:
        repo.close()


def _schema_1_store(data_dir: Path) -> None:
    """A store as version 1 wrote it: no checksum line, a journal without header."""
    data_dir.mkdir(parents=True)
    docs = {n: CASES[n].model_dump(mode="json") for n in (1, 2, 3)}
    head = {"format": "deskconsole-store", "schema": 1, "seq": 1, "saved_at": "2026-11-27T09:00"}
    body = orjson.dumps(head)[:-1] + b',\n"tables": {\n"cases": {\n"JC-20261127-001": '
    (data_dir / "store.json").write_bytes(body + orjson.dumps(docs[1]) + b"\n}\n}}\n")
    lines = []
    for seq in (2, 3):
        entry = {"seq": seq, "ops": [{"t": "cases", "k": docs[seq]["number"], "d": docs[seq]}]}
        line = orjson.dumps(entry)
        lines.append(b"%08x " % zlib.crc32(line) + line + b"\n")
    (data_dir / "journal.jsonl").write_bytes(b"".join(lines))


def _migrate(data_dir: Path, ack: Report, refused: Report) -> None:
    _open(data_dir).close()


@dataclass(frozen=True)
class Scenario:
    """One writing path under faults."""

    name: str
    prepare: Callable[[Path], None]
    action: Callable[[Path, Report, Report], None]
    old_state_damaged: bool = False  # restore starts from a store ``check`` refuses


SCENARIOS = [
    Scenario("save", _base_store, _save_path),
    Scenario("compaction", _base_store, _compaction),
    Scenario("backup", _with_backups, _backup),
    Scenario("restore", _damaged_with_backup, _restore, old_state_damaged=True),
    Scenario("demo", lambda data_dir: None, _demo),
    Scenario("migrate", _schema_1_store, _migrate),
    Scenario("erase", _person_store, _erase),
    Scenario("archive", _old_cases_store, _archive),
]
