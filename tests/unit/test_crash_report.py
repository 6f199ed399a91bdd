"""No personal numbers in errors: masked reprs, silent validation errors, masked crash reports."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError
from rich.console import Console

from deskconsole.crash import mask_numbers
from deskconsole.models import Case, Resident
from deskconsole.storage import Op, Repository
from tests import register_data as data
from tests.factories import make_resident

ROOT = Path(__file__).resolve().parents[2]
BAD_ID = "370705199001011235"  # the check digit does not match
PHONE = "13912345678"
LANDLINE = "0536-8881234"


def test_mask_numbers_in_free_text() -> None:
    text = f"id={data.JIANG_ID} bad {BAD_ID}; phone {PHONE}, home {LANDLINE}; line 1234 at 0x7f00"
    masked = mask_numbers(text)
    assert masked == (
        "id=370705********1233 bad 370705********1235; phone 139****5678, "
        "home 0536-***1234; line 1234 at 0x7f00"
    )


def test_resident_and_case_reprs_mask_the_numbers() -> None:
    resident = make_resident(phones=[PHONE, LANDLINE], id_number=data.JIANG_ID)
    for text in (repr(resident), str(resident), f"{resident!r}"):
        assert PHONE not in text and data.JIANG_ID not in text and "8881234" not in text
        assert "139****5678" in text and "370705********1233" in text
    assert resident.phones == [PHONE, LANDLINE]  # the values themselves are whole
    case = Case.model_validate(
        {
            "number": "JC-20261127-001",
            "desk_code": "JC",
            "intake_at": "2026-11-27T10:00",
            "request_type": "help",
            "category": "property",
            "description": "x",
            "contact_phone": PHONE,
        }
    )
    assert PHONE not in repr(case) and "139****5678" in repr(case)


def test_a_validation_error_does_not_echo_the_record() -> None:
    doc = make_resident(phones=[PHONE]).model_dump(mode="json") | {"id_number": BAD_ID}
    with pytest.raises(ValidationError) as caught:
        Resident.model_validate(doc)
    text = str(caught.value) + repr(caught.value)
    assert "check digit" in text
    assert BAD_ID not in text and PHONE not in text


def _store_with_a_bad_id(data_dir: Path) -> str:
    """A store holding a resident whose stored ID number fails validation."""
    with Repository.open(data_dir) as repo:
        data.fill(repo)
        case = repo.cases.get("JC-20261127-001")
        assert case is not None and case.resident_id
        doc = repo.residents.get(case.resident_id).model_dump(mode="json")  # type: ignore[union-attr]
        doc |= {"id_number": BAD_ID, "phones": [PHONE]}
        repo.store.commit([Op("residents", doc["id"], doc)])
        return str(doc["id"])


def _crash_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "crashes").glob("crash-*.txt"))


def test_export_of_a_damaged_resident_prints_one_line_and_a_masked_report(
    data_dir: Path, tmp_path: Path
) -> None:
    _store_with_a_bad_id(data_dir)
    done = subprocess.run(
        [
            sys.executable, "-m", "deskconsole", "--lang", "en", "export", "--unmasked",
            "--date", "2026-11-27", "--out", str(tmp_path / "r.csv"), "--data-dir", str(data_dir),
        ],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    [report] = _crash_files(data_dir)
    assert str(report) in line and "personal numbers masked" in line
    text = report.read_text("utf-8")
    assert "ValidationError" in text or "check digit" in text
    for secret in (BAD_ID, PHONE, data.JIANG_ID):
        assert secret not in done.stdout + done.stderr + text
    assert report.stat().st_mode & 0o777 == 0o600
    assert report.parent.stat().st_mode & 0o777 == 0o700


def test_an_uncaught_error_anywhere_goes_through_the_hook(tmp_path: Path) -> None:
    code = (
        "from pathlib import Path; from deskconsole import crash; crash.install(); "
        f"crash.set_crash_dir(Path({str(tmp_path)!r})); "
        f"raise RuntimeError('resident {PHONE} {data.JIANG_ID}')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    [report] = _crash_files(tmp_path)
    assert str(report) in line
    text = report.read_text("utf-8")
    assert "RuntimeError: resident 139****5678 370705********1233" in text
    assert PHONE not in text and data.JIANG_ID not in text


def test_without_a_writable_data_dir_the_report_goes_to_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskconsole import crash

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    os.makedirs(tmp_path / "tmp")
    line = crash.report(ValueError(PHONE), blocked / "crashes")
    [report] = (tmp_path / "tmp").glob("crash-*.txt")
    assert str(report) in line and PHONE not in report.read_text("utf-8")


async def test_the_console_shows_one_line_and_writes_a_masked_report(repo: Repository) -> None:
    from tests.ui.helpers import make_app

    bad_id = _store_with_a_bad_id_in(repo)
    app = make_app(repo)
    printed = io.StringIO()
    app.error_console = Console(file=printed, width=300)
    with pytest.raises(ValidationError):
        async with app.run_test(size=(120, 40)) as pilot:
            app.call_later(repo.residents.get, bad_id)  # any screen reading the record
            await pilot.pause()
            await pilot.pause()
    assert app.crash_line is not None
    [report] = _crash_files(repo.data_dir)
    assert str(report) in app.crash_line
    shown = printed.getvalue()
    assert "Traceback" not in shown and str(report) in shown
    text = report.read_text("utf-8")
    for secret in (BAD_ID, PHONE):
        assert secret not in text and secret not in shown
    assert report.stat().st_mode & 0o777 == 0o600


def _store_with_a_bad_id_in(repo: Repository) -> str:
    resident = make_resident(phones=[PHONE])
    repo.residents.save(resident)
    doc = resident.model_dump(mode="json") | {"id_number": BAD_ID}
    repo.store.commit([Op("residents", resident.id, doc)])
    return resident.id


def test_holders_of_records_leave_the_numbers_out_of_their_repr(tmp_path: Path) -> None:
    from deskconsole.domain.bundle import collect
    from deskconsole.domain.register import build_register
    from tests.conftest import FIXED_NOW

    with Repository.open(tmp_path / "s") as repo:
        data.fill(repo)
        register = build_register(repo, FIXED_NOW.date(), None, masked=False)
        bundle = collect(repo, None, FIXED_NOW)
    assert register.rows and register.rows[0].id_number == data.JIANG_ID
    assert bundle.residents
    for text in (repr(register.rows), repr(bundle)):
        assert data.JIANG_ID not in text and data.JIANG_PHONE not in text
