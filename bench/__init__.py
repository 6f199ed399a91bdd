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
class Sample:
    """Several timed runs of one thing: the median and the range."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, times: list[float]) -> Sample:
        """The median and range of ``times`` (milliseconds)."""
        return cls(statistics.median(times), min(times), max(times), len(times))

    @property
    def spread(self) -> str:
        """``"1.20-1.90 ms, 5 runs"``."""
        return f"{self.low:,.2f}-{self.high:,.2f} ms, {self.runs} runs"


@dataclass(frozen=True)
class Figure:
    """One measured figure and its baseline from the same run."""

    name: str
    value_ms: float
    baseline_name: str
    baseline_ms: float | None
    target: str
    spread: str = ""  # the value's range over its runs
    baseline_spread: str = ""

    @classmethod
    def paired(
        cls, name: str, value: Sample, baseline_name: str, baseline: Sample | None, target: str
    ) -> Figure:
        """A figure and its baseline, each the median of several runs, with their ranges."""
        return cls(
            name,
            value.median,
            baseline_name,
            baseline.median if baseline is not None else None,
            target,
            value.spread,
            baseline.spread if baseline is not None else "",
        )

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


def sample_ms(action: Callable[[], object], repeat: int) -> Sample:
    """``action`` timed ``repeat`` times (at least three): median and range, in ms."""
    times = []
    for _ in range(max(repeat, 3)):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return Sample.of(times)


def scaling(name: str, by_size: dict[str, float], target: str) -> Figure:
    """How a figure grows with the store: the largest size against the smallest, and
    every size in between on the line."""
    sizes = list(by_size)
    line = " -> ".join(f"{size} {by_size[size]:,.2f}" for size in sizes)
    return Figure(
        f"scaling: {name} ({line})",
        by_size[sizes[-1]],
        f"same at {sizes[0]}",
        by_size[sizes[0]],
        target,
    )


def once_ms(action: Callable[[], object]) -> float:
    """Wall time of one run of ``action``, in milliseconds."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def print_figures(figures: list[Figure]) -> None:
    """A table: figure, value, baseline, ratio, target."""
    header = ("figure", "ms", "baseline", "baseline ms", "faster", "target", "spread")
    rows = [
        (
            f.name,
            f"{f.value_ms:,.2f}",
            f.baseline_name,
            "-" if f.baseline_ms is None else f"{f.baseline_ms:,.2f}",
            f.ratio,
            f.target,
            "; ".join(
                part
                for part in (f.spread, f.baseline_spread and f"baseline {f.baseline_spread}")
                if part
            ),
        )
        for f in figures
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
