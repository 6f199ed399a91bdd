"""When each field of a resident last changed: what lets desks merge residents.

A resident carries ``versions``: for each field, the moment it was last set here
or on another desk. A saved change gives every changed field a version later than
both the clock and the field's previous version (so a desk whose clock runs
behind still supersedes what it has seen), and a field never filled has none (so
it never replaces a value another desk knows). Merging keeps, field by field, the
value with the greater version (:func:`deskconsole.domain.merge.merge_resident`):
re-importing an old bundle can never put back an older value.

Records saved before versions existed fall back to ``updated_at`` for every
filled field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

#: Resident fields that carry a version and merge one by one.
RESIDENT_FIELDS = ("name", "gender", "phones", "id_number", "address", "notes")

#: The step a change moves a version past the previous one when the clock lags.
TICK = timedelta(microseconds=1)


def is_blank(value: Any) -> bool:
    """True for a value nobody filled in (``None``, ``""``, ``[]``, an empty address)."""
    if isinstance(value, dict):
        return not any(value.values())
    return value in (None, "", [])


def _as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def version_of(doc: Mapping[str, Any], name: str) -> datetime | None:
    """The version of field ``name`` in a resident document (``model_dump`` of either mode)."""
    versions = doc.get("versions") or {}
    if name in versions:
        return _as_datetime(versions[name])
    if is_blank(doc.get(name)) or doc.get("updated_at") is None:
        return None
    return _as_datetime(doc["updated_at"])


def stamped_versions(
    new: Mapping[str, Any], previous: Mapping[str, Any] | None, now: datetime
) -> dict[str, datetime]:
    """The versions of ``new`` (a resident document) saved at ``now`` over ``previous``.

    Unchanged fields keep their version; each changed field gets one after both
    ``now`` and its previous version; a new resident's filled fields get ``now``.
    """
    versions: dict[str, datetime] = {}
    for name in RESIDENT_FIELDS:
        before = version_of(previous, name) if previous is not None else None
        if previous is not None and previous.get(name) == new.get(name):
            if before is not None:
                versions[name] = before
            continue
        if previous is None and is_blank(new.get(name)):
            continue
        versions[name] = now if before is None else max(now, before + TICK)
    return versions
