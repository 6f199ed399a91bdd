"""Restore, backups and older stores: nothing is lost on the way back."""

from __future__ import annotations

import errno
import gzip
import json
import os
import zlib
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from deskconsole.storage import Repository, StoreError
from deskconsole.storage import restore as restore_module
from deskconsole.storage.backup import backup_due, list_backups, read_backup
from deskconsole.storage.check import check_store
from deskconsole.storage.restore import restore_backup
from tests.factories import make_case, make_resident

NOW = datetime(2026, 11, 27, 18)


def _numbers(data_dir: Path) -> set[str]:
    with Repository.open(data_dir, readonly=True) as reader:
        return {c.number for c in reader.cases.all()}


def _store_with_backup(data_dir: Path) -> Path:
    """Cases 1-3 in a backup; 4-5 saved after it, still in the journal."""
    repo = Repository.open(data_dir, now=lambda: NOW)
    for n in (1, 2, 3):
        repo.cases.save(make_case(f"JC-20261127-00{n}"))
    backup = repo.store.backup_now()
    repo.store.compact()
    for n in (4, 5):
        repo.cases.save(make_case(f"JC-20261127-00{n}"))
    repo.store._close_files()
    return backup


def test_restore_keeps_the_damaged_files_aside_and_the_journal_newer_than_the_backup(
    data_dir: Path,
) -> None:
    _store_with_backup(data_dir)
    snapshot = data_dir / "store.json"
    damaged = snapshot.read_bytes().replace(b"JC-20261127-002", b"JC-20261127-00Z")
    snapshot.write_bytes(damaged)
    journal = (data_dir / "journal.jsonl").read_bytes()
    assert not check_store(data_dir).ok
    restored = restore_backup(data_dir, None, NOW)
    assert (restored.aside / "store.json").read_bytes() == damaged
    assert (restored.aside / "journal.jsonl").read_bytes() == journal
    assert restored.replayed == 2
    assert check_store(data_dir).ok
    assert _numbers(data_dir) == {f"JC-20261127-00{n}" for n in range(1, 6)}
    with Repository.open(data_dir) as repo:  # a writer continues the restored store
        repo.cases.save(make_case("JC-20261127-006"))
    assert len(_numbers(data_dir)) == 6


