"""Demo data at a street's size: enough flats, households of one to five, sessions twice a
week over the span the cases cover, varied matters, the same data for the same seed."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime

from deskconsole.domain import demo
from deskconsole.models.phones import phone_warning

NOW = datetime(2026, 11, 27, 10, 0)


def test_enough_flats_for_a_street_of_residents() -> None:
    residents = demo.make_residents(random.Random(1), 20_000, NOW.date())
    assert len(residents) == 20_000
    households = Counter(r.address for r in residents)
    assert set(households.values()) <= {1, 2, 3, 4, 5}
    assert {1, 5} <= set(households.values())
    assert len(households) > 20_000 / 5


def test_sessions_twice_a_week_over_the_span_of_the_cases() -> None:
    assert demo.weeks_for(400) == 26
    assert demo.weeks_for(100_000) == 500
    assert demo.weeks_for(200_000) == demo.MAX_WEEKS
    sessions = demo.make_sessions(random.Random(2), NOW.date(), "JC", weeks=100)
    assert 198 <= len(sessions) <= 202
    assert {s.date.weekday() for s in sessions} == {1, 4}
    assert min(s.date for s in sessions) < date(2025, 1, 1)
    assert [s.is_open for s in sessions].count(True) <= 1


def test_cases_spread_over_the_sessions_with_varied_matters() -> None:
    data = demo.generate(NOW, residents=2_000, cases=3_000, seed=5)
    assert abs(len(data.sessions) - 2 * demo.weeks_for(3_000)) <= 2
    used = {c.session_id for c in data.cases}
    past = {s.id for s in data.sessions if s.date < NOW.date()}
    assert used == past
    assert len({c.description for c in data.cases}) > 500
    assert len({c.number for c in data.cases}) == 3_000


def test_the_same_seed_gives_the_same_data() -> None:
    first = demo.generate(NOW, residents=300, cases=200, seed=9)
    second = demo.generate(NOW, residents=300, cases=200, seed=9)
    assert first == second
    assert demo.generate(NOW, residents=300, cases=200, seed=10) != first


def test_every_phone_of_the_demo_is_one_the_numbering_plan_holds() -> None:
    data = demo.generate(datetime(2026, 11, 27, 10), residents=3_000, cases=0, seed=11)
    phones = [phone for resident in data.residents for phone in resident.phones]
    assert len(phones) > 2_000
    assert [p for p in phones if phone_warning(p) is not None] == []
