"""Erasing a person: every field gone from the store's files, exports and bundles;
the case still counted; tombstones that bundles carry; the ledger replayed after a restore."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from deskconsole.domain.bundle import export_bundle, import_bundle
from deskconsole.domain.erasure import ErasureRefused, erase, is_erased, replay_ledger
from deskconsole.domain.register import build_register
from deskconsole.errors import DeskError
from deskconsole.export import render
from deskconsole.models import ERASED_NAME, CaseEvent, CaseState, EventKind, Satisfaction
from deskconsole.storage import Repository
from deskconsole.storage.erasures import ledger_path, read_ledger
from deskconsole.storage.restore import restore_backup
from tests.bundle_helpers import set_desk
from tests.factories import make_case, make_resident

NOW = datetime(2026, 11, 27, 10, 0)
SECRETS = ("欧阳秀英", "13905361234", "05368881234", "370705198001011239", "金域华府", "爱吃辣")


def _person(repo: Repository) -> str:
    resident = make_resident(
        "欧阳秀英",
        phones=["13905361234", "0536-8881234"],
        id_number="370705198001011239",
        notes="爱吃辣，独居",
        address={"compound": "金域华府", "building": "12", "unit": "2", "room": "301"},
        created_at=NOW - timedelta(days=3),
        updated_at=NOW - timedelta(days=3),
    )
    repo.residents.save(resident)
    at = NOW - timedelta(hours=2)
    repo.cases.save(
        make_case(
            "JC-20261127-001",
            intake_at=at,
            resident_id=resident.id,
            contact_name="欧阳秀英",
            contact_phone="13905361234",
            description="欧阳秀英说13905361234打不通，金域华府12-2-301漏水",
            location="金域华府 12-2-301",
            outcome="已修好，欧阳秀英满意",
            reply="请拨13905361234",
            state=CaseState.CLOSED,
            satisfaction=Satisfaction.SATISFIED,
            events=[
                CaseEvent(
                    at=at, staff="颜成玉", kind=EventKind.CREATED, to_state=CaseState.REGISTERED
                ),
                CaseEvent(
                    at=at + timedelta(minutes=5),
                    staff="颜成玉",
                    kind=EventKind.NOTE,
                    note="回电欧阳秀英 13905361234，身份证370705198001011239",
                ),
                CaseEvent(
                    at=at + timedelta(minutes=9),
                    staff="颜成玉",
                    kind=EventKind.MOVED,
                    from_state=CaseState.REGISTERED,
                    to_state=CaseState.CLOSED,
                    data={"reply": "欧阳秀英已知悉", "satisfaction": "satisfied"},
                ),
            ],
        )
    )
    return resident.id


def _files_text(data_dir: Path) -> str:
    return "".join(
        (data_dir / name).read_text(encoding="utf-8")
        for name in ("store.json", "journal.jsonl", "erasures.jsonl")
    )


def _assert_no_trace(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


@pytest.fixture
def desk(repo: Repository) -> Repository:
    set_desk(repo, "JC", "金城社区")
    return repo


def test_erasure_removes_every_field_and_keeps_the_case_counted(desk: Repository) -> None:
    resident_id = _person(desk)
    assert "13905361234" in _files_text_before(desk)
    erased = erase(desk, resident_id, "居民申请删除", staff="颜成玉", now=NOW)
    assert erased.cases == 1
    _assert_no_trace(_files_text(desk.data_dir))
    resident = desk.residents.get(resident_id)
    assert resident is not None and resident.name == ERASED_NAME
    assert not (resident.phones or resident.id_number or resident.notes)
    assert resident.address.is_blank
    case = desk.cases.get("JC-20261127-001")
    assert case is not None
    assert (case.state, case.satisfaction, case.category) == (
        CaseState.CLOSED,
        Satisfaction.SATISFIED,
        "property",
    )
    assert [e.kind for e in case.events] == [EventKind.CREATED, EventKind.NOTE, EventKind.MOVED]
    register = build_register(desk, NOW.date(), masked=False)
    assert [row.name for row in register.rows] == [ERASED_NAME]
    for fmt in ("csv", "json", "html"):
        _assert_no_trace(render(register, fmt).decode("utf-8-sig"))
    entry = desk.audit.all()[-1]
    assert (entry.action, entry.staff, entry.target, entry.detail["reason"]) == (
        "person.erase",
        "颜成玉",
        resident_id,
        "居民申请删除",
    )


def _files_text_before(repo: Repository) -> str:
    return (repo.data_dir / "journal.jsonl").read_text(encoding="utf-8")


def test_the_next_bundle_carries_the_tombstone_and_no_trace(
    desk: Repository, tmp_path: Path
) -> None:
    resident_id = _person(desk)
    erase(desk, resident_id, "居民申请删除", staff="颜成玉", now=NOW)
    _, path = export_bundle(desk, tmp_path / "out.dcb", None, NOW, staff="颜成玉")
    text = path.read_text(encoding="utf-8")
    _assert_no_trace(text)
    assert f'"resident_id":"{resident_id}"' in text


def test_a_reason_is_required_and_nothing_changes_without_one(desk: Repository) -> None:
    resident_id = _person(desk)
    with pytest.raises(ErasureRefused) as refused:
        erase(desk, resident_id, "  ", staff="颜成玉", now=NOW)
    assert "reason" in str(refused.value)
    resident = desk.residents.get(resident_id)
    assert resident is not None and resident.name == "欧阳秀英"
    assert desk.erasures.all() == [] and not ledger_path(desk.data_dir).exists()


def test_an_unknown_resident_is_refused(desk: Repository) -> None:
    with pytest.raises(DeskError):
        erase(desk, "nobody", "居民申请删除", staff="颜成玉", now=NOW)


def _second_desk(root: Path, source: Repository) -> Repository:
    other = Repository.open(root / "other", now=lambda: NOW)
    set_desk(other, "XC", "新城社区")
    _, path = export_bundle(source, root / "first.dcb", None, NOW, staff="颜成玉")
    import_bundle(other, path)
    return other


def test_a_bundle_erases_the_person_on_a_desk_that_still_has_them(
    desk: Repository, tmp_path: Path
) -> None:
    resident_id = _person(desk)
    other = _second_desk(tmp_path, desk)
    try:
        old = export_bundle(other, tmp_path / "old.dcb", None, NOW, staff="陈")[1]
        erase(desk, resident_id, "居民申请删除", staff="颜成玉", now=NOW + timedelta(minutes=1))
        _, path = export_bundle(desk, tmp_path / "erased.dcb", None, NOW, staff="颜成玉")
        plan = import_bundle(other, path)
        assert plan.erased == 1
        doc = other.residents.doc(resident_id)
        assert doc is not None and is_erased(doc)
        other.compact()
        _assert_no_trace(_files_text(other.data_dir))
        # The other desk's older bundle, still holding the person, does not bring them back.
        again = import_bundle(desk, old)
        # (the bundle may name a desk's community this store did not know: settings only)
        assert [op for op in again.ops if op.table != "meta"] == []
        assert (again.residents.updated, again.cases.updated) == (0, 0)
        assert "Cases: 0 added, 0 updated, 1 unchanged" in again.summary()
        doc = desk.residents.doc(resident_id)
        assert doc is not None and is_erased(doc)
        assert [op for op in import_bundle(other, path).ops if op.table != "meta"] == []
    finally:
        other.close()


def test_restore_of_an_older_backup_replays_the_erasures(data_dir: Path) -> None:
    with Repository.open(data_dir, now=lambda: NOW) as repo:
        set_desk(repo, "JC", "金城社区")
        resident_id = _person(repo)
        backup = repo.backup_now()
        erase(repo, resident_id, "居民申请删除", staff="颜成玉", now=NOW)
    assert "13905361234" in gzip.decompress(backup.read_bytes()).decode()
    (data_dir / "journal.jsonl").write_bytes(b"damaged")  # the journal is lost too
    restore_backup(data_dir, backup, NOW)
    with Repository.open(data_dir, now=lambda: NOW) as repo:
        assert repo.residents.get(resident_id).name == "欧阳秀英"  # type: ignore[union-attr]
        assert replay_ledger(repo) == 1
        assert replay_ledger(repo) == 0
        doc = repo.residents.doc(resident_id)
        assert doc is not None and is_erased(doc)
    _assert_no_trace(_files_text(data_dir))


def test_the_ledger_survives_a_torn_line(desk: Repository) -> None:
    resident_id = _person(desk)
    erase(desk, resident_id, "居民申请删除", staff="颜成玉", now=NOW)
    with open(ledger_path(desk.data_dir), "ab") as handle:
        handle.write(b'{"crc": 1, "eras')
    found = read_ledger(desk.data_dir)
    assert list(found.erasures) == [resident_id] and found.torn_tail and not found.bad_lines


def test_a_full_disk_at_the_ledger_changes_nothing(
    desk: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from deskconsole.storage import StoreWriteError
    from deskconsole.storage import erasures as ledger

    resident_id = _person(desk)

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ledger, "write_all", full)
    with pytest.raises(StoreWriteError) as refused:
        erase(desk, resident_id, "居民申请删除", staff="颜成玉", now=NOW)
    assert "erasures.jsonl" in str(refused.value)
    resident = desk.residents.get(resident_id)
    assert resident is not None and resident.name == "欧阳秀英"
    assert desk.erasures.all() == []


def test_a_store_that_fails_after_the_ledger_is_put_right_by_the_replay(
    desk: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskconsole.storage import Store, StoreWriteError

    resident_id = _person(desk)
    real = Store.commit

    def refuse(self: Store, ops: list) -> None:  # type: ignore[type-arg]
        raise StoreWriteError(self.journal_path, "I/O error")

    monkeypatch.setattr(Store, "commit", refuse)
    with pytest.raises(StoreWriteError):
        erase(desk, resident_id, "居民申请删除", staff="颜成玉", now=NOW)
    monkeypatch.setattr(Store, "commit", real)
    assert list(read_ledger(desk.data_dir).erasures) == [resident_id]
    assert not is_erased(desk.residents.doc(resident_id) or {})
    assert replay_ledger(desk) == 1
    assert is_erased(desk.residents.doc(resident_id) or {})
    _assert_no_trace(_files_text(desk.data_dir))
