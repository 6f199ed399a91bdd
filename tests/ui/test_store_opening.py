"""The console draws its first screen before the store is read: keys typed meanwhile
wait and land where they were meant; a store that cannot be read ends it with its line."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from deskconsole.config import RunConfig
from deskconsole.storage import (
    Repository,
    StoreCorruptError,
    StoreLockedError,
    StoreTooNewError,
)
from deskconsole.storage.opening import claim_repository
from deskconsole.storage.store import SEARCH_CACHE_NAME
from deskconsole.ui.app import DeskApp
from deskconsole.ui.resident_search import ResidentSearch
from deskconsole.ui.screens.desk_settings import FirstStartScreen
from deskconsole.ui.screens.intake import IntakeScreen
from deskconsole.ui.screens.lookup import LookupScreen
from deskconsole.ui.screens.resident import ResidentScreen
from deskconsole.ui.widgets.header import DeskHeader
from tests.conftest import FIXED_NOW
from tests.factories import make_resident
from tests.ui.helpers import burst, keys_done, until

MATTER = "地下室灯不亮"


class SlowStore:
    """A store read only once the test lets it (the reading thread waits on ``go``)."""

    def __init__(self, data_dir: Path) -> None:
        self.claimed = claim_repository(data_dir, now=lambda: FIXED_NOW)
        self.go = threading.Event()
        self.started = threading.Event()

    def read(self) -> Repository:
        self.started.set()
        self.go.wait()
        return self.claimed.load()


@pytest.fixture
def seeded(data_dir: Path) -> dict[str, str]:
    with Repository.open(data_dir, now=lambda: FIXED_NOW) as repo:
        people = [
            make_resident("江建国", phones=["13905360001"]),
            make_resident(
                "江建刚",
                phones=["13905360003"],
                address={"compound": "锦绣苑", "building": "5", "unit": "2", "room": "101"},
            ),
        ]
        repo.residents.save_many(people)
        repo.settings.save(repo.settings.get())  # a desk already set up
    return {person.name: person.id for person in people}


@pytest.fixture
def slow(data_dir: Path) -> Iterator[SlowStore]:
    store = SlowStore(data_dir)
    yield store
    store.go.set()  # never leave a reading thread waiting


def console(source: object, data_dir: Path, kept_index: bool = False) -> DeskApp:
    """The console on ``source`` (its index kept beside ``data_dir`` when ``kept_index``)."""
    return DeskApp(
        source,  # type: ignore[arg-type]
        RunConfig(data_dir, "en", "颜成玉"),
        clock=lambda: FIXED_NOW,
        kept_index_dir=data_dir if kept_index else None,
    )


def close(app: DeskApp) -> None:
    app.store_opening.join()
    if app.store_opening.repo is not None:
        app.store_opening.repo.close()


@contextlib.asynccontextmanager
async def reading(slow: SlowStore, data_dir: Path) -> AsyncIterator[tuple[DeskApp, Pilot[None]]]:
    """The console on ``slow``'s store, once it has started reading it (the read waits for
    ``slow.go``); after the test the read is let through and the store closed."""
    app = console(slow.read, data_dir)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, slow.started.is_set)
            yield app, pilot
    finally:
        slow.go.set()
        close(app)


async def test_a_whole_case_typed_while_the_store_is_read_lands_in_its_fields(
    seeded: dict[str, str], slow: SlowStore, data_dir: Path
) -> None:
    keys = ["f3", "jiangjiangang", "enter", "2", "enter", "wy", "enter", MATTER, "ctrl+s"]
    async with reading(slow, data_dir) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LookupScreen)  # drawn before the store is read
        assert "Loading" in str(screen.query_one("#lookup-status", Static).render())
        header = " ".join(str(s.render()) for s in screen.query_one(DeskHeader).query(Static))
        assert "Opening the store" in header and "颜成玉" in header
        burst(app, *keys)
        await until(pilot, lambda: app.key_gate.pending > 0)
        assert app.store_opening.pending
        assert isinstance(app.screen, LookupScreen)  # F3 waits for the store
        slow.go.set()
        await until(pilot, lambda: app.store_opening.repo is not None)
        repo = app.store_opening.repo
        assert repo is not None
        await until(pilot, lambda: repo.cases.all())
        [case] = repo.cases.all()
        assert case.resident_id == seeded["江建刚"]
        assert (case.request_type, case.category) == ("help", "property")
        assert case.description == MATTER
        await keys_done(app, pilot)
        assert isinstance(app.screen, IntakeScreen)
        header = " ".join(str(s.render()) for s in app.screen.query_one(DeskHeader).query(Static))
        assert "Opening" not in header and "No session" in header


async def test_lookup_typed_while_the_store_is_read_searches_the_store(
    seeded: dict[str, str], slow: SlowStore, data_dir: Path
) -> None:
    async with reading(slow, data_dir) as (app, pilot):
        burst(app, "jjg")
        await until(pilot, lambda: app.key_gate.pending == 3)
        slow.go.set()
        await keys_done(app, pilot)
        screen = app.screen
        assert isinstance(screen, LookupScreen)
        assert screen.query_one("#lookup-query", Input).value == "jjg"
        await until(pilot, lambda: screen.table.row_count == 2)
        assert screen.highlighted_id in seeded.values()


async def test_a_new_store_read_in_the_background_asks_for_the_desk(
    slow: SlowStore, data_dir: Path
) -> None:
    async with reading(slow, data_dir) as (app, pilot):
        burst(app, "新城社区", "enter", "xc", "enter")
        slow.go.set()
        await until(pilot, lambda: app.settings.desk_code == "XC")
        assert app.settings.community == "新城社区"
        assert not isinstance(app.screen, FirstStartScreen)
        await until(pilot, lambda: header_text(app).startswith("新城社区"))


async def test_a_new_store_names_no_community_until_one_is_chosen(
    slow: SlowStore, data_dir: Path
) -> None:
    """A new store runs on example settings: its header says the community is not set,
    not the example's 金城社区."""
    async with reading(slow, data_dir) as (app, pilot):
        slow.go.set()
        await until(pilot, lambda: isinstance(app.screen, FirstStartScreen))
        await until(pilot, lambda: "Community not set" in header_text(app))
        assert "金城社区" not in header_text(app)


