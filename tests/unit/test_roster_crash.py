"""An import killed part-way leaves the store as it was, or holds the whole import."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deskconsole.storage import Repository
from deskconsole.storage.check import check_store

ROOT = Path(__file__).resolve().parents[2]
ROWS = 3000

pytestmark = pytest.mark.slow


def roster(path: Path) -> Path:
    lines = ["姓名,手机,小区,楼号,单元,房号"]
    for n in range(ROWS):
        lines.append(
            f"王{chr(0x4E00 + n)},139{n:08d},金域华府,{n % 18 + 1},{n % 3 + 1},{n % 11 + 1}01"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(data_dir: Path, file: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "deskconsole", "import-residents", str(file)]
    return subprocess.Popen(
        [*command, "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_kill_during_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    seed = tmp_path / "seed.csv"
    seed.write_text("姓名,手机\n江建国,13800138000\n", encoding="utf-8")
    file = roster(tmp_path / "roster.csv")
    timing = run_import(tmp_path / "timing", file)
    start = time.monotonic()
    assert timing.wait(timeout=120) == 0
    full_run = time.monotonic() - start
    outcomes = set()
    # The first kill lands at once (before the batch however fast the machine is that moment);
    # the others spread over the time a whole import took.
    for step, share in enumerate((0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)):
        data_dir = tmp_path / f"store{step}"
        assert run_import(data_dir, seed).wait(timeout=60) == 0
        child = run_import(data_dir, file)
        time.sleep(full_run * share)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert check_store(data_dir).ok
        with Repository.open(data_dir, readonly=True) as repo:
            count = repo.residents.count()
        assert count in (1, 1 + ROWS)
        outcomes.add(count)
    assert 1 in outcomes  # the kill at once landed before the batch
