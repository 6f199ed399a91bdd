"""Bundles: the file (checksum, refusals, mode), export scope, import into a store."""

from __future__ import annotations

import gzip
import os
import stat
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from deskconsole.domain import workflow
from deskconsole.domain.bundle import (
    FORMAT,
    BundleError,
    SettingsMissing,
    collect,
    default_name,
    export_bundle,
    import_bundle,
    read_bundle,
)
from deskconsole.domain.sessions import start_session
from deskconsole.i18n import set_language
from deskconsole.models import CaseState, DeskSession, EventKind
from deskconsole.storage import Repository
from deskconsole.storage.aliases import resident_aliases
from tests.bundle_helpers import edit, move_to, set_desk
from tests.factories import make_case, make_resident

NOW = datetime(2026, 11, 27, 16, 0)
T0 = datetime(2026, 11, 27, 9, 40)


@pytest.fixture
def desk_a(tmp_path: Path) -> Iterator[Repository]:
    repo = Repository.open(tmp_path / "a", now=lambda: NOW)
    set_desk(repo, "JC", "金城社区")
    yield repo
    repo.close()


@pytest.fixture
def desk_b(tmp_path: Path) -> Iterator[Repository]:
    repo = Repository.open(tmp_path / "b", now=lambda: NOW)
    set_desk(repo, "XC", "新城社区")
    yield repo
    repo.close()


def fill_a(repo: Repository) -> None:
    """Two residents, an ended session, three cases of desk JC."""
    jiang = make_resident("江建国", id_number="37070519520304123X", updated_at=T0, created_at=T0)
    liu = make_resident("刘秀英", phones=["13905360002"], updated_at=T0, created_at=T0)
    session = DeskSession(
        id="s-jc-1",
        date=date(2026, 11, 27),
        compound="金域华府",
        staff=["颜成玉"],
        ended_at=datetime(2026, 11, 27, 11, 30),
        updated_at=datetime(2026, 11, 27, 11, 30),
    )
    first = make_case("JC-20261127-001", resident_id=jiang.id, session_id=session.id, updated_at=T0)
    second = move_to(
        make_case("JC-20261127-002", resident_id=liu.id, updated_at=T0),
        CaseState.DISPATCHED,
        "颜成玉",
        datetime(2026, 11, 27, 10, 0),
    )
    old = make_case(
        "JC-20261001-001",
        intake_at=datetime(2026, 10, 1, 9, 0),
        updated_at=datetime(2026, 10, 1, 9, 0),
    )
    repo.residents.save_many([jiang, liu], touch=False)
    repo.sessions.save(session)
    repo.cases.save_many([first, second, old])


def snapshot(repo: Repository) -> dict[str, dict[str, dict[str, object]]]:
    return {name: dict(docs) for name, docs in repo.store.db.dump().items()}


def write(tmp_path: Path, repo: Repository, name: str = "a.dcb") -> Path:
    return export_bundle(repo, tmp_path / name, None, NOW, staff="颜成玉")[1]


# -- the file -------------------------------------------------------------------------------


def test_bundle_file_has_format_version_header_and_checksum(
    desk_a: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a)
    raw = orjson.loads(path.read_bytes())
    assert list(raw) == ["format", "version", "header", "body", "checksum"]
    assert raw["format"] == FORMAT and raw["version"] == 1
    assert raw["header"]["desk_code"] == "JC"
    assert raw["header"]["community"] == "金城社区"
    assert raw["header"]["since"] is None
    assert raw["checksum"].startswith("sha256:")
    assert len(raw["body"]["cases"]) == 3
    assert "江建国" in path.read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.tmp"))
    back = read_bundle(path)
    assert back.header.desk_code == "JC"
    assert [c["number"] for c in back.cases] == [c["number"] for c in raw["body"]["cases"]]


def test_a_name_ending_in_gz_is_compressed_and_reads_back(
    desk_a: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a, "a.dcb.gz")
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert orjson.loads(gzip.decompress(path.read_bytes()))["format"] == FORMAT
    assert len(read_bundle(path).cases) == 3


def test_a_folder_gets_the_default_name(desk_a: Repository, tmp_path: Path) -> None:
    _, path = export_bundle(desk_a, tmp_path, None, NOW, staff="颜成玉")
    assert path.name == default_name("JC", NOW) == "bundle-JC-20261127-1600.dcb"


