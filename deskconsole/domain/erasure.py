"""Erasing a person (删除个人信息): their personal data removed for good, everywhere.

:func:`erase` removes a resident's name, gender, phones, ID number, address and notes,
and from each of their cases the contact fields and every free text (description,
location, outcome, reply, the notes and texts of the timeline). Case numbers,
request types, categories, dates, states, parties and satisfaction stay, so the
register and the statistics still count the case, under "已删除的居民".

The erased forms are pure functions of the record and its :class:`Erasure`, so two
desks that erase, merge and erase again in any order hold the very same documents.
Bundles carry the tombstones (:func:`plan_bundle_erasures`), and
:func:`replay_ledger` puts every erasure of the ledger back after a restore.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from deskconsole.domain.timeline import KEPT_VALUE, OTHER_VALUE
from deskconsole.errors import DeskError
from deskconsole.models import ERASED_NAME, ERASED_TEXT, AuditEntry, Case, Erasure, Resident
from deskconsole.storage import Op, RepositoryAPI, StoreError
from deskconsole.storage import cases as case_ops
from deskconsole.storage import erasures as erasure_store
from deskconsole.storage import residents as resident_ops
from deskconsole.storage.sessions import audit_op

AUDIT_ACTION = "person.erase"

#: Case fields that hold what a person typed about the resident; wiped on erasure.
PERSONAL_CASE_FIELDS = (
    "contact_name",
    "contact_phone",
    "location",
    "outcome",
    "reply",
    "end_reason",
    "redirect_to",
)
#: Event data that is free text, whatever the event.
_FREE_DATA = ("reply", "redirect_to")
_WIPED_FIELDS = frozenset((*PERSONAL_CASE_FIELDS, "description"))


class ErasureRefused(DeskError):
    """An erasure that cannot be done (no reason given, no such resident)."""


@dataclass(frozen=True)
class Erased:
    """What one erasure changed."""

    erasure: Erasure
    cases: int


# -- the erased forms ---------------------------------------------------------------------


def is_erased(doc: Mapping[str, Any]) -> bool:
    """True for a resident document that holds no personal data any more."""
    return doc.get("name") == ERASED_NAME and not (
        doc.get("phones") or doc.get("id_number") or doc.get("notes")
    )


def erased_resident(resident_id: str, erasure: Erasure) -> Resident:
    """The resident record left after ``erasure``: an id and a time, nothing personal."""
    return Resident(id=resident_id, name=ERASED_NAME, created_at=erasure.at, updated_at=erasure.at)


def erased_over(
    docs: Iterable[Mapping[str, Any]], ledger: Mapping[str, Erasure]
) -> list[Mapping[str, Any]]:
    """``docs`` with every resident an erasure of ``ledger`` (by resident id) covers in
    the erased form: what replaying the ledger leaves of them."""
    covered = {rid: erasure for erasure in ledger.values() for rid in erasure.ids}
    return [
        doc
        if (erasure := covered.get(str(doc.get("id")))) is None
        else erased_resident(str(doc["id"]), erasure).model_dump(mode="json")
        for doc in docs
    ]


def _erased_data(kind: str, data: Mapping[str, str]) -> dict[str, str]:
    named = {name.strip() for name in data.get("field", "").split(",")}
    personal = bool(named & _WIPED_FIELDS)
    out: dict[str, str] = {}
    for key, value in data.items():
        if key in _FREE_DATA:
            value = ""
        elif personal and key in (KEPT_VALUE, OTHER_VALUE):
            value = "null"
        elif personal and key in ("kept", "other", "from", "to"):
            value = ""
        out[key] = value
    return out


def erased_case(case: Case, erasure: Erasure) -> Case:
    """``case`` with everything personal wiped (idempotent)."""
    data = case.model_dump(mode="json")
    for name in PERSONAL_CASE_FIELDS:
        data[name] = ""
    data["description"] = ERASED_TEXT
    data["events"] = [
        {**event, "note": "", "data": _erased_data(event["kind"], event["data"])}
        for event in data["events"]
    ]
    data["updated_at"] = max(case.updated_at, erasure.at).isoformat()
    return Case.model_validate(data)


def erasure_ops(repo: RepositoryAPI, covered: Mapping[str, Erasure]) -> list[Op]:
    """The ops that put every resident in ``covered`` (id -> erasure) and their cases
    into the erased form, for those not in it already."""
    ops: list[Op] = []
    for resident_id, erasure in sorted(covered.items()):
        doc = repo.residents.doc(resident_id)
        if doc is not None:
            erased = erased_resident(resident_id, erasure)
            if Resident.model_validate(doc).model_dump(mode="json") != erased.model_dump(
                mode="json"
            ):
                ops.append(resident_ops.op(erased))
    for case in repo.cases.for_residents(set(covered)):
        assert case.resident_id is not None
        erased_doc = erased_case(case, covered[case.resident_id])
        if erased_doc.model_dump(mode="json") != repo.cases.doc(case.number):
            ops.append(case_ops.op(erased_doc))
    return ops


# -- erasing here -------------------------------------------------------------------------


def erase(
    repo: RepositoryAPI, resident_id: str, reason: str, *, staff: str, now: datetime
) -> Erased:
    """Erase one resident and their cases for good, as one batch, ledger first; the
    audit log records who, when, why (and no personal value)."""
    return erase_many(repo, [resident_id], reason, staff=staff, now=now)[0]


def erase_many(
    repo: RepositoryAPI,
    resident_ids: list[str],
    reason: str,
    *,
    staff: str,
    now: datetime,
    action: str = AUDIT_ACTION,
) -> list[Erased]:
    """Erase several residents in one batch (all or none), one audit entry each."""
    reason = reason.strip()
    if not reason:
        raise ErasureRefused("privacy.err_reason")
    desk_code = repo.settings.get().desk_code
    done: list[Erased] = []
    erasures: list[Erasure] = []
    ops: list[Op] = []
    with repo.transaction():
        aliases = repo.resident_aliases()
        for resident_id in resident_ids:
            if repo.residents.doc(resident_id) is None:
                raise ErasureRefused("privacy.err_no_resident", resident=resident_id)
            others = {theirs for theirs, ours in aliases.items() if ours == resident_id}
            erasure = Erasure(
                resident_id=resident_id,
                other_ids=sorted(others - {resident_id}),
                at=now,
                staff=staff,
                reason=reason,
                desk_code=desk_code,
            )
            known = repo.erasures.get(resident_id)
            if known is not None:
                erasure = known.merged(erasure)
            changes = erasure_ops(repo, dict.fromkeys(erasure.ids, erasure))
            cases = sum(op.table == case_ops.TABLE for op in changes)
            audit = AuditEntry(
                id=f"{action}-{resident_id}-{now.isoformat()}",  # the same on a re-run
                at=now,
                staff=staff,
                action=action,
                target=resident_id,
                detail={"resident": resident_id, "reason": reason, "cases": str(cases)},
            )
            ops.extend([*changes, audit_op(audit)])
            erasures.append(erasure)
            done.append(Erased(erasure, cases))
        if erasures:
            repo.erasures.record(erasures, ops)
    if erasures:
        compact_now(repo)
    return done


def compact_now(repo: RepositoryAPI) -> None:
    """Rewrite the archive files that hold copies of the erased cases, and compact, so
    that erased values leave the archive and the journal now; the erasure is saved
    already, so a disk that refuses either only leaves them for the next time (the
    console tidies the archive at each start)."""
    with contextlib.suppress(StoreError):
        repo.cases.archive.tidy()
    with contextlib.suppress(StoreError):
        repo.compact()


def replay_ledger(repo: RepositoryAPI) -> int:
    """Apply every erasure of the ledger the store does not hold (after a restore of
    an older backup, or a crash between ledger and store); returns how many."""
    ledger = repo.erasures.ledger().erasures
    missing: list[Erasure] = []
    with repo.transaction():
        for resident_id, erasure in sorted(ledger.items()):
            known = repo.erasures.get(resident_id)
            merged = known.merged(erasure) if known else erasure
            if merged != known or erasure_ops(repo, dict.fromkeys(merged.ids, merged)):
                missing.append(merged)
        ops: list[Op] = []
        for erasure in missing:
            ops.extend(erasure_ops(repo, dict.fromkeys(erasure.ids, erasure)))
        if missing:
            repo.commit([*ops, *(erasure_store.op(e) for e in missing)])
    if missing:
        compact_now(repo)
    return len(missing)


# -- bundles ------------------------------------------------------------------------------


def merge_tombstones(*groups: Iterable[Erasure]) -> dict[str, Erasure]:
    """Every erasure of ``groups``, one per resident id, merged."""
    merged: dict[str, Erasure] = {}
    for group in groups:
        for erasure in group:
            known = merged.get(erasure.resident_id)
            merged[erasure.resident_id] = known.merged(erasure) if known else erasure
    return merged
