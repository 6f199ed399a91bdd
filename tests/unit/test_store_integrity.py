"""Damage to a store is found, named, and never written over.

Each kind of damage: ``check`` exits non-zero naming the file and the damage, a
writer refuses the store, and every file keeps its bytes (and its name).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from deskconsole.cli import main
from deskconsole.storage import Repository, StoreCorruptError
from deskconsole.storage.check import check_store
from tests.factories import make_case

SNAPSHOT, JOURNAL = "store.json", "journal.jsonl"


def _crashed_store(data_dir: Path) -> None:
    """A store with a snapshot of 3 cases and a journal of 4 more, left as by a crash."""
    repo = Repository.open(data_dir)
    for n in range(1, 4):
        repo.cases.save(make_case(f"JC-20261127-00{n}", description=f"第{n}件"))
    repo.store.compact()
    for n in range(4, 8):
        repo.cases.save(make_case(f"JC-20261127-00{n}", description=f"第{n}件"))
    repo.store._close_files()


def _journal_lines(data_dir: Path) -> list[bytes]:
    return (data_dir / JOURNAL).read_bytes().splitlines(keepends=True)


def _write_lines(data_dir: Path, lines: list[bytes]) -> None:
    (data_dir / JOURNAL).write_bytes(b"".join(lines))


def change_snapshot_byte(data_dir: Path) -> None:
    path = data_dir / SNAPSHOT
    path.write_bytes(path.read_bytes().replace("第2件".encode(), "第3件".encode()))


def drop_middle_line(data_dir: Path) -> None:
    lines = _journal_lines(data_dir)
    del lines[2]
    _write_lines(data_dir, lines)


def swap_lines(data_dir: Path) -> None:
    lines = _journal_lines(data_dir)
    lines[2], lines[3] = lines[3], lines[2]
    _write_lines(data_dir, lines)


def put_back_an_older_snapshot(data_dir: Path) -> None:
    older = data_dir.parent / "older.json"
    shutil.copy(data_dir / SNAPSHOT, older)
    repo = Repository.open(data_dir)
    repo.cases.save(make_case("JC-20261127-008"))
    repo.store.compact()
    repo.cases.save(make_case("JC-20261127-009"))
    repo.store._close_files()
    shutil.copy(older, data_dir / SNAPSHOT)


def delete_snapshot(data_dir: Path) -> None:
    (data_dir / SNAPSHOT).unlink()


def delete_journal(data_dir: Path) -> None:
    (data_dir / JOURNAL).unlink()


def delete_both(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo:
        repo.store.backup_now()
    (data_dir / SNAPSHOT).unlink()
    (data_dir / JOURNAL).unlink()


def empty_journal(data_dir: Path) -> None:
    (data_dir / JOURNAL).write_bytes(b"")


def bad_checksum_on_last_line(data_dir: Path) -> None:
    lines = _journal_lines(data_dir)
    lines[-1] = lines[-1].replace("第7件".encode(), "第9件".encode())
    assert lines[-1].endswith(b"\n")
    _write_lines(data_dir, lines)


DAMAGE: list[tuple[Callable[[Path], None], str, str]] = [
    (change_snapshot_byte, SNAPSHOT, "checksum mismatch"),
    (drop_middle_line, JOURNAL, "line 3: entry 6 where 5 was expected: a line is missing"),
    (swap_lines, JOURNAL, "out of order"),
    (put_back_an_older_snapshot, JOURNAL, "the entries in between are missing"),
    (delete_snapshot, SNAPSHOT, "the snapshot is missing, but the journal continues one"),
    (delete_journal, JOURNAL, "the journal is missing"),
    (empty_journal, JOURNAL, "first line (its header) is missing"),
    (delete_both, SNAPSHOT, "the snapshot and the journal are both missing"),
    (bad_checksum_on_last_line, JOURNAL, "line 5: the line's checksum does not match"),
]


def _files(data_dir: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(data_dir.iterdir())
        if p.is_file() and p.name != "store.lock"
    }


@pytest.mark.parametrize(("damage", "name", "detail"), DAMAGE, ids=[d[0].__name__ for d in DAMAGE])
def test_damage_is_named_by_check_and_refused_by_a_writer(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[Path], None],
    name: str,
    detail: str,
) -> None:
    _crashed_store(data_dir)
    damage(data_dir)
    before = _files(data_dir)

    report = check_store(data_dir)
    assert not report.ok
    assert isinstance(report.error, StoreCorruptError)
    assert report.error.path == data_dir / name
    assert detail in report.error.detail

    with pytest.raises(SystemExit) as caught:
        main(["check", "--data-dir", str(data_dir)])
    assert caught.value.code == 1
    out = capsys.readouterr().out
    assert str(data_dir / name) in out and detail in out

    with pytest.raises(StoreCorruptError) as refused:
        Repository.open(data_dir)
    assert "deskconsole restore" in str(refused.value) or "no good backup" in str(refused.value)
    assert _files(data_dir) == before  # nothing rewritten, truncated or renamed


def test_a_torn_tail_is_a_crash_not_damage(data_dir: Path) -> None:
    _crashed_store(data_dir)
    journal = data_dir / JOURNAL
    whole = journal.read_bytes()
    journal.write_bytes(whole + whole.splitlines(keepends=True)[-1][:30])
    report = check_store(data_dir)
    assert report.ok and report.torn_tail
    assert report.counts["cases"] == 7
    with Repository.open(data_dir) as repo:
        assert repo.cases.count() == 7


def test_the_refusal_names_the_newest_good_backup(data_dir: Path) -> None:
    _crashed_store(data_dir)
    with Repository.open(data_dir) as repo:
        good = repo.store.backup_now()
    change_snapshot_byte(data_dir)
    with pytest.raises(StoreCorruptError) as refused:
        Repository.open(data_dir)
    assert str(good) in str(refused.value)
    assert f"deskconsole restore --data-dir {data_dir}" in str(refused.value)


def test_the_snapshot_carries_its_checksum_and_sequence_number(data_dir: Path) -> None:
    _crashed_store(data_dir)
    raw = json.loads((data_dir / SNAPSHOT).read_text("utf-8"))
    assert raw["seq"] == 3 and len(raw["sha256"]) == 64
    header, *entries = _journal_lines(data_dir)
    assert json.loads(header.split(b" ", 1)[1]) == {"after": 3}
    assert [json.loads(line.split(b" ", 1)[1])["seq"] for line in entries] == [4, 5, 6, 7]
