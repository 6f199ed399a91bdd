"""Lookup's index built of the residents the store's files hold, before the store is read
(no kept index): the snapshot's residents with the journal's changes laid over them and
the erasure ledger's erasures done, given the store's documents once read, and built
again when they are not the ones it was made of."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deskconsole.domain import demo, search_cache
from deskconsole.domain.erasure import erase, replay_ledger
from deskconsole.models import Erasure, Settings
from deskconsole.storage import Repository, RepositoryAPI
from deskconsole.storage.erasures import append_ledger
from deskconsole.storage.journal import JOURNAL_NAME
from deskconsole.storage.residents_seal import residents_of_files
from deskconsole.storage.store import SEARCH_CACHE_NAME
from deskconsole.ui.resident_search import ResidentSearch
from tests.conftest import FIXED_NOW
from tests.factories import make_resident


def open_store(data_dir: Path) -> Repository:
    return Repository.open(data_dir, now=lambda: FIXED_NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A closed store of 300 residents and 100 cases, no index kept beside it."""
    folder = tmp_path / "store"
    with open_store(folder) as repo:
        demo.fill(repo, demo.generate(FIXED_NOW, residents=300, cases=100, seed=7), Settings())
    (folder / SEARCH_CACHE_NAME).unlink(missing_ok=True)
    yield folder


class Waiting:
    """A store still being read: ``get`` fails the test when called before ``repo`` is set."""

    def __init__(self) -> None:
        self.repo: RepositoryAPI | None = None

    def get(self) -> RepositoryAPI:
        assert self.repo is not None, "waited for the store"
        return self.repo


def names(search: ResidentSearch, query: str) -> list[str]:
    return [hit.name for hit in search.current().search(query, 500)]


def test_the_residents_of_the_files_are_the_ones_the_store_holds(data_dir: Path) -> None:
    with open_store(data_dir) as repo:  # open: its journal holds the changes
        first, second = repo.residents.all()[:2]
        repo.residents.save(first.model_copy(update={"name": "改名字"}))
        repo.residents.save(make_resident("新居民"))
        repo.residents.remove(second.id)
        assert residents_of_files(data_dir) == repo.residents.docs()


def test_files_that_cannot_tell_give_no_residents(data_dir: Path, tmp_path: Path) -> None:
    assert residents_of_files(tmp_path / "none") is None
    (data_dir / JOURNAL_NAME).write_bytes(b"not a journal\n")
    assert residents_of_files(data_dir) is None


def test_lookup_answers_before_the_store_is_read_with_the_journal_applied(
    data_dir: Path,
) -> None:
    repo = open_store(data_dir)
    try:
        resident = repo.residents.all()[0]
        repo.residents.save(resident.model_copy(update={"name": "江建国"}))
        repo.residents.save(make_resident("新居民"))
        store = Waiting()
        search = ResidentSearch.before_store(store.get, data_dir)
        assert search.answers_early()
        early = search.current()
        assert isinstance(early, search_cache.EarlyIndex) and not search.counted
        assert "新居民" in names(search, "新居民")
        assert "江建国" in names(search, "jjg")
        assert resident.id not in [hit.resident_id for hit in early.search(resident.name)]
        search.follow(repo)
        store.repo = repo
        assert search.counted and search.current() is early  # the same index, attached
        docs = repo.residents.docs()
        assert all(search.current().doc(doc["id"]) is doc for doc in docs)
        search.join_writer()
        assert (data_dir / SEARCH_CACHE_NAME).exists()  # kept for the next start
    finally:
        search.close()
        repo.close()


def test_a_person_erased_in_the_ledger_alone_never_appears(data_dir: Path) -> None:
    """A crash between the ledger and the store: the files still hold the person."""
    with open_store(data_dir) as repo:
        person = repo.residents.all()[3]
    erasure = Erasure(resident_id=person.id, at=FIXED_NOW, staff="x", reason="asked")
    append_ledger(data_dir, [erasure])
    store = Waiting()
    search = ResidentSearch.before_store(store.get, data_dir)
    assert search.answers_early()
    assert person.id not in [hit.resident_id for hit in search.current().search(person.name)]
    repo = open_store(data_dir)
    try:
        replay_ledger(repo)  # as the console's reading does
        search.follow(repo)
        store.repo = repo
        assert person.id not in [hit.resident_id for hit in search.current().search(person.name)]
        assert len(search.current()) == len(repo.residents.docs())
    finally:
        search.close()
        repo.close()


def test_a_person_erased_in_the_journal_never_appears(data_dir: Path) -> None:
    repo = open_store(data_dir)
    try:
        person = repo.residents.all()[5]
        erase(repo, person.id, "asked", staff="x", now=FIXED_NOW)
        search = ResidentSearch.before_store(Waiting().get, data_dir)
        assert search.answers_early()
        assert person.id not in [hit.resident_id for hit in search.current().search(person.name)]
        search.close()
    finally:
        repo.close()


def test_an_index_built_of_other_residents_than_the_store_holds_is_built_again(
    data_dir: Path,
) -> None:
    store = Waiting()
    search = ResidentSearch.before_store(store.get, data_dir)
    assert search.answers_early()
    early = search.current()
    repo = open_store(data_dir)
    try:
        repo.residents.save(make_resident("后来的人"))  # the store differs from the files read
        search.follow(repo)
        store.repo = repo
        assert search.current() is not early
        assert not isinstance(search.current(), search_cache.EarlyIndex)
        assert "后来的人" in names(search, "后来的人")
        assert len(search.current()) == len(repo.residents.docs())
    finally:
        search.close()
        repo.close()
