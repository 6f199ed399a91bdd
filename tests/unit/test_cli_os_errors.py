"""Every refusal of the system is one clear line from any command, never a traceback.

Each command runs in a child process (:mod:`tests.cli_faults`) once per file-system call
it makes under its folder, that call failing with ENOSPC, EROFS or EIO in turn.
"""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from deskconsole.cli import main
from deskconsole.domain.bundle import export_bundle
from deskconsole.storage import Repository
from tests import register_data as data
from tests.bundle_helpers import set_desk
from tests.conftest import FIXED_NOW

ROOT = Path(__file__).resolve().parents[2]
ERRNOS = [errno.ENOSPC, errno.EROFS, errno.EIO]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A filled store, a roster, another desk's bundle and a folder for outputs."""
    root = tmp_path_factory.mktemp("template")
    with Repository.open(root / "store") as repo:
        data.fill(repo)
    other = root / "other-store"
    with Repository.open(other) as repo:
        set_desk(repo, "XC", "新城社区")
        data.fill(repo)
        export_bundle(repo, root / "in.dcb", None, FIXED_NOW, staff="颜成玉")
    (root / "roster.csv").write_text("姓名,手机\n张伟,13800001234\n李四,12345\n", "utf-8")
    (root / "out").mkdir()
    return root


COMMANDS: dict[str, list[str]] = {
    "import-residents": ["import-residents", "{work}/roster.csv", "--problems", "{work}/out/"],
    "bundle import": ["bundle", "import", "{work}/in.dcb"],
    "bundle export": ["bundle", "export", "--out", "{work}/out/"],
    "settings": ["settings", "--community", "金城社区"],
    "export": ["export", "--date", "2026-11-27", "--format", "xlsx", "--out", "{work}/out/"],
    "export --unmasked": ["export", "--date", "2026-11-27", "--unmasked", "--out", "{work}/out/"],
    "stats": ["stats", "--from", "2026-11-01", "--to", "2026-11-30"],
    "backup": ["backup"],
    "demo": ["demo", "--data-dir", "{work}/new", "--residents", "20", "--cases", "5"],
}


def sweep(template: Path, tmp_path: Path, argv: list[str]) -> list[dict[str, Any]]:
    spec = tmp_path / "spec.json"
    if "--data-dir" not in argv:
        argv = [*argv, "--data-dir", "{work}/store"]
    spec.write_text(
        json.dumps(
            {
                "template": str(template),
                "work": str(tmp_path / "runs"),
                "argv": ["--lang", "en", "--staff", "颜成玉", *argv],
                "errnos": ERRNOS,
            }
        ),
        "utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.cli_faults", str(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_failing_call_is_one_clear_line(template: Path, tmp_path: Path, command: str) -> None:
    runs = sweep(template, tmp_path, COMMANDS[command])
    failed = [r for r in runs if r["failed"]]
    assert len(failed) >= 4, runs[-1]  # the command touches files: calls were tried
    refused = 0
    for run in failed:
        where = f"{command}: {run['failed']} -> {errno.errorcode[run['errno']]}"
        assert not run["escaped"], f"{where}\n{run['escaped']}"
        assert "Traceback" not in run["out"] + run["err"], where
        if run["code"] == 0:
            continue  # a call the command does without (a clean-up, a best-effort read)
        refused += 1
        assert run["code"] == 1, where
        lines = run["err"].splitlines()
        assert len(lines) == 1, f"{where}: {run['err']}"
        assert lines[0].startswith("deskconsole: "), where
        assert "unexpected error" not in lines[0], f"{where}: {lines[0]}"
        assert str(tmp_path) in lines[0], f"{where}: names no file: {lines[0]}"
    assert refused, f"{command}: no failure was reported at all"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(["--lang", "en", *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_csv_cell_past_the_csv_limit_is_one_line_naming_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "big-cell.csv"
    roster.write_text(f"姓名,备注\n张伟,ok\n李四,{'x' * 140_000}\n", "utf-8")
    code, _, err = run(capsys, "import-residents", str(roster), "--data-dir", str(tmp_path / "s"))
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{roster}, row 3: cannot be read as CSV" in err
    assert not (tmp_path / "s").exists()  # a file that cannot be read creates no store


@pytest.mark.parametrize(
    "argv",
    [
        ["import-residents", "{long}.csv"],
        ["bundle", "import", "{long}.dcb"],
        ["bundle", "export", "--out", "{long}.dcb"],
        ["export", "--out", "{long}.csv"],
        ["import-residents", "{roster}", "--problems", "{long}.csv"],
        ["stats", "--data-dir", "{long}"],
        ["settings", "--community", "x", "--data-dir", "{long}"],
    ],
)
def test_a_path_past_the_systems_limit_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    store = tmp_path / "store"
    with Repository.open(store) as repo:
        data.fill(repo)
    roster = tmp_path / "r.csv"
    roster.write_text("姓名\n张伟\n", "utf-8")
    long = str(tmp_path / ("长" * 1500))  # 4,500 bytes: past PATH_MAX and NAME_MAX
    args = [a.replace("{long}", long).replace("{roster}", str(roster)) for a in argv]
    if "--data-dir" not in args:
        args += ["--data-dir", str(store)]
    code, out, err = run(capsys, *args)
    assert code == 1, out
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "too long" in err.lower()
