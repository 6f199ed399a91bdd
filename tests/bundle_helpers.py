"""Builders for the bundle tests: edits the way the desk makes them, and two desks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from deskconsole.domain import workflow
from deskconsole.domain.desk import update_desk
from deskconsole.domain.lifecycle import allowed_moves
from deskconsole.domain.workflow import Step
from deskconsole.models import (
    Case,
    CaseEvent,
    CaseState,
    EventKind,
    PartyKind,
    ResponsibleParty,
    Satisfaction,
)
from deskconsole.storage import Repository

S = CaseState
PARTIES = (
    ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY, name="金域物业"),
    ResponsibleParty(kind=PartyKind.HOTLINE_OFFICE),
    ResponsibleParty(kind=PartyKind.STREET_DEPARTMENT, name="城管科"),
)


def step_for(case: Case, target: CaseState, word: str) -> Step:
    """Everything a move to ``target`` may need; ``word`` makes the texts differ."""
    party = next(p for p in PARTIES if p != case.party)
    return Step(
        party=party,
        due_date=case.intake_at.date() + timedelta(days=7),
        outcome=f"结果{word}",
        reply=f"答复{word}",
        satisfaction=Satisfaction.SATISFIED,
        note=f"备注{word}",
        reason=f"原因{word}",
        redirect_to=f"去向{word}",
        duplicate_of="JC-20260101-001",
    )


def move_to(case: Case, target: CaseState, staff: str, at: datetime, word: str = "") -> Case:
    """``case`` moved to ``target`` with the step filled in."""
    return workflow.move(case, target, staff, at, step_for(case, target, word))


def edit(case: Case, name: str, value: Any, staff: str, at: datetime) -> Case:
    """A field changed with an EDITED event naming it (the convention the merge reads)."""
    event = CaseEvent(
        at=at,
        staff=staff,
        kind=EventKind.EDITED,
        data={"field": name, "from": str(getattr(case, name)), "to": str(value)},
    )
    data = case.model_dump()
    data.update({name: value, "events": [*case.events, event], "updated_at": at})
    return Case.model_validate(data)


def later_due(case: Case, staff: str, at: datetime, days: int = 3) -> Case:
    """The due date moved ``days`` later (from the intake date if none)."""
    start = case.due_date or case.intake_at.date()
    return workflow.extend_due(case, start + timedelta(days=days), "延期", staff, at)


Edit = Callable[[Case, str, datetime, int], Case]


def apply_edit(case: Case, choice: int, staff: str, at: datetime, n: int) -> Case:
    """One of the edits a desk makes, picked by ``choice`` (used by the property test)."""
    kind = choice % 6
    if kind == 0:
        moves = allowed_moves(case.state)
        target = moves[n % len(moves)]
        return move_to(case, target, staff, at, str(n))
    if kind == 1:
        return workflow.add_note(case, f"电话联系{n}", staff, at)
    if kind == 2:
        party = PARTIES[n % len(PARTIES)]
        if party == case.party:
            party = PARTIES[(n + 1) % len(PARTIES)]
        return workflow.change_party(case, party, f"改派{n}", staff, at)
    if kind == 3:
        return later_due(case, staff, at, 1 + n % 5)
    if kind == 4:
        return edit(case, "description", f"地下室灯不亮{n % 3}", staff, at)
    return workflow.add_note(case, f"答复{n}", staff, at, reply=True)


def set_desk(repo: Repository, code: str, community: str) -> None:
    """Give a test store its own desk code (saved settings)."""
    update_desk(repo, community=community, desk_code=code)


def day(text: str) -> date:
    return date.fromisoformat(text)


def store_cases(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Every case of a store as JSON, by number (read-only open)."""
    with Repository.open(data_dir, readonly=True) as repo:
        return {doc["number"]: doc for doc in repo.cases.docs()}
