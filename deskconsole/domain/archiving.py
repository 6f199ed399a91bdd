"""Cases that ended long ago leave the live store for the yearly archive files beside it
(``Settings.archive_after_days``; :mod:`deskconsole.storage.case_archive` does the move,
safely, and every read by number, resident, day or period still finds them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from deskconsole.models import ENDED_STATES, CaseState
from deskconsole.storage import RepositoryAPI

#: The states a case is archived in: closed, or ended without handling.
ARCHIVED_STATES = (CaseState.CLOSED, *sorted(ENDED_STATES))


@dataclass(frozen=True)
class ArchiveRun:
    """What one run did, and what the archive holds after it."""

    moved: int
    tidied: int
    archived: int
    years: list[str]


def archive_due(repo: RepositoryAPI, now: datetime) -> ArchiveRun:
    """Move the cases closed or ended ``archive_after_days`` ago or more, and drop the
    copies of cases brought back live since (raises ``StoreError`` when a file cannot be
    read or written: nothing moved is lost)."""
    days = repo.settings.get().archive_after_days
    moved = 0
    if days > 0:
        before = (now - timedelta(days=days)).isoformat()
        moved = repo.cases.archive_ended(ARCHIVED_STATES, before)
    tidied = repo.cases.archive.tidy()
    archive = repo.cases.archive
    return ArchiveRun(moved, tidied, archive.count(), archive.years())