def header_text(app: DeskApp) -> str:
    header = app.screen.query_one(DeskHeader)
    return " ".join(str(s.render()) for s in header.query(Static)).strip()


async def test_a_damaged_store_ends_the_console_with_its_one_line(
    seeded: dict[str, str], data_dir: Path
) -> None:
    snapshot = data_dir / "store.json"
    damaged = snapshot.read_bytes().replace("江建国".encode(), "江建军".encode())
    snapshot.write_bytes(damaged)
    claimed = claim_repository(data_dir, now=lambda: FIXED_NOW)
    app = console(claimed.load, data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not app.store_opening.pending)
        await until(pilot, lambda: app.return_code == 1)
    close(app)
    error = app.store_opening.error
    assert isinstance(error, StoreCorruptError)
    assert "store.json" in str(error)
    assert snapshot.read_bytes() == damaged  # nothing written over
    assert not (data_dir / "crashes").exists()  # no crash report: the store's own line
    with pytest.raises(StoreCorruptError):
        Repository.open(data_dir)  # refused for its damage, not for a lock left held


def test_a_store_another_console_holds_is_refused_before_anything_is_read(
    seeded: dict[str, str], data_dir: Path
) -> None:
    with Repository.open(data_dir) as _held, pytest.raises(StoreLockedError):
        claim_repository(data_dir)
    claim_repository(data_dir).release()  # free again once the holder closed


FIRST_SCREEN_IMPORTS = """
import asyncio, sys, threading
from pathlib import Path
from deskconsole.config import RunConfig
from deskconsole.storage.opening import claim_repository
from deskconsole.storage.store import SEARCH_CACHE_NAME
from deskconsole.ui.app import DeskApp
from deskconsole.ui.resident_search import ResidentSearch

async def main() -> None:
    claimed = claim_repository(Path(sys.argv[1]))
    go = threading.Event()
    def read():
        go.wait()
        return claimed.load()
    app = DeskApp(read, RunConfig(Path(sys.argv[1]), "en", "x"))
    async with app.run_test(size=(120, 40)) as pilot:
        while app.screen.id == "_default" or not app.screen.is_mounted:
            await pilot.pause(0.01)
        await pilot.pause()
        print(sorted(n for n in ("pypinyin", "openpyxl") if n in sys.modules))
        go.set()
    app.store_opening.join()
    app.store_opening.repo.close()

asyncio.run(main())
"""


