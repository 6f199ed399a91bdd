"""The yearly case archive: moves that never lose a case, reads that find archived ones."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from deskconsole.domain.erasure import erase
from deskconsole.domain.retention import due_residents
from deskconsole.models import ENDED_STATES, CaseState
from deskconsole.storage import Repository, StoreCorruptError, StoreWriteError
from deskconsole.storage.archive_files import (
    archive_copies,
    read_copy,
    read_year,
    write_year,
    year_path,
)
from deskconsole.storage.case_archive import MANIFEST
from deskconsole.storage.check import check_store
from deskconsole.storage.restore import restore_backup
from tests.conftest import FIXED_NOW
from tests.factories import make_case, make_resident

ARCHIVABLE = [CaseState.CLOSED, *ENDED_STATES]
CUTOFF = "2025-11-27T00:00:00"


def _closed(number: str, resident_id: str | None = None, **fields: object) -> object:
    day = datetime.strptime(number.split("-")[1], "%Y%m%d")
    when = day.replace(hour=9)
    return make_case(
        number,
        intake_at=when,
        updated_at=when,
        state=CaseState.CLOSED,
        resident_id=resident_id,
        **fields,
    )


@pytest.fixture
def filled(repo: Repository) -> Repository:
    resident = make_resident()
    repo.residents.save(resident)
    repo.cases.save_many(
        [
            _closed("JC-20230105-001", resident.id),
            _closed("JC-20230105-002"),
            _closed("JC-20240610-001", resident.id),
            _closed("JC-20261120-001", resident.id),  # closed lately: stays live
            make_case("JC-20230106-001", intake_at=datetime(2023, 1, 6, 9)),  # still open
        ]
    )
    return repo


def _live(repo: Repository) -> set[str]:
    return {doc["number"] for doc in repo.cases.docs()}


def test_old_closed_cases_move_to_their_years_files_and_are_still_found(
    filled: Repository,
) -> None:
    moved = filled.cases.archive_ended(ARCHIVABLE, CUTOFF)

    assert moved == 3
    assert _live(filled) == {"JC-20261120-001", "JC-20230106-001"}
    assert filled.cases.count() == 5
    resident_id = filled.cases.doc("JC-20230105-001")["resident_id"]  # type: ignore[index]
    numbers = [c.number for c in filled.cases.for_residents({resident_id})]
    assert numbers == ["JC-20261120-001", "JC-20240610-001", "JC-20230105-001"]
    assert [c.number for c in filled.cases.taken_on(date(2023, 1, 5))] == [
        "JC-20230105-001",
        "JC-20230105-002",
    ]
    between = filled.cases.docs_taken_between(date(2023, 1, 1), date(2024, 12, 31))
    assert [d["number"] for d in between] == [
        "JC-20230105-001",
        "JC-20230105-002",
        "JC-20230106-001",
        "JC-20240610-001",
    ]
    assert sorted(filled.cases.numbers()) == sorted(
        [
            "JC-20230105-001",
            "JC-20230105-002",
            "JC-20240610-001",
            "JC-20261120-001",
            "JC-20230106-001",
        ]
    )
    for year in ("2023", "2024"):
        path = year_path(filled.data_dir, year)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        checked = read_year(path)
        assert checked is not None and checked.numbers() <= set(filled.cases.numbers())


def test_archived_cases_leave_the_snapshot_and_come_back_after_reopening(
    filled: Repository, data_dir: Path
) -> None:
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)
    filled.close()

    snapshot = (data_dir / "store.json").read_text(encoding="utf-8")
    assert '"JC-20230105-002": {' not in snapshot
    reopened = Repository.open(data_dir, readonly=True, lazy=True)
    case = reopened.cases.get("JC-20230105-002")
    assert case is not None and case.state == CaseState.CLOSED
    assert reopened.cases.count() == 5


def test_a_case_saved_while_it_is_moved_stays_live(filled: Repository) -> None:
    old = filled.cases.doc("JC-20230105-002")
    assert old is not None
    changed = _closed("JC-20230105-002", outcome="再次回访")
    filled.cases.save(changed)

    assert filled.cases.archive.move([old]) == 0

    assert "JC-20230105-002" in _live(filled)
    case = filled.cases.get("JC-20230105-002")
    assert case is not None and case.outcome == "再次回访"
    assert not filled.cases.archive.is_listed("JC-20230105-002")
    assert filled.cases.archive.stale_years() == ["2023"]
    assert filled.cases.archive.tidy() == 1
    checked = read_year(year_path(filled.data_dir, "2023"))
    assert checked is not None and checked.numbers() == set()


def test_saving_an_archived_case_brings_it_back_live_and_tidy_drops_its_copy(
    filled: Repository,
) -> None:
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)
    case = filled.cases.get("JC-20230105-001")
    assert case is not None
    filled.cases.save(case.model_copy(update={"outcome": "复查：灯已修好"}))

    assert "JC-20230105-001" in _live(filled)
    assert not filled.cases.archive.is_listed("JC-20230105-001")
    assert filled.cases.count() == 5
    again = filled.cases.get("JC-20230105-001")
    assert again is not None and again.outcome == "复查：灯已修好"
    assert filled.cases.archive.tidy() == 1
    checked = read_year(year_path(filled.data_dir, "2023"))
    assert checked is not None and checked.numbers() == {"JC-20230105-002"}
    assert filled.cases.archive.stale_years() == []


def test_a_back_dated_case_on_an_archived_day_gets_the_next_free_number(
    filled: Repository,
) -> None:
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)

    assert filled.cases.next_number("JC", date(2023, 1, 5)) == "JC-20230105-003"
    assert filled.cases.count_from_desk("JC") == 5
    assert filled.cases.desk_codes() == ["JC"]


def test_a_move_interrupted_after_the_file_keeps_every_case_live(
    filled: Repository, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(ops: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(filled.store._journal, "append", refuse)  # type: ignore[union-attr]
    with pytest.raises(StoreWriteError, match=r"journal\.jsonl"):
        filled.cases.archive_ended(ARCHIVABLE, CUTOFF)
    monkeypatch.undo()

    assert filled.cases.archive.count() == 0
    assert len(_live(filled)) == 5
    assert year_path(data_dir, "2023").exists()  # its copies are not listed: never read
    assert filled.cases.archive_ended(ARCHIVABLE, CUTOFF) == 3


def test_a_damaged_year_file_is_named_when_read(filled: Repository, data_dir: Path) -> None:
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)
    path = year_path(data_dir, "2023")
    data = bytearray(path.read_bytes())
    data[200] ^= 1
    path.write_bytes(bytes(data))

    with pytest.raises(StoreCorruptError) as raised:
        filled.cases.get("JC-20230105-002")
    assert "cases-2023.json" in str(raised.value)


def test_a_missing_year_file_is_damage_not_an_empty_year(
    filled: Repository, data_dir: Path
) -> None:
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)
    os.unlink(year_path(data_dir, "2024"))

    with pytest.raises(StoreCorruptError, match=r"cases-2024\.json"):
        filled.cases.get("JC-20240610-001")


def test_backups_keep_each_version_of_a_year_file_once(filled: Repository) -> None:
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)
    first = archive_copies(filled.data_dir)  # copied as soon as the cases moved
    filled.backup_now()
    filled.backup_now()

    assert sorted(c.year for c in first) == ["2023", "2024"]
    assert archive_copies(filled.data_dir) == first
    case = filled.cases.get("JC-20230105-001")
    assert case is not None
    filled.cases.save(case.model_copy(update={"outcome": "复查"}))
    filled.cases.archive.tidy()
    newest = archive_copies(filled.data_dir, "2023")[0]
    assert newest not in first  # the tidied version, without the case brought back
    assert read_copy(newest).numbers() == {"JC-20230105-002"}


def test_the_manifest_is_journalled_with_the_move(filled: Repository) -> None:
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)

    months = dict(filled.store.table(MANIFEST).raw())
    assert sorted(months) == ["2023-01", "2024-06"]
    assert sorted(months["2023-01"]["cases"]) == ["JC-20230105-001", "JC-20230105-002"]
    summary = months["2024-06"]["cases"]["JC-20240610-001"]
    assert summary[3].startswith("2024-06-10") and summary[4] == "closed"


def test_a_restore_brings_back_a_lost_year_file_from_its_backed_up_version(
    filled: Repository, data_dir: Path
) -> None:
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)
    filled.backup_now()
    filled.close()
    os.unlink(year_path(data_dir, "2023"))
    (data_dir / "store.json").write_bytes(b"damaged")

    restored = restore_backup(data_dir, None, FIXED_NOW)

    assert restored.archive_lost == {}
    assert (restored.aside / "store.json").read_bytes() == b"damaged"
    reopened = Repository.open(data_dir, readonly=True)
    assert reopened.cases.get("JC-20230105-002") is not None
    assert check_store(data_dir).ok


def test_a_restore_keeps_cases_archived_after_the_backup(
    filled: Repository, data_dir: Path
) -> None:
    filled.cases.archive_ended(ARCHIVABLE, "2024-01-01T00:00:00")  # 2023's only
    filled.backup_now()
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)  # then 2024's
    filled.close()

    restore_backup(data_dir, None, FIXED_NOW)

    reopened = Repository.open(data_dir, readonly=True)
    # archived after the backup: the journal's entry is replayed onto it
    assert reopened.cases.get("JC-20240610-001") is not None
    assert reopened.cases.get("JC-20230105-001") is not None
    assert check_store(data_dir).ok


def test_check_names_an_archived_case_missing_from_its_file(
    filled: Repository, data_dir: Path
) -> None:
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)
    filled.close()
    write_year(year_path(data_dir, "2023"), {})

    report = check_store(data_dir)

    assert not report.ok
    assert report.invalid == [
        "archive/cases-2023.json: 2 archived cases the store lists are not in this file "
        "(restore a backup)"
    ]
    assert report.counts["cases archived"] == 3


def test_erasing_a_resident_leaves_nothing_of_them_in_the_archive_files(
    filled: Repository, data_dir: Path
) -> None:
    resident_id = filled.cases.doc("JC-20230105-001")["resident_id"]  # type: ignore[index]
    filled.cases.archive_ended(ARCHIVABLE, CUTOFF)
    assert "地下室灯不亮" in year_path(data_dir, "2023").read_text(encoding="utf-8")

    erase(filled, resident_id, "本人申请", staff="颜成玉", now=FIXED_NOW)

    text_2023 = year_path(data_dir, "2023").read_text(encoding="utf-8")
    text_2024 = year_path(data_dir, "2024").read_text(encoding="utf-8")
    assert "JC-20230105-001" not in text_2023 and "JC-20240610-001" not in text_2024
    assert "JC-20230105-002" in text_2023  # another resident's case stays archived
    erased = filled.cases.get("JC-20240610-001")
    assert erased is not None and "地下室灯不亮" not in erased.description
    assert check_store(data_dir).ok


def test_an_archived_case_still_counts_for_its_session_and_its_resident(
    repo: Repository,
) -> None:
    old = make_resident("欧阳秀兰", updated_at=datetime(2021, 1, 4, 9))
    repo.residents.save_many([old], touch=False)
    case = _closed("JC-20240610-001", old.id, session_id="s-0610", staff="刘")
    repo.cases.save(case)
    assert repo.cases.archive_ended(ARCHIVABLE, CUTOFF) == 1

    assert repo.cases.takers_by_session() == {"s-0610": ["刘"]}
    # closed in 2024: not three years without anything new, though the record is older
    assert due_residents(repo, date(2026, 11, 27)) == []
    assert [r.id for r in due_residents(repo, date(2027, 6, 11))] == [old.id]
