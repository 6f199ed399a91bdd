"""Retention: residents whose personal data is no longer needed, and their purge.

A resident is due when the store's rule (``Settings.retention_years``, 3 by default;
0 turns it off) says so: no open case, and neither the record nor any of their cases
changed within that many years. :func:`purge` de-identifies them all in one batch
(:func:`deskconsole.domain.erasure.erase_many`), one audit entry each. The console
looks once a month and says how many are due (:func:`monthly_reminder`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from deskconsole.domain.erasure import Erased, erase_many, is_erased
from deskconsole.domain.privacy_settings import update_privacy
from deskconsole.models import OPEN_STATES, Resident
from deskconsole.storage import RepositoryAPI

AUDIT_ACTION = "person.purge"
REMIND_EVERY = timedelta(days=30)
_OPEN = frozenset(state.value for state in OPEN_STATES)


def cutoff(today: date, years: int) -> date:
    """The day ``years`` years before ``today`` (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def due_residents(repo: RepositoryAPI, today: date) -> list[Resident]:
    """Residents the retention rule says to de-identify, by name."""
    years = repo.settings.get().retention_years
    if years <= 0:
        return []
    limit = cutoff(today, years).isoformat()
    last: dict[str, str] = {}
    open_ones: set[str] = set()
    for doc in repo.cases.docs():
        resident_id = doc.get("resident_id")
        if not resident_id:
            continue
        if doc["state"] in _OPEN:
            open_ones.add(resident_id)
        stamps = [doc["intake_at"], doc.get("updated_at") or ""]
        stamps += [event["at"] for event in doc["events"]]
        last[resident_id] = max([last.get(resident_id, ""), *stamps])
    for _, (resident_id, _session, _staff, changed, _state) in repo.cases.archive.entries():
        if resident_id:  # archived cases are never open; their last change is kept
            last[resident_id] = max(last.get(resident_id, ""), changed)
    due = [
        Resident.model_validate(doc)
        for doc in repo.residents.docs()
        if doc["id"] not in open_ones
        and not is_erased(doc)
        and max(str(doc.get("updated_at") or ""), last.get(doc["id"], "")) < limit
    ]
    return sorted(due, key=lambda r: (r.name, r.id))


def purge(
    repo: RepositoryAPI, residents: list[Resident], reason: str, *, staff: str, now: datetime
) -> list[Erased]:
    """De-identify ``residents`` in one batch."""
    ids = [r.id for r in residents]
    return erase_many(repo, ids, reason, staff=staff, now=now, action=AUDIT_ACTION) if ids else []


def monthly_reminder(repo: RepositoryAPI, today: date) -> int:
    """How many residents are due, to say so, once a month: the look is recorded even
    when none are, so a store with nobody due is not scanned again at every start."""
    reminded = repo.settings.get().retention_reminded
    if reminded is not None and today - reminded < REMIND_EVERY:
        return 0
    count = len(due_residents(repo, today))
    update_privacy(repo, reminded=today)
    return count
