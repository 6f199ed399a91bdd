"""Run every benchmark module (or those named on the command line) and print the figures."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from bench import print_figures


def main(names: list[str]) -> None:
    here = Path(__file__).parent
    modules = sorted(
        m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")
    )
    for name in modules:
        if names and not any(n in name for n in names):
            continue
        print(f"\n== {name} ==", flush=True)
        module = importlib.import_module(f"bench.{name}")
        print_figures(module.run())


if __name__ == "__main__":
    main(sys.argv[1:])
