"""Audit records of every act that lets full phone and ID numbers out: who, when, what.

An unmasked register export is recorded by :func:`register.unmasked_export_audit`;
this module records the others: a bundle written, a backup taken by hand, full numbers
shown on the register screen or in a resident's edit form. Each is recorded before the
numbers leave, so a failure to record stops the disclosure.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from deskconsole.domain.bundle_file import Bundle
from deskconsole.models import AuditEntry

BUNDLE_EXPORT = "bundle.export"
BACKUP = "store.backup"
SHOW_UNMASKED = "register.show_unmasked"
EDIT_SHOWN = "resident.edit_shown"


def bundle_export_audit(bundle: Bundle, path: Path, staff: str, at: datetime) -> AuditEntry:
    """A bundle (every full number of its residents) written to ``path``."""
    since = bundle.header.since
    return AuditEntry(
        at=at,
        staff=staff,
        action=BUNDLE_EXPORT,
        target=str(path),
        detail={
            "path": str(path),
            "since": since.isoformat() if since else "",
            "residents": str(len(bundle.residents)),
            "sessions": str(len(bundle.sessions)),
            "cases": str(len(bundle.cases)),
        },
    )


def backup_audit(data_dir: Path, staff: str, at: datetime) -> AuditEntry:
    """A backup (a full copy of the store) taken by hand into the store's backups folder."""
    return AuditEntry(
        at=at, staff=staff, action=BACKUP, target=str(data_dir), detail={"data_dir": str(data_dir)}
    )


def show_unmasked_audit(
    day: date, session_id: str | None, rows: int, staff: str, at: datetime
) -> AuditEntry:
    """Full numbers shown on the register screen for one day (or one session)."""
    return AuditEntry(
        at=at,
        staff=staff,
        action=SHOW_UNMASKED,
        target=day.isoformat(),
        detail={"date": day.isoformat(), "session": session_id or "", "rows": str(rows)},
    )


def edit_shown_audit(resident_id: str, staff: str, at: datetime) -> AuditEntry:
    """A resident's full phone and ID numbers shown in the edit form (to be corrected)."""
    return AuditEntry(
        at=at,
        staff=staff,
        action=EDIT_SHOWN,
        target=resident_id,
        detail={"resident": resident_id},
    )
