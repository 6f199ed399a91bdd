"""``deskconsole check``: read a store without changing it and report on its health."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from deskconsole.models import (
    AuditEntry,
    Case,
    DeskSession,
    Erasure,
    Resident,
    Settings,
    describe,
)
from deskconsole.storage.backup import BackupInfo, newest_good_backup
from deskconsole.storage.erasures import TABLE as ERASURES
from deskconsole.storage.erasures import read_ledger
from deskconsole.storage.errors import StoreError
from deskconsole.storage.lock import lock_holder
from deskconsole.storage.store import Store

MODELS: dict[str, type[BaseModel]] = {
    "residents": Resident,
    "cases": Case,
    "sessions": DeskSession,
    "audit": AuditEntry,
    ERASURES: Erasure,
}


@dataclass
class CheckReport:
    """What ``check`` found."""

    data_dir: Path
    counts: dict[str, int] = field(default_factory=dict)
    replayed: int = 0
    torn_tail: bool = False
    invalid: list[str] = field(default_factory=list)
    error: StoreError | None = None
    lock_holder: str | None = None
    backup: BackupInfo | None = None
    #: Erasures in the ledger (``erasures.jsonl``) and those the store does not hold yet
    #: (a notice, not damage: the console and ``restore`` apply them again).
    ledger_entries: int = 0
    ledger_pending: list[str] = field(default_factory=list)
    ledger_torn: bool = False

    @property
    def ok(self) -> bool:
        """True when the store opens and every document is valid."""
        return self.error is None and not self.invalid


def check_store(data_dir: Path) -> CheckReport:
    """Open the store read-only, validate every document, and look at the backups."""
    report = CheckReport(data_dir)
    report.lock_holder = lock_holder(data_dir)
    report.backup = newest_good_backup(data_dir)
    try:
        store = Store.open(data_dir, readonly=True)
    except StoreError as error:
        report.error = error
        return report
    report.replayed = store.replayed
    report.torn_tail = store.torn_tail
    for name, docs in sorted(store.db.dump().items()):
        report.counts[name] = len(docs)
        model = MODELS.get(name)
        for key, doc in docs.items():
            try:
                if model is not None:
                    instance = model.model_validate(doc)
                    expected = (
                        getattr(instance, "number", None)
                        or getattr(instance, "resident_id", None)
                        or getattr(instance, "id", key)
                    )
                    if expected != key:
                        report.invalid.append(f"{name}/{key}: stored under the wrong key")
                elif name == "meta" and key == "settings":
                    Settings.model_validate(doc)
            except ValidationError as error:
                detail = describe(error).replace("\n", "; ")
                report.invalid.append(f"{name}/{key}: {detail}")
    _check_ledger(report, store.db.dump().get(ERASURES, {}))
    return report


def _check_ledger(report: CheckReport, stored: dict[str, dict[str, Any]]) -> None:
    """Every erasure of the ledger must be in the store, covering at least its ids."""
    ledger = read_ledger(report.data_dir)
    report.ledger_entries = len(ledger.erasures)
    report.ledger_torn = ledger.torn_tail
    for number in ledger.bad_lines:
        report.invalid.append(f"erasures.jsonl line {number}: unreadable")
    for resident_id, erasure in sorted(ledger.erasures.items()):
        doc = stored.get(resident_id)
        ids = {doc.get("resident_id"), *doc.get("other_ids", [])} if doc else set()
        if not erasure.ids <= ids:
            report.ledger_pending.append(resident_id)
