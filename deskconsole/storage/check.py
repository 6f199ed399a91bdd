"""``deskconsole check``: read a store without changing it and report on its health."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from deskconsole.i18n import t
from deskconsole.models import (
    AuditEntry,
    Case,
    DeskSession,
    Erasure,
    Resident,
    Settings,
    describe,
)
from deskconsole.storage.archive_files import ARCHIVE_DIR, read_year, year_path
from deskconsole.storage.backup import BackupInfo, newest_good_backup
from deskconsole.storage.case_archive import MANIFEST, archived_numbers
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
        if name != MANIFEST:  # what it lists is counted as the archived cases
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
    _check_archive(report, store.db.dump())
    return report


def _check_archive(report: CheckReport, tables: Mapping[str, Mapping[str, Any]]) -> None:
    """Every case the manifest lists must be in its year's file, valid, and not live."""
    listed = archived_numbers(tables)
    if not listed:
        return
    report.counts["cases archived"] = sum(len(numbers) for numbers in listed.values())
    live = tables.get("cases", {})
    for year, numbers in sorted(listed.items()):
        path = year_path(report.data_dir, year)
        shown = f"{ARCHIVE_DIR}/{path.name}"
        try:
            checked = read_year(path)
        except (StoreError, OSError) as error:
            report.invalid.append(f"{shown}: {getattr(error, 'detail', None) or error}")
            continue
        if checked is None:
            report.invalid.append(f"{shown}: {t('damage.archive_missing', count=len(numbers))}")
            continue
        docs = checked.docs()
        missing = [number for number in numbers if number not in docs]
        if missing:
            report.invalid.append(f"{shown}: {t('damage.archive_missing', count=len(missing))}")
        for number in sorted(set(numbers) & set(live)):
            report.invalid.append(f"{shown}/{number}: archived and live at once")
        for number in sorted(set(numbers) & set(docs)):
            _validate(report, f"{shown}/{number}", Case, docs[number], number)


def _validate(report: CheckReport, where: str, model: type[BaseModel], doc: Any, key: str) -> None:
    try:
        instance = model.model_validate(doc)
    except ValidationError as error:
        report.invalid.append(f"{where}: {describe(error)}".replace("\n", "; "))
        return
    if getattr(instance, "number", key) != key:
        report.invalid.append(f"{where}: stored under the wrong key")


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
