"""Crash test: a child writing to the store is SIGKILLed at random moments.

After every kill the store opens, passes ``check``, and holds every acknowledged write.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deskconsole.storage import Repository
from deskconsole.storage.check import check_store

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 22
MAX_ROUNDS = 400


def _run_and_kill(data_dir: Path, round_no: int, delay: float) -> list[dict[str, object]]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_writer", str(data_dir), str(round_no)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    ready = child.stdout.readline()
    assert json.loads(ready) == {"ready": True}
    deadline = time.monotonic() + delay
    lines: list[bytes] = []
    while time.monotonic() < deadline:
        readable, _, _ = select.select(
            [child.stdout], [], [], max(0.0, deadline - time.monotonic())
        )
        if readable:
            lines.append(child.stdout.readline())
    child.send_signal(signal.SIGKILL)
    child.wait()
    lines.extend(child.stdout.read().splitlines(keepends=True))
    return [json.loads(line) for line in lines if line.endswith(b"\n")]


@pytest.mark.slow
def test_every_acknowledged_write_survives_sigkill(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    rng = random.Random(20261129)
    acked_cases: set[str] = set()
    acked_residents: set[str] = set()
    round_no = 0
    # At least ROUNDS kills, and on until more than 100 saves were acknowledged: a slow disk
    # on a busy machine acknowledges fewer per round.
    while round_no < ROUNDS or len(acked_cases) <= 100:
        assert round_no < MAX_ROUNDS, f"only {len(acked_cases)} saves acknowledged"
        for ack in _run_and_kill(data_dir, round_no, rng.uniform(0.02, 0.6)):
            if "case" in ack:
                acked_cases.add(str(ack["case"]))
            else:
                acked_residents.update(ack["residents"])  # type: ignore[arg-type]
        report = check_store(data_dir)
        assert report.ok, (round_no, report.error, report.invalid[:3])
        with Repository.open(data_dir, readonly=True) as repo:
            stored_cases = {doc["number"] for doc in repo.cases.docs()}
            stored_residents = {doc["id"] for doc in repo.residents.docs()}
        assert acked_cases <= stored_cases, round_no
        assert acked_residents <= stored_residents, round_no
        # Residents land in whole batches of 20 or not at all.
        assert len(stored_residents) % 20 == 0
        round_no += 1
    result = subprocess.run(
        [sys.executable, "-m", "deskconsole", "check", "--data-dir", str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("OK")
