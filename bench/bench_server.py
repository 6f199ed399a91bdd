"""The store on a PostgreSQL server beside the embedded store, on the same machine.

A throwaway cluster (``tests/postgres.py``: ``initdb``, ``fsync`` and
``synchronous_commit`` on) is started for the run. Figures, each the median of
several runs with its range, beside a baseline measured in the same run:

- save one case, durable: ``repo.cases.save`` on the server (one transaction, the
  version check, COMMIT after the WAL is on disk) against the embedded store (one
  journal line, fsync);
- board open with 1,000 open cases of 200,000: what F4's worker does (the live
  board's documents from the indexes, the residents' names, the cards in columns)
  on a console of the server store against one of the embedded store, both holding
  the same documents; and the console's start (connect and load every document
  into the replica) against opening the embedded store;
- commit to another console's board: from a save in one console until another
  console's listener has the change (NOTIFY, fetch, replica), against a console
  hearing its own save; the board then reloads after its 0.3 s pause for more;
- registering with 8 consoles at once on one desk code (8 threads, each a console
  with its own connections, numbered inside the insert's transaction): time per
  case over all of them, against one console alone.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench import Figure, Sample, sample_ms
from bench.data import NOW, case_docs, fill_store, new_case, resident_docs
from deskconsole.domain import board
from deskconsole.models import Case
from deskconsole.storage import Change, Repository
from deskconsole.storage.postgres import ServerRepository
from deskconsole.storage.postgres.admin import init_database

CASES = 200_000
OPEN = 1_000
RESIDENTS = 50_000
SAVES = 30
OPENS = 3
HEARS = 20
CONSOLES = 8
PER_CONSOLE = 25
ROUNDS = 3
TODAY = NOW.date()


def store_docs() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """200,000 cases, 1,000 of them open, the rest closed long ago (a few lately)."""
    residents = resident_docs(RESIDENTS)
    cases = case_docs(CASES, residents)
    states = ("registered", "dispatched", "in_progress")
    for index, doc in enumerate(cases):
        if index % (CASES // OPEN) == 0:
            doc["state"] = states[index % len(states)]
            doc["due_date"] = (TODAY + timedelta(days=index % 11 - 5)).isoformat()
        else:
            doc["state"] = "closed"
            doc["updated_at"] = "2025-01-02T09:00:00"  # long ago: not on the live board
    return residents, cases


def load_server(address: str, residents: list[dict[str, Any]], cases: list[dict[str, Any]]) -> None:
    """The documents into the server in one COPY (a set-up step, not a figure)."""
    import psycopg
    from psycopg.types.json import Jsonb

    from deskconsole.storage.postgres.store import prepare

    with psycopg.connect(address) as conn, conn.cursor() as cursor:
        prepare(conn)
        copy_sql = "COPY documents (tbl, key, doc, changed_by) FROM STDIN"
        with cursor.copy(copy_sql) as copy:
            for doc in residents:
                copy.write_row(("residents", doc["id"], Jsonb(doc), "bench"))
            for doc in cases:
                copy.write_row(("cases", doc["number"], Jsonb(doc), "bench"))


def open_board(repo: Repository) -> None:
    """What the board's worker does when F4 opens it."""
    docs = board.board_docs(repo, False, TODAY)
    wanted = {d["resident_id"] for d in docs if d.get("resident_id")}
    names = board.names_of(repo, wanted)
    columns = board.build_columns(docs, names, repo.settings.get(), board.LIVE_COLUMNS)
    shown = sum(len(cards) for cards in columns.values())
    assert shown >= OPEN, shown


def saves(repo: Repository, start: int) -> Sample:
    numbers = iter(range(start, start + SAVES))
    return sample_ms(lambda: repo.cases.save(new_case(next(numbers))), SAVES)


def hearing(sender: Repository, hearer: Repository, start: int) -> Sample:
    """Milliseconds from a save in ``sender`` until ``hearer``'s listener has it."""
    heard = threading.Event()
    wanted: list[str] = []

    def listener(change: Change) -> None:
        if "cases" in change and wanted and wanted[0] in change.keys["cases"]:
            heard.set()

    hearer.subscribe(listener)
    times = []
    try:
        for index in range(start, start + HEARS):
            case = new_case(index)
            wanted[:] = [case.number]
            heard.clear()
            began = time.perf_counter()
            sender.cases.save(case)
            if not heard.wait(30):
                raise RuntimeError("the other console never heard the save")
            times.append((time.perf_counter() - began) * 1000)
    finally:
        hearer.unsubscribe(listener)
    return Sample.of(times)


