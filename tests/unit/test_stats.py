"""Statistics: figures on a known demo seed, counted here independently, and exact rates."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from deskconsole.domain import demo
from deskconsole.domain.stats import compute, percent, stats_for
from deskconsole.models import CaseEvent, CaseState, EventKind, Satisfaction
from deskconsole.storage import Repository
from tests import register_data as data

NOW = datetime(2026, 11, 27, 12, 0)
FIRST, LAST = date(2026, 9, 1), date(2026, 11, 27)
SOLVED = {CaseState.RESOLVED, CaseState.CLOSED}
OPEN = {CaseState.REGISTERED, CaseState.DISPATCHED, CaseState.IN_PROGRESS}


@pytest.fixture(scope="module")
def generated() -> demo.DemoData:
    return demo.generate(NOW, residents=300, cases=400, seed=11)


@pytest.fixture
def store(repo: Repository, generated: demo.DemoData) -> Repository:
    demo.fill(repo, generated)
    return repo


def test_figures_on_a_demo_seed(store: Repository, generated: demo.DemoData) -> None:
    taken = [c for c in generated.cases if FIRST <= c.intake_at.date() <= LAST]
    sessions = [s for s in generated.sessions if FIRST <= s.date <= LAST]
    assert len(taken) > 100  # the seed gives a meaningful sample

    stats = stats_for(store, FIRST, LAST, NOW.date())

    assert stats.visitors == sum(len(s.visits) for s in sessions)
    assert stats.taken == len(taken)
    assert stats.solved_on_spot == len(
        [c for c in taken if c.solved_on_spot or (c.state in SOLVED and c.party is None)]
    )
    assert stats.dispatched == len([c for c in taken if c.party is not None])
    assert stats.resolved == len([c for c in taken if c.state in SOLVED])
    assert stats.closed == len([c for c in taken if c.state == CaseState.CLOSED])

    def resolved_on(case) -> date:  # type: ignore[no-untyped-def]
        return max(e.at for e in case.events if e.to_state == CaseState.RESOLVED).date()

    solved_in_time = [
        c for c in taken if c.state in SOLVED and c.due_date and resolved_on(c) <= c.due_date
    ]
    judged = [c for c in taken if c.state in SOLVED and c.due_date] + [
        c for c in taken if c.state in OPEN and c.due_date and c.due_date < NOW.date()
    ]
    assert (stats.on_time, stats.timed) == (len(solved_in_time), len(judged))
    rated = [c for c in taken if c.state == CaseState.CLOSED and c.satisfaction]
    content = [c for c in rated if c.satisfaction in ("satisfied", "basically")]
    assert (stats.content, stats.rated) == (len(content), len(rated))

    assert dict(stats.by_category) == Counter(c.category for c in taken)
    parties = Counter(c.party.label if c.party else "" for c in taken)
    assert dict(stats.by_party) == parties
    per_session = Counter(c.session_id for c in taken)
    for figures in stats.by_session:
        assert figures.cases == per_session[figures.id or None]
    assert sum(d.cases for d in stats.per_day) == len(taken)
    assert len(stats.per_day) == (LAST - FIRST).days + 1
    assert sum(w.cases for w in stats.per_week()) == len(taken)
    assert sum(w.visitors for w in stats.per_week()) == stats.visitors
    assert all(w.day.weekday() == 0 for w in stats.per_week()[1:])


def test_summary_sentence(store: Repository) -> None:
    stats = stats_for(store, FIRST, LAST, NOW.date())
    assert stats.summary() == (
        f"2026-09-01 to 2026-11-27: {stats.visitors} visits, {stats.taken} cases taken, "
        f"{stats.resolved} solved ({stats.solved_on_spot} on the spot)."
    )


def test_rates_on_hand_made_cases(repo: Repository) -> None:
    data.fill(repo)
    cases = {c.number: c for c in data.cases()}
    late = cases["JC-20261127-002"].model_copy(update={"due_date": date(2026, 11, 26)})
    docs = [c.model_dump(mode="json") for c in [*cases.values(), late]]
    stats = compute(docs, data.sessions(), data.DAY, data.DAY, date(2026, 11, 30))
    # 001 resolved on the spot (no due date): not judged for time.
    # 002 due 12-04, still open on 11-30: not judged yet. Its late copy (due 11-26): late.
    # 005 due 12-04, open: not judged.
    assert (stats.on_time, stats.timed) == (0, 1)
    assert stats.on_time_rate == 0.0
    assert stats.satisfaction_rate is None
    assert percent(stats.satisfaction_rate) == "-"
    assert stats.taken == 6
    assert stats.visitors == 6
    assert stats.solved_on_spot == 1
    assert [(s.compound, s.cases) for s in stats.by_session] == [("金域华府", 5), ("", 1)]


def test_closed_on_time_and_satisfaction(repo: Repository) -> None:
    data.fill(repo)
    base = next(c for c in data.cases() if c.number == "JC-20261127-002")

    def closed(number: str, resolved_at: datetime, satisfaction: Satisfaction):  # type: ignore[no-untyped-def]
        event = CaseEvent(at=resolved_at, kind=EventKind.MOVED, to_state=CaseState.RESOLVED)
        return base.model_copy(
            update={
                "number": number,
                "state": CaseState.CLOSED,
                "satisfaction": satisfaction,
                "events": [event],
            }
        ).model_dump(mode="json")

    due = datetime(2026, 12, 4, 9)
    docs = [
        closed("JC-20261127-010", due, Satisfaction.SATISFIED),
        closed("JC-20261127-011", due - timedelta(days=3), Satisfaction.BASICALLY),
        closed("JC-20261127-012", due + timedelta(days=1), Satisfaction.UNSATISFIED),
        closed("JC-20261127-013", due + timedelta(days=9), Satisfaction.SATISFIED),
    ]
    stats = compute(docs, [], data.DAY, data.DAY, date(2026, 12, 31))
    assert (stats.on_time, stats.timed) == (2, 4)
    assert percent(stats.on_time_rate) == "50.0%"
    assert (stats.content, stats.rated) == (3, 4)
    assert percent(stats.satisfaction_rate) == "75.0%"
    assert stats.closed == stats.resolved == 4


def test_equal_counts_rank_in_the_order_the_cases_were_taken(generated: demo.DemoData) -> None:
    """The breakdowns do not depend on the order the store hands the cases over in."""
    docs = [case.model_dump(mode="json") for case in generated.cases]
    in_order = compute(docs, generated.sessions, FIRST, LAST, NOW.date())
    backwards = compute(list(reversed(docs)), generated.sessions, FIRST, LAST, NOW.date())
    assert backwards.by_category == in_order.by_category
    assert backwards.by_party == in_order.by_party
    taken = sorted(
        (c for c in generated.cases if FIRST <= c.intake_at.date() <= LAST),
        key=lambda c: (c.intake_at.isoformat(), c.number),
    )
    first_seen = list(dict.fromkeys(c.category for c in taken))
    counts = dict(in_order.by_category)
    expected = sorted(first_seen, key=lambda code: (-counts[code], first_seen.index(code)))
    assert [code for code, _ in in_order.by_category] == expected
