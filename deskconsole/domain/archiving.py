"""Cases that ended long ago leave the live store for the yearly archive files beside it
(``Settings.archive_after_days``; :mod:`deskconsole.storage.case_archive` does the move,
safely, and every read by number, resident, day or period still finds them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from deskconsole.models import ENDED_STATES, CaseState, Settings
from deskconsole.storage import RepositoryAPI
from deskconsole.storage.case_archive import last_change

#: The states a case is archived in: closed, or ended without handling.
ARCHIVED_STATES = (CaseState.CLOSED, *sorted(ENDED_STATES))
_STATES = frozenset(state.value for state in ARCHIVED_STATES)


@dataclass(frozen=True)
class ArchiveRun:
    """What one run did, and what the archive holds after it."""

    moved: int
    tidied: int
    archived: int
    years: list[str]


def archive_cutoff(settings: Settings, now: datetime) -> str | None:
    """Cases that last changed before this time are due (``None``: archiving is off)."""
    days = settings.archive_after_days
    return (now - timedelta(days=days)).isoformat() if days > 0 else None


def is_due(doc: Mapping[str, Any], before: str | None) -> bool:
    """True when the case document ``doc`` is to be archived by the cutoff ``before``."""
    return before is not None and doc["state"] in _STATES and last_change(doc) < before


def archive_due(repo: RepositoryAPI, now: datetime) -> ArchiveRun:
    """Move the cases closed or ended ``archive_after_days`` ago or more, and drop the
    copies of cases brought back live since (raises ``StoreError`` when a file cannot be
    read or written: nothing moved is lost)."""
    before = archive_cutoff(repo.settings.get(), now)
    moved = 0
    if before is not None:
        moved = repo.cases.archive_ended(ARCHIVED_STATES, before)
    tidied = repo.cases.archive.tidy()
    archive = repo.cases.archive
    return ArchiveRun(moved, tidied, archive.count(), archive.years())