def test_a_restore_refused_by_a_full_disk_leaves_the_store_as_it_was(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_with_backup(data_dir)
    (data_dir / "journal.jsonl").write_bytes(b"garbage\n")
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(restore_module, "write_snapshot", disk_full)
    with pytest.raises(StoreError) as caught:
        restore_backup(data_dir, None, NOW)
    message = str(caught.value)
    assert "\n" not in message and "the disk is full" in message and "left as it was" in message
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    assert after == before
    assert not list(data_dir.glob("damaged-*"))


def test_a_restore_that_could_not_start_a_new_journal_is_still_the_restored_store(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_with_backup(data_dir)
    (data_dir / "store.json").write_bytes(b"")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(restore_module.JournalWriter, "create", refuse)
    restore_backup(data_dir, None, NOW)
    monkeypatch.undo()
    # The old journal continues the lost snapshot; the restored one says to ignore it.
    assert check_store(data_dir).ok
    assert _numbers(data_dir) == {f"JC-20261127-00{n}" for n in range(1, 6)}
    with Repository.open(data_dir) as repo:
        repo.cases.save(make_case("JC-20261127-009"))
    assert "JC-20261127-009" in _numbers(data_dir)


def test_backups_are_compressed_and_old_uncompressed_ones_still_restore(
    data_dir: Path,
) -> None:
    with Repository.open(data_dir, now=lambda: NOW) as repo:
        repo.residents.save_many([make_resident(f"居民{chr(0x4E00 + i)}") for i in range(200)])
        path = repo.store.backup_now()
    assert path.name == "store-20261127-180000.json.gz"
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    plain = gzip.decompress(path.read_bytes())
    assert path.stat().st_size * 4 < len(plain)
    assert len(read_backup(path).tables["residents"]) == 200
    old = path.with_name("store-20261120-090000.json")
    raw = {"format": "deskconsole-store", "schema": 1, "seq": 1, "tables": {"residents": {}}}
    old.write_bytes(orjson.dumps(raw))
    path.unlink()
    restore_backup(data_dir, old, NOW)
    with Repository.open(data_dir, readonly=True) as reader:
        assert reader.residents.count() == 0


def test_rotation_never_deletes_the_backup_just_written(data_dir: Path) -> None:
    with Repository.open(data_dir, now=lambda: NOW) as repo:
        repo.residents.save(make_resident())
        repo.store.backups_keep = 2
        folder = data_dir / "backups"
        folder.mkdir()
        for day in (1, 2, 3):  # the clock was once a year ahead
            (folder / f"store-202712{day:02d}-090000.json.gz").write_bytes(b"")
        assert backup_due(data_dir, NOW)  # future-dated backups do not count as recent
        written = repo.store.backup_now()
        assert written.exists()
        names = [b.path.name for b in list_backups(data_dir, NOW)]
        assert names == [written.name, "store-20271203-090000.json.gz"]
        assert not backup_due(data_dir, NOW)


def test_stale_temp_files_of_backups_are_removed_at_start(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo:
        repo.residents.save(make_resident())
        repo.store.backup_now()
    stale = [
        data_dir / "backups" / "store-20261127-090000.json.tmp",
        data_dir / "backups" / "store-20261127-100000.json.gz.tmp",
    ]
    for path in stale:
        path.write_bytes(b"half")
    with Repository.open(data_dir):
        pass
    assert not any(path.exists() for path in stale)


def _schema_1_store(data_dir: Path) -> None:
    """A store as version 1 wrote it: no checksum line, a journal without header."""
    data_dir.mkdir(parents=True)
    case1 = make_case("JC-20261127-001").model_dump(mode="json")
    case2 = make_case("JC-20261127-002").model_dump(mode="json")
    head = {"format": "deskconsole-store", "schema": 1, "seq": 1, "saved_at": "2026-11-27T09:00"}
    body = orjson.dumps(head)[:-1] + b',\n"tables": {\n"cases": {\n"JC-20261127-001": '
    (data_dir / "store.json").write_bytes(body + orjson.dumps(case1) + b"\n}\n}}\n")
    line = orjson.dumps({"seq": 2, "ops": [{"t": "cases", "k": case2["number"], "d": case2}]})
    (data_dir / "journal.jsonl").write_bytes(b"%08x " % zlib.crc32(line) + line + b"\n")


def test_a_schema_1_store_reads_as_it_is_and_the_first_writer_migrates_it(
    data_dir: Path,
) -> None:
    _schema_1_store(data_dir)
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    report = check_store(data_dir)
    assert report.ok and report.counts["cases"] == 2
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before  # readers change nothing
    with Repository.open(data_dir) as repo:
        assert repo.cases.count() == 2
        written = json.loads((data_dir / "store.json").read_text("utf-8"))
        assert written["schema"] == 2 and len(written["sha256"]) == 64
        repo.cases.save(make_case("JC-20261127-003"))
    header = (data_dir / "journal.jsonl").read_bytes().split(b"\n")[0]
    assert json.loads(header.split(b" ", 1)[1]) == {"after": 3}
    assert check_store(data_dir).ok
    assert len(_numbers(data_dir)) == 3


def test_a_schema_1_store_without_a_journal_file_opens(data_dir: Path) -> None:
    _schema_1_store(data_dir)
    os.unlink(data_dir / "journal.jsonl")  # as version 1's restore left it
    assert check_store(data_dir).ok
    with Repository.open(data_dir) as repo:
        assert repo.cases.count() == 1
    assert check_store(data_dir).ok


def test_demo_writes_its_settings_and_data_in_one_commit(data_dir: Path) -> None:
    from deskconsole.domain import demo

    repo = Repository.open(data_dir, now=lambda: NOW)
    demo.fill(repo, demo.generate(NOW, residents=20, cases=8, seed=3))
    repo.store._close_files()
    _header, *entries = (data_dir / "journal.jsonl").read_bytes().splitlines()
    [entry] = entries  # one line: a crash leaves all of it or nothing
    tables = {op["t"] for op in orjson.loads(entry.split(b" ", 1)[1])["ops"]}
    assert {"meta", "residents", "sessions", "cases"} <= tables


def test_a_backup_restores_into_a_new_folder(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "old", now=lambda: NOW) as repo:
        repo.cases.save(make_case())
        backup = repo.store.backup_now()
    restored = restore_backup(tmp_path / "new", backup, NOW)
    assert restored.replayed == 0
    assert _numbers(tmp_path / "new") == {"JC-20261127-001"}
    assert check_store(tmp_path / "new").ok
