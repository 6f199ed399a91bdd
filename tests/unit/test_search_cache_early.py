"""The kept index answering before the store is read: used only when the store's files
show the residents it was made of (a journal that changes a resident, a changed
snapshot or erasure ledger refuse it), given the store's documents and open cases once
read, and kept current from then on."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deskconsole.domain import demo, search_cache
from deskconsole.domain.search import ResidentIndex
from deskconsole.models import OPEN_STATES, Settings
from deskconsole.storage import Repository, RepositoryAPI
from deskconsole.storage.erasures import ledger_path
from deskconsole.storage.lazy import split_tables
from deskconsole.storage.residents_seal import ledger_seal, residents_seal, seal_of_files
from deskconsole.storage.snapshot import SNAPSHOT_NAME
from deskconsole.storage.store import SEARCH_CACHE_NAME
from deskconsole.ui import resident_search
from deskconsole.ui.resident_search import ResidentSearch
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_resident


def open_store(data_dir: Path) -> Repository:
    return Repository.open(data_dir, now=lambda: FIXED_NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A closed store of 400 residents and 200 cases, with its index kept beside it."""
    folder = tmp_path / "store"
    with open_store(folder) as repo:
        demo.fill(repo, demo.generate(FIXED_NOW, residents=400, cases=200, seed=4), Settings())
        search = ResidentSearch(repo)
        search.current()
        search.join_writer()
        search.close()
    assert (folder / SEARCH_CACHE_NAME).exists()
    yield folder


def early(data_dir: Path) -> search_cache.EarlyIndex | None:
    return search_cache.load_early(
        data_dir / SEARCH_CACHE_NAME, seal_of_files(data_dir), ledger_seal(data_dir)
    )


def rows(index: ResidentIndex, query: str) -> list[tuple[Any, ...]]:
    return [
        (h.resident_id, h.name, h.gender, h.address, h.masked_phone, h.masked_id)
        for h in index.search(query, 500)
    ]


def test_the_seal_of_the_files_is_the_seal_of_the_residents_read(data_dir: Path) -> None:
    data = (data_dir / SNAPSHOT_NAME).read_bytes()
    split = split_tables(data, data_dir / SNAPSHOT_NAME)
    assert split is not None
    section = split[1].section("residents")
    assert section is not None
    with_section = hashlib.sha256(data[section.start : section.end]).digest()
    with Repository.open(data_dir, readonly=True) as repo:
        assert seal_of_files(data_dir) == with_section == residents_seal(repo.residents.docs())


def test_before_the_store_is_read_lookup_gives_the_rows_a_build_gives(data_dir: Path) -> None:
    index = early(data_dir)
    assert index is not None and not index.attached
    with Repository.open(data_dir, readonly=True) as repo:
        docs = repo.residents.docs()
        built = ResidentIndex.build(docs)
        id_tail = next(doc["id_number"][-4:] for doc in docs if doc.get("id_number"))
        for query in ("zhang", "jjg", "1380", "12-2", docs[7]["name"], id_tail):
            assert rows(index, query) == rows(built, query), query
        assert search_cache.attach(index, docs, repo.cases.docs_in_states(OPEN_STATES))
        assert index.attached
        for doc in docs[::50]:
            assert index.doc(doc["id"]) is doc
        counted = ResidentIndex.build(docs, repo.cases.docs_in_states(OPEN_STATES))
        assert [h.open_cases for h in index.search("a", 500)] == [
            h.open_cases for h in counted.search("a", 500)
        ]


def test_a_resident_changed_in_the_journal_refuses_the_kept_index(data_dir: Path) -> None:
    kept = (data_dir / SEARCH_CACHE_NAME).read_bytes()
    with open_store(data_dir) as repo:
        resident = repo.residents.all()[0]
        repo.residents.save(resident.model_copy(update={"name": "改名字"}))
        assert not (data_dir / SEARCH_CACHE_NAME).exists()  # the store removed it
        # A file that survived anyway (a copy put back, an older program) is refused:
        (data_dir / SEARCH_CACHE_NAME).write_bytes(kept)
        assert seal_of_files(data_dir) is None  # the journal names a resident
        assert early(data_dir) is None
    # Compacted on closing: the snapshot's residents differ from the index's.
    assert seal_of_files(data_dir) is not None
    assert early(data_dir) is None


def test_cases_changed_in_the_journal_leave_the_kept_index_usable(data_dir: Path) -> None:
    repo = open_store(data_dir)
    try:
        repo.cases.save(make_case())
        assert early(data_dir) is not None
    finally:
        repo.close()


