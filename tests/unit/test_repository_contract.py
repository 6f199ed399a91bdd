"""The repository contract: what every store promises, run on the embedded store and
on a real PostgreSQL server alike (``any_repo``, in tests/conftest.py; the server's
run is skipped, with the reason, where PostgreSQL is not installed). What only the
embedded store's files promise (journal, snapshot, lock, backups) is in test_store.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from deskconsole.models import AuditEntry, CaseState, DeskSession, Settings
from deskconsole.storage import Change, Op, Repository, StoreReadOnlyError
from deskconsole.storage.postgres import ServerRepository
from deskconsole.storage.repository import Repository as EmbeddedRepository
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_resident

DAY = date(2026, 11, 27)


def test_a_new_store_is_empty_and_runs_on_default_settings(any_repo: Repository) -> None:
    assert any_repo.is_empty
    assert not any_repo.settings.is_saved() and any_repo.settings.get() == Settings()
    assert any_repo.now() == FIXED_NOW


def test_case_numbers_are_allocated_per_desk_and_day(any_repo: Repository) -> None:
    first = any_repo.cases.add("JC", DAY, lambda number: make_case(number))
    second = any_repo.cases.add("JC", DAY, lambda number: make_case(number))
    other_desk = any_repo.cases.add("XC", DAY, lambda number: make_case(number))
    assert [first.number, second.number, other_desk.number] == [
        "JC-20261127-001",
        "JC-20261127-002",
        "XC-20261127-001",
    ]
    assert any_repo.cases.next_number("JC", DAY) == "JC-20261127-003"
    assert any_repo.cases.count_from_desk("JC") == 2


def test_a_new_case_and_the_cases_it_changes_land_together(any_repo: Repository) -> None:
    original = any_repo.cases.save(make_case("JC-20261127-001"))

    def build(number: str) -> list:  # type: ignore[type-arg]
        return [make_case(number), original.model_copy(update={"outcome": "合并"})]

    made = any_repo.cases.add_with("JC", DAY, build)
    assert [c.number for c in made] == ["JC-20261127-002", "JC-20261127-001"]
    assert any_repo.cases.get("JC-20261127-001").outcome == "合并"  # type: ignore[union-attr]


def test_household_and_lookups(any_repo: Repository) -> None:
    one = make_resident("江建国", id_number="11010519491231002X")
    two = make_resident("王秀英", phones=["0536-8881234"])
    elsewhere = make_resident(
        "张伟", address={"compound": "锦绣苑", "building": "1", "unit": "1", "room": "101"}
    )
    any_repo.residents.save_many([one, two, elsewhere])
    assert [r.name for r in any_repo.residents.at_address(one.address)] == ["江建国", "王秀英"]
    assert any_repo.residents.by_id_number("11010519491231002X").id == one.id  # type: ignore[union-attr]
    assert any_repo.residents.by_name_and_phone("王秀英", "0536-8881234").id == two.id  # type: ignore[union-attr]
    assert any_repo.residents.by_name_and_phone("王秀英", "13800138000") is None
    assert any_repo.residents.count() == 3


def test_a_saved_resident_is_stamped_and_can_be_removed(any_repo: Repository) -> None:
    saved = any_repo.residents.save(make_resident())
    assert saved.updated_at == FIXED_NOW and saved.versions
    assert any_repo.residents.get(saved.id) == saved
    any_repo.residents.remove(saved.id)
    assert any_repo.residents.get(saved.id) is None and any_repo.residents.count() == 0


def test_secondary_indexes_follow_every_change(
    any_repo: Repository, reopen: Callable[[], Repository]
) -> None:
    first = make_case("JC-20261127-001", resident_id="r1")
    any_repo.cases.save(first)
    any_repo.cases.save(make_case("JC-20261127-002", resident_id="r2"))
    any_repo.cases.save(first.model_copy(update={"resident_id": "r2"}))
    assert [c.number for c in any_repo.cases.for_residents({"r1"})] == []
    assert {c.number for c in any_repo.cases.for_residents({"r2"})} == {
        "JC-20261127-001",
        "JC-20261127-002",
    }
    assert len(any_repo.cases.taken_on(DAY)) == 2
    assert any_repo.cases.next_number("JC", DAY) == "JC-20261127-003"
    any_repo.commit([Op("cases", "JC-20261127-002", None)])
    assert [c.number for c in any_repo.cases.for_residents({"r2"})] == ["JC-20261127-001"]
    with reopen() as again:  # rebuilt from what the store holds
        assert [c.number for c in again.cases.for_residents({"r2"})] == ["JC-20261127-001"]
        assert again.cases.get("JC-20261127-001") == first.model_copy(update={"resident_id": "r2"})
        assert again.cases.next_number("JC", DAY) == "JC-20261127-002"


def test_listeners_hear_the_tables_and_keys_of_each_commit(any_repo: Repository) -> None:
    heard: list[Change] = []
    any_repo.subscribe(heard.append)
    resident = make_resident()
    any_repo.commit(
        [
            Op("residents", resident.id, resident.model_dump(mode="json")),
            Op("cases", "JC-20261127-001", make_case().model_dump(mode="json")),
        ]
    )
    [change] = heard
    assert change == {"residents", "cases"}
    assert change.keys == {
        "residents": frozenset({resident.id}),
        "cases": frozenset({"JC-20261127-001"}),
    }
    any_repo.unsubscribe(heard.append)
    any_repo.cases.save(make_case("JC-20261127-002"))
    assert len(heard) == 1


def test_a_transaction_commits_its_ops_as_one_batch(any_repo: Repository) -> None:
    heard: list[Change] = []
    any_repo.subscribe(heard.append)
    with any_repo.transaction() as tx:
        for n in (1, 2):
            case = make_case(f"JC-20261127-00{n}")
            tx.add(Op("cases", case.number, case.model_dump(mode="json")))
        assert any_repo.cases.count() == 0
    assert any_repo.cases.count() == 2
    assert [change.keys for change in heard] == [
        {"cases": frozenset({"JC-20261127-001", "JC-20261127-002"})}
    ]


def test_a_failed_transaction_writes_nothing(
    any_repo: Repository, reopen: Callable[[], Repository]
) -> None:
    case = make_case()
    with pytest.raises(RuntimeError), any_repo.transaction() as tx:
        tx.add(Op("cases", case.number, case.model_dump(mode="json")))
        raise RuntimeError("changed my mind")
    assert any_repo.cases.count() == 0
    with reopen() as again:
        assert again.cases.count() == 0


def test_header_counts_match_a_plain_count_and_follow_moves(any_repo: Repository) -> None:
    from deskconsole.domain import demo

    demo.fill(any_repo, demo.generate(datetime(2026, 11, 27, 9), residents=120, cases=80, seed=11))
    today = date(2026, 11, 20)

    def plain() -> tuple[int, int, int]:
        cases = any_repo.cases.all()
        return (
            sum(c.day == today for c in cases),
            sum(c.is_overdue(today) for c in cases),
            sum(c.state == CaseState.RESOLVED for c in cases),
        )

    counts = any_repo.cases.counts(today)
    assert (counts.taken_today, counts.overdue, counts.awaiting_followup) == plain()
    assert counts.overdue > 0 and counts.awaiting_followup > 0
    overdue_case = next(c for c in any_repo.cases.all() if c.is_overdue(today))
    any_repo.cases.save(overdue_case.model_copy(update={"state": CaseState.RESOLVED}))
    after = any_repo.cases.counts(today)
    assert (after.taken_today, after.overdue, after.awaiting_followup) == plain()
    assert after.overdue == counts.overdue - 1
    assert after.awaiting_followup == counts.awaiting_followup + 1


def test_taken_today_can_count_one_desk(any_repo: Repository) -> None:
    any_repo.cases.save_many([make_case("JC-20261127-001"), make_case("XC-20261127-001")])
    assert any_repo.cases.counts(DAY).taken_today == 2
    assert any_repo.cases.counts(DAY, "JC").taken_today == 1


def test_sessions_settings_and_audit_round_trip(
    any_repo: Repository, reopen: Callable[[], Repository]
) -> None:
    session = DeskSession(
        date=DAY,
        compound="金域华府",
        staff=["颜成玉"],
        start=FIXED_NOW.time(),
        updated_at=FIXED_NOW,
    )
    any_repo.sessions.save(session)
    settings = Settings(desk_code="XC", community="幸福社区")
    any_repo.settings.save(settings)
    entry = AuditEntry(at=FIXED_NOW, staff="颜成玉", action="export", detail={"what": "register"})
    any_repo.audit.add(entry)
    with reopen() as again:
        assert again.sessions.current() == session
        assert again.settings.get() == settings and again.settings.is_saved()
        assert again.audit.all() == [entry]
        assert not again.is_empty


def test_a_read_only_store_refuses_writes(any_repo: Repository, tmp_path) -> None:  # type: ignore[no-untyped-def]
    any_repo.cases.save(make_case())
    if isinstance(any_repo, ServerRepository):
        reader: EmbeddedRepository = ServerRepository.connect(
            any_repo.store.address, tmp_path / "reader", readonly=True, listen=False
        )
    else:
        reader = EmbeddedRepository.open(any_repo.data_dir, readonly=True)
    with reader:
        assert reader.cases.count() == 1
        with pytest.raises(StoreReadOnlyError):
            reader.cases.save(make_case("JC-20261127-002"))
    assert any_repo.cases.count() == 1
