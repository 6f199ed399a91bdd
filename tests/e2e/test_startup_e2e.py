"""End to end: on a large store, a whole case typed the moment the first screen shows
(while the store is still being read) is stored as typed; a resident added during the day
is found by a name typed the moment the next console starts (Lookup answering from the
index kept at the end of the day); a damaged store ends with its line."""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from deskconsole.domain import demo
from deskconsole.storage import Op, Repository, StoreLockedError
from deskconsole.storage.opening import claim_repository
from deskconsole.storage.store import SEARCH_CACHE_NAME
from tests.e2e.tmux import Terminal, deskconsole_command, needs_tmux, terminal_env
from tests.factories import make_resident

pytestmark = [pytest.mark.e2e, needs_tmux]

RESIDENTS = 20_000
CASES = 40_000
PHONE = "13905369999"
MATTER = "地下室灯不亮，开发商遗留问题"


def big_store(data_dir: Path) -> str:
    """A store of demo residents and copied cases, plus one resident found by phone."""
    rng = random.Random(5)
    today = date.today()
    residents = [r.model_dump(mode="json") for r in demo.make_residents(rng, RESIDENTS, today)]
    sessions = demo.make_sessions(rng, today, "JC")
    templates = demo.make_cases(
        rng, 50, sessions, [make_resident("江建国")], demo.Settings(), datetime.now()
    )
    ops = [Op("residents", doc["id"], doc) for doc in residents]
    ops += [Op("sessions", s.id, s.model_dump(mode="json")) for s in sessions]
    for index in range(CASES):
        doc = templates[index % len(templates)].model_dump(mode="json")
        day = today - timedelta(days=1 + index % 700)
        doc["number"] = f"JC-{day:%Y%m%d}-{index // 700 + 1:03d}"
        doc["intake_at"] = datetime.combine(day, datetime.min.time()).isoformat()
        doc["resident_id"] = residents[index % RESIDENTS]["id"]
        ops.append(Op("cases", doc["number"], doc))
    wanted = make_resident("司马光明", phones=[PHONE])
    ops.append(Op("residents", wanted.id, wanted.model_dump(mode="json")))
    with Repository.open(data_dir) as repo:
        repo.settings.save(repo.settings.get())
        repo.commit(ops)
    return wanted.id


def test_a_case_typed_as_the_console_starts_on_a_large_store_is_stored_as_typed(
    tmp_path: Path,
) -> None:
    store = tmp_path / "data"
    resident_id = big_store(store)
    term = Terminal(deskconsole_command("--staff", "颜成玉"), terminal_env(store), (120, 40))
    try:
        term.wait_for("Lookup", timeout=60)  # the first screen: the store is still being read
        term.burst(
            *("<F3>", PHONE, "<Enter>", "2", "<Enter>", "wy", "<Enter>"),
            *(MATTER, "<C-s>"),
        )
        screen = term.wait_for("Saved JC-", timeout=120)
        number = screen.split("Saved ", 1)[1].split(",", 1)[0]
        term.keys("C-q")
        term.wait_for(lambda s: "Saved" not in s, timeout=60)
    finally:
        term.close()
    with Repository.open(store, readonly=True) as repo:
        case = repo.cases.get(number)
        assert case is not None
        assert case.resident_id == resident_id
        assert (case.request_type, case.category) == ("help", "property")
        assert case.description == MATTER
        assert len(repo.cases.docs()) == CASES + 1


def test_a_resident_added_today_is_found_by_a_name_typed_as_the_next_console_starts(
    tmp_path: Path,
) -> None:
    store = tmp_path / "data"
    big_store(store)
    term = Terminal(deskconsole_command("--staff", "颜成玉"), terminal_env(store), (120, 40))
    try:
        term.wait_for("Type to search", timeout=120)
        term.burst("<C-n>", "欧阳新来", "<C-s>")
        term.wait_for("On the roster since", timeout=60)  # saved: the kept index is removed
        assert not (store / SEARCH_CACHE_NAME).exists()
        term.keys("C-q")
        released(store)  # the console has ended
    finally:
        term.close()
    assert (store / SEARCH_CACHE_NAME).exists()  # kept again as the console ended
    term = Terminal(deskconsole_command("--staff", "颜成玉"), terminal_env(store), (120, 40))
    try:
        term.burst("oyxl", "<Enter>")  # typed the moment the console is launched
        screen = term.wait_for("On the roster since", timeout=120)
        assert "欧阳新来" in screen
        term.keys("C-q")
        term.wait_for(lambda s: "On the roster" not in s, timeout=60)
    finally:
        term.close()


def released(store: Path, timeout: float = 60.0) -> None:
    """Wait until no console holds the store."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            claim_repository(store).release()
            return
        except StoreLockedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_a_damaged_store_gives_its_one_line_and_no_console(tmp_path: Path) -> None:
    store = tmp_path / "data"
    with Repository.open(store) as repo:
        repo.residents.save(make_resident("江建国", phones=["13905360001"]))
    snapshot = store / "store.json"
    snapshot.write_bytes(snapshot.read_bytes().replace("江建国".encode(), "江建军".encode()))
    term = Terminal(deskconsole_command(), terminal_env(store), (120, 40))
    try:
        screen = term.wait_for("deskconsole: ", timeout=60)
        assert "store.json" in screen
        assert "Traceback" not in screen
    finally:
        term.close()
