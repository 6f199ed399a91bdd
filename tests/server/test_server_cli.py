"""The command line on a server store: db init/migrate, --store, $DESKCONSOLE_STORE,
a data dir pointed at a server, bundles to and from a desk, one line per refusal."""

from __future__ import annotations

import socket
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from deskconsole.cli import main
from deskconsole.storage import Repository
from deskconsole.storage.postgres import ServerRepository
from deskconsole.storage.postgres.admin import init_database
from deskconsole.storage.postgres.schema import SCHEMA_VERSION, schema_version
from tests.bundle_helpers import set_desk
from tests.factories import make_case, make_resident

AT = datetime(2026, 11, 27, 9, 40)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI; returns (exit code, stdout, stderr)."""
    try:
        main(["--lang", "en", *args])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_db_init_then_migrate_from_the_command_line(
    capsys: pytest.CaptureFixture[str], empty_database: str
) -> None:
    code, out, _ = run(capsys, "db", "init", "--store", empty_database)
    assert code == 0 and f"is ready (schema {SCHEMA_VERSION})" in out
    code, _, err = run(capsys, "db", "init", "--store", empty_database)
    assert code == 1 and "already holds deskconsole tables" in err
    assert len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "db", "migrate", "--store", empty_database)
    assert code == 0 and "is up to date" in out


def test_db_migrate_moves_the_previous_schema_on(
    capsys: pytest.CaptureFixture[str], empty_database: str
) -> None:
    init_database(empty_database, target=SCHEMA_VERSION - 1)
    code, out, _ = run(capsys, "--store", empty_database, "db", "migrate")
    assert code == 0 and f"from schema {SCHEMA_VERSION - 1} to {SCHEMA_VERSION}" in out
    with psycopg.connect(empty_database) as conn:
        assert schema_version(conn) == SCHEMA_VERSION


def test_db_without_a_server_says_how_to_name_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DESKCONSOLE_STORE", raising=False)
    code, _, err = run(capsys, "db", "init", "--data-dir", str(tmp_path / "desk"))
    assert code == 1 and "--store postgresql://" in err


def test_the_environment_names_the_store_every_command_works_on(
    capsys: pytest.CaptureFixture[str],
    database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DESKCONSOLE_STORE", database)
    desk = str(tmp_path / "desk")
    code, _, err = run(capsys, "demo", "--residents", "20", "--cases", "12", "--data-dir", desk)
    assert code == 0, err
    code, out, _ = run(capsys, "check", "--data-dir", desk)
    assert code == 0 and "cases 12" in out and "OK" in out
    assert not (tmp_path / "desk" / "store.json").exists()  # nothing went to the folder
    code, _, err = run(capsys, "backup", "--data-dir", desk)
    assert code == 1 and "pg_dump" in err and len(err.strip().splitlines()) == 1


def test_a_data_dir_pointed_at_a_server_stays_there(
    capsys: pytest.CaptureFixture[str],
    database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DESKCONSOLE_STORE", raising=False)
    desk = tmp_path / "desk"
    code, out, err = run(capsys, "settings", "--server", database, "--data-dir", str(desk))
    assert code == 0, err
    assert "uses the store postgresql://deskconsole@127.0.0.1" in out
    assert (desk / "server.json").stat().st_mode & 0o077 == 0
    code, _, err = run(capsys, "settings", "--desk-code", "XC", "--data-dir", str(desk))
    assert code == 0, err
    with ServerRepository.connect(database, tmp_path / "other", listen=False) as repo:
        assert repo.settings.get().desk_code == "XC"
    code, out, _ = run(capsys, "settings", "--server", "local", "--data-dir", str(desk))
    assert code == 0 and "keeps its own store" in out
    assert not (desk / "server.json").exists()


def test_an_unreachable_server_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"postgresql://desk:pw@127.0.0.1:{port}/street"
    code, _, err = run(capsys, "--store", address, "check", "--data-dir", str(tmp_path))
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert f"127.0.0.1:{port}/street" in err and "pg_isready" in err and "pw" not in err
    code, _, err = run(capsys, "settings", "--server", address, "--data-dir", str(tmp_path))
    assert code == 1 and not (tmp_path / "server.json").exists()


def test_an_offline_desk_exchanges_bundles_with_the_server(
    capsys: pytest.CaptureFixture[str], database: str, tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop"
    with Repository.open(laptop) as repo:
        set_desk(repo, "XC", "幸福社区")
        resident = make_resident(updated_at=AT, created_at=AT)
        repo.residents.save_many([resident], touch=False)
        repo.cases.save_many([make_case("XC-20261127-001", resident_id=resident.id, updated_at=AT)])
    bundle = tmp_path / "out" / "xc.dcb"
    code, _, err = run(capsys, "bundle", "export", "--out", str(bundle), "--data-dir", str(laptop))
    assert code == 0, err
    office = ["--store", database, "--data-dir", str(tmp_path / "office")]
    code, _, err = run(capsys, *office, "settings", "--desk-code", "JD", "--community", "街道")
    assert code == 0, err
    code, _, err = run(capsys, *office, "bundle", "import", str(bundle))
    assert code == 0, err
    with ServerRepository.connect(database, tmp_path / "reader", listen=False) as repo:
        assert repo.cases.get("XC-20261127-001") is not None
        saved = {(row.number, row.updated_at) for row in repo.cases.all()}
    code, _, err = run(capsys, *office, "bundle", "import", str(bundle))
    assert code == 0, err
    with ServerRepository.connect(database, tmp_path / "reader", listen=False) as repo:
        assert {(row.number, row.updated_at) for row in repo.cases.all()} == saved
    # And back: the server's cases reach a desk through a bundle of the server's.
    with ServerRepository.connect(
        database, tmp_path / "office2", staff="街道", listen=False
    ) as repo:
        repo.cases.save(make_case("JD-20261127-001", updated_at=AT))
    back = tmp_path / "out" / "street.dcb"
    code, _, err = run(capsys, *office, "bundle", "export", "--out", str(back))
    assert code == 0, err
    code, _, err = run(capsys, "bundle", "import", str(back), "--data-dir", str(laptop))
    assert code == 0, err
    with Repository.open(laptop, readonly=True) as repo:
        assert repo.cases.get("JD-20261127-001") is not None
