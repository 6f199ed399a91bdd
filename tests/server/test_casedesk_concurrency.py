"""CaseDesk reads, checks and saves a case in one transaction: a save made between its
read and its write is never overwritten, on the embedded store and on the server.

Each test lets one change stop between its read and its write (in its clock) until the
other change has either got past its own read (a window that is open) or is waiting on
the store (a window that is closed), so the interleaving is forced, not hoped for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Any

import pytest

from deskconsole.domain.casedesk import CaseDesk
from deskconsole.storage import Change, Repository
from deskconsole.storage.postgres import ServerRepository
from deskconsole.storage.postgres.store import StoreConflictError
from tests.conftest import FIXED_NOW
from tests.factories import make_case

NUMBER = "JC-20261127-001"
DEADLINE = 60  # seconds: only a broken test waits this long


class WatchedLock:
    """The store's lock, saying when a thread had to wait for it."""

    def __init__(self, lock: Any) -> None:
        self._lock = lock
        self.waited = threading.Event()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if self._lock.acquire(blocking=False):
            return True
        if not blocking:
            return False
        self.waited.set()
        return bool(self._lock.acquire(True, timeout))

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> WatchedLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def watch_lock(repo: Repository) -> WatchedLock:
    watched = WatchedLock(repo.store.lock)
    repo.store.lock = watched  # type: ignore[assignment]
    return watched


def either(*events: threading.Event) -> bool:
    """Wait until one of ``events`` is set (polled, with a generous deadline)."""
    deadline = time.monotonic() + DEADLINE
    while not any(event.is_set() for event in events):
        if time.monotonic() > deadline:
            return False
        events[0].wait(0.005)
    return True


def pausing_clock(pause: Callable[[], None]) -> Callable[[], datetime]:
    """A fixed clock that runs ``pause`` the first time it is read."""
    first = threading.Event()

    def clock() -> datetime:
        if not first.is_set():
            first.set()
            pause()
        return FIXED_NOW

    return clock


def notes(case: Any) -> list[str]:
    return [event.note for event in case.events if event.note]


def test_two_threads_noting_one_case_at_once_both_keep_their_note(any_repo: Repository) -> None:
    any_repo.cases.save(make_case(NUMBER))
    lock = watch_lock(any_repo)
    second_read = threading.Event()

    second = CaseDesk(any_repo, "王芳", pausing_clock(second_read.set))
    second_thread = threading.Thread(target=lambda: second.add_note(NUMBER, "second note"))

    def let_the_second_in() -> None:
        second_thread.start()
        assert either(second_read, lock.waited)

    first = CaseDesk(any_repo, "李娜", pausing_clock(let_the_second_in))
    first.add_note(NUMBER, "first note")
    second_thread.join(DEADLINE)
    assert not second_thread.is_alive()
    stored = any_repo.cases.get(NUMBER)
    assert stored is not None
    assert sorted(notes(stored)) == ["first note", "second note"]


def test_a_change_heard_between_the_read_and_the_save_refuses_the_save(
    console: Callable[..., ServerRepository],
) -> None:
    mine, theirs = console("李娜"), console("王芳")
    mine.cases.save(make_case(NUMBER))
    theirs.store.reload()
    heard = threading.Event()

    def hear(change: Change) -> None:
        if "cases" in change:
            heard.set()

    mine.subscribe(hear)
    lock = watch_lock(mine)

    def they_note_it_meanwhile() -> None:
        CaseDesk(theirs, "王芳", lambda: FIXED_NOW).add_note(NUMBER, "their note")
        # The window open: my replica takes their change before my save; closed: my
        # replica's listener waits for my transaction.
        assert either(heard, lock.waited)

    with pytest.raises(StoreConflictError) as refused:
        CaseDesk(mine, "李娜", pausing_clock(they_note_it_meanwhile)).add_note(NUMBER, "my note")
    assert refused.value.who == "王芳"
    on_server = ServerRepository.connect(
        mine.store.address, mine.data_dir, readonly=True, listen=False
    )
    try:
        stored = on_server.cases.get(NUMBER)
    finally:
        on_server.close()
    assert stored is not None and notes(stored) == ["their note"]
    # Made again, it lands on top of theirs.
    assert CaseDesk(mine, "李娜", lambda: FIXED_NOW).add_note(NUMBER, "my note")
    stored = mine.cases.get(NUMBER)
    assert stored is not None and notes(stored) == ["their note", "my note"]