def register_all(consoles: list[ServerRepository], day: date) -> float:
    """Every console registers ``PER_CONSOLE`` cases at once; milliseconds for all."""
    barrier = threading.Barrier(len(consoles) + 1)
    failures: list[BaseException] = []

    def work(repo: ServerRepository) -> None:
        barrier.wait()
        try:
            for _ in range(PER_CONSOLE):
                repo.cases.add("JD", day, _case)
        except BaseException as error:  # reported after the run
            failures.append(error)

    threads = [threading.Thread(target=work, args=(repo,)) for repo in consoles]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = (time.perf_counter() - began) * 1000
    if failures:
        raise failures[0]
    return elapsed


def _case(number: str) -> Case:
    return new_case(0).model_copy(update={"number": number, "desk_code": "JD"})


def throughput(address: str, data_dir: Path) -> tuple[Sample, Sample]:
    """ms per case: eight consoles at once, and one console alone (fresh days each round)."""
    consoles = [
        ServerRepository.connect(address, data_dir / f"c{n}", now=lambda: NOW, staff=f"c{n}")
        for n in range(CONSOLES)
    ]
    together, alone = [], []
    try:
        for round_no in range(ROUNDS):
            day = TODAY + timedelta(days=1 + 2 * round_no)
            total = register_all(consoles, day)
            together.append(total / (CONSOLES * PER_CONSOLE))
            total = register_all(consoles[:1], day + timedelta(days=1))
            alone.append(total / PER_CONSOLE)
    finally:
        for repo in consoles:
            repo.close()
    check = ServerRepository.connect(address, data_dir / "check", readonly=True, listen=False)
    try:  # every case saved once (numbers are the rows' keys): none lost, none twice
        saved = check.cases.count_from_desk("JD")
    finally:
        check.close()
    expected = ROUNDS * (CONSOLES + 1) * PER_CONSOLE
    if saved != expected:
        raise RuntimeError(f"{saved} cases saved by the consoles, {expected} registered")
    return Sample.of(together), Sample.of(alone)


def timed_open(open_store: Callable[[], Repository]) -> tuple[Sample, Repository]:
    """Open a store ``OPENS`` times (closing all but the last): its time and the store."""
    times: list[float] = []
    repo: Repository | None = None
    for _ in range(OPENS):
        if repo is not None:
            repo.close()
        began = time.perf_counter()
        repo = open_store()
        times.append((time.perf_counter() - began) * 1000)
    assert repo is not None
    return Sample.of(times), repo


def run() -> list[Figure]:
    from tests.postgres import PostgresServer, find_bin

    bin_dir = find_bin()
    if bin_dir is None:
        print("PostgreSQL not found: install the Debian package postgresql")
        return []
    server = PostgresServer(bin_dir).start()
    figures: list[Figure] = []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
            root = Path(tmp)
            residents, cases = store_docs()
            address = server.new_database()
            init_database(address)
            load_server(address, residents, cases)
            fill_store(root / "tinydb", residents, cases)
            del residents, cases

            start_server, on_server = timed_open(
                lambda: ServerRepository.connect(address, root / "desk", now=lambda: NOW)
            )
            start_local, local = timed_open(
                lambda: Repository.open(root / "tinydb", now=lambda: NOW)
            )
            try:
                figures.append(
                    Figure.paired(
                        "save one case, durable, server",
                        saves(on_server, 0),
                        "embedded store",
                        saves(local, 0),
                        "< 10 ms",
                    )
                )
                figures.append(
                    Figure.paired(
                        f"board open, {OPEN:,} open of {CASES:,}, server console",
                        sample_ms(lambda: open_board(on_server), OPENS),
                        "embedded store",
                        sample_ms(lambda: open_board(local), OPENS),
                        "< 300 ms",
                    )
                )
                figures.append(
                    Figure.paired(
                        f"console start on the server, {CASES:,} cases",
                        start_server,
                        "embedded store opens",
                        start_local,
                        "< 15 s",
                    )
                )
            finally:
                local.close()
            other = ServerRepository.connect(address, root / "other", now=lambda: NOW)
            try:
                figures.append(
                    Figure.paired(
                        "commit to another console's replica",
                        hearing(on_server, other, 1000),
                        "a console hearing its own save",
                        hearing(on_server, on_server, 2000),
                        "< 1 s",
                    )
                )
            finally:
                other.close()
                on_server.close()
            small = server.new_database()
            init_database(small)
            together, alone = throughput(small, root)
            figures.append(
                Figure.paired(
                    f"register with {CONSOLES} consoles at once, per case",
                    together,
                    "one console alone",
                    alone,
                    "no slower per case",
                )
            )
    finally:
        server.stop()
    return figures
