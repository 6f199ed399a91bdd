"""Retention: who is due for de-identification, the purge in one batch, the monthly reminder."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from deskconsole.domain.erasure import erase, is_erased
from deskconsole.domain.privacy_settings import update_privacy
from deskconsole.domain.retention import cutoff, due_residents, monthly_reminder, purge
from deskconsole.models import CaseEvent, CaseState, EventKind
from deskconsole.storage import Repository
from tests.bundle_helpers import set_desk
from tests.factories import make_case, make_resident

NOW = datetime(2026, 11, 27, 10, 0)
OLD = NOW - timedelta(days=4 * 365)


def _fill(repo: Repository) -> dict[str, str]:
    set_desk(repo, "JC", "金城社区")
    people = {
        "quiet": make_resident("司马光", updated_at=OLD, created_at=OLD),
        "new": make_resident("王芳", updated_at=NOW - timedelta(days=1)),
        "called_back": make_resident("刘秀英", updated_at=OLD, created_at=OLD),
        "open": make_resident("张伟", updated_at=OLD, created_at=OLD),
        "erased": make_resident("江建国", updated_at=OLD, created_at=OLD),
    }
    repo.residents.save_many(people.values(), touch=False)
    closed = make_case(
        "JC-20221127-001",
        intake_at=OLD,
        updated_at=OLD,
        resident_id=people["called_back"].id,
        state=CaseState.CLOSED,
    )
    followup = CaseEvent(
        at=NOW - timedelta(days=400), staff="颜成玉", kind=EventKind.NOTE, note="回访"
    )
    repo.cases.save(closed.model_copy(update={"events": [*closed.events, followup]}))
    repo.cases.save(
        make_case("JC-20221127-002", intake_at=OLD, updated_at=OLD, resident_id=people["open"].id)
    )
    erase(repo, people["erased"].id, "居民申请", staff="颜成玉", now=OLD + timedelta(days=1))
    return {key: r.id for key, r in people.items()}


def test_only_residents_with_nothing_for_the_years_and_no_open_case_are_due(
    repo: Repository,
) -> None:
    ids = _fill(repo)
    assert [r.id for r in due_residents(repo, NOW.date())] == [ids["quiet"]]
    update_privacy(repo, retention_years=5)
    assert due_residents(repo, NOW.date()) == []
    update_privacy(repo, retention_years=0)
    assert due_residents(repo, NOW.date()) == []


def test_purge_de_identifies_in_one_batch_with_an_audit_entry_each(repo: Repository) -> None:
    ids = _fill(repo)
    update_privacy(repo, retention_years=1)
    due = due_residents(repo, NOW.date())
    assert {r.id for r in due} == {ids["quiet"], ids["called_back"]}
    before = len(repo.audit.all())
    done = purge(repo, due, "保存期限到期", staff="颜成玉", now=NOW)
    assert len(done) == 2
    assert all(is_erased(repo.residents.doc(r.id) or {}) for r in due)
    assert not is_erased(repo.residents.doc(ids["new"]) or {})
    entries = repo.audit.all()[before:]
    assert [e.action for e in entries] == ["person.purge", "person.purge"]
    assert due_residents(repo, NOW.date()) == []


def test_the_reminder_comes_once_a_month(repo: Repository) -> None:
    _fill(repo)
    today = NOW.date()
    assert monthly_reminder(repo, today) == 1
    assert repo.settings.get().retention_reminded == today
    assert monthly_reminder(repo, today + timedelta(days=29)) == 0
    assert monthly_reminder(repo, today + timedelta(days=30)) == 1


def test_a_month_with_nobody_due_is_looked_at_once(repo: Repository) -> None:
    today = NOW.date()
    assert monthly_reminder(repo, today) == 0
    assert repo.settings.get().retention_reminded == today  # not scanned again tomorrow


def test_the_cutoff_of_a_leap_day() -> None:
    assert cutoff(date(2028, 2, 29), 3) == date(2025, 2, 28)
    assert cutoff(date(2026, 11, 27), 3) == date(2023, 11, 27)