def test_an_erasure_ledger_ahead_of_the_index_refuses_it(data_dir: Path) -> None:
    assert early(data_dir) is not None
    with ledger_path(data_dir).open("ab") as ledger:
        ledger.write(b'{"crc": 0, "erasure": {}}\n')  # an erasure the store may not hold yet
    assert early(data_dir) is None


def test_an_index_attached_to_other_documents_is_refused(data_dir: Path) -> None:
    index = early(data_dir)
    assert index is not None
    with Repository.open(data_dir, readonly=True) as repo:
        docs = repo.residents.docs()
    changed = [{**docs[0], "name": "改名字"}, *docs[1:]]
    assert not search_cache.attach(index, changed, [])
    assert not index.attached


class Waiting:
    """A store still being read: ``get`` fails the test when called before ``ready``."""

    def __init__(self) -> None:
        self.repo: RepositoryAPI | None = None

    def get(self) -> RepositoryAPI:
        assert self.repo is not None, "waited for the store"
        return self.repo


def test_the_search_answers_before_the_store_and_follows_it_after(data_dir: Path) -> None:
    store = Waiting()
    search = ResidentSearch.before_store(store.get, data_dir)
    assert search.answers_early()
    before = search.current()
    assert not search.counted
    name = before.search("zhang", 1)[0]
    repo = open_store(data_dir)
    try:
        search.follow(repo)
        store.repo = repo
        assert search.counted
        assert search.current() is before  # the same index, now with the documents
        resident = repo.residents.get(name.resident_id)
        assert resident is not None
        repo.residents.save(resident.model_copy(update={"name": "江建国"}))  # another command
        hits = search.current().search("jjg", 500)
        assert name.resident_id in [hit.resident_id for hit in hits]
        assert search.current().get(name.resident_id).name == "江建国"  # type: ignore[union-attr]
    finally:
        search.close()
        repo.close()


def test_a_search_whose_files_cannot_tell_waits_for_the_store(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_dir / SEARCH_CACHE_NAME).unlink()
    monkeypatch.setattr(resident_search, "residents_of_files", lambda folder: None)
    store = Waiting()
    search = ResidentSearch.before_store(store.get, data_dir)
    assert not search.answers_early()
    repo = open_store(data_dir)
    try:
        repo.residents.save(make_resident("新居民"))
        search.follow(repo)
        store.repo = repo
        assert "新居民" in [hit.name for hit in search.current().search("新居民")]
        assert search.counted
    finally:
        search.close()
        repo.close()


def test_an_early_index_whose_store_differs_is_built_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Waiting()
    search = ResidentSearch.before_store(store.get, data_dir)
    assert search.answers_early()
    monkeypatch.setattr(search_cache, "fingerprint", lambda docs: b"not the one kept")
    repo = open_store(data_dir)
    try:
        search.follow(repo)
        store.repo = repo
        assert not isinstance(search.current(), search_cache.EarlyIndex)
        assert len(search.current()) == len(repo.residents.docs())
    finally:
        search.close()
        repo.close()


def test_an_index_changed_during_the_day_is_kept_at_the_end(data_dir: Path) -> None:
    """A resident saved removes the kept file; the console keeps its index again when
    it ends, and the next start answers from it, the new resident in it."""
    with open_store(data_dir) as repo:
        search = ResidentSearch(repo)
        search.current()
        repo.residents.save(make_resident("新居民"))
        assert not (data_dir / SEARCH_CACHE_NAME).exists()
        search.close()
        assert search.keep()
    index = early(data_dir)  # the store compacted on closing: its files show the residents
    assert index is not None
    assert [hit.name for hit in index.search("新居民")] == ["新居民"]


def test_an_index_missing_a_change_is_not_kept(data_dir: Path) -> None:
    with open_store(data_dir) as repo:
        search = ResidentSearch(repo)
        search.current()
        search.close()  # no longer hears the store
        repo.residents.save(make_resident("新居民"))
        assert not search.keep()
    assert not (data_dir / SEARCH_CACHE_NAME).exists()


def test_letters_searched_before_the_store_is_read_need_no_pypinyin(data_dir: Path) -> None:
    """Its tables take a third of a second, taken from the store's reading: the kept
    index holds the syllables a query of letters is split into."""
    code = (
        "import sys; from pathlib import Path; from deskconsole.domain import search_cache; "
        "from deskconsole.storage.residents_seal import ledger_seal, seal_of_files; "
        f"d = Path({str(data_dir)!r}); "
        "kept = d / 'search-index.bin'; "
        "index = search_cache.load_early(kept, seal_of_files(d), ledger_seal(d)); "
        "hits = [len(index.search(q)) for q in ('zhang', 'jjg', 'xl', 'wang')]; "
        "print(sum(hits) > 0, 'pypinyin' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]
