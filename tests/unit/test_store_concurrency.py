"""One writer by the kernel; readers beside a compacting writer see a prefix of the saves."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from deskconsole.storage import Repository, StoreLockedError
from deskconsole.storage import store as store_module
from deskconsole.storage.check import check_store
from tests.factories import make_case
from tests.race_writer import case_number

ROOT = Path(__file__).resolve().parents[2]


def test_deleting_the_lock_file_never_admits_a_second_writer(data_dir: Path) -> None:
    with Repository.open(data_dir) as repo:
        repo.cases.save(make_case())
        (data_dir / "store.lock").unlink()
        with pytest.raises(StoreLockedError) as caught:
            Repository.open(data_dir)
        assert f"pid {os.getpid()}" in str(caught.value)
        assert check_store(data_dir).lock_holder is not None
    with Repository.open(data_dir) as again:  # released with the first writer
        assert again.cases.count() == 1


def test_saves_go_on_while_the_snapshot_is_written_in_the_background(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writing = threading.Event()
    may_finish = threading.Event()
    real_write = store_module.write_snapshot

    def slow_write(*args: object, **kwargs: object) -> None:
        writing.set()
        assert may_finish.wait(30)
        real_write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "COMPACT_AT_BYTES", 2_000)
    monkeypatch.setattr(store_module, "write_snapshot", slow_write)
    repo = Repository.open(data_dir)
    n = 0
    while repo.store._compactor is None:  # saves until one starts a compaction
        n += 1
        repo.cases.save(make_case(case_number(n), description="x" * 300))
    compacted_at = n
    assert writing.wait(30)  # the tables were copied: the snapshot holds saves 1..n
    for _ in range(3):  # these land while the snapshot is being written
        n += 1
        repo.cases.save(make_case(case_number(n), description="x" * 300))
    may_finish.set()
    repo.store._wait_for_compaction()
    header, *carried = (data_dir / "journal.jsonl").read_bytes().splitlines()
    assert f'{{"after":{compacted_at}}}'.encode() in header
    assert len(carried) == 3
    repo.store._close_files()  # a crash: no final compaction
    with Repository.open(data_dir, readonly=True) as reader:
        assert reader.cases.count() == n


def _contiguous_prefix(numbers: set[str], acked: int) -> bool:
    count = len(numbers)
    return count >= acked and numbers == {case_number(i) for i in range(count)}


@pytest.mark.slow
def test_readers_beside_a_compacting_writer_see_a_prefix_of_the_saves(data_dir: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.race_writer", str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    acked = [0]
    acks = writer.stdout

    def count_acks() -> None:
        for line in acks:
            acked[0] = int(line) + 1

    counter = threading.Thread(target=count_acks, daemon=True)
    counter.start()
    reads, snapshots = 0, set()
    try:
        # Read until the reads have met several compactions (counted in saves, not time).
        while reads < 30 or len(snapshots) < 4:
            assert writer.poll() is None and acked[0] < 20_000, (reads, snapshots)
            before = acked[0]  # acknowledged before this read began
            with Repository.open(data_dir, readonly=True) as reader:
                numbers = {doc["number"] for doc in reader.cases.docs()}
                snapshots.add(reader.store._snapshot_seq)
            assert _contiguous_prefix(numbers, before), (before, len(numbers))
            reads += 1
    finally:
        writer.kill()
        writer.wait()
    assert check_store(data_dir).ok


def test_a_reader_whose_snapshot_is_replaced_mid_read_reads_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskconsole.storage import state

    writer = Repository.open(data_dir)
    for n in range(3):
        writer.cases.save(make_case(case_number(n)))
    writer.store.compact()
    writer.cases.save(make_case(case_number(3)))
    real_read = state._read_optional
    calls = []

    def compact_in_between(path: Path) -> bytes | None:
        calls.append(path)
        if len(calls) == 1:  # the old snapshot is read: now the writer compacts
            writer.cases.save(make_case(case_number(4)))
            writer.store.compact()
        return real_read(path)

    monkeypatch.setattr(state, "_read_optional", compact_in_between)
    with Repository.open(data_dir, readonly=True) as reader:
        assert {d["number"] for d in reader.cases.docs()} == {case_number(i) for i in range(5)}
    assert len(calls) == 2  # read once more, after the snapshot was replaced
    writer.close()
