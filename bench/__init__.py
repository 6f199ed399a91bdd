"""Benchmarks: each ``bench/bench_*.py`` has ``run() -> list[Figure]``; ``make bench`` prints all.

Every figure is printed beside a baseline measured in the same run, as a ratio,
with the target it is held to. Timings never appear in tests.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure and its baseline from the same run."""

    name: str
    value_ms: float
    baseline_name: str
    baseline_ms: float | None
    target: str

    @property
    def ratio(self) -> str:
        """How many times faster than the baseline (``-`` without one)."""
        if not self.baseline_ms or not self.value_ms:
            return "-"
        return f"{self.baseline_ms / self.value_ms:,.1f}x"


def median_ms(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``action`` over ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def once_ms(action: Callable[[], object]) -> float:
    """Wall time of one run of ``action``, in milliseconds."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def print_figures(figures: list[Figure]) -> None:
    """A table: figure, value, baseline, ratio, target."""
    header = ("figure", "ms", "baseline", "baseline ms", "faster", "target")
    rows = [
        (
            f.name,
            f"{f.value_ms:,.2f}",
            f.baseline_name,
            "-" if f.baseline_ms is None else f"{f.baseline_ms:,.2f}",
            f.ratio,
            f.target,
        )
        for f in figures
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
