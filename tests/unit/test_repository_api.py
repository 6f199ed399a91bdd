"""The repository interface: transactions, and no caller reaching into the store."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

from deskconsole.storage import Op, Repository
from deskconsole.storage.api import RepositoryAPI
from tests.factories import make_case

PACKAGE = Path(__file__).resolve().parents[2] / "deskconsole"


def test_a_transaction_commits_its_ops_as_one_batch(repo: Repository) -> None:
    heard = []
    repo.subscribe(heard.append)
    with repo.transaction() as tx:
        for n in (1, 2):
            case = make_case(f"JC-20261127-00{n}")
            tx.add(Op("cases", case.number, case.model_dump(mode="json")))
        assert repo.cases.count() == 0  # nothing before the block ends
    assert repo.cases.count() == 2
    assert len(heard) == 1 and heard[0].keys == {
        "cases": frozenset({"JC-20261127-001", "JC-20261127-002"})
    }


def test_a_failed_transaction_writes_nothing(repo: Repository) -> None:
    case = make_case()
    with pytest.raises(RuntimeError), repo.transaction() as tx:
        tx.add(Op("cases", case.number, case.model_dump(mode="json")))
        raise RuntimeError("changed my mind")
    assert repo.cases.count() == 0


def test_no_other_thread_writes_inside_a_transaction(repo: Repository) -> None:
    could_write: list[bool] = []

    def other() -> None:  # a save would first need the store's lock
        got = repo.store.lock.acquire(blocking=False)
        could_write.append(got)
        if got:
            repo.store.lock.release()

    with repo.transaction():
        thread = threading.Thread(target=other)
        thread.start()
        thread.join(10)
    assert could_write == [False]
    other()
    assert could_write == [False, True]


def test_the_repository_implements_the_interface(repo: Repository) -> None:
    api: RepositoryAPI = repo
    assert api.is_empty and api.now() == repo.store.now()


def _store_reaches(tree: ast.AST) -> list[int]:
    """Lines where ``<...>repo.store`` is used."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "store":
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name.endswith("repo"):
                found.append(node.lineno)
    return found


def test_nothing_outside_storage_reaches_into_the_store() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "storage" in path.relative_to(PACKAGE).parts:
            continue
        for line in _store_reaches(ast.parse(path.read_text("utf-8"))):
            offenders.append(f"{path.relative_to(PACKAGE)}:{line}")
    assert offenders == []
