"""Consoles hear each other: a commit on one console reaches another's replica and
listeners (LISTEN/NOTIFY), as a local commit does, without a full reload."""

from __future__ import annotations

import threading
from collections.abc import Callable

import psycopg

from deskconsole.storage import Change
from deskconsole.storage.postgres import ServerRepository
from deskconsole.storage.postgres.listener import Listening
from tests.factories import make_case, make_resident

Console = Callable[..., ServerRepository]
WAIT = 30  # seconds: only a bound for a broken build; the tests wait for the event itself


class Heard:
    """What a console's listeners hear, with a wait for a condition on it."""

    def __init__(self, repo: ServerRepository) -> None:
        self.changes: list[Change] = []
        self._changed = threading.Condition()
        repo.subscribe(self._hear)

    def _hear(self, change: Change) -> None:
        with self._changed:
            self.changes.append(change)
            self._changed.notify_all()

    def wait_for(self, condition: Callable[[], bool]) -> None:
        with self._changed:
            assert self._changed.wait_for(condition, timeout=WAIT), self.changes


def test_a_commit_on_one_console_reaches_the_others_board(console: Console) -> None:
    board = console("颜成玉")
    heard = Heard(board)
    desk = console("李娜", listen=False)
    case = desk.cases.add("JC", make_case().day, lambda number: make_case(number))
    heard.wait_for(lambda: any("cases" in c for c in heard.changes))
    assert heard.changes[0].keys == {"cases": frozenset({case.number})}
    assert board.cases.get(case.number) == case
    assert board.cases.counts(case.day).taken_today == 1
    assert desk.cases.next_number("JC", case.day) == board.cases.next_number("JC", case.day)


def test_a_console_does_not_hear_its_own_commit_twice(console: Console) -> None:
    repo = console()
    heard = Heard(repo)
    other = console("李娜")
    other_heard = Heard(other)
    repo.cases.save(make_case("JC-20261127-001"))
    other_heard.wait_for(lambda: len(other_heard.changes) == 1)
    other.cases.save(make_case("JC-20261127-002"))  # its notification follows the first
    heard.wait_for(lambda: len(heard.changes) == 2)
    assert [c.keys for c in heard.changes] == [
        {"cases": frozenset({"JC-20261127-001"})},
        {"cases": frozenset({"JC-20261127-002"})},
    ]


def test_a_batch_too_large_to_name_is_fetched_by_table(console: Console) -> None:
    board = console()
    heard = Heard(board)
    desk = console("李娜", listen=False)
    residents = [make_resident(f"居民{chr(0x4E00 + n)}", phones=[]) for n in range(400)]
    desk.residents.save_many(residents)
    heard.wait_for(lambda: bool(heard.changes))
    assert heard.changes[0].keys["residents"] == frozenset(r.id for r in residents)
    assert board.residents.count() == 400


def test_after_a_lost_connection_the_listener_catches_up(console: Console) -> None:
    board = console()
    heard = Heard(board)
    desk = console("李娜", listen=False)
    listening = board.store._listening
    pid = listening._conn.info.backend_pid
    with psycopg.connect(board.store.address, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s, %s)", (pid, WAIT * 1000))
        # Committed while the listener is away: no notification reaches it.
        desk.cases.save(make_case("JC-20261127-001"))
    heard.wait_for(lambda: bool(heard.changes))
    assert board.cases.get("JC-20261127-001") is not None


def test_catching_up_fetches_every_row_newer_than_the_replica(console: Console) -> None:
    board = console()
    board.store._listening.stop()  # deaf from here on
    heard = Heard(board)
    desk = console("李娜", listen=False)
    desk.cases.save_many([make_case("JC-20261127-001"), make_case("JC-20261127-002")])
    desk.residents.save(make_resident())
    assert board.cases.count() == 0
    listening = Listening(board.store)
    listening.catch_up()
    listening.stop()
    assert board.cases.count() == 2 and board.residents.count() == 1
    assert {table for change in heard.changes for table in change} == {"cases", "residents"}
