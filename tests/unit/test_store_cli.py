"""check, backup and restore on the command line: one line for every refusal."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from deskconsole.cli import main
from deskconsole.storage import Repository
from tests.factories import make_case


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    out, err = capsys.readouterr()
    code = caught.value.code
    return (code if isinstance(code, int) else (0 if code is None else 1)), out, err


def test_restore_says_how_many_later_changes_it_kept(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    repo = Repository.open(data_dir)
    repo.cases.save(make_case("JC-20261127-001"))
    repo.store.backup_now()
    repo.cases.save(make_case("JC-20261127-002"))
    repo.store._close_files()
    code, out, _ = run(capsys, "restore", "--data-dir", str(data_dir), "--yes")
    assert code == 0
    assert "1 change saved after the backup was kept" in out
    with Repository.open(data_dir, readonly=True) as reader:
        assert reader.cases.count() == 2


@pytest.mark.parametrize(("code", "reason"), [(errno.EROFS, "read-only"), (errno.ENOSPC, "full")])
def test_a_backup_the_disk_refuses_is_one_line(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    reason: str,
) -> None:
    with Repository.open(data_dir) as repo:
        repo.cases.save(make_case())
    real_open = os.open

    def refusing(path: object, *args: object, **kwargs: object) -> int:
        if "backups" in str(path):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing)
    exit_code, out, err = run(capsys, "backup", "--data-dir", str(data_dir))
    assert exit_code == 1 and out == ""
    [line] = err.splitlines()
    assert str(data_dir / "backups") in line and reason in line
