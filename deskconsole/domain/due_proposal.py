"""The due date a move offers: a date that still lies ahead, counted from today by urgency.

A dispatch keeps the running due date while it lies ahead; a case already late gets a new one
counted from today (a case 21 days late is never sent out with a past date). A rework or
reopen restarts the clock: the resident is back, the party gets the urgency's time again.
"""

from __future__ import annotations

from datetime import date, datetime

from deskconsole.domain.workdays import due_date
from deskconsole.models import ENDED_STATES, Case, CaseState, Settings

#: States whose case is done with: their due date is history and is not changed any more.
SETTLED_STATES = frozenset({CaseState.CLOSED, *ENDED_STATES})


def proposed_due(case: Case, now: datetime, settings: Settings, *, restart: bool = False) -> date:
    """The due date to offer when ``case`` is dispatched (or, ``restart``, reworked/reopened)."""
    fresh = due_date(now, case.urgency, settings)
    current = case.due_date
    if current is None:
        return fresh
    if restart:
        return max(current, fresh)
    return current if current >= now.date() else fresh


def due_is_settled(case: Case) -> bool:
    """True when the case is closed or ended, so its due date may no longer change."""
    return case.state in SETTLED_STATES
