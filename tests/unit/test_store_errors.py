"""Every refusal of the operating system is one clear line naming the file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from deskconsole.storage import Repository, StoreError, StoreWriteError
from deskconsole.storage import store as store_module
from deskconsole.storage.errors import StoreOpenError
from tests.factories import make_case


def _refuse(monkeypatch: pytest.MonkeyPatch, name: str, code: int, when: str) -> None:
    """Make ``os.<name>`` fail with ``code`` for paths ending in ``when``."""
    real = getattr(os, name)

    def refusing(path: object, *args: object, **kwargs: object) -> object:
        if str(path).endswith(when):
            raise OSError(code, os.strerror(code), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, refusing)


def _one_line(error: StoreError, path: Path, reason: str) -> None:
    message = str(error)
    assert "\n" not in message
    assert str(path) in message, message
    assert reason in message, message


def test_a_path_too_long_is_one_line_and_shown_shortened(tmp_path: Path) -> None:
    target = tmp_path / ("长" * 200) / "store"
    with pytest.raises(StoreOpenError) as caught:
        Repository.open(target)
    message = str(caught.value)
    assert "\n" not in message and "the path is too long" in message
    assert str(tmp_path)[:40] in message and "..." in message and len(message) < 400


@pytest.mark.parametrize(
    ("name", "code", "reason"),
    [
        ("store.lock", errno.EACCES, "permission denied"),
        ("store.lock", errno.EROFS, "read-only"),
        ("journal.jsonl.tmp", errno.ENOSPC, "the disk is full"),
        ("store.json", errno.EIO, "input/output error"),
    ],
)
def test_opening_refused_by_the_system_names_the_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int, reason: str
) -> None:
    with Repository.open(data_dir) as repo:
        repo.cases.save(make_case())
    if name.startswith("journal"):  # a new store: its first journal cannot be created
        data_dir = data_dir.parent / "new"
    _refuse(monkeypatch, "open", code, name)
    with pytest.raises(StoreError) as caught:
        Repository.open(data_dir)
    _one_line(caught.value, data_dir / name.removesuffix(".tmp"), reason)


def test_an_error_after_the_compaction_landed_does_not_fail_the_save(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "COMPACT_AT_BYTES", 1_500)
    repo = Repository.open(data_dir)
    repo.store.compact_in_background = False
    _refuse(monkeypatch, "open", errno.EIO, "journal.jsonl.tmp")  # the new journal fails
    saved = []
    for n in range(1, 8):
        case = make_case(f"JC-20261127-00{n}", description="x" * 300)
        repo.cases.save(case)  # never raises: each save landed
        saved.append(case.number)
    assert isinstance(repo.store.last_compaction_error, StoreWriteError)
    assert repo.store._snapshot_seq > 0  # a snapshot did land
    repo.store._close_files()
    monkeypatch.undo()
    with Repository.open(data_dir, readonly=True) as reader:
        assert sorted(c.number for c in reader.cases.all()) == saved


def test_a_failing_compaction_is_not_retried_on_every_save(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "COMPACT_AT_BYTES", 1_000)
    attempts = []

    def disk_full(*args: object, **kwargs: object) -> None:
        attempts.append(1)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "write_snapshot", disk_full)
    repo = Repository.open(data_dir)
    repo.store.compact_in_background = False
    for n in range(1, 10):
        repo.cases.save(make_case(f"JC-20261127-00{n}", description="x" * 300))
    assert attempts == [1]  # the next try waits until the journal grew another MiB
    assert isinstance(repo.store.last_compaction_error, StoreWriteError)
    repo.store._close_files()
    monkeypatch.undo()
    with Repository.open(data_dir, readonly=True) as reader:
        assert reader.cases.count() == 9
