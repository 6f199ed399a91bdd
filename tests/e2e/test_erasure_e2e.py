"""End to end: a resident erased in the console on one desk, a bundle exported, imported on
a desk that still has the person: the person is gone there too, in every file."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from deskconsole.storage import Repository
from tests.bundle_helpers import set_desk
from tests.e2e.tmux import ROOT, Terminal, deskconsole_command, needs_tmux, terminal_env
from tests.factories import make_case, make_resident

pytestmark = [pytest.mark.e2e, needs_tmux]

NAME, PHONE = "欧阳秀英", "13905361234"


def cli(data_dir: Path, *args: str) -> str:
    result = subprocess.run(
        deskconsole_command(
            "--lang", "en", "--staff", "颜成玉", *args, "--data-dir", str(data_dir)
        ),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=terminal_env(data_dir),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def store_text(data_dir: Path) -> str:
    return "".join(
        (data_dir / name).read_text(encoding="utf-8") for name in ("store.json", "journal.jsonl")
    )


def test_an_erasure_in_the_console_reaches_the_other_desk(tmp_path: Path) -> None:
    desk_a, desk_b, stick = tmp_path / "jc", tmp_path / "xc", tmp_path / "stick"
    stick.mkdir()
    now = datetime.now().replace(microsecond=0)
    with Repository.open(desk_a) as repo:
        set_desk(repo, "JC", "金城社区")
        person = make_resident(NAME, phones=[PHONE], notes="独居老人")
        repo.residents.save(person)
        repo.cases.save(
            make_case(
                f"JC-{now:%Y%m%d}-001",
                intake_at=now,
                updated_at=now,
                resident_id=person.id,
                description=f"{NAME}家漏水，电话{PHONE}",
            )
        )
    cli(desk_b, "settings", "--desk-code", "XC", "--community", "新城社区")
    cli(desk_a, "bundle", "export", "--out", str(stick / "first.dcb"))
    cli(desk_b, "bundle", "import", str(stick / "first.dcb"))
    assert NAME in store_text(desk_b)

    term = Terminal(
        deskconsole_command("--lang", "en", "--staff", "颜成玉"), terminal_env(desk_a), (120, 40)
    )
    try:
        term.wait_for("Type to search")
        term.type(NAME)
        term.keys("Enter", "p", "x")
        term.type("居民申请删除")
        term.keys("Enter", "y", "y")
        term.wait_for("Personal data erased", timeout=60)
        term.keys("C-q")
        term.wait_for(lambda s: "Personal data erased" not in s and "Type to search" not in s)
    finally:
        term.close()

    cli(desk_a, "bundle", "export", "--out", str(stick / "second.dcb"))
    out = cli(desk_b, "bundle", "import", str(stick / "second.dcb"))
    assert "Personal data erased, as recorded on a desk: 1 resident" in out
    for text in (store_text(desk_a), store_text(desk_b), (stick / "second.dcb").read_text()):
        assert NAME not in text and PHONE not in text and "独居" not in text
    with Repository.open(desk_b, readonly=True) as repo:
        (doc,) = [d for d in repo.residents.docs() if d["id"] == person.id]
        assert doc["name"] == "已删除的居民"
        assert [c.number for c in repo.cases.for_residents({person.id})] == [f"JC-{now:%Y%m%d}-001"]
