"""The embedded store's files: round trip, torn tails, lock, damage, failed writes,
backups. What every store promises, this one and the server's, is in
test_repository_contract.py."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from deskconsole.storage import (
    Repository,
    StoreCorruptError,
    StoreLockedError,
    StoreTooNewError,
    StoreWriteError,
)
from deskconsole.storage import journal as journal_module
from deskconsole.storage.backup import list_backups
from deskconsole.storage.check import check_store
from deskconsole.storage.restore import restore_backup
from tests.factories import make_case, make_resident


def test_round_trip_through_journal_and_snapshot(data_dir: Path) -> None:
    resident = make_resident()
    case = make_case(resident_id=resident.id)
    with Repository.open(data_dir) as repo:
        repo.residents.save(resident)
        repo.cases.save(case)
        # Still open: the data is in the journal only.
        with Repository.open(data_dir, readonly=True) as reader:
            assert reader.residents.get(resident.id).name == "江建国"  # type: ignore[union-attr]
            assert reader.cases.get(case.number) == case
    # Closed: compacted into the snapshot; the journal holds only its header.
    assert (data_dir / "journal.jsonl").read_bytes().count(b"\n") == 1
    snapshot = (data_dir / "store.json").read_text(encoding="utf-8")
    assert "江建国" in snapshot  # readable UTF-8, not \u escapes
    with Repository.open(data_dir) as repo:
        assert repo.cases.get(case.number) == case
        assert repo.residents.get(resident.id).phones == ["13800138000"]  # type: ignore[union-attr]


def test_files_are_private(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo:
        repo.residents.save(make_resident())
        repo.store.backup_now()
    for path in [data_dir / "store.json", data_dir / "journal.jsonl", data_dir / "store.lock"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    backup = list_backups(data_dir)[0].path
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_a_torn_last_line_is_dropped_and_everything_before_kept(data_dir: Path) -> None:
    repo = Repository.open(data_dir)
    first, second = make_case("JC-20261127-001"), make_case("JC-20261127-002")
    repo.cases.save(first)
    repo.cases.save(second)
    repo.store._close_files()  # simulate a crash: no compaction
    journal = data_dir / "journal.jsonl"
    whole = journal.read_bytes()
    journal.write_bytes(whole + whole.splitlines(keepends=True)[-1][:40])
    with Repository.open(data_dir) as reopened:
        assert reopened.store.torn_tail
        assert {c.number for c in reopened.cases.all()} == {first.number, second.number}
        reopened.cases.save(make_case("JC-20261127-003"))
    with Repository.open(data_dir, readonly=True) as reader:
        assert reader.cases.count() == 3


def test_a_damaged_line_before_the_end_is_reported_not_dropped(data_dir: Path) -> None:
    repo = Repository.open(data_dir)
    for seq in range(1, 4):
        repo.cases.save(make_case(f"JC-20261127-00{seq}"))
    repo.store._close_files()
    journal = data_dir / "journal.jsonl"
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b"JC-20261127-002", b"JC-20261127-00X")  # after the header
    damaged = b"".join(lines)
    journal.write_bytes(damaged)
    with pytest.raises(StoreCorruptError) as caught:
        Repository.open(data_dir)
    assert "journal.jsonl" in str(caught.value)
    assert "line 3" in str(caught.value)
    assert journal.read_bytes() == damaged


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"", "empty"),
        (b'{"format": "deskconsole-store", "schema": 1, "seq": 3, "tables": {"cases": {', "JSON"),
        (b'{"hello": 1}', "not a deskconsole store"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
    ],
)
def test_a_corrupt_snapshot_is_named_and_never_overwritten(
    data_dir: Path, content: bytes, detail: str
) -> None:
    with Repository.open(data_dir) as repo:
        repo.residents.save(make_resident())
        good_backup = repo.store.backup_now()
    (data_dir / "store.json").write_bytes(content)
    with pytest.raises(StoreCorruptError) as caught:
        Repository.open(data_dir)
    message = str(caught.value)
    assert str(data_dir / "store.json") in message
    assert detail in message
    assert str(good_backup) in message
    assert "deskconsole restore" in message
    assert (data_dir / "store.json").read_bytes() == content
    report = check_store(data_dir)
    assert not report.ok
    assert report.backup is not None and report.backup.path == good_backup


def test_restore_puts_the_newest_good_backup_back_and_keeps_the_damage(data_dir: Path) -> None:
    resident = make_resident()
    with Repository.open(data_dir) as repo:
        repo.residents.save(resident)
        repo.store.backup_now()
    (data_dir / "store.json").write_bytes(b"")
    restored = restore_backup(data_dir, None, datetime(2026, 11, 27, 18))
    assert (restored.aside / "store.json").read_bytes() == b""
    with Repository.open(data_dir) as repo:
        assert repo.residents.get(resident.id) is not None
    assert restored.backup.parent.name == "backups"


def test_one_writer_at_a_time_readers_beside_it(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo:
        repo.residents.save(make_resident())
        with pytest.raises(StoreLockedError) as caught:
            Repository.open(data_dir)
        assert f"pid {os.getpid()}" in str(caught.value)
        with Repository.open(data_dir, readonly=True) as reader:
            assert reader.residents.count() == 1
        assert check_store(data_dir).lock_holder is not None
    assert check_store(data_dir).lock_holder is None


def test_a_lock_left_by_a_killed_process_does_not_block(data_dir: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from deskconsole.storage import "
            "Repository; r = Repository.open(Path(sys.argv[1])); print('locked', flush=True); "
            "time.sleep(60)",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreLockedError, match=f"pid {holder.pid}"):
            Repository.open(data_dir)
    finally:
        holder.kill()
        holder.wait()
    with Repository.open(data_dir) as repo:
        assert repo.residents.count() == 0


def test_a_failed_write_loses_nothing_and_the_next_one_succeeds(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repository.open(data_dir)
    kept = make_case("JC-20261127-001")
    repo.cases.save(kept)
    journal = data_dir / "journal.jsonl"
    before = journal.read_bytes()
    real_pwrite = os.pwrite

    def disk_full(fd: int, data: bytes, offset: int) -> int:
        real_pwrite(fd, data[: len(data) // 2], offset)  # half a line reaches the disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_module.os, "pwrite", disk_full)
    refused = make_case("JC-20261127-002")
    with pytest.raises(StoreWriteError) as caught:
        repo.cases.save(refused)
    assert "the disk is full" in str(caught.value)
    assert "Nothing already saved was lost" in str(caught.value)
    assert repo.cases.get(refused.number) is None
    assert journal.read_bytes() == before
    monkeypatch.setattr(journal_module.os, "pwrite", real_pwrite)
    repo.cases.save(refused)
    repo.store._close_files()
    with Repository.open(data_dir) as reopened:
        assert {c.number for c in reopened.cases.all()} == {kept.number, refused.number}
        assert not reopened.store.torn_tail


def test_a_failed_compaction_keeps_the_journal(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskconsole.storage import store as store_module

    repo = Repository.open(data_dir)
    repo.cases.save(make_case())

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store_module, "write_snapshot", refuse)
    with pytest.raises(StoreWriteError, match="read-only"):
        repo.store.compact()
    repo.close()  # compaction fails again, quietly; the journal still holds the case
    monkeypatch.undo()
    assert not list(data_dir.glob("*.tmp"))
    with Repository.open(data_dir) as reopened:
        assert reopened.cases.count() == 1


def test_a_batch_lands_whole_or_not_at_all(data_dir: Path) -> None:
    repo = Repository.open(data_dir)
    residents = [make_resident(f"居民{chr(0x4E00 + i)}", phones=[]) for i in range(50)]
    repo.residents.save_many(residents)
    repo.store._close_files()
    journal = data_dir / "journal.jsonl"
    data = journal.read_bytes()
    journal.write_bytes(data[: len(data) - 10])  # the batch's line is torn
    with Repository.open(data_dir) as reopened:
        assert reopened.residents.count() == 0


def test_stale_temp_files_are_removed_at_start(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo:
        repo.residents.save(make_resident())
    (data_dir / "store.json.tmp").write_text("half a snapshot")
    with Repository.open(data_dir) as repo:
        assert repo.residents.count() == 1
    assert not (data_dir / "store.json.tmp").exists()


def test_daily_backup_rotation(data_dir: Path) -> None:
    times = iter(datetime(2026, 11, day, 9) for day in range(1, 30))
    clock_now = [next(times)]
    with Repository.open(data_dir, now=lambda: clock_now[0]) as repo:
        settings = repo.settings.get().model_copy(update={"backups_keep": 3})
        repo.settings.save(settings)
        for _ in range(5):
            repo.store.backup_if_due()
            repo.store._backup_thread.join()  # type: ignore[union-attr]
            repo.store.backup_if_due()  # same day: nothing new
            clock_now[0] = next(times)
    backups = list_backups(data_dir)
    assert len(backups) == 3
    assert [b.taken_at.day for b in backups] == [5, 4, 3]


def test_snapshot_is_one_document_per_line(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo:
        repo.residents.save_many([make_resident("江建国"), make_resident("王秀英")])
    lines = (data_dir / "store.json").read_text(encoding="utf-8").splitlines()
    assert sum("江建国" in line for line in lines) == 1
    parsed = json.loads((data_dir / "store.json").read_text(encoding="utf-8"))
    assert parsed["format"] == "deskconsole-store"
    assert len(parsed["tables"]["residents"]) == 2


def test_an_older_schema_is_migrated_on_open_and_written_back(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskconsole.storage import snapshot, state, store

    current = snapshot.SCHEMA_VERSION
    with Repository.open(data_dir) as repo:
        repo.residents.save(make_resident("江建国"))
    assert json.loads((data_dir / "store.json").read_text("utf-8"))["schema"] == current

    def rename_notes(tables: dict) -> None:  # an imagined later change
        for doc in tables.get("residents", {}).values():
            doc["notes"] = doc["notes"] or "migrated"

    monkeypatch.setattr(snapshot, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(store, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(state, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(snapshot.MIGRATIONS, current, rename_notes)
    with Repository.open(data_dir) as repo:
        [resident] = repo.residents.all()
        assert resident.notes == "migrated"
    written = json.loads((data_dir / "store.json").read_text("utf-8"))
    assert written["schema"] == current + 1
    assert next(iter(written["tables"]["residents"].values()))["notes"] == "migrated"


def test_a_store_from_a_newer_version_is_refused_untouched(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo:
        repo.residents.save(make_resident())
    path = data_dir / "store.json"
    raw = json.loads(path.read_text("utf-8"))
    raw["schema"] = 99
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreTooNewError, match="newer deskconsole"):
        Repository.open(data_dir)
    assert path.read_bytes() == before


def test_a_backup_right_after_opening_is_the_snapshot_file_compressed(data_dir: Path) -> None:
    import zlib

    from deskconsole.storage.backup import read_backup

    with Repository.open(data_dir) as repo:
        repo.residents.save(make_resident("江建国"))
    snapshot = (data_dir / "store.json").read_bytes()
    with Repository.open(data_dir) as repo:
        copied = repo.backup_now()  # nothing saved since the snapshot: its bytes as they are
        assert zlib.decompress(copied.read_bytes(), 16 + zlib.MAX_WBITS) == snapshot
        resident = make_resident("王秀英")
        repo.residents.save(resident)  # now the journal holds more than the snapshot
        repo.store.now = lambda: datetime(2030, 1, 1, 9)  # a later backup, another name
        encoded = repo.backup_now()
    assert encoded != copied
    held = read_backup(encoded).tables["residents"]
    assert resident.id in held and len(held) == 2
    assert len(read_backup(copied).tables["residents"]) == 1
