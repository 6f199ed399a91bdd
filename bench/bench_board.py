"""The case board with 1,000 open cases in a store of 50,000.

Figures (each beside a baseline measured in the same run):
- board open: F4 until every visible column shows its cards (Pilot, headless, 120x40),
  against a naive board that validates every case and mounts one widget per card;
- move: the domain move, the durable save and the card landing in its new column
  (no dialog), against rebuilding every column after the save;
- durable save alone: our journal append + fsync, against TinyDB's JSONStorage
  rewriting a 50,000-case file.

Each open starts a fresh app in this process; the garbage the previous apps left
is collected first (a console has no such leftovers), since a full collection
walks the whole store in memory (~250 ms at this size). The median of five opens
is reported.
"""

from __future__ import annotations

import asyncio
import copy
import gc
import json
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Static
from tinydb import TinyDB

from bench import Figure, Sample
from bench.data import resident_docs
from deskconsole.config import RunConfig
from deskconsole.domain import board
from deskconsole.domain.board import LIVE_COLUMNS, DueCalendar
from deskconsole.models import (
    Address,
    Case,
    CaseEvent,
    CaseState,
    EventKind,
    PartyKind,
    RequestType,
    Resident,
    ResponsibleParty,
    Satisfaction,
)
from deskconsole.storage import Op, Repository
from deskconsole.ui.app import DeskApp
from deskconsole.ui.screens.board import BoardScreen
from deskconsole.ui.widgets.case_card import CaseCard
from deskconsole.ui.widgets.case_column import CaseColumn

WAIT_LIMIT = 60.0
TOTAL = 50_000
OPEN = 1_000
RESIDENTS = 5_000
NOW = datetime(2026, 11, 27, 10, 0)
S = CaseState
CATEGORIES = ("property", "utilities", "environment", "neighbour", "civil_affairs", "other")


def _templates() -> tuple[dict[str, Any], dict[str, Any]]:
    resident = Resident(
        id="r",
        name="江建国",
        phones=["13800138000"],
        address=Address(compound="金域华府", building="12", unit="2", room="301"),
        created_at=NOW,
        updated_at=NOW,
    ).model_dump(mode="json")
    intake = NOW - timedelta(days=3)
    case = Case(
        number="JC-20261124-001",
        desk_code="JC",
        intake_at=intake,
        staff="刘",
        resident_id="r",
        request_type=RequestType.HELP,
        category="property",
        description="地下室灯不亮，是开发商遗留问题",
        location="金域华府12号楼2单元301室",
        due_date=date(2026, 12, 1),
        events=[CaseEvent(at=intake, staff="刘", kind=EventKind.CREATED, to_state=S.REGISTERED)],
        updated_at=intake,
    ).model_dump(mode="json")
    return resident, case


def _state(index: int) -> CaseState:
    if index < OPEN:
        return (S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS)[index % 3]
    if index < OPEN + 150:
        return S.RESOLVED
    if index < OPEN + 450:
        return (S.RETURNED, S.DUPLICATE, S.WITHDRAWN)[index % 3]
    return S.CLOSED


def build_store(data_dir: Path) -> None:
    """50,000 cases (1,000 open) and 5,000 residents, written as one batch."""
    _, case_doc = _templates()
    ops: list[Op] = []
    residents = resident_docs(RESIDENTS)  # households at their own addresses
    for index, doc in enumerate(residents):
        doc["id"] = f"r{index:05d}"
        ops.append(Op("residents", doc["id"], doc))
    party = ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY, name="金域物业").model_dump(
        mode="json"
    )
    per_day: dict[date, int] = {}
    for index in range(TOTAL):
        state = _state(index)
        age = 1 + index % 30 if index < OPEN + 450 else 8 + index % 700
        intake = NOW - timedelta(days=age, minutes=index % 500)
        day = intake.date()
        per_day[day] = per_day.get(day, 0) + 1
        doc = copy.deepcopy(case_doc)
        doc["number"] = f"JC-{day:%Y%m%d}-{per_day[day]:04d}"
        doc["intake_at"] = intake.isoformat()
        doc["due_date"] = (day + timedelta(days=7)).isoformat()
        doc["resident_id"] = f"r{index % RESIDENTS:05d}"
        doc["category"] = CATEGORIES[index % len(CATEGORIES)]
        doc["state"] = state.value
        doc["updated_at"] = (intake + timedelta(hours=2)).isoformat()
        if state != S.REGISTERED:
            doc["party"] = party
            doc["events"] = [
                *doc["events"],
                {
                    "id": f"e{index}",
                    "at": doc["updated_at"],
                    "staff": "刘",
                    "kind": "moved",
                    "from_state": "registered",
                    "to_state": state.value,
                    "note": "",
                    "data": {},
                },
            ]
        if state in (S.RESOLVED, S.CLOSED):
            doc["outcome"] = "已修复"
        if state == S.CLOSED:
            doc["satisfaction"] = Satisfaction.SATISFIED.value
        ops.append(Op("cases", doc["number"], doc))
    with Repository.open(data_dir, now=lambda: NOW) as repo:
        repo.commit(ops)
        repo.compact()


