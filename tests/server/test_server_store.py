"""The server store's own promises: schema versions, one clear line per failure,
saves refused rather than overwriting, unique numbers under concurrent intake."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import psycopg
import pytest

from deskconsole.storage import Change, Op
from deskconsole.storage.postgres import (
    ServerError,
    ServerLostError,
    ServerRepository,
    StoreConflictError,
)
from deskconsole.storage.postgres.admin import init_database, migrate_database
from deskconsole.storage.postgres.schema import SCHEMA_VERSION, schema_version
from tests.conftest import FIXED_NOW
from tests.factories import make_case
from tests.postgres import PostgresServer

DAY = date(2026, 11, 27)
Console = Callable[..., ServerRepository]


def _schema(address: str) -> int | None:
    with psycopg.connect(address, autocommit=True) as conn:
        return schema_version(conn)


def test_db_init_sets_up_an_empty_database_once(empty_database: str) -> None:
    assert _schema(empty_database) is None
    assert init_database(empty_database) == SCHEMA_VERSION
    assert _schema(empty_database) == SCHEMA_VERSION
    with pytest.raises(ServerError, match="already holds deskconsole tables"):
        init_database(empty_database)


def test_db_migrate_brings_the_previous_schema_up_keeping_every_document(
    empty_database: str, tmp_path: Path
) -> None:
    init_database(empty_database, target=SCHEMA_VERSION - 1)
    case = make_case(updated_at=FIXED_NOW)
    with psycopg.connect(empty_database, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO documents (tbl, key, doc) VALUES ('cases', %s, %s)",
            (case.number, psycopg.types.json.Jsonb(case.model_dump(mode="json"))),
        )
    with pytest.raises(ServerError, match="db migrate"):
        ServerRepository.connect(empty_database, tmp_path)
    assert migrate_database(empty_database) == (SCHEMA_VERSION - 1, SCHEMA_VERSION)
    assert migrate_database(empty_database) == (SCHEMA_VERSION, SCHEMA_VERSION)
    with psycopg.connect(empty_database, autocommit=True) as conn:
        indexes = {row[0] for row in conn.execute("SELECT indexname FROM pg_indexes")}
    assert {"documents_case_desk", "documents_case_state"} <= indexes
    with ServerRepository.connect(empty_database, tmp_path, listen=False) as repo:
        assert repo.cases.get(case.number) == case


def test_a_database_without_tables_or_of_a_newer_program_is_refused(
    empty_database: str, tmp_path: Path
) -> None:
    with pytest.raises(ServerError, match="db init --store"):
        ServerRepository.connect(empty_database, tmp_path)
    with pytest.raises(ServerError, match="db init"):
        migrate_database(empty_database)
    init_database(empty_database)
    with psycopg.connect(empty_database, autocommit=True) as conn:
        conn.execute("UPDATE deskconsole_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(ServerError, match="newer deskconsole") as refused:
        ServerRepository.connect(empty_database, tmp_path)
    assert "\n" not in str(refused.value)


def test_a_server_that_is_down_is_named_with_how_to_check_it(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ServerError) as refused:
        ServerRepository.connect(f"postgresql://desk:secret@127.0.0.1:{port}/street", tmp_path)
    line = str(refused.value)
    assert f"postgresql://desk@127.0.0.1:{port}/street" in line
    assert f"pg_isready -h 127.0.0.1 -p {port}" in line
    assert "secret" not in line and "\n" not in line


def test_wrong_credentials_and_a_missing_database_get_one_line_each(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    with pytest.raises(ServerError, match="refused the login"):
        ServerRepository.connect(
            f"postgresql://nobody@127.0.0.1:{postgres.port}/postgres", tmp_path
        )
    with pytest.raises(ServerError, match="createdb street"):
        ServerRepository.connect(postgres.url("street"), tmp_path)


def test_saves_wait_for_the_servers_disk(console: Console) -> None:
    repo = console()
    assert repo.store._writer().execute("SHOW synchronous_commit").fetchone() == ("on",)


def test_a_change_made_meanwhile_is_refused_with_who_and_when(console: Console) -> None:
    first = console("颜成玉")
    second = console("李娜", listen=False)  # has not heard the first console's save yet
    first.cases.save(make_case())
    second.store.reload()
    stale = second.cases.get(make_case().number)
    assert stale is not None
    theirs = first.cases.save(stale.model_copy(update={"outcome": "已联系物业"}))
    heard: list[Change] = []
    second.subscribe(heard.append)
    with pytest.raises(StoreConflictError) as refused:
        second.cases.save(stale.model_copy(update={"outcome": "我的结果"}))
    line = str(refused.value)
    assert "JC-20261127-001" in line and "颜成玉" in line
    assert FIXED_NOW.strftime("%Y-%m-%d %H:%M") in line
    # Nothing was overwritten, and the second console now shows their change.
    assert second.cases.get(theirs.number) == theirs
    assert [change.keys for change in heard] == [{"cases": frozenset({theirs.number})}]
    second.store.reload()
    assert second.cases.get(theirs.number) == theirs
    # Made again on the case as it now is, the change lands.
    second.cases.save(theirs.model_copy(update={"reply": "已答复"}))
    assert first.store.reload() is None and first.cases.get(theirs.number).reply == "已答复"  # type: ignore[union-attr]


def test_a_refused_batch_writes_nothing_of_it(console: Console) -> None:
    first = console("颜成玉")
    second = console("李娜", listen=False)
    first.cases.save(make_case("JC-20261127-001"))
    second.store.reload()
    first.cases.save(make_case("JC-20261127-001", outcome="先到"))
    with pytest.raises(StoreConflictError):
        second.commit(
            [
                Op(
                    "cases", "JC-20261127-002", make_case("JC-20261127-002").model_dump(mode="json")
                ),
                Op(
                    "cases", "JC-20261127-001", make_case("JC-20261127-001").model_dump(mode="json")
                ),
            ]
        )
    first.store.reload()
    assert first.cases.get("JC-20261127-002") is None
    assert second.cases.get("JC-20261127-002") is None
    assert first.cases.get("JC-20261127-001").outcome == "先到"  # type: ignore[union-attr]


def test_eight_consoles_taking_cases_at_once_get_unique_numbers(console: Console) -> None:
    consoles = [console(f"clerk{n}", listen=False) for n in range(8)]
    start = threading.Barrier(len(consoles))
    made: list[str] = []
    failures: list[BaseException] = []

    def intake(repo: ServerRepository) -> None:
        try:
            start.wait()
            for _ in range(6):
                made.append(repo.cases.add("JC", DAY, lambda number: make_case(number)).number)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=intake, args=(repo,)) for repo in consoles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(made) == [f"JC-20261127-{n:03d}" for n in range(1, 49)]
    consoles[0].store.reload()
    assert consoles[0].cases.count() == 48


def test_a_lost_connection_fails_the_save_and_the_next_one_succeeds(
    console: Console, postgres: PostgresServer
) -> None:
    repo = console()
    repo.cases.save(make_case("JC-20261127-001"))
    pid = repo.store._writer().info.backend_pid
    with psycopg.connect(repo.store.address, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(ServerLostError) as lost:
        repo.cases.save(make_case("JC-20261127-002"))
    assert "Nothing was saved" in str(lost.value) and "\n" not in str(lost.value)
    assert repo.cases.get("JC-20261127-002") is None
    repo.cases.save(make_case("JC-20261127-002"))
    repo.store.reload()
    assert repo.cases.count() == 2
