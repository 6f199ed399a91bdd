"""A child process for the reader race test: saves numbered cases, compacting often.

Prints the number of each case after its save returned (acknowledged), until killed.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from deskconsole.storage import Repository
from deskconsole.storage import store as store_module
from tests.factories import make_case

FIRST_DAY = date(2026, 1, 1)


def case_number(index: int) -> str:
    """The number of the ``index``-th case (0-based), 500 per day."""
    day = FIRST_DAY + timedelta(days=index // 500)
    return f"JC-{day:%Y%m%d}-{index % 500 + 1:03d}"


def main(data_dir: Path) -> None:
    store_module.COMPACT_AT_BYTES = 30_000  # a compaction every ~25 saves
    repo = Repository.open(data_dir)
    print("ready", flush=True)
    index = 0
    while True:
        repo.cases.save(make_case(case_number(index), description="x" * 600))
        print(index, flush=True)
        index += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]))