def make_app(repo: Repository) -> DeskApp:
    return DeskApp(repo, RunConfig(repo.data_dir, "en", "颜成玉"), clock=lambda: NOW)


def _board_ready(app: DeskApp) -> bool:
    screen = app.screen
    return (
        isinstance(screen, BoardScreen)
        and screen.loaded
        and all(c.visible_numbers() for c in screen.columns if c.display and c.cards)
    )


class Frames:
    """Notes the time of the first frame put on the (headless) screen once a condition holds.

    The condition is checked as each frame is drawn, so the time is that of the
    frame that shows the change, not of whenever the test loop looks.
    """

    def __init__(self, app: DeskApp) -> None:
        self.app = app
        self.condition: Callable[[], bool] | None = None
        self.shown: float | None = None
        display = app._display

        def recorded(screen: Screen[object], update: object) -> None:
            display(screen, update)  # type: ignore[arg-type]
            if self.condition is not None and self.shown is None and self.condition():
                self.shown = time.perf_counter()

        app._display = recorded  # type: ignore[method-assign]

    def expect(self, condition: Callable[[], bool]) -> None:
        """Start watching for the first frame drawn while ``condition()`` holds."""
        self.condition, self.shown = condition, None

    async def wait(self) -> float:
        """The time of that frame (waits for it; fails at once if the app died)."""
        await _until(self.app, lambda: self.shown is not None)
        assert self.shown is not None
        return self.shown


async def _until(app: DeskApp, condition: Callable[[], bool]) -> None:
    """Wait until ``condition()`` holds; raise the app's own error as soon as it dies,
    and give up after ``WAIT_LIMIT`` seconds rather than hang the whole bench."""
    deadline = time.perf_counter() + WAIT_LIMIT
    while not condition():
        error = getattr(app, "_exception", None)
        if error is not None:
            raise RuntimeError(f"the console died: {error!r}") from error
        if not app.is_running:
            raise RuntimeError("the console stopped before the frame was drawn")
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no such frame within {WAIT_LIMIT} s")
        await asyncio.sleep(0.001)


async def _open_board(repo: Repository) -> float:
    """F4 until the frame that shows the loaded cards."""
    gc.collect()
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        frames = Frames(app)
        frames.expect(lambda: _board_ready(app))
        start = time.perf_counter()
        app.post_message(Key("f4", None))
        shown = await frames.wait()
        return (shown - start) * 1000


class NaiveBoard(Screen[None]):
    """The same cards, but one widget per card and every column mounted in full."""

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self.repo = repo

    def compose(self) -> ComposeResult:
        settings = self.repo.settings.get()
        docs = board.select_docs(self.repo.cases.docs(), False, NOW.date())
        wanted = {d["resident_id"] for d in docs if d.get("resident_id")}
        names = board.resident_names(self.repo.residents.docs(), wanted)
        columns = board.build_columns(docs, names, settings, LIVE_COLUMNS)
        calendar = DueCalendar(NOW.date(), settings)
        with Horizontal():
            for state, cards in columns.items():
                with VerticalScroll():
                    yield Static(f"{state.label} {len(cards)}")
                    for card in cards:
                        slot = CaseCard()
                        slot.card = card
                        slot.due = calendar.badge(card.state, card.due_date)
                        slot.today = NOW.date()
                        slot.category_label = settings.category_label
                        yield slot


async def _open_naive(repo: Repository) -> float:
    gc.collect()
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        frames = Frames(app)
        frames.expect(lambda: isinstance(app.screen, NaiveBoard) and app.screen.is_mounted)
        start = time.perf_counter()
        await app.push_screen(NaiveBoard(repo))
        shown = await frames.wait()
        return (shown - start) * 1000


async def _wait_ready(app: DeskApp) -> None:
    await _until(app, lambda: _board_ready(app))


_REBUILDING: set[int] = set()


