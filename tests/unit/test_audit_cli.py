"""``deskconsole audit``: every disclosure listed with who, when and what."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskconsole.cli import main
from deskconsole.storage import Repository
from tests import register_data as data


def run(capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en") -> tuple[int, str, str]:
    try:
        main(["--lang", lang, "--staff", "颜成玉", *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_each_disclosure_is_listed_in_order(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Repository.open(data_dir) as repo:
        data.fill(repo)
    store = ["--data-dir", str(data_dir)]
    out_dir = str(tmp_path / "out") + "/"
    for argv in (
        ["export", "--date", "2026-11-27", "--unmasked", "--out", out_dir],
        ["bundle", "export", "--out", out_dir],
        ["backup"],
    ):
        code, _, err = run(capsys, *argv, *store)
        assert code == 0, err
    code, out, _ = run(capsys, "audit", *store)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    assert all("  颜成玉  " in line for line in lines)
    assert "register exported with full numbers  2026-11-27" in lines[0]
    assert "bundle written" in lines[1] and str(tmp_path / "out") in lines[1]
    assert "backup taken by hand" in lines[2]
    code, out, _ = run(capsys, "audit", *store, lang="zh")
    assert "导出数据包" in out and "手动备份" in out


def test_days_outside_the_range_are_left_out(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Repository.open(data_dir) as repo:
        data.fill(repo)
    run(capsys, "backup", "--data-dir", str(data_dir))
    code, out, _ = run(capsys, "audit", "--to", "2000-01-01", "--data-dir", str(data_dir))
    assert code == 0 and out == "The audit log holds nothing for these days.\n"