def test_the_first_screen_loads_neither_the_pinyin_dictionaries_nor_openpyxl(
    data_dir: Path,
) -> None:
    """Half a second of imports that only a search or a workbook needs stay off the
    path to the first frame."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN_IMPORTS, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


async def test_ctrl_q_while_the_store_is_read_quits_at_once(
    seeded: dict[str, str], slow: SlowStore, data_dir: Path
) -> None:
    async with reading(slow, data_dir) as (app, pilot):
        burst(app, "jjg", "ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
        assert app.store_opening.pending  # it did not wait for the store
    assert app.store_opening.error is None


async def test_a_store_of_a_newer_version_ends_the_console_with_its_line(
    seeded: dict[str, str], data_dir: Path
) -> None:
    snapshot = data_dir / "store.json"
    raw = json.loads(snapshot.read_text("utf-8"))
    raw["schema"] = 99
    snapshot.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    claimed = claim_repository(data_dir, now=lambda: FIXED_NOW)
    app = console(claimed.load, data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.return_code == 1)
    close(app)
    assert isinstance(app.store_opening.error, StoreTooNewError)


async def test_a_mode_clicked_while_the_store_is_read_opens_once_it_is_read(
    seeded: dict[str, str], slow: SlowStore, data_dir: Path
) -> None:
    """The footer's F3 is the key F3: it waits in line with the keys typed meanwhile."""
    from textual.widgets._footer import FooterKey

    async with reading(slow, data_dir) as (app, pilot):
        intake = next(k for k in app.screen.query(FooterKey) if k.key == "f3")
        await pilot.click(intake)
        burst(app, "jjg")
        await until(pilot, lambda: app.key_gate.pending == 4)
        assert isinstance(app.screen, LookupScreen)
        slow.go.set()
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen))
        await keys_done(app, pilot)
        assert app.focused is not None and getattr(app.focused, "value", None) == "jjg"


def keep_index(data_dir: Path) -> None:
    """The resident index written beside the store, as a console's first start does."""
    with Repository.open(data_dir, now=lambda: FIXED_NOW) as repo:
        search = ResidentSearch(repo)
        search.current()
        search.join_writer()
        search.close()
    assert (data_dir / SEARCH_CACHE_NAME).exists()


async def test_lookup_answers_from_the_kept_index_before_the_store_is_read(
    seeded: dict[str, str], data_dir: Path
) -> None:
    """Typing finds residents while the store is still being read; Enter (and every key
    behind it) waits for the store, then opens the row the cursor was moved to."""
    keep_index(data_dir)
    slow = SlowStore(data_dir)
    app = console(slow.read, data_dir, kept_index=True)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, slow.started.is_set)
            burst(app, "jjg")
            screen = app.screen
            assert isinstance(screen, LookupScreen)
            await until(pilot, lambda: screen.table.row_count == 2)
            assert app.store_opening.pending  # answered before the store was read
            burst(app, "down", "enter", "x")
            await until(pilot, lambda: screen.table.cursor_row == 1 and app.key_gate.pending == 2)
            wanted = screen.highlighted_id
            status = str(screen.query_one("#lookup-status", Static).render())
            assert "Open cases follow" in status
            assert "2 of 2 residents" in status
            slow.go.set()
            await keys_done(app, pilot)
            opened = app.screen
            assert isinstance(opened, ResidentScreen) and opened.resident_id == wanted
            assert screen.query_one("#lookup-query", Input).value == "jjg"  # "x" came after
            assert "Open cases follow" not in str(
                screen.query_one("#lookup-status", Static).render()
            )
    finally:
        slow.go.set()
        close(app)


async def test_without_a_kept_index_lookup_answers_from_one_built_of_the_files(
    seeded: dict[str, str], data_dir: Path
) -> None:
    """A resident changed since the index was kept: Lookup's index is built of the
    residents the store's files hold before the store is read, answers meanwhile, and
    is kept for the next start once the store's documents are given to it."""
    keep_index(data_dir)
    with Repository.open(data_dir, now=lambda: FIXED_NOW) as repo:  # a resident changed:
        repo.residents.save(make_resident("江建军"))  # the store removes the kept index
    assert not (data_dir / SEARCH_CACHE_NAME).exists()
    slow = SlowStore(data_dir)
    app = console(slow.read, data_dir, kept_index=True)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, slow.started.is_set)
            burst(app, "jiangjian")
            screen = app.screen
            assert isinstance(screen, LookupScreen)
            await until(pilot, lambda: screen.table.row_count == 3)  # 江建军 among them
            assert app.store_opening.pending  # answered before the store was read
            assert "Open cases follow" in str(screen.query_one("#lookup-status", Static).render())
            burst(app, "enter")
            await until(pilot, lambda: app.key_gate.pending == 1)  # Enter waits for the store
            wanted = screen.highlighted_id
            slow.go.set()
            await keys_done(app, pilot)
            opened = app.screen
            assert isinstance(opened, ResidentScreen) and opened.resident_id == wanted
            app.resident_search.join_writer()
            assert (data_dir / SEARCH_CACHE_NAME).exists()  # kept for the next start
    finally:
        slow.go.set()
        close(app)
