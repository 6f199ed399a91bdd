"""The shared index follows commits by the keys they name, without a full rescan."""

from __future__ import annotations

from datetime import datetime

import pytest

from deskconsole.models import CaseState
from deskconsole.storage import Op, Repository
from deskconsole.storage.case_archive import CaseArchive
from deskconsole.ui.resident_search import ResidentSearch
from tests.factories import make_case, make_resident


def test_index_follows_residents_and_open_cases(repo: Repository) -> None:
    jiang = make_resident("江建国")
    repo.residents.save(jiang)
    search = ResidentSearch(repo)
    index = search.current()
    assert index.open_cases(jiang.id) == 0
    repo.cases.save(make_case("JC-20261127-001", resident_id=jiang.id))
    newcomer = repo.residents.save(make_resident("王小明", phones=["13900012345"]))
    index = search.current()
    assert index.open_cases(jiang.id) == 1
    assert [hit.name for hit in index.search("wxm")] == ["王小明"]
    repo.commit([Op("cases", "JC-20261127-001", None), Op("residents", newcomer.id, None)])
    index = search.current()
    assert index.open_cases(jiang.id) == 0
    assert index.search("wxm") == []
    search.close()


def test_cases_closed_when_the_index_was_built_count_once_reopened(repo: Repository) -> None:
    from deskconsole.models import CaseState

    jiang = repo.residents.save(make_resident("江建国"))
    closed = make_case("JC-20251127-001", resident_id=jiang.id).model_copy(
        update={"state": CaseState.CLOSED}
    )
    open_one = make_case("JC-20261127-001", resident_id=jiang.id)
    repo.cases.save_many([closed, open_one])
    search = ResidentSearch(repo)
    assert search.current().open_cases(jiang.id) == 1  # built from the open cases only
    repo.cases.save(closed.model_copy(update={"state": CaseState.IN_PROGRESS}))
    assert search.current().open_cases(jiang.id) == 2
    repo.cases.save(open_one.model_copy(update={"state": CaseState.CLOSED}))
    assert search.current().open_cases(jiang.id) == 1
    search.close()


def test_the_first_build_freezes_what_it_made_and_leaves_the_collector_on(
    repo: Repository,
) -> None:
    import gc

    repo.residents.save_many([make_resident(name) for name in ("江建国", "王秀英", "李强")])
    frozen = gc.get_freeze_count()
    search = ResidentSearch(repo)
    assert [hit.name for hit in search.current().search("jjg")] == ["江建国"]
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen
    search.close()


def test_archived_cases_leave_the_index_without_a_read_of_the_archive(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    jiang = repo.residents.save(make_resident("江建国"))
    old = datetime(2024, 3, 5, 9)
    repo.cases.save_many(
        [
            make_case(
                f"JC-20240305-{n:03d}",
                resident_id=jiang.id,
                intake_at=old,
                updated_at=old,
                state=CaseState.CLOSED,
            )
            for n in range(1, 4)
        ]
        + [make_case("JC-20261127-001", resident_id=jiang.id)]
    )
    search = ResidentSearch(repo)
    assert search.current().open_cases(jiang.id) == 1

    def refuse(*args: object) -> None:
        raise AssertionError("the index read the archive")

    monkeypatch.setattr(CaseArchive, "docs_of", refuse)
    assert repo.cases.archive_ended([CaseState.CLOSED], "2025-11-27T00:00:00") == 3
    assert search.current().open_cases(jiang.id) == 1
    search.close()
