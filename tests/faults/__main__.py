"""``make faults``: print the fault matrix (calls tried, failures, saves lost)."""

from __future__ import annotations

import sys
import time

from tests.faults.inject import KINDS
from tests.faults.matrix import run_scenario
from tests.faults.scenarios import SCENARIOS


def main() -> int:
    print(f"faults per call: {', '.join(KINDS)}")
    header = f"{'path':<12}{'calls':>7}{'runs':>7}{'failed':>8}{'lost':>6}{'problems':>10}{'s':>7}"
    print(header)
    print("-" * len(header))
    problems: list[str] = []
    for scenario in SCENARIOS:
        start = time.perf_counter()
        row = run_scenario(scenario)
        seconds = time.perf_counter() - start
        print(
            f"{row.scenario:<12}{row.calls:>7}{row.tried:>7}{row.failures:>8}"
            f"{row.saves_lost:>6}{len(row.problems):>10}{seconds:>7.1f}",
            flush=True,
        )
        problems += row.problems
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
