"""A lazily read store (what the read-only commands open) answers exactly as one read
whole, parses only the tables it is asked about, and reads the journal's changes too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from deskconsole.domain import demo
from deskconsole.domain.register import build_register
from deskconsole.domain.stats import stats_for
from deskconsole.models import Settings
from deskconsole.storage import Op, Repository
from deskconsole.storage.lazy import LazyTables
from deskconsole.storage.snapshot import SNAPSHOT_NAME
from deskconsole.storage.store import Store
from tests.conftest import FIXED_NOW
from tests.factories import make_case


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[Repository]:
    """A demo store as a running console holds it: a snapshot, then changes in the
    journal only (a changed case, a removed one, a new one, a changed resident)."""
    data = demo.generate(FIXED_NOW, residents=300, cases=600, seed=9)
    with Repository.open(tmp_path / "store", now=lambda: FIXED_NOW) as repo:
        demo.fill(repo, data, Settings(desk_code="JC"))
    repo = Repository.open(tmp_path / "store", now=lambda: FIXED_NOW)
    cases = data.cases
    last_day = cases[-1].intake_at
    repo.cases.save(cases[-1].model_copy(update={"description": "改过的描述"}))
    repo.commit([Op("cases", cases[-2].number, None)])
    repo.cases.save(make_case("JC-20261127-900", intake_at=last_day + timedelta(minutes=5)))
    person = data.residents[0]
    repo.residents.save(person.model_copy(update={"name": "改名字"}))
    yield repo
    repo.close()


def unparsed(repo: Repository, table: str) -> bool:
    tables = repo.store.db.dump()
    return isinstance(tables, LazyTables) and tables.section(table) is not None


def test_a_days_register_reads_only_that_days_lines(writer: Repository) -> None:
    lazy = Repository.open(writer.data_dir, readonly=True, lazy=True)
    whole = Repository.open(writer.data_dir, readonly=True)
    days = sorted({doc["intake_at"][:10] for doc in whole.cases.docs()})
    assert len(days) > 5
    for day in (datetime.fromisoformat(d).date() for d in days):
        assert lazy.cases.taken_on(day) == whole.cases.taken_on(day)
        at = datetime(2026, 11, 27, 18)
        assert build_register(lazy, day, generated_at=at) == build_register(
            whole, day, generated_at=at
        )
    assert unparsed(lazy, "cases") and unparsed(lazy, "residents")
    ids = [doc["id"] for doc in whole.residents.docs()]
    assert [lazy.residents.get(i) for i in ids] == [whole.residents.get(i) for i in ids]
    assert lazy.residents.docs_of([*ids[:5], "nobody"]) == whole.residents.docs_of(ids[:5])
    assert lazy.residents.get("nobody") is None
    assert unparsed(lazy, "residents")


def test_the_journal_changes_are_read_without_parsing_the_table(writer: Repository) -> None:
    lazy = Repository.open(writer.data_dir, readonly=True, lazy=True)
    day = writer.cases.get("JC-20261127-900")
    assert day is not None
    taken = lazy.cases.taken_on(day.intake_at.date())
    assert "JC-20261127-900" in [c.number for c in taken]
    assert taken == writer.cases.taken_on(day.intake_at.date())
    names = [lazy.residents.get(doc["id"]) for doc in lazy.residents.docs()]
    assert "改名字" in [r.name for r in names if r is not None]


def test_statistics_read_only_the_cases_of_their_range(writer: Repository) -> None:
    lazy = Repository.open(writer.data_dir, readonly=True, lazy=True)
    whole = Repository.open(writer.data_dir, readonly=True)
    today = FIXED_NOW.date()
    for days in (0, 6, 29, 400):
        first = today - timedelta(days=days)
        taken = lazy.cases.docs_taken_between(first, today)
        assert taken == whole.cases.docs_taken_between(first, today)
        assert taken == writer.cases.docs_taken_between(first, today)
        every = [d for d in whole.cases.docs() if first.isoformat() <= d["intake_at"][:10]]
        assert len(taken) == len([d for d in every if d["intake_at"][:10] <= today.isoformat()])
        assert stats_for(lazy, first, today, today) == stats_for(whole, first, today, today)
    assert unparsed(lazy, "cases")


def test_whole_reads_parse_everything_and_match(writer: Repository) -> None:
    lazy = Repository.open(writer.data_dir, readonly=True, lazy=True)
    whole = Repository.open(writer.data_dir, readonly=True)
    assert not lazy.is_empty
    assert lazy.settings.get() == whole.settings.get()
    assert lazy.sessions.all() == whole.sessions.all()
    assert lazy.cases.count() == whole.cases.count()
    assert lazy.cases.counts(FIXED_NOW.date()) == whole.cases.counts(FIXED_NOW.date())
    assert lazy.cases.open_cases() == whole.cases.open_cases()
    assert dict(lazy.store.db.dump().items()) == dict(whole.store.db.dump().items())
    assert not unparsed(lazy, "cases")


def test_an_empty_store_is_empty(tmp_path: Path) -> None:
    Repository.open(tmp_path / "new").close()
    lazy = Repository.open(tmp_path / "new", readonly=True, lazy=True)
    assert lazy.is_empty
    assert lazy.residents.get("x") is None


def test_keys_json_escapes_are_read_as_json_reads_them(tmp_path: Path) -> None:
    keys = ['a"b', "c\\d", "居民", "e: {f"]
    with Store.open(tmp_path / "s") as store:
        store.commit([Op("things", key, {"key": key, "n": n}) for n, key in enumerate(keys)])
    lazy = Store.open(tmp_path / "s", readonly=True, lazy=True)
    table = lazy.table("things")
    assert [table.doc(key) for key in keys] == [{"key": k, "n": n} for n, k in enumerate(keys)]
    assert table.doc("a") is None


def test_snapshot_not_laid_out_as_written_is_read_whole(tmp_path: Path) -> None:
    """A snapshot the layout check does not recognise (here: every line joined, the
    checksum made anew) is parsed whole, never half read."""
    import hashlib

    with Repository.open(tmp_path / "s", now=lambda: FIXED_NOW) as repo:
        repo.cases.save(make_case())
    path = tmp_path / "s" / SNAPSHOT_NAME
    data = path.read_bytes()
    body = data[: data.rindex(b',\n"sha256"')].replace(b"\n", b" ")
    digest = hashlib.sha256(body).hexdigest().encode()
    path.write_bytes(body + b',\n"sha256": "' + digest + b'"}\n')
    lazy = Repository.open(tmp_path / "s", readonly=True, lazy=True)
    assert not isinstance(lazy.store.db.dump(), LazyTables)
    assert [c.number for c in lazy.cases.taken_on(make_case().intake_at.date())] == [
        make_case().number
    ]
