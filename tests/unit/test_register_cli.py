"""``deskconsole export`` and ``deskconsole stats``: defaults, errors, the unmasked audit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from deskconsole.cli import main
from deskconsole.storage import Repository
from tests import register_data as data


@pytest.fixture
def store(data_dir: Path) -> Path:
    with Repository.open(data_dir) as repo:
        data.fill(repo)
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in English; returns (exit code, stdout, stderr)."""
    try:
        main(["--lang", "en", "--staff", "颜成玉", *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_defaults_csv_in_the_current_directory(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, out, _ = run(capsys, "export", "--data-dir", str(store), "--date", "2026-11-27")
    assert code == 0
    written = work / "register-JC-2026-11-27.csv"
    assert f"Register written: {written}" in out
    assert "2026-11-27: 5 cases, 6 visitors" in out
    content = written.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert "138****8000" in content.decode("utf-8-sig")


def test_default_date_is_today(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, "export", "--data-dir", str(store), "--format", "json")
    assert code == 0
    today = date.today().isoformat()
    written = json.loads((tmp_path / f"register-JC-{today}.json").read_text("utf-8"))
    assert written["header"]["date"] == today


def test_out_file_and_folder(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "page.html"
    code, out, _ = run(
        capsys, "export", "--data-dir", str(store), "--date", "2026-11-27", "--format", "html",
        "--out", str(target),
    )  # fmt: skip
    assert code == 0 and target.exists() and str(target) in out
    folder = tmp_path / "folder"
    folder.mkdir()
    code, _, _ = run(
        capsys, "export", "--data-dir", str(store), "--date", "2026-11-27", "--format", "xlsx",
        "--out", str(folder), "--session", "金域华府",
    )  # fmt: skip
    assert code == 0
    assert [p.name for p in folder.iterdir()] == ["register-JC-2026-11-27-5e55104a.xlsx"]


@pytest.mark.parametrize("day", ["2026/11/27", "2026年11月27日", "２０２６－１１－２７"])
def test_the_date_is_read_as_every_date_field_reads_it(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    target = tmp_path / "r.json"
    code, out, _ = run(
        capsys, "export", "--data-dir", str(store), "--date", day, "--format", "json",
        "--out", str(target),
    )  # fmt: skip
    assert code == 0 and "2026-11-27" in out and target.exists()


def test_a_day_without_cases_exports_a_register_that_says_so(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "empty.html"
    code, out, _ = run(
        capsys, "export", "--data-dir", str(store), "--date", "2026-11-28", "--format", "html",
        "--out", str(target),
    )  # fmt: skip
    assert code == 0
    assert "No cases were taken on 2026-11-28." in out
    assert "2026-11-28 没有受理诉求。" in target.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "27/11/2026"], "is not a date; use YYYY-MM-DD"),
        (["--date", "2026-02-30"], "is not a date"),
        (["--format", "pdf"], "'pdf' is not one of"),
    ],
)
def test_bad_date_or_format_is_a_usage_error(
    store: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "export", "--data-dir", str(store), *args)
    assert code == 2
    assert message in err


def test_unknown_session_is_a_clear_error(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "export", "--data-dir", str(store), "--date", "2026-11-27", "--session", "翠湖小区"
    )
    assert code == 1
    assert "no desk session 翠湖小区 on 2026-11-27" in err
    assert "5e55104a 金域华府" in err


def test_missing_store_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "--data-dir", str(tmp_path / "nothing"))
    assert code == 1
    assert "There is no store in" in err


def test_export_works_beside_a_running_console(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Repository.open(store):  # holds the writer lock like a running console
        code, _, _ = run(
            capsys, "export", "--data-dir", str(store), "--date", "2026-11-27",
            "--out", str(tmp_path / "r.csv"),
        )  # fmt: skip
        assert code == 0
        code, out, _ = run(capsys, "stats", "--data-dir", str(store), "--to", "2026-11-27")
        assert code == 0
    assert (tmp_path / "r.csv").exists()
    assert "6 cases taken" in out  # 5 on 11-27 and one on 11-26


def test_unmasked_writes_full_numbers_and_records_an_audit_entry(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "full.csv"
    code, out, _ = run(
        capsys, "export", "--data-dir", str(store), "--date", "2026-11-27", "--unmasked",
        "--out", str(target),
    )  # fmt: skip
    assert code == 0
    assert "Recorded in the audit log: unmasked export by 颜成玉." in out
    assert f"Register written: {target}" in out  # "full" in the name: kept as given
    text = target.read_text("utf-8-sig")
    assert data.JIANG_PHONE in text and data.JIANG_ID in text
    with Repository.open(store, readonly=True) as repo:
        entries = repo.audit.all()
    assert len(entries) == 1
    entry = entries[0]
    assert entry.staff == "颜成玉"
    assert entry.action == "register.export_unmasked"
    assert entry.detail["date"] == "2026-11-27"
    assert entry.detail["format"] == "csv"
    assert entry.detail["path"] == str(target)


def test_masked_export_records_nothing(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "export", "--data-dir", str(store), "--out", str(tmp_path / "m.csv"))
    with Repository.open(store, readonly=True) as repo:
        assert repo.audit.all() == []


def test_unmasked_refuses_while_a_console_holds_the_store(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "full.csv"
    with Repository.open(store) as console:
        code, _, err = run(
            capsys, "export", "--data-dir", str(store), "--unmasked", "--out", str(target)
        )
        assert console.audit.all() == []
    assert code == 1
    assert "is in use by pid" in err
    assert "Export unmasked from inside the console (F5, then u)" in err
    assert not target.exists()


def test_stats_prints_figures_and_a_weekly_chart(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "stats", "--data-dir", str(store), "--from", "2026-11-20", "--to", "2026-11-27"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "2026-11-20 to 2026-11-27: 7 visits, 6 cases taken, 1 solved (1 on the spot)."
    )
    assert any(line.startswith("Cases taken") and line.endswith(" 6") for line in lines)
    assert "By responsible party" in lines
    assert "  2026-11-20   0" in lines  # the partial first week
    assert any(line.startswith("  2026-11-23  ###") and line.endswith(" 6") for line in lines)


def test_stats_range_errors(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "stats", "--data-dir", str(store), "--from", "2026-11-28", "--to", "2026-11-27"
    )
    assert code == 2
    assert "--from 2026-11-28 is after --to 2026-11-27" in err
    code, _, err = run(capsys, "stats", "--data-dir", str(store), "--from", "someday")
    assert code == 2
    assert "'someday' is not a date" in err


def test_an_unmasked_export_never_replaces_the_masked_file(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "day.csv"
    args = ("export", "--data-dir", str(store), "--date", "2026-11-27", "--out", str(target))
    assert run(capsys, *args)[0] == 0
    code, out, _ = run(capsys, *args, "--unmasked")
    assert code == 0
    full = tmp_path / "day-full.csv"
    assert f"Register written: {full}" in out
    assert data.JIANG_ID not in target.read_text("utf-8-sig")
    assert data.JIANG_ID in full.read_text("utf-8-sig")
    with Repository.open(store, readonly=True) as repo:
        assert [e.detail["path"] for e in repo.audit.all()] == [str(full)]
