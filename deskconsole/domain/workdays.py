"""Working days: China's statutory calendar, plus the store's own holidays and make-up days.

The ``chinesecalendar`` package knows the official holidays and the weekend days
that are worked instead, for the years it covers; beyond them, weekends are off.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import chinese_calendar

from deskconsole.models import Settings, Urgency


def is_workday(day: date, settings: Settings) -> bool:
    """True when the desk's parties work on ``day``."""
    if day in settings.holidays:
        return False
    if day in settings.extra_workdays:
        return True
    return _statutory_workday(day)


@lru_cache(maxsize=16384)
def _statutory_workday(day: date) -> bool:
    """The official calendar's answer (cached: the package checks its range on every call)."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_workdays(start: date, count: int, settings: Settings) -> date:
    """The date ``count`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_workday(day, settings):
            remaining -= 1
    return day


def workdays_until(today: date, due: date, settings: Settings) -> int:
    """Working days from ``today`` to ``due``: 0 when due today, negative when overdue."""
    if due == today:
        return 0
    step = 1 if due > today else -1
    count = 0
    day = today
    while day != due:
        day += timedelta(days=step)
        if is_workday(day, settings):
            count += step
    return count


def due_date(intake_at: datetime, urgency: Urgency, settings: Settings) -> date:
    """The due date: the urgency's time limit in working days after intake."""
    limit = settings.urgency_days.get(urgency, 5)
    return add_workdays(intake_at.date(), limit, settings)