def test_export_to_a_missing_folder_creates_it_owner_only(
    desk_a: Repository, tmp_path: Path
) -> None:
    _, path = export_bundle(desk_a, tmp_path / "no" / "such" / "x.dcb", None, NOW, staff="颜成玉")
    assert path == tmp_path / "no" / "such" / "x.dcb"
    assert read_bundle(path).header.desk_code == "JC"
    for folder in (tmp_path / "no", tmp_path / "no" / "such"):
        assert folder.stat().st_mode & 0o777 == 0o700
    assert path.stat().st_mode & 0o777 == 0o600


def test_since_takes_what_changed_and_the_residents_and_sessions_it_names(
    desk_a: Repository,
) -> None:
    fill_a(desk_a)
    extra = make_resident("王芳", phones=["13905360003"], updated_at=datetime(2026, 9, 1))
    desk_a.residents.save_many([extra], touch=False)
    bundle = collect(desk_a, date(2026, 11, 27), NOW)
    assert [c["number"] for c in bundle.cases] == ["JC-20261127-001", "JC-20261127-002"]
    assert sorted(r["name"] for r in bundle.residents) == ["刘秀英", "江建国"]
    assert [s["id"] for s in bundle.sessions] == ["s-jc-1"]
    everything = collect(desk_a, None, NOW)
    assert len(everything.cases) == 3 and len(everything.residents) == 3


def test_an_old_case_with_a_new_event_is_taken(desk_a: Repository) -> None:
    fill_a(desk_a)
    old = desk_a.cases.get("JC-20261001-001")
    assert old is not None
    noted = workflow.add_note(old, "回访", "刘", datetime(2026, 11, 20, 9))
    desk_a.cases.save(noted.model_copy(update={"updated_at": datetime(2026, 10, 1, 9)}))
    numbers = [c["number"] for c in collect(desk_a, date(2026, 11, 1), NOW).cases]
    assert "JC-20261001-001" in numbers


def test_an_open_session_waits_for_the_next_bundle(desk_a: Repository) -> None:
    start_session(
        desk_a,
        day=NOW.date(),
        compound="翠湖小区",
        start=None,
        end=None,
        staff="颜成玉",
        partners="",
        now=NOW,
    )
    assert desk_a.sessions.current() is not None
    assert collect(desk_a, None, NOW).sessions == []


# -- refusals -------------------------------------------------------------------------------


def _refused(repo: Repository, path: Path) -> str:
    before = snapshot(repo)
    with pytest.raises(BundleError) as caught:
        import_bundle(repo, path)
    assert snapshot(repo) == before
    message = str(caught.value)
    assert str(path) in message
    return message


