"""Every writing path, with each file-system call failed (ENOSPC, EIO, EROFS) or killed.

After each run: the old state or a new one exactly, ``check`` agrees, a writer opens
it unchanged, no acknowledged save is lost, no save reported failed had landed, and
the error is one line naming a file. ``make faults`` prints the same runs as a table.
"""

from __future__ import annotations

import pytest

from tests.faults.matrix import run_scenario
from tests.faults.scenarios import SCENARIOS


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_every_call_failed_or_killed_leaves_old_or_new(scenario: object) -> None:
    row = run_scenario(scenario)  # type: ignore[arg-type]
    assert row.calls > 10  # the path really goes through the file system
    assert row.tried == row.calls * 4
    assert row.failures > 0
    assert row.saves_lost == 0
    assert row.problems == []
