"""``deskconsole bundle export|import`` and ``deskconsole settings``: output, exit codes."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from deskconsole.cli import main
from deskconsole.domain.bundle import read_bundle
from deskconsole.storage import Repository
from tests.bundle_helpers import set_desk
from tests.factories import make_case, make_resident

AT = datetime(2026, 11, 27, 9, 40)


def run(capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en") -> tuple[int, str, str]:
    """Run the CLI; returns (exit code, stdout, stderr)."""
    try:
        main(["--lang", lang, *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stores(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a", tmp_path / "b"
    with Repository.open(a) as repo:
        set_desk(repo, "JC", "金城社区")
        resident = make_resident(updated_at=AT, created_at=AT)
        repo.residents.save_many([resident], touch=False)
        repo.cases.save_many(
            [
                make_case("JC-20261127-001", resident_id=resident.id, updated_at=AT),
                make_case(
                    "JC-20261002-001",
                    intake_at=datetime(2026, 10, 2, 9),
                    updated_at=datetime(2026, 10, 2, 9),
                ),
            ]
        )
    with Repository.open(b) as repo:
        set_desk(repo, "XC", "新城社区")
    return a, b


def test_export_writes_the_default_name_here_and_prints_the_path(
    stores: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, out, err = run(capsys, "bundle", "export", "--data-dir", str(stores[0]))
    assert code == 0, err
    written = list(work.glob("bundle-JC-*.dcb"))
    assert len(written) == 1
    assert str(written[0]) in out
    assert "1 resident, 0 desk sessions, 2 cases; everything" in out
    assert stat.S_IMODE(written[0].stat().st_mode) == 0o600


def test_export_since_and_out(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "stick" / "jc.dcb.gz"
    target.parent.mkdir()
    code, out, _ = run(
        capsys,
        "bundle",
        "export",
        "--since",
        "2026-11-01",
        "--out",
        str(target),
        "--data-dir",
        str(stores[0]),
    )
    assert code == 0
    assert f"Bundle written: {target}" in out
    assert "1 case; changes since 2026-11-01" in out
    assert target.read_bytes()[:2] == b"\x1f\x8b"


def test_export_is_recorded_in_the_audit_log(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "b.dcb"
    code, _, err = run(
        capsys, "bundle", "export", "--out", str(target), "--data-dir", str(stores[0])
    )
    assert code == 0, err
    with Repository.open(stores[0], readonly=True) as repo:
        [entry] = repo.audit.all()
    assert (entry.action, entry.target, entry.detail["path"]) == (
        "bundle.export",
        str(target),
        str(target),
    )
    assert entry.staff and entry.detail["cases"] == str(len(read_bundle(target).cases))


def test_export_beside_a_running_console_is_refused_and_names_the_holder(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Repository.open(stores[0]):  # the console holds the writer lock
        code, _, err = run(
            capsys, "bundle", "export", "--out", str(tmp_path), "--data-dir", str(stores[0])
        )
    assert code == 1
    assert err.count("\n") == 1 and "pid" in err and "Export bundle" in err
    assert list(tmp_path.glob("*.dcb")) == []


def test_a_bad_since_is_a_usage_error(
    stores: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "bundle", "export", "--since", "27.11.2026", "--data-dir", str(stores[0])
    )
    assert code == 2
    assert "--since" in err and "YYYY-MM-DD" in err


def test_import_prints_the_summary_and_a_second_time_nothing_changes(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "jc.dcb"
    run(capsys, "bundle", "export", "--out", str(bundle), "--data-dir", str(stores[0]))
    code, out, err = run(capsys, "bundle", "import", str(bundle), "--data-dir", str(stores[1]))
    assert code == 0, err
    assert f"Bundle {bundle} from desk JC (金城社区)" in out
    assert "Residents: 1 added, 0 updated, 0 unchanged" in out
    assert "Cases: 2 added, 0 updated, 0 unchanged" in out
    assert "No conflicts." in out
    assert "Saved in one batch." in out
    code, out, _ = run(capsys, "bundle", "import", str(bundle), "--data-dir", str(stores[1]))
    assert code == 0
    assert "Cases: 0 added, 0 updated, 2 unchanged" in out
    assert "Nothing new" in out


def test_import_dry_run_saves_nothing(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "jc.dcb"
    run(capsys, "bundle", "export", "--out", str(bundle), "--data-dir", str(stores[0]))
    code, out, _ = run(
        capsys, "bundle", "import", str(bundle), "--dry-run", "--data-dir", str(stores[1])
    )
    assert code == 0
    assert "Cases: 2 added" in out and "Dry run: nothing was saved." in out
    with Repository.open(stores[1], readonly=True) as repo:
        assert repo.cases.count() == 0


def test_import_of_a_damaged_file_fails_with_one_line_and_exit_1(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "jc.dcb"
    run(capsys, "bundle", "export", "--out", str(bundle), "--data-dir", str(stores[0]))
    bundle.write_bytes(bundle.read_bytes()[:-30])
    code, out, err = run(capsys, "bundle", "import", str(bundle), "--data-dir", str(stores[1]))
    assert code == 1
    assert out == ""
    assert err.startswith(f"deskconsole: {bundle} is cut short")
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(
        capsys, "bundle", "import", str(bundle), "--data-dir", str(stores[1]), lang="zh"
    )
    assert code == 1 and "不完整" in err


def test_import_needs_the_writer_lock(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "jc.dcb"
    run(capsys, "bundle", "export", "--out", str(bundle), "--data-dir", str(stores[0]))
    with Repository.open(stores[1]):
        code, _, err = run(capsys, "bundle", "import", str(bundle), "--data-dir", str(stores[1]))
    assert code == 1
    assert "open in a console" in err and "Import bundle" in err


def test_import_into_a_missing_store_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "bundle", "import", str(tmp_path / "x.dcb"), "--data-dir", str(tmp_path / "no")
    )
    assert code == 1
    assert "no store" in err.lower()


def test_bundle_without_a_command_shows_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "bundle")
    assert code in (0, 2)
    assert "export" in out + err and "import" in out + err


def test_settings_shows_the_desk(
    stores: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "settings", "--data-dir", str(stores[0]))
    assert code == 0
    assert "Community: 金城社区" in out
    assert "Desk code: JC" in out
    assert f"Store: {stores[0]}" in out
    assert "Cases: 2 from this desk, 0 from other desks" in out
    code, out, _ = run(capsys, "settings", "--data-dir", str(stores[0]), lang="zh")
    assert "服务台代码：JC" in out


def test_settings_sets_up_a_new_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "new"
    code, out, err = run(
        capsys,
        "settings",
        "--desk-code",
        "xc",
        "--community",
        "新城社区",
        "--data-dir",
        str(target),
    )
    assert code == 0, err
    assert "Settings saved." in out and "Desk code: XC" in out
    with Repository.open(target, readonly=True) as repo:
        assert repo.settings.is_saved()
        assert repo.settings.get().desk_code == "XC"


def test_settings_refuses_a_new_code_once_cases_carry_the_old_one(
    stores: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "settings", "--desk-code", "ZZ", "--data-dir", str(stores[0]))
    assert code == 1
    assert "cannot change from JC" in err and "2 cases" in err
    code, out, _ = run(
        capsys, "settings", "--community", "金城社区二", "--data-dir", str(stores[0])
    )
    assert code == 0 and "Community: 金城社区二" in out


def test_settings_refuses_a_bad_code_or_another_desks_code(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "settings", "--desk-code", "1A", "--data-dir", str(stores[1]))
    assert code == 1 and "1A is not valid" in err
    bundle = tmp_path / "jc.dcb"
    run(capsys, "bundle", "export", "--out", str(bundle), "--data-dir", str(stores[0]))
    run(capsys, "bundle", "import", str(bundle), "--data-dir", str(stores[1]))
    code, _, err = run(capsys, "settings", "--desk-code", "JC", "--data-dir", str(stores[1]))
    assert code == 1 and "JC belongs to another desk" in err


def test_export_then_import_keeps_dates(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "jc.dcb"
    run(capsys, "bundle", "export", "--out", str(bundle), "--data-dir", str(stores[0]))
    run(capsys, "bundle", "import", str(bundle), "--data-dir", str(stores[1]))
    with Repository.open(stores[1], readonly=True) as repo:
        case = repo.cases.get("JC-20261002-001")
    assert case is not None and case.intake_at.date() == date(2026, 10, 2)


def test_settings_sets_how_many_backups_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "desk"
    with pytest.raises(SystemExit) as caught:
        main(["settings", "--data-dir", str(target), "--backups-keep", "30"])
    assert caught.value.code in (0, None)
    with Repository.open(target, readonly=True) as repo:
        assert repo.settings.get().backups_keep == 30
        assert repo.store.backups_keep == 30


def test_settings_sets_the_register_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "desk"
    code, out, _ = run(capsys, "settings", "--data-dir", str(target), "--community", "金城社区")
    assert code == 0 and "Register language: Chinese (简体中文)" in out  # the default
    code, out, _ = run(capsys, "settings", "--data-dir", str(target), "--register-lang", "en")
    assert code == 0 and "Register language: English" in out
    with Repository.open(target, readonly=True) as repo:
        assert repo.settings.get().register_lang == "en"
    code, out, _ = run(capsys, "settings", "--data-dir", str(target), "--register-lang", "ZH")
    assert code == 0
    with Repository.open(target, readonly=True) as repo:
        assert repo.settings.get().register_lang == "zh"
    code, _, err = run(capsys, "settings", "--data-dir", str(target), "--register-lang", "fr")
    assert code == 2 and "--register-lang" in err


def test_settings_sets_the_area_code_of_local_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "desk"
    code, out, _ = run(capsys, "settings", "--data-dir", str(target), "--community", "金城社区")
    assert code == 0 and "Area code: 0536 (given to a local number" in out  # the default
    code, out, _ = run(capsys, "settings", "--data-dir", str(target), "--area-code", "３７１")
    assert code == 0 and "Area code: 0371" in out
    with Repository.open(target, readonly=True) as repo:
        assert repo.settings.get().area_code == "0371"
    code, _, err = run(capsys, "settings", "--data-dir", str(target), "--area-code", "0000")
    assert code == 1
    assert err.strip().endswith(
        "Area code: 0000 is not in the numbering plan; give one like 0536 or 010"
    )
    code, _, err = run(capsys, "settings", "--data-dir", str(target), "--area-code", "x", lang="zh")
    assert code == 1 and "默认区号：x 不是有效区号" in err
    with Repository.open(target, readonly=True) as repo:
        assert repo.settings.get().area_code == "0371"  # a refused code changes nothing
