"""The resident index kept beside the store: the same hits as a fresh build, used only
when it is the index the store's residents give now, never when stale or damaged,
private to its owner, and removed by the store whenever a resident changes."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from deskconsole.domain import demo, search_cache
from deskconsole.domain.search import ResidentIndex
from deskconsole.models import Settings
from deskconsole.storage import Repository
from deskconsole.ui.resident_search import ResidentSearch
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_resident
from tests.unit.test_search_build import generated, queries

TODAY = date(2026, 11, 27)


def same_index(kept: ResidentIndex, fresh: ResidentIndex, docs: list[dict[str, Any]]) -> None:
    for query in queries(docs, seed=3):
        assert kept.search(query, 500) == fresh.search(query, 500), query
        assert kept.count(query) == fresh.count(query), query
    for doc in docs[::40]:
        assert kept.household(doc["id"]) == fresh.household(doc["id"])
        assert kept.get(doc["id"]) == fresh.get(doc["id"])
        assert kept.doc(doc["id"]) is doc
    assert kept.compounds() == fresh.compounds()


def test_the_kept_index_gives_the_hits_of_a_fresh_build(tmp_path: Path) -> None:
    docs = generated(2_500, seed=11)
    path = tmp_path / "index.bin"
    assert search_cache.write(path, ResidentIndex.build(docs), docs)
    assert path.stat().st_mode & 0o777 == 0o600
    kept = search_cache.load(path, docs)
    assert kept is not None
    same_index(kept, ResidentIndex.build(docs), docs)
    kept.upsert({**docs[0], "name": "江建国"})  # and it is kept current as a built one is
    assert docs[0]["id"] in [hit.resident_id for hit in kept.search("jjg", 500)]


def test_a_stale_or_damaged_file_is_never_used(tmp_path: Path, monkeypatch: Any) -> None:
    docs = generated(300, seed=12)
    path = tmp_path / "index.bin"
    search_cache.write(path, ResidentIndex.build(docs), docs)
    good = path.read_bytes()
    assert search_cache.load(path, docs) is not None
    assert search_cache.load(path, [{**docs[0], "name": "改名字"}, *docs[1:]]) is None
    assert search_cache.load(path, docs[::-1]) is None
    assert search_cache.load(path, docs[1:]) is None
    rng = random.Random(5)
    for _ in range(20):
        damaged = bytearray(good)
        damaged[rng.randrange(len(good))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(damaged))
        assert search_cache.load(path, docs) is None
    for cut in (0, 10, len(search_cache.MAGIC) + 40, len(good) // 2, len(good) - 1):
        path.write_bytes(good[:cut])
        assert search_cache.load(path, docs) is None
    path.write_bytes(good)
    monkeypatch.setattr(search_cache, "_code_digest", lambda: b"another program")
    assert search_cache.load(path, docs) is None

    def unreadable() -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(search_cache, "_code_digest", unreadable)
    assert search_cache.load(path, docs) is None
    path.unlink()
    assert search_cache.load(path, docs) is None


def test_a_change_while_writing_leaves_no_file(tmp_path: Path) -> None:
    docs = generated(100, seed=13)
    path = tmp_path / "index.bin"
    assert not search_cache.write(path, ResidentIndex.build(docs), docs, lambda: False)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Repository]:
    data = demo.generate(FIXED_NOW, residents=400, cases=200, seed=4)
    repo = Repository.open(tmp_path / "store", now=lambda: FIXED_NOW)
    demo.fill(repo, data, Settings())
    yield repo
    repo.close()


def test_the_next_start_loads_what_the_first_built(store: Repository, monkeypatch: Any) -> None:
    first = ResidentSearch(store)
    built = first.current()
    first.join_writer()
    path = store.search_cache()
    assert path is not None and path.exists()

    def no_build(*args: object) -> ResidentIndex:
        raise AssertionError("built again")

    with monkeypatch.context() as patched:
        patched.setattr(ResidentIndex, "build", no_build)
        kept = ResidentSearch(store).current()
    same_index(kept, built, store.residents.docs())


def test_the_store_removes_the_file_when_a_resident_changes(store: Repository) -> None:
    search = ResidentSearch(store)
    search.current()
    search.join_writer()
    path = store.search_cache()
    assert path is not None and path.exists()
    store.cases.save(make_case())
    assert path.exists()  # cases are not in it
    store.residents.save(make_resident("新居民"))
    assert not path.exists()
    assert "新居民" in [hit.name for hit in search.current().search("新居民")]
    assert Repository.open(store.data_dir, readonly=True).search_cache() is None


def test_checking_the_kept_file_does_not_load_pypinyin() -> None:
    """Its dictionaries take half a second: a kept index is checked without them (they
    are loaded in the background once Lookup is ready)."""
    code = (
        "import sys; from deskconsole.domain import search_cache; "
        "search_cache.fingerprint([]); print('pypinyin' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
