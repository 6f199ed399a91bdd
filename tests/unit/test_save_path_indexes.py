"""An intake save, the header and the live board read through indexes, never every record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest

from deskconsole.domain import board
from deskconsole.domain.intake import IntakeForm, register_case, related_open_cases, session_for
from deskconsole.models import Address, CaseState, DeskSession, Settings
from deskconsole.storage import Repository
from deskconsole.storage.store import Store
from deskconsole.storage.tables import DocTable
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_resident

TODAY = FIXED_NOW.date()


def session(
    day: date, hour: int = 9, ended: bool = True, compound: str = "金域华府"
) -> DeskSession:
    return DeskSession(
        date=day,
        compound=compound,
        start=time(hour),
        ended_at=datetime.combine(day, time(hour + 3)) if ended else None,
        updated_at=datetime.combine(day, time(hour)),
    )


# -- sessions by day and the open one ---------------------------------------------------------


def test_sessions_by_day_newest_and_count(repo: Repository) -> None:
    days = [TODAY - timedelta(days=3 * n) for n in range(40)]
    repo.sessions.save_many([session(day) for day in days] + [session(days[0], hour=14)])
    assert [s.start for s in repo.sessions.on_day(days[0])] == [time(14), time(9)]
    assert repo.sessions.on_day(date(2000, 1, 1)) == []
    newest = repo.sessions.newest(3)
    assert [(s.date, s.start) for s in newest] == [
        (days[0], time(14)),
        (days[0], time(9)),
        (days[1], time(9)),
    ]
    assert newest == repo.sessions.all()[:3]
    assert repo.sessions.count() == 41


def test_current_follows_starting_and_ending(repo: Repository) -> None:
    repo.sessions.save_many([session(TODAY - timedelta(days=n)) for n in range(1, 30)])
    assert repo.sessions.current() is None
    sitting = repo.sessions.save(session(TODAY, ended=False))
    assert repo.sessions.current() == sitting
    repo.sessions.save(sitting.model_copy(update={"ended_at": FIXED_NOW}))
    assert repo.sessions.current() is None


def test_session_for_a_day_uses_the_open_one_or_the_days_only_one(repo: Repository) -> None:
    yesterday = repo.sessions.save(session(TODAY - timedelta(days=1)))
    assert session_for(repo, yesterday.date) == yesterday.id
    assert session_for(repo, TODAY) is None
    sitting = repo.sessions.save(session(TODAY, ended=False))
    repo.sessions.save(session(TODAY, hour=14))
    assert session_for(repo, TODAY) == sitting.id


# -- households and names ------------------------------------------------------------------------


def test_household_by_address_follows_moves(repo: Repository) -> None:
    jiang = repo.residents.save(make_resident("江建国"))
    wang = repo.residents.save(make_resident("王秀英"))
    repo.residents.save(make_resident("李强", address={"compound": "金域华府", "building": "1"}))
    address = jiang.address
    assert [r.name for r in repo.residents.at_address(address)] == ["江建国", "王秀英"]
    repo.residents.save(wang.model_copy(update={"address": Address(compound="锦绣苑")}))
    assert [r.name for r in repo.residents.at_address(address)] == ["江建国"]
    assert [r.name for r in repo.residents.at_address(Address(compound="锦绣苑"))] == ["王秀英"]
    repo.residents.remove(jiang.id)
    assert repo.residents.at_address(address) == []
    assert set(repo.residents.docs_of([wang.id, "nobody"])) == {wang.id}


# -- cases the live board shows --------------------------------------------------------------------


def test_cases_by_state_and_lately_closed(repo: Repository) -> None:
    old = FIXED_NOW - timedelta(days=40)
    repo.cases.save_many(
        [
            make_case("JC-20261127-001"),
            make_case("JC-20261127-002", state=CaseState.RESOLVED),
            make_case("JC-20261127-003", state=CaseState.CLOSED, updated_at=FIXED_NOW),
            make_case("JC-20261017-001", state=CaseState.CLOSED, updated_at=old),
        ]
    )
    numbers = {d["number"] for d in repo.cases.docs_in_states([CaseState.REGISTERED])}
    assert numbers == {"JC-20261127-001"}
    lately = repo.cases.closed_docs_since(TODAY - timedelta(days=7))
    assert [d["number"] for d in lately] == ["JC-20261127-003"]
    live = {d["number"] for d in board.board_docs(repo, False, TODAY)}
    archived = {d["number"] for d in board.board_docs(repo, True, TODAY)}
    assert live == {"JC-20261127-001", "JC-20261127-002", "JC-20261127-003"}
    assert archived == {"JC-20261017-001"}


# -- nothing on the save path reads every record --------------------------------------------------


@pytest.fixture
def no_scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every whole-table read recorded (the test fails if any happens)."""
    scans: list[str] = []

    def docs(self: Store, name: str) -> list[object]:
        scans.append(f"docs({name})")
        return []

    def search(self: DocTable, *args: object, **kwargs: object) -> list[object]:
        scans.append(f"search({self.name})")
        return []

    monkeypatch.setattr(Store, "docs", docs)
    monkeypatch.setattr(DocTable, "search", search)
    monkeypatch.setattr(DocTable, "all", lambda self: scans.append(f"all({self.name})") or [])
    yield scans


