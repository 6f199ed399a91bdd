"""A child process for the crash test: writes cases and resident batches until killed.

Prints one JSON line per acknowledged write (after the save returned).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from deskconsole.storage import Repository
from deskconsole.storage import store as store_module
from tests.factories import make_case, make_resident


def main(data_dir: Path, round_no: int) -> None:
    store_module.COMPACT_AT_BYTES = 40_000  # compact often, so kills land inside compactions too
    repo = Repository.open(data_dir)
    print(json.dumps({"ready": True}), flush=True)
    day = date(2026, 11, 27)
    index = 0
    while True:
        index += 1
        if index % 7 == 0:
            batch = [
                make_resident(
                    f"居民{chr(0x4E00 + (round_no * 131 + index + k) % 20000)}", phones=[]
                )
                for k in range(20)
            ]
            repo.residents.save_many(batch)
            print(json.dumps({"residents": [r.id for r in batch]}), flush=True)
        else:
            case = repo.cases.add(
                "JC", day, lambda number: make_case(number, description="x" * 300)
            )
            print(json.dumps({"case": case.number}), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
