"""``deskconsole person export|erase``, ``purge`` and ``restore``'s replay of the ledger,
and ``check`` reading the ledger."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from deskconsole.cli import main
from deskconsole.domain.erasure import erase, is_erased
from deskconsole.models import CaseState
from deskconsole.storage import Repository
from tests.bundle_helpers import set_desk
from tests.factories import make_case, make_resident

PHONE = "13905361234"
ID_NUMBER = "370705198001011239"


def run(capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en") -> tuple[int, str, str]:
    try:
        main(["--lang", lang, "--staff", "颜成玉", *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _fill(data_dir: Path) -> tuple[str, str]:
    """One resident with a case of today, one with nothing for four years."""
    now = datetime.now()
    with Repository.open(data_dir) as repo:
        set_desk(repo, "JC", "金城社区")
        fresh = make_resident("欧阳秀英", phones=[PHONE], id_number=ID_NUMBER, notes="独居")
        old = make_resident("司马光", phones=["13800000001"], updated_at=now - timedelta(days=1500))
        repo.residents.save(fresh)
        repo.residents.save_many([old], touch=False)
        repo.cases.save(
            make_case("JC-20261127-001", intake_at=now, updated_at=now, resident_id=fresh.id)
        )
        repo.cases.save(
            make_case(
                "JC-20221127-001",
                intake_at=now - timedelta(days=1500),
                updated_at=now - timedelta(days=1500),
                resident_id=old.id,
                state=CaseState.CLOSED,
            )
        )
    return fresh.id, old.id


def test_person_export_writes_masked_owner_only_files_and_audits(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resident_id, _ = _fill(data_dir)
    out = str(tmp_path / "out") + "/"
    code, _, err = run(
        capsys,
        "person",
        "export",
        "--resident",
        ID_NUMBER,
        "--out",
        out,
        "--data-dir",
        str(data_dir),
    )
    assert code == 0, err
    files = sorted((tmp_path / "out").iterdir())
    assert [f.suffix for f in files] == [".html", ".json"]
    assert all(stat.S_IMODE(os.stat(f).st_mode) == 0o600 for f in files)
    doc = json.loads(files[1].read_text(encoding="utf-8"))
    assert doc["resident"]["id"] == resident_id and doc["masked"] is True
    assert doc["resident"]["phones"] == ["139****1234"]
    assert [c["number"] for c in doc["cases"]] == ["JC-20261127-001"]
    page = files[0].read_text(encoding="utf-8")
    assert "居民个人信息副本" in page and "欧阳秀英" in page and PHONE not in page
    with Repository.open(data_dir, readonly=True) as repo:
        entry = repo.audit.all()[-1]
    assert (entry.action, entry.staff, entry.target) == ("person.export", "颜成玉", resident_id)


def test_full_numbers_need_a_reason(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    store = ["--data-dir", str(data_dir)]
    out = str(tmp_path / "out") + "/"
    args = ["person", "export", "--resident", PHONE, "--full", "--out", out, "--format", "json"]
    code, _, err = run(capsys, *args, *store)
    assert code == 1 and "reason" in err and not (tmp_path / "out").exists()
    code, _, err = run(capsys, *args, "--reason", "居民本人申请查阅", *store)
    assert code == 0, err
    (written,) = (tmp_path / "out").iterdir()
    assert written.name.endswith("-full.json")
    assert PHONE in written.read_text(encoding="utf-8")
    with Repository.open(data_dir, readonly=True) as repo:
        assert repo.audit.all()[-1].detail["reason"] == "居民本人申请查阅"


def test_person_erase_asks_and_erases(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    resident_id, _ = _fill(data_dir)
    store = ["--data-dir", str(data_dir)]
    code, _, err = run(
        capsys, "person", "erase", "--resident", PHONE, "--reason", "申请", "--yes", *store
    )
    assert code == 0, err
    with Repository.open(data_dir, readonly=True) as repo:
        doc = repo.residents.doc(resident_id)
        assert doc is not None and is_erased(doc)
    code, _, err = run(capsys, "person", "export", "--resident", PHONE, *store)
    assert code == 1 and "No resident" in err


def test_purge_lists_then_de_identifies_in_one_batch(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh_id, old_id = _fill(data_dir)
    store = ["--data-dir", str(data_dir)]
    code, out, _ = run(capsys, "purge", "--dry-run", *store)
    assert code == 0 and "1 resident due" in out and "司马光" in out and "欧阳秀英" not in out
    with Repository.open(data_dir, readonly=True) as repo:
        assert repo.residents.get(old_id).name == "司马光"  # type: ignore[union-attr]
    code, out, _ = run(capsys, "purge", "--yes", *store)
    assert code == 0 and "1 resident de-identified" in out
    with Repository.open(data_dir, readonly=True) as repo:
        assert is_erased(repo.residents.doc(old_id) or {})
        assert not is_erased(repo.residents.doc(fresh_id) or {})
        assert repo.audit.all()[-1].action == "person.purge"
        assert repo.cases.get("JC-20221127-001").state is CaseState.CLOSED  # type: ignore[union-attr]


def test_restore_says_how_many_erasures_it_reapplied(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resident_id, _ = _fill(data_dir)
    store = ["--data-dir", str(data_dir)]
    with Repository.open(data_dir) as repo:
        backup = repo.backup_now()
        erase(repo, resident_id, "申请", staff="颜成玉", now=datetime.now())
    (data_dir / "journal.jsonl").write_bytes(b"lost")
    code, out, err = run(capsys, "restore", "--from", str(backup), "--yes", *store)
    assert code == 0, err
    assert "Erasures re-applied from the erasure ledger: 1" in out
    code, out, _ = run(capsys, "check", *store)
    assert code == 0 and "Erasure ledger: 1 erased resident" in out
    text = (data_dir / "store.json").read_text(encoding="utf-8")
    assert PHONE not in text and "欧阳秀英" not in text


def test_check_reports_an_erasure_the_store_lost(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resident_id, _ = _fill(data_dir)
    with Repository.open(data_dir) as repo:
        backup = repo.backup_now()
        erase(repo, resident_id, "申请", staff="颜成玉", now=datetime.now())
    from deskconsole.storage.restore import restore_backup

    (data_dir / "journal.jsonl").write_bytes(b"lost")
    restore_backup(data_dir, backup, datetime.now())
    code, out, _ = run(capsys, "check", "--data-dir", str(data_dir))
    assert code == 0 and "1 erasure of the ledger is not in the store" in out


def test_privacy_settings_are_shown_and_saved(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    store = ["--data-dir", str(data_dir)]
    code, out, _ = run(capsys, "privacy", *store)
    assert code == 0 and "Retention: 3 years" in out and "after 5 idle minutes" in out
    assert "PIN: not set" in out
    code, out, _ = run(capsys, "privacy", "--retention-years", "5", "--lock-minutes", "2", *store)
    assert code == 0 and "Retention: 5 years" in out and "after 2 idle minutes" in out
    with Repository.open(data_dir, readonly=True) as repo:
        settings = repo.settings.get()
    assert (settings.retention_years, settings.lock_idle_minutes) == (5, 2)
