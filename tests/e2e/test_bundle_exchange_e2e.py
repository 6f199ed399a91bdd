"""End to end: two desks with their own data dirs exchange bundles through the command
line (``python -m deskconsole``) and end with the same cases and timelines."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from deskconsole.domain.casedesk import CaseDesk
from deskconsole.domain.lifecycle import allowed_moves
from deskconsole.storage import Repository
from tests.bundle_helpers import edit, move_to, store_cases
from tests.e2e.tmux import ROOT, deskconsole_command, terminal_env
from tests.factories import make_case

pytestmark = pytest.mark.e2e


def cli(data_dir: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        deskconsole_command("--lang", "en", *args, "--data-dir", str(data_dir)),
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=terminal_env(data_dir),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_two_desks_exchange_bundles_and_converge(tmp_path: Path) -> None:
    desk_a, desk_b, stick = tmp_path / "jc", tmp_path / "xc", tmp_path / "stick"
    stick.mkdir()
    cli(desk_a, "demo", "--residents", "120", "--cases", "80", "--seed", "11")
    cli(desk_b, "settings", "--desk-code", "XC", "--community", "新城社区")

    # First exchange: desk B gets everything desk A has.
    out = cli(desk_a, "bundle", "export", "--out", str(stick), cwd=tmp_path).stdout
    first = next(stick.glob("bundle-JC-*.dcb"))
    assert str(first) in out
    out = cli(desk_b, "bundle", "import", str(first)).stdout
    assert "Cases: 80 added, 0 updated, 0 unchanged" in out
    assert store_cases(desk_a) == store_cases(desk_b)

    # Both desks work on their own: the same case on both, and a new case on B.
    with Repository.open(desk_a) as repo:
        number = sorted(doc["number"] for doc in repo.cases.docs())[0]
        case = repo.cases.get(number)
        assert case is not None
        target = allowed_moves(case.state)[0]
        case = move_to(case, target, "颜成玉", datetime(2026, 12, 1, 10, 0))
        repo.cases.save(
            edit(
                case,
                "description",
                "地下室灯不亮，电工已看",
                "颜成玉",
                datetime(2026, 12, 1, 10, 5),
            )
        )
    with Repository.open(desk_b) as repo:
        desk = CaseDesk(repo, "刘宗辉", lambda: datetime(2026, 12, 1, 11, 0))
        desk.add_note(number, "已电话联系居民")
        case = repo.cases.get(number)
        assert case is not None
        repo.cases.save(
            edit(
                case,
                "description",
                "地下室灯不亮，需拉线50米",
                "刘宗辉",
                datetime(2026, 12, 1, 11, 5),
            )
        )
        repo.cases.save(
            make_case("XC-20261201-001", desk_code="XC", updated_at=datetime(2026, 12, 1, 11))
        )

    # Both export before either imports (the stick goes both ways at once).
    from_a = stick / "from-a.dcb.gz"
    from_b = stick / "from-b.dcb"
    cli(desk_a, "bundle", "export", "--since", "2026-11-01", "--out", str(from_a))
    cli(desk_b, "bundle", "export", "--out", str(from_b))
    into_a = cli(desk_a, "bundle", "import", str(from_b)).stdout
    into_b = cli(desk_b, "bundle", "import", str(from_a)).stdout
    for out in (into_a, into_b):
        assert "In conflict (1)" in out
        assert f'{number} Matter: kept "地下室灯不亮，需拉线50米"' in out
    assert "Cases: 1 added, 1 updated" in into_a
    assert "Cases: 0 added, 1 updated" in into_b

    cases_a, cases_b = store_cases(desk_a), store_cases(desk_b)
    assert cases_a.keys() == cases_b.keys()
    assert cases_a == cases_b
    merged = cases_a[number]
    assert merged["state"] == target.value
    assert [e["kind"] for e in merged["events"]].count("conflict") == 1
    assert any(e["note"] == "已电话联系居民" for e in merged["events"])

    # Again, in both directions: nothing new, and the stores stay equal.
    assert "Nothing new" in cli(desk_a, "bundle", "import", str(from_b)).stdout
    assert "Nothing new" in cli(desk_b, "bundle", "import", str(from_a)).stdout
    assert store_cases(desk_a) == store_cases(desk_b)
    # Both stores pass ``deskconsole check`` (exit code 0: every document valid).
    cli(desk_a, "check")
    cli(desk_b, "check")
