"""Output files never touch the store: refused targets, folders, atomic writes, modes."""

from __future__ import annotations

import csv
import errno
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskconsole.cli import main
from deskconsole.output import OutputError, output_path, write_output
from deskconsole.storage import Repository
from tests import register_data as data
from tests.factories import make_resident


@pytest.fixture
def store(data_dir: Path) -> Path:
    with Repository.open(data_dir) as repo:
        data.fill(repo)
        repo.residents.save(make_resident("王芳", phones=["13900001111"]))
    return data_dir


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(["--lang", "en", "--staff", "颜成玉", *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text("姓名,手机\n张伟,13800001234\n李四,12345\n", encoding="utf-8")
    return path


# -- the store's own files ----------------------------------------------------------------

STORE_FILES = ["store.json", "journal.jsonl", "store.lock", "backups/x.json", ""]


@pytest.mark.parametrize("name", STORE_FILES)
@pytest.mark.parametrize("command", ["export", "bundle", "problems"])
def test_no_output_lands_among_the_stores_files(
    store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    command: str,
) -> None:
    if name.startswith("backups"):
        (store / "backups").mkdir(exist_ok=True)
    target = str(store / name) if name else str(store) + "/"
    before = files_of(store)
    argv = {
        "export": ["export", "--date", "2026-11-27", "--out", target],
        "bundle": ["bundle", "export", "--out", target],
        "problems": ["import-residents", str(roster(tmp_path)), "--problems", target],
    }[command]
    code, out, err = run(capsys, *argv, "--data-dir", str(store))
    assert code == 1
    assert err.count("\n") == 1
    assert "inside the store's own folder" in err and str(store) in err
    after = files_of(store)
    assert after == before  # not a byte changed, nothing imported, nothing audited
    assert "Traceback" not in out + err


def test_another_store_folder_is_refused_too(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    with Repository.open(other):
        pass
    before = files_of(other)
    code, _, err = run(
        capsys, "export", "--date", "2026-11-27", "--out", str(other / "store.json"),
        "--data-dir", str(store),
    )  # fmt: skip
    assert code == 1 and "inside the store's own folder" in err
    assert files_of(other) == before


def test_a_link_into_the_store_is_followed_and_refused(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "alias").symlink_to(store)
    before = files_of(store)
    code, _, err = run(
        capsys, "bundle", "export", "--out", str(tmp_path / "alias" / "journal.jsonl"),
        "--data-dir", str(store),
    )  # fmt: skip
    assert code == 1 and "inside the store's own folder" in err
    assert files_of(store) == before


def test_the_consoles_exports_folder_is_fine(store: Path) -> None:
    written = write_output(store / "exports" / "r.csv", b"x", store)
    assert written.read_bytes() == b"x"


# -- links and devices ---------------------------------------------------------------------


def test_a_symbolic_link_is_refused_and_what_it_points_to_kept(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.csv"
    real.write_text("keep me")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, _, err = run(
        capsys, "export", "--date", "2026-11-27", "--out", str(link), "--data-dir", str(store)
    )
    assert code == 1 and err.count("\n") == 1
    assert "symbolic link" in err
    assert link.is_symlink() and real.read_text() == "keep me"


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_device_or_pipe_is_refused(tmp_path: Path, kind: str) -> None:
    if kind == "device":
        target = Path("/dev/null")
    else:
        target = tmp_path / "pipe"
        os.mkfifo(target)
    with pytest.raises(OutputError) as caught:
        write_output(target, b"data")
    assert "not a regular file" in str(caught.value)
    assert not list(target.parent.glob(f".{target.name}.*"))


# -- folders and names ----------------------------------------------------------------------


@pytest.fixture
def umask_open() -> Iterator[None]:
    """A umask that would make new files world-readable (and one that strips owner bits)."""
    old = os.umask(0o000)
    yield
    os.umask(old)


def test_out_with_a_slash_is_a_new_folder_with_the_default_name(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], umask_open: None
) -> None:
    folder = tmp_path / "newdir"
    code, out, err = run(
        capsys, "export", "--date", "2026-11-27", "--out", f"{folder}/", "--data-dir", str(store)
    )
    assert code == 0, err
    written = folder / "register-JC-2026-11-27.csv"
    assert f"Register written: {written}" in out
    assert written.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
    assert [p.name for p in folder.iterdir()] == [written.name]


def test_bundle_and_problems_into_an_existing_folder(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    code, out, err = run(capsys, "bundle", "export", "--out", str(folder), "--data-dir", str(store))
    assert code == 0, err
    [bundle] = folder.glob("bundle-JC-*.dcb")
    assert bundle.stat().st_mode & 0o777 == 0o600
    code, out, err = run(
        capsys, "import-residents", str(roster(tmp_path)), "--problems", f"{folder}/",
        "--data-dir", str(store),
    )  # fmt: skip
    assert code == 0, err
    problems = folder / "roster-problems.csv"
    assert f"{problems}" in out
    # The skipped row's own cells, then its row number and its problem.
    [skipped] = list(csv.reader(io.StringIO(problems.read_text("utf-8-sig"))))[1:]
    assert skipped[0] == "李四" and skipped[-2] == "3" and skipped[-1].startswith("手机: ")
    assert problems.stat().st_mode & 0o777 == 0o600


def test_modes_hold_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o277)  # would leave a new file read-only for its owner
    try:
        written = write_output(tmp_path / "a" / "b" / "f.json", b"{}")
    finally:
        os.umask(old)
    assert written.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "a" / "b").stat().st_mode & 0o777 == 0o700


def test_output_path_rules(tmp_path: Path) -> None:
    assert output_path(None, "r.csv", cwd=tmp_path) == tmp_path / "r.csv"
    assert output_path(str(tmp_path), "r.csv") == tmp_path / "r.csv"
    assert output_path(f"{tmp_path}/new/", "r.csv") == tmp_path / "new" / "r.csv"
    assert output_path(str(tmp_path / "mine.csv"), "r.csv") == tmp_path / "mine.csv"


# -- whole or not at all --------------------------------------------------------------------


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_output(target, [b"new ", b"content"])
    assert target.read_bytes() == b"new content"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


@pytest.mark.parametrize("call", ["fsync", "replace", "write"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EROFS])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int
) -> None:
    target = tmp_path / "r.csv"
    target.write_bytes(b"old")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    chunks: object
    if call == "write":  # the disk refuses in the middle of the data

        class Failing:
            def __iter__(self) -> Iterator[bytes]:
                yield b"first"
                raise OSError(code, os.strerror(code))

        chunks = Failing()
    else:
        monkeypatch.setattr(os, call, fail)
        chunks = b"new"
    with pytest.raises(OutputError) as caught:
        write_output(target, chunks)  # type: ignore[arg-type]
    reason = {errno.ENOSPC: "the disk is full", errno.EIO: "input/output error"}.get(
        code, "read-only"
    )
    assert reason in str(caught.value) and str(target) in str(caught.value)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]
