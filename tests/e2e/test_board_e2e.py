"""End to end: one case from registered to closed on the board, with the keys alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deskconsole.models import CaseState, EventKind, PartyKind, Satisfaction
from deskconsole.storage import Repository
from tests.e2e.tmux import Terminal, deskconsole_command, needs_tmux, terminal_env
from tests.ui.board_data import fill_board

pytestmark = [pytest.mark.e2e, needs_tmux]
NUMBER = "JC-20261124-001"


def strip_count(screen: str, label: str) -> int:
    """The count beside ``label`` on the board's top line."""
    line = next(line for line in screen.splitlines() if line.strip().startswith("Board:"))
    match = re.search(rf"{label} (\d+)", line)
    assert match, line
    return int(match[1])


def test_a_case_goes_from_registered_to_closed_with_keys(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Repository.open(data_dir) as repo:
        fill_board(repo)
    term = Terminal(
        deskconsole_command("--staff", "颜成玉", "--lang", "en"),
        terminal_env(data_dir),
        (120, 40),
    )
    try:
        term.wait_for("Follow-up", timeout=60)
        term.keys("F4")
        screen = term.wait_for(lambda s: NUMBER in s and "Board:" in s)
        closed_before = strip_count(screen, "Closed")

        # The whole path in one burst, as a clerk who knows the keys types it: dispatch
        # (shift+right as a real terminal sends it) to the property company, start work,
        # resolve with the outcome in Chinese, close with the follow-up and "basically".
        term.burst(
            *("<S-Right>", "2", "<C-s>"),
            "]",
            *("]", "已派电工接线，灯已亮", "<Enter>"),
            *("]", "电话回访，居民满意", "<Tab>", "2", "<C-s>"),
        )
        screen = term.wait_for(lambda s: f"Closed {closed_before + 1}" in s)
        assert strip_count(screen, "Awaiting follow-up") == 2
        assert strip_count(screen, "Registered") == 1
        assert NUMBER in screen
        term.keys("C-q")
        term.wait_for(lambda s: "Board:" not in s, timeout=20)
    finally:
        term.close()

    with Repository.open(data_dir, readonly=True) as repo:
        case = repo.cases.get(NUMBER)
    assert case is not None and case.state == CaseState.CLOSED
    assert case.outcome == "已派电工接线，灯已亮"
    assert case.satisfaction == Satisfaction.BASICALLY
    assert case.party is not None and case.party.kind == PartyKind.PROPERTY_COMPANY
    moves = [(e.from_state, e.to_state) for e in case.events if e.kind == EventKind.MOVED]
    assert moves == [
        (CaseState.REGISTERED, CaseState.DISPATCHED),
        (CaseState.DISPATCHED, CaseState.IN_PROGRESS),
        (CaseState.IN_PROGRESS, CaseState.RESOLVED),
        (CaseState.RESOLVED, CaseState.CLOSED),
    ]
    assert all(e.staff == "颜成玉" for e in case.events if e.kind == EventKind.MOVED)
    assert case.events[-1].note == "电话回访，居民满意"
