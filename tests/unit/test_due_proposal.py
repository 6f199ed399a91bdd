"""Due dates that make sense: a move offers a date ahead, a settled case keeps its own."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from deskconsole.domain import workflow
from deskconsole.domain.due_proposal import due_is_settled, proposed_due
from deskconsole.domain.workdays import due_date
from deskconsole.errors import DeskError
from deskconsole.models import CaseState, Settings, Urgency
from tests.factories import make_case

NOW = datetime(2026, 11, 27, 10, 0)
SETTINGS = Settings()
S = CaseState


def test_a_late_case_is_dispatched_with_a_date_from_today() -> None:
    late = make_case(due_date=date(2026, 11, 6), urgency=Urgency.NORMAL)
    fresh = due_date(NOW, Urgency.NORMAL, SETTINGS)
    assert fresh > NOW.date()
    assert proposed_due(late, NOW, SETTINGS) == fresh
    running = make_case(due_date=date(2026, 11, 30))
    assert proposed_due(running, NOW, SETTINGS) == date(2026, 11, 30)
    urgent = make_case(due_date=date(2026, 11, 6), urgency=Urgency.URGENT)
    assert proposed_due(urgent, NOW, SETTINGS) == due_date(NOW, Urgency.URGENT, SETTINGS)


def test_a_rework_restarts_the_clock_and_records_it() -> None:
    case = make_case(due_date=date(2026, 11, 6), state=S.RESOLVED, outcome="已修")
    assert workflow.requirements(S.RESOLVED, S.IN_PROGRESS) == ("reason", "due_date")
    due = proposed_due(case, NOW, SETTINGS, restart=True)
    step = workflow.Step(reason="居民说灯还是不亮", due_date=due)
    moved = workflow.move(case, S.IN_PROGRESS, "颜成玉", NOW, step)
    assert moved.due_date == due
    assert moved.events[-1].data["due_from"] == "2026-11-06"
    assert moved.events[-1].data["due_date"] == due.isoformat()


@pytest.mark.parametrize("state", [S.CLOSED, S.RETURNED, S.DUPLICATE, S.WITHDRAWN])
def test_a_closed_or_ended_case_keeps_its_due_date(state: CaseState) -> None:
    case = make_case(due_date=date(2026, 11, 20), state=state)
    assert due_is_settled(case)
    with pytest.raises(DeskError, match="due date stays"):
        workflow.extend_due(case, date(2026, 12, 20), "居民要求", "颜成玉", NOW)