def _hold_reloads(screen: BoardScreen) -> None:
    """Make the board drop cards that arrive while :func:`_rebuild` swaps its columns
    (a reload started by the move's own commit would land on columns being removed)."""
    show = screen.show_columns

    def guarded(*args: Any) -> None:
        if id(screen) not in _REBUILDING:
            show(*args)

    screen.show_columns = guarded  # type: ignore[method-assign]


async def _rebuild(screen: BoardScreen) -> None:
    """The naive way to show a move: throw every column away and load the board again."""
    screen.loaded = False
    _REBUILDING.add(id(screen))
    try:
        container = screen.query_one("#board-columns", Horizontal)
        await container.remove_children()
        await container.mount_all([CaseColumn(state) for state in screen.states])
        screen._columns = list(screen.query(CaseColumn))
        screen.fit_columns(screen.size.width)
    finally:
        _REBUILDING.discard(id(screen))
    screen.load()


async def _moves(
    repo: Repository, count: int, header: bool = True
) -> tuple[list[float], list[float]]:
    """Ms from the key to the frame that shows the moved card, and with a rebuild.

    ``header=False`` leaves out the header's recount of the whole store after each
    commit (the shell's, not the board's), to show what that costs a move.
    """
    app = make_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await _wait_ready(app)
        if not header:
            app.refresh_header = lambda: None  # type: ignore[method-assign]
        frames = Frames(app)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        _hold_reloads(screen)
        dispatched = screen.column_for(S.DISPATCHED)
        assert dispatched is not None
        numbers = [c.number for c in dispatched.cards[: count * 2]]
        fast, slow = [], []
        for index, number in enumerate(numbers):
            await pilot.pause(0.4)  # the board's own reload after the last commit has passed
            await _wait_ready(app)
            rebuild = bool(index % 2)

            def landed(number: str = number, rebuild: bool = rebuild) -> bool:
                column = screen.column_for(S.IN_PROGRESS)
                return (
                    column is not None
                    and screen.loaded
                    and number in [c.number for c in column.cards]
                    and (rebuild or number in column.visible_numbers())
                )

            frames.expect(landed)
            start = time.perf_counter()
            screen.start_move(number, S.IN_PROGRESS)
            if rebuild:
                await _rebuild(screen)
            shown = await frames.wait()
            (slow if rebuild else fast).append((shown - start) * 1000)
            saved = repo.cases.get(number)
            assert saved is not None and saved.state == S.IN_PROGRESS
        return fast, slow


def _tinydb_save(case_docs: list[dict[str, Any]], path: Path) -> float:
    db = TinyDB(path, storage=_json_storage(), ensure_ascii=False)
    db.table("cases").insert_multiple(case_docs)
    start = time.perf_counter()
    db.table("cases").insert(case_docs[0])
    elapsed = (time.perf_counter() - start) * 1000
    db.close()
    return elapsed


def _json_storage():  # type: ignore[no-untyped-def]
    from tinydb.storages import JSONStorage

    return JSONStorage


def _our_save(repo: Repository, count: int) -> list[float]:
    times = []
    for case in repo.cases.in_states([S.REGISTERED])[:count]:
        start = time.perf_counter()
        repo.cases.save(case)
        times.append((time.perf_counter() - start) * 1000)
    return times


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "store"
        build_store(data_dir)
        with Repository.open(data_dir, now=lambda: NOW) as repo:
            opens = [asyncio.run(_open_board(repo)) for _ in range(5)]
            naive = [asyncio.run(_open_naive(repo)) for _ in range(3)]
            move, rebuild = asyncio.run(_moves(repo, 8))
            quiet, quiet_rebuild = asyncio.run(_moves(repo, 8, header=False))
            save = _our_save(repo, 20)
            docs = json.loads(json.dumps(repo.cases.docs()))
        tiny = [_tinydb_save(docs, Path(tmp) / f"tinydb-{n}.json") for n in range(3)]
    return [
        Figure.paired(
            "board open, 1,000 open of 50,000",
            Sample.of(opens),
            "naive: every card mounted",
            Sample.of(naive),
            "<= 500 ms",
        ),
        Figure.paired(
            "move on screen and durable",
            Sample.of(move),
            "move + rebuild all columns",
            Sample.of(rebuild),
            "<= 50 ms",
        ),
        Figure.paired(
            "move, header recount left out",
            Sample.of(quiet),
            "move + rebuild, same",
            Sample.of(quiet_rebuild),
            "<= 50 ms",
        ),
        Figure.paired(
            "durable save of one case",
            Sample.of(save),
            "TinyDB JSONStorage insert",
            Sample.of(tiny),
            "-",
        ),
    ]


if __name__ == "__main__":
    from bench import print_figures

    print_figures(run())
