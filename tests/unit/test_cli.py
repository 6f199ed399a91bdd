"""The command line: exit codes, messages, demo, check, backup, restore."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskconsole import __version__
from deskconsole.cli import main
from deskconsole.config import resolve_data_dir, resolve_language, resolve_staff
from deskconsole.storage import Repository


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    out, err = capsys.readouterr()
    code = caught.value.code
    return (code if isinstance(code, int) else (0 if code is None else 1)), out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"deskconsole {__version__}\n", "")


@pytest.mark.parametrize("command", ["", "demo", "check", "backup", "restore", "audit"])
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, *([command] if command else []), "--help")
    assert code == 0
    assert "Usage:" in out
    assert "--data-dir" in out


@pytest.mark.parametrize(
    "argv", [["--bogus"], ["--lang", "fr", "check"], ["demo", "--residents", "many"], ["nope"]]
)
def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "Usage:" in err


def test_demo_fills_a_new_store_and_refuses_a_full_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "d"
    code, out, _ = run(
        capsys,
        "demo",
        "--data-dir",
        str(target),
        "--residents",
        "120",
        "--cases",
        "30",
        "--seed",
        "5",
    )
    assert code == 0
    assert "120 residents" in out and "30 cases" in out
    with Repository.open(target, readonly=True) as repo:
        assert repo.residents.count() == 120
        assert repo.cases.count() == 30
    code, out, err = run(capsys, "demo", "--data-dir", str(target))
    assert code == 1
    assert err.count("\n") == 1
    assert "already holds data" in err


def test_demo_is_deterministic_for_a_seed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    stores = []
    for name in ("a", "b"):
        run(
            capsys,
            "demo",
            "--data-dir",
            str(tmp_path / name),
            "--residents",
            "80",
            "--cases",
            "20",
            "--seed",
            "9",
        )
        with Repository.open(tmp_path / name, readonly=True) as repo:
            stores.append(
                (
                    sorted((d["id"], d["name"], d["phones"]) for d in repo.residents.docs()),
                    sorted((d["number"], d["state"], d["description"]) for d in repo.cases.docs()),
                )
            )
    assert stores[0] == stores[1]


def test_check_reports_ok_and_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "d"
    run(capsys, "demo", "--data-dir", str(target), "--residents", "30", "--cases", "5")
    code, out, _ = run(capsys, "check", "--data-dir", str(target))
    assert code == 0
    assert "residents 30" in out and out.strip().endswith("OK")
    (target / "store.json").write_text("{", encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "zh", "check", "--data-dir", str(target))
    assert code == 1
    assert "无法读取" in out and out.strip().endswith("发现问题")


def test_a_command_that_writes_is_refused_beside_a_running_console(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "d"
    with Repository.open(target):
        code, _, err = run(capsys, "demo", "--data-dir", str(target))
        assert code == 1
        assert "in use by pid" in err
        code, out, _ = run(capsys, "check", "--data-dir", str(target))
        assert code == 0
        assert "Lock: in use by pid" in out


def test_backup_then_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "d"
    run(capsys, "demo", "--data-dir", str(target), "--residents", "10", "--cases", "2")
    code, out, _ = run(capsys, "--staff", "颜成玉", "backup", "--data-dir", str(target))
    assert code == 0 and "Backup written" in out
    with Repository.open(target, readonly=True) as repo:
        [entry] = repo.audit.all()
    assert (entry.staff, entry.action, entry.target) == ("颜成玉", "store.backup", str(target))
    (target / "store.json").write_bytes(b"")
    code, out, _ = run(capsys, "restore", "--data-dir", str(target), "--yes")
    assert code == 0 and "Restored from" in out
    with Repository.open(target, readonly=True) as repo:
        assert repo.residents.count() == 10


def test_backup_beside_a_console_is_refused_as_it_cannot_be_recorded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "d"
    run(capsys, "demo", "--data-dir", str(target), "--residents", "3", "--cases", "1")
    with Repository.open(target):
        code, _, err = run(capsys, "backup", "--data-dir", str(target))
    assert code == 1 and err.count("\n") == 1
    assert "recorded in the store's audit log" in err and "pid" in err
    assert not (target / "backups").exists() or not list((target / "backups").iterdir())


def test_global_data_dir_and_env(tmp_path: Path) -> None:
    assert resolve_data_dir(None, {"DESKCONSOLE_DATA_DIR": str(tmp_path)}) == tmp_path
    assert (
        resolve_data_dir(tmp_path / "x", {"DESKCONSOLE_DATA_DIR": "/elsewhere"}) == tmp_path / "x"
    )
    assert "deskconsole" in str(resolve_data_dir(None, {}))


def test_language_and_staff_defaults() -> None:
    assert resolve_language(None, {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert resolve_language(None, {"LANG": "en_US.UTF-8"}) == "en"
    assert resolve_language("en", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert resolve_staff(" 颜成玉 ", {}) == "颜成玉"
    assert resolve_staff(None, {"DESKCONSOLE_STAFF": "刘宗辉"}) == "刘宗辉"