def test_a_truncated_bundle_is_refused_and_the_store_untouched(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    good = write(tmp_path, desk_a).read_bytes()
    cut = tmp_path / "cut.dcb"
    cut.write_bytes(good[: len(good) // 2])
    assert "cut short" in _refused(desk_b, cut)


def test_a_truncated_compressed_bundle_is_refused(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    good = write(tmp_path, desk_a, "a.dcb.gz").read_bytes()
    cut = tmp_path / "cut.dcb.gz"
    cut.write_bytes(good[:-40])
    assert "cut short" in _refused(desk_b, cut)


def test_a_changed_byte_fails_the_checksum(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("地下室灯不亮", "地下室灯很亮", 1), encoding="utf-8")
    assert "checksum does not match" in _refused(desk_b, path)


def test_broken_json_inside_a_bundle_is_damaged(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a)
    path.write_bytes(path.read_bytes().replace(b'"body":', b'"body";', 1))
    message = _refused(desk_b, path)
    assert "is damaged (broken near character" in message


def test_a_newer_format_version_is_refused(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a)
    raw = orjson.loads(path.read_bytes())
    raw["version"] = 2
    path.write_bytes(orjson.dumps(raw))
    message = _refused(desk_b, path)
    assert "newer deskconsole" in message and "version 2" in message


def test_an_unknown_version_is_refused(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a)
    raw = orjson.loads(path.read_bytes())
    raw["version"] = "beta"
    path.write_bytes(orjson.dumps(raw))
    assert "format version beta" in _refused(desk_b, path)


def test_foreign_json_is_refused(desk_b: Repository, tmp_path: Path) -> None:
    path = tmp_path / "package.json"
    path.write_text('{"name": "something", "version": 1}', encoding="utf-8")
    assert "not a deskconsole bundle" in _refused(desk_b, path)
    path.write_text("[1, 2, 3]", encoding="utf-8")
    assert "not a deskconsole bundle" in _refused(desk_b, path)


def test_a_file_that_is_not_json_is_refused(desk_b: Repository, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("姓名,电话\n江建国,13800138000\n", encoding="utf-8")
    message = _refused(desk_b, path)
    assert "not a deskconsole bundle" in message and "not JSON" in message
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(64))
    assert "not JSON" in _refused(desk_b, binary)


def test_an_empty_or_missing_file_is_refused(desk_b: Repository, tmp_path: Path) -> None:
    empty = tmp_path / "empty.dcb"
    empty.write_bytes(b"")
    assert "is empty" in _refused(desk_b, empty)
    assert "no such file" in _refused(desk_b, tmp_path / "nothing.dcb")


def test_an_invalid_record_is_refused_with_its_place(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    bundle = collect(desk_a, None, NOW)
    bundle.cases[1]["number"] = "no-number"
    path = tmp_path / "bad.dcb"
    path.write_bytes(bundle.encode())
    message = _refused(desk_b, path)
    assert "case 2" in message and "not valid" in message


def test_refusals_are_translated(desk_b: Repository, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    set_language("zh")
    assert "不是 deskconsole 数据包" in _refused(desk_b, path)


def test_a_store_without_its_own_desk_code_takes_no_bundle(
    desk_a: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a)
    with Repository.open(tmp_path / "fresh") as fresh:
        with pytest.raises(SettingsMissing) as caught:
            import_bundle(fresh, path)
        assert "desk code" in str(caught.value)
        assert fresh.store.is_empty


def test_cases_of_this_desks_code_that_were_not_here_are_pointed_out(
    desk_a: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a)
    with Repository.open(tmp_path / "twin", now=lambda: NOW) as twin:
        set_desk(twin, "JC", "金城社区")
        plan = import_bundle(twin, path)
        assert plan.cases.added == 3
        assert len(plan.foreign_own) == 3
        assert "carry this desk's code JC but were not in this store" in plan.summary()
    assert import_bundle(desk_a, path).foreign_own == []


def test_two_stores_with_one_desk_code_are_refused(desk_a: Repository, tmp_path: Path) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a)
    with Repository.open(tmp_path / "twin", now=lambda: NOW) as twin:
        set_desk(twin, "JC", "金城社区")
        twin.cases.save(make_case("JC-20261127-001", description="别的事"))
        message = _refused(twin, path)
        assert "JC-20261127-001" in message and "desk code JC" in message


# -- importing ----------------------------------------------------------------------------------


def test_import_adds_everything_then_a_second_import_changes_nothing(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    path = write(tmp_path, desk_a)
    first = import_bundle(desk_b, path)
    assert (first.residents.added, first.sessions.added, first.cases.added) == (2, 1, 3)
    assert desk_b.cases.get("JC-20261127-002") == desk_a.cases.get("JC-20261127-002")
    before = snapshot(desk_b)
    again = import_bundle(desk_b, path)
    assert again.ops == []
    assert (again.residents.unchanged, again.sessions.unchanged, again.cases.unchanged) == (
        2,
        1,
        3,
    )
    assert again.conflicts == []
    assert snapshot(desk_b) == before
    assert "Nothing new" in again.summary()


def test_a_dry_run_saves_nothing(desk_a: Repository, desk_b: Repository, tmp_path: Path) -> None:
    fill_a(desk_a)
    before = snapshot(desk_b)
    plan = import_bundle(desk_b, write(tmp_path, desk_a), dry_run=True)
    assert plan.cases.added == 3
    assert snapshot(desk_b) == before
    assert "Dry run" in plan.summary(dry_run=True)


def test_importing_a_desks_own_bundle_changes_nothing(desk_a: Repository, tmp_path: Path) -> None:
    fill_a(desk_a)
    bundle = write(tmp_path, desk_a)
    before = snapshot(desk_a)
    plan = import_bundle(desk_a, bundle)
    assert plan.ops == []
    assert plan.cases.unchanged == 3
    assert snapshot(desk_a) == before


def test_the_same_person_keeps_this_desks_id_and_cases_point_to_it(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    jiang_b = make_resident(
        "江建国", phones=["13905369999"], id_number="37070519520304123X", updated_at=T0
    )
    liu_b = make_resident("刘秀英", phones=["13905360002"], notes="腿脚不便", updated_at=T0)
    desk_b.residents.save_many([jiang_b, liu_b], touch=False)
    plan = import_bundle(desk_b, write(tmp_path, desk_a))
    assert plan.residents.added == 0
    assert plan.mapped == 2
    assert "2 residents of the other desk" in plan.summary()
    assert desk_b.residents.count() == 2
    first = desk_b.cases.get("JC-20261127-001")
    second = desk_b.cases.get("JC-20261127-002")
    assert first is not None and first.resident_id == jiang_b.id
    assert second is not None and second.resident_id == liu_b.id
    liu = desk_b.residents.get(liu_b.id)
    assert liu is not None and liu.notes == "腿脚不便"
    aliases = resident_aliases(desk_b.store)
    a_ids = {r.name: r.id for r in desk_a.residents.all()}
    assert aliases == {a_ids["江建国"]: jiang_b.id, a_ids["刘秀英"]: liu_b.id}
    # Desk A changes 刘秀英's phone: the next bundle still finds her by the remembered id.
    liu_a = desk_a.residents.get(a_ids["刘秀英"])
    assert liu_a is not None
    desk_a.residents.save(liu_a.model_copy(update={"phones": ["13905361111"]}))
    again = import_bundle(desk_b, write(tmp_path, desk_a, "again.dcb"))
    assert again.residents.added == 0
    liu = desk_b.residents.get(liu_b.id)
    assert liu is not None and liu.phones == ["13905361111"]
    # And the ids map back the other way when B's bundle reaches A.
    back = import_bundle(
        desk_a, export_bundle(desk_b, tmp_path / "b.dcb", None, NOW, staff="颜成玉")[1]
    )
    assert back.residents.added == 0
    assert desk_a.cases.get("JC-20261127-002").resident_id == a_ids["刘秀英"]  # type: ignore[union-attr]


def test_edits_on_both_desks_merge_and_conflicts_are_listed(
    desk_a: Repository, desk_b: Repository, tmp_path: Path
) -> None:
    fill_a(desk_a)
    import_bundle(desk_b, write(tmp_path, desk_a))
    number = "JC-20261127-002"
    at = datetime(2026, 11, 27, 14, 0)
    a_case = desk_a.cases.get(number)
    b_case = desk_b.cases.get(number)
    assert a_case is not None and b_case is not None
    desk_a.cases.save(edit(a_case, "description", "地下室灯不亮，电工已看", "颜成玉", at))
    b_case = edit(b_case, "description", "地下室灯不亮，需拉线50米", "刘宗辉", at + timedelta(1))
    desk_b.cases.save(workflow.add_note(b_case, "已联系物业", "刘宗辉", at + timedelta(2)))
    # B also takes a new case of its own, numbered with its own desk code.
    desk_b.cases.save(make_case("XC-20261127-001", updated_at=at))
    from_a = write(tmp_path, desk_a, "a2.dcb")
    from_b = export_bundle(desk_b, tmp_path / "b.dcb", None, NOW, staff="颜成玉")[1]
    into_b = import_bundle(desk_b, from_a)
    into_a = import_bundle(desk_a, from_b)
    for plan in (into_a, into_b):
        assert [(c.number, c.field) for c in plan.conflicts] == [(number, "description")]
        assert "In conflict (1)" in plan.summary()
    assert into_a.cases.added == 1 and into_a.cases.updated == 1
    assert into_b.cases.updated == 1
    for repo in (desk_a, desk_b):
        case = repo.cases.get(number)
        assert case is not None
        assert case.description == "地下室灯不亮，需拉线50米"
        kinds = [e.kind for e in case.events]
        assert kinds.count(EventKind.CONFLICT) == 1
    assert desk_a.cases.get(number) == desk_b.cases.get(number)
    assert {d["number"] for d in desk_a.cases.docs()} == {d["number"] for d in desk_b.cases.docs()}
    # Once both have everything, nothing new in either direction and no conflict again.
    assert import_bundle(desk_a, from_b).ops == []
    assert import_bundle(desk_b, write(tmp_path, desk_a, "a3.dcb")).ops == []