def test_intake_save_header_and_live_board_read_no_whole_table(
    repo: Repository, no_scans: list[str]
) -> None:
    residents = [
        make_resident(f"居民{chr(0x4E00 + n)}", phones=[f"1380013{n:04d}"]) for n in range(30)
    ]
    repo.residents.save_many(residents)
    repo.sessions.save_many([session(TODAY - timedelta(days=n)) for n in range(1, 20)])
    repo.sessions.save(session(TODAY, ended=False))
    earlier = datetime(2026, 11, 20, 9, 30)
    repo.cases.save_many(
        [make_case(f"JC-20261120-{n:03d}", intake_at=earlier) for n in range(1, 30)]
    )
    no_scans.clear()
    settings = Settings()
    form = IntakeForm(
        resident_id=residents[0].id,
        request_type="help",
        category="property",
        description="地下室灯不亮",
    )
    assert related_open_cases(repo, residents[0].id, "property") == []
    case = register_case(repo, form, settings=settings, staff="颜成玉", now=FIXED_NOW)
    assert case.session_id == repo.sessions.current().id  # type: ignore[union-attr]
    counts = repo.cases.counts(TODAY, settings.desk_code)
    assert counts.taken_today == 1
    live = board.board_docs(repo, False, TODAY)
    assert case.number in {d["number"] for d in live}
    assert board.names_of(repo, {residents[0].id}) == {residents[0].id: ("居民一", "金域华府")}
    assert no_scans == []


def test_cases_in_states_come_from_the_state_index(repo: Repository, no_scans: list[str]) -> None:
    repo.cases.save_many(
        [
            make_case("JC-20261127-001"),
            make_case("JC-20261127-002", state=CaseState.RESOLVED),
            make_case("JC-20261127-003", state=CaseState.DISPATCHED),
            make_case("JC-20261127-004", state=CaseState.CLOSED),
        ]
    )
    no_scans.clear()
    resolved = repo.cases.in_states([CaseState.RESOLVED])
    assert [c.number for c in resolved] == ["JC-20261127-002"]
    open_now = {c.number for c in repo.cases.open_cases()}
    assert open_now == {"JC-20261127-001", "JC-20261127-003"}
    assert no_scans == []


def test_a_households_cases_picked_by_state_and_category(repo: Repository) -> None:
    jiang = repo.residents.save(make_resident("江建国"))
    repo.cases.save_many(
        [
            make_case("JC-20261120-001", resident_id=jiang.id),
            make_case("JC-20261121-001", resident_id=jiang.id, category="utilities"),
            make_case("JC-20261122-001", resident_id=jiang.id, state=CaseState.CLOSED),
            make_case("JC-20261123-001", resident_id="someone else"),
        ]
    )
    everything = repo.cases.for_residents([jiang.id])
    assert len(everything) == 3
    open_property = repo.cases.for_residents(
        [jiang.id], [CaseState.REGISTERED, CaseState.DISPATCHED], "property"
    )
    assert [c.number for c in open_property] == ["JC-20261120-001"]


def test_the_boards_street_reads_desk_codes_from_the_indexes(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskconsole.domain.street import street_of

    repo.cases.save_many([make_case("JC-20261127-001"), make_case("YH-20261127-001")])
    repo.sessions.save(session(TODAY).model_copy(update={"desk_code": "LS"}))

    def whole_table(*args: object, **kwargs: object) -> None:
        raise AssertionError("read every record")

    monkeypatch.setattr(Store, "docs", whole_table)
    assert [desk.code for desk in street_of(repo).desks] == ["JC", "LS", "YH"]
