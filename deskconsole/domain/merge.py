"""How a record from another desk merges with the one here: pure rules, no store.

Cases
-----
A case is matched by its number. Its timeline becomes the union of both sides'
events, each event once (by id), in time order; where the two laptops' clocks
disagree, an event never goes before one its own desk had already recorded, so
the order always respects what each desk knew (:func:`order_events`).

Every other field of a case is settled on its own, from the timeline: each event
*touches* the fields it changed (:func:`touched`: a dispatch touches ``party`` and
``due_date``, a resolve ``outcome``, any move ``state`` ...; the creation touches
all). For a field, each side's *version* is its latest event touching it.

- Both sides have the same version: nothing happened to the field in between.
- One side's version is in the other side's timeline: that side has seen it and
  changed the field afterwards (or left it): its value is the newer one. This is
  an update, never a conflict.
- Neither side has seen the other's version: both edited the field since they
  last met. Equal values agree; different values are a **conflict**: the value
  whose event comes later in the merged timeline is kept, and a CONFLICT event
  holding both values is added right after it. The conflict event's id, time and
  content depend only on the two versions, so both desks, whichever imports
  first, write the very same event, and the timelines stay equal.

The state of a case is one of those fields (touched by every event with a
``to_state``), so it is the state its latest move leaves. A difference the
timeline cannot explain (a field changed without an event) is settled by the
later ``updated_at``, then by the value, so both orders of import agree.

Residents and sessions have no timeline. A resident carries a version per field
(:mod:`deskconsole.models.versions`, set when a field changes) and keeps, field
by field, the value with the later version, then the greater value; a field never
filled has no version and never replaces a filled one. Because a version only
grows, a bundle imported again, however old, changes nothing, whatever the two
laptops' clocks say. A session keeps the details of the side changed last and
the union of both sides' visitor tallies.

All rules are symmetric (merging A into B gives what B into A gives) and
idempotent (merging a second time changes nothing).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

import orjson

from deskconsole.domain.timeline import KEPT_VALUE, OTHER_VALUE, conflict_values, field_label
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.models import (
    ENDED_STATES,
    Case,
    CaseEvent,
    CaseState,
    DeskSession,
    EventKind,
    Resident,
)
from deskconsole.models.versions import RESIDENT_FIELDS, version_of

S = CaseState

#: The fields of a case settled by the merge (``number``, ``desk_code``, ``events``
#: and ``updated_at`` are not: the first two never change, the others are merged).
CASE_FIELDS: tuple[str, ...] = tuple(
    name
    for name in Case.model_fields
    if name not in ("number", "desk_code", "events", "updated_at")
)

#: Session fields that merge together, from the side changed last.
SESSION_FIELDS: tuple[str, ...] = tuple(
    name for name in DeskSession.model_fields if name not in ("id", "visits", "updated_at")
)


class Status(StrEnum):
    """What merging one record did to the store."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class CaseCollision(DeskError):
    """Two different cases carry the same number (two stores with one desk code)."""

    def __init__(self, number: str) -> None:
        super().__init__("bundle.err_collision", number=number, desk=number.split("-", 1)[0])
        self.number = number


def canonical(value: Any) -> bytes:
    """One byte string per value: JSON with sorted keys (for comparing and hashing)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


# -- which fields an event changed ------------------------------------------------------


def touched(event: CaseEvent) -> frozenset[str]:
    """The case fields ``event`` set (``state`` for every event that moved the case).

    An EDITED event names what it changed in ``data["field"]`` (several separated by
    commas) or uses field names as ``data`` keys; a CONFLICT event names its field.
    """
    kind = event.kind
    if kind is EventKind.CREATED:
        return frozenset(CASE_FIELDS)
    found: set[str] = set()
    if event.to_state is not None:
        found.add("state")
    data = event.data
    if kind is EventKind.MOVED:
        found |= _moved_fields(event.from_state, event.to_state, data)
    elif kind is EventKind.PARTY:
        found.add("party")
    elif kind is EventKind.DUE:
        found.add("due_date")
    elif kind is EventKind.REPLY:
        found.add("reply")
    elif kind in (EventKind.EDITED, EventKind.CONFLICT):
        named = {name.strip() for name in data.get("field", "").split(",")}
        if kind is EventKind.EDITED:
            named |= set(data)
        found |= named & set(CASE_FIELDS)
    return frozenset(found)


def _moved_fields(
    source: CaseState | None, target: CaseState | None, data: dict[str, str]
) -> set[str]:
    """The fields :func:`deskconsole.domain.workflow.move` sets for this move."""
    if target is S.DISPATCHED:
        return {"party", "due_date"}
    if target is S.RESOLVED:
        found = {"outcome"}
        if "reply" in data:
            found.add("reply")
        if source is S.REGISTERED:
            found.add("solved_on_spot")
        return found
    if target is S.CLOSED:
        return {"satisfaction"}
    if target is S.RETURNED:
        return {"end_reason", "redirect_to"}
    if target is S.WITHDRAWN:
        return {"end_reason"}
    if target is S.DUPLICATE:
        return {"duplicate_of"}
    if target is S.REGISTERED:
        if source in ENDED_STATES:
            return {"end_reason", "redirect_to", "duplicate_of"}
        if source is S.DISPATCHED:
            return {"party"}
        return set()
    if target is S.IN_PROGRESS:
        found = set()
        if source is S.CLOSED:
            found.add("satisfaction")
        if "party" in data:
            found.add("party")
        if "due_date" in data:  # rework / reopen with a fresh due date
            found.add("due_date")
        return found
    return set()


# -- the timeline ---------------------------------------------------------------------------


def order_events(*timelines: Sequence[CaseEvent]) -> list[CaseEvent]:
    """The union of the timelines, each event once, in time order without ever putting
    an event before one that came before it in any of the given timelines.

    The result depends only on the events and on the order each timeline gives them,
    not on the order of the timelines: merging A into B gives what B into A gives.
    """
    if len(timelines) == 1 and len({e.id for e in timelines[0]}) == len(timelines[0]):
        return list(timelines[0])  # one timeline: its own order is the order
    chosen: dict[str, CaseEvent] = {}
    for timeline in timelines:
        for event in timeline:
            known = chosen.get(event.id)
            if known is None or (
                known != event
                and canonical(event.model_dump(mode="json"))
                < canonical(known.model_dump(mode="json"))
            ):
                chosen[event.id] = event
    after: dict[str, set[str]] = {key: set() for key in chosen}
    waiting: dict[str, int] = dict.fromkeys(chosen, 0)
    for timeline in timelines:
        ids = list(dict.fromkeys(event.id for event in timeline))
        for first, second in itertools.pairwise(ids):
            if second not in after[first]:
                after[first].add(second)
                waiting[second] += 1

    def key(event_id: str) -> tuple[datetime, str]:
        return chosen[event_id].at, event_id

    ready = [key(event_id) for event_id, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    done: set[str] = set()
    ordered: list[CaseEvent] = []
    while len(done) < len(chosen):
        if not ready:
            # The timelines disagree on an order (a cycle): take the earliest left.
            stuck = min((key(e) for e in chosen if e not in done), default=None)
            assert stuck is not None
            ready.append(stuck)
        _, event_id = heapq.heappop(ready)
        if event_id in done:
            continue
        done.add(event_id)
        ordered.append(chosen[event_id])
        for following in sorted(after[event_id]):
            waiting[following] -= 1
            if waiting[following] == 0 and following not in done:
                heapq.heappush(ready, key(following))
    return ordered


# -- conflicts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """Both desks changed one field of one case differently; ``kept`` won."""

    number: str
    field: str
    kept: str
    other: str
    kept_by: str
    other_by: str

    @classmethod
    def of(cls, number: str, event: CaseEvent) -> Conflict:
        """The conflict a CONFLICT event records (values as text in the current language)."""
        data = event.data
        kept, other = conflict_values(event)
        return cls(
            number,
            data.get("field", ""),
            kept,
            other,
            data.get("kept_by", ""),
            data.get("other_by", ""),
        )

    @property
    def message(self) -> str:
        """``XC-20261120-003 Description: kept "..." (王芳 11-25 14:00), other "..." (...)``."""
        return t(
            "bundle.conflict_line",
            number=self.number,
            field=field_label(self.field),
            kept=self.kept or "-",
            other=self.other or "-",
            kept_by=self.kept_by or "-",
            other_by=self.other_by or "-",
        )


def _by(event: CaseEvent) -> str:
    return " ".join(p for p in (event.staff, f"{event.at:%Y-%m-%d %H:%M}") if p)


def conflict_event(
    number: str,
    name: str,
    kept: tuple[CaseEvent, Any],
    other: tuple[CaseEvent, Any],
) -> CaseEvent:
    """The CONFLICT event for ``name``: both values, who set each; the same on every desk,
    in no language (:func:`deskconsole.domain.timeline.describe` words it)."""
    kept_event, kept_value = kept
    other_event, other_value = other
    seed = "|".join(("conflict", number, name, *sorted((kept_event.id, other_event.id))))
    return CaseEvent(
        id=hashlib.sha256(seed.encode()).hexdigest()[:32],
        at=kept_event.at,
        staff="",
        kind=EventKind.CONFLICT,
        data={
            "field": name,
            KEPT_VALUE: canonical(kept_value).decode(),
            OTHER_VALUE: canonical(other_value).decode(),
            "kept_by": _by(kept_event),
            "other_by": _by(other_event),
            "kept_event": kept_event.id,
            "other_event": other_event.id,
        },
    )


# -- cases ------------------------------------------------------------------------------------


@dataclass
class CaseMerge:
    """The merged case, what the merge did, and the conflicts new to this store."""

    case: Case
    status: Status
    conflicts: list[Conflict] = field(default_factory=list)


def _versions(events: Iterable[CaseEvent], position: dict[str, int]) -> dict[str, CaseEvent]:
    """Each field's version on one side: its latest event touching the field."""
    latest: dict[str, CaseEvent] = {}
    for event in events:
        for name in touched(event):
            current = latest.get(name)
            if current is None or position[current.id] < position[event.id]:
                latest[name] = event
    return latest


def _untracked_pick(
    local: tuple[datetime, Any], remote: tuple[datetime, Any]
) -> Any:  # the value of the side changed last, then the greater value
    return max(local, remote, key=lambda side: (side[0], canonical(side[1])))[1]


def merge_case(local: Case | None, remote: Case) -> CaseMerge:
    """``remote`` (from a bundle) merged into ``local`` (this store's, or ``None``).

    Raises :class:`CaseCollision` when the two share a number but not a single event:
    they are different cases from two stores using the same desk code.
    """
    if local is None:
        ordered = order_events(remote.events)
        case = remote if len(ordered) == len(remote.events) else _with_events(remote, ordered)
        conflicts = [Conflict.of(case.number, e) for e in ordered if e.kind is EventKind.CONFLICT]
        return CaseMerge(case, Status.ADDED, conflicts)
    if local.number != remote.number:
        raise ValueError(f"cannot merge {remote.number} into {local.number}")
    local_ids = {e.id for e in local.events}
    remote_ids = {e.id for e in remote.events}
    if local.events and remote.events and not local_ids & remote_ids:
        raise CaseCollision(local.number)
    ordered = order_events(local.events, remote.events)
    position = {e.id: index for index, e in enumerate(ordered)}
    mine, theirs = local.model_dump(mode="json"), remote.model_dump(mode="json")
    ours_versions = _versions(local.events, position)
    theirs_versions = _versions(remote.events, position)
    values: dict[str, Any] = {}
    added: dict[int, list[CaseEvent]] = {}
    for name in CASE_FIELDS:
        ours, other = mine[name], theirs[name]
        ours_at, theirs_at = ours_versions.get(name), theirs_versions.get(name)
        if (ours_at.id if ours_at else None) == (theirs_at.id if theirs_at else None):
            if ours != other:
                values[name] = _untracked_pick((local.updated_at, ours), (remote.updated_at, other))
            continue
        ours_pos = position[ours_at.id] if ours_at else -1
        theirs_pos = position[theirs_at.id] if theirs_at else -1
        if theirs_pos > ours_pos:
            values[name] = other
        if (
            ours != other
            and ours_at is not None
            and theirs_at is not None
            and ours_at.id not in remote_ids
            and theirs_at.id not in local_ids
        ):
            kept, lost = (
                ((theirs_at, other), (ours_at, ours))
                if theirs_pos > ours_pos
                else ((ours_at, ours), (theirs_at, other))
            )
            event = conflict_event(local.number, name, kept, lost)
            added.setdefault(max(ours_pos, theirs_pos), []).append(event)
    timeline: list[CaseEvent] = []
    for index, event in enumerate(ordered):
        timeline.append(event)
        timeline.extend(e for e in added.get(index, []) if e.id not in position)
    merged = dict(mine)
    merged.update(values)
    merged["events"] = [e.model_dump(mode="json") for e in timeline]
    merged["updated_at"] = max(local.updated_at, remote.updated_at).isoformat()
    if merged == mine:
        return CaseMerge(local, Status.UNCHANGED)
    case = Case.model_validate(merged)
    conflicts = [
        Conflict.of(case.number, e)
        for e in timeline
        if e.kind is EventKind.CONFLICT and e.id not in local_ids
    ]
    return CaseMerge(case, Status.UPDATED, conflicts)


def _with_events(case: Case, events: list[CaseEvent]) -> Case:
    data = case.model_dump(mode="json")
    data["events"] = [e.model_dump(mode="json") for e in events]
    return Case.model_validate(data)


def latest_state(case: Case) -> CaseState | None:
    """The state the latest event with a ``to_state`` leaves (what the merge keeps)."""
    moves = [e for e in case.events if e.to_state is not None]
    return moves[-1].to_state if moves else None


# -- residents and sessions ---------------------------------------------------------------------


def merge_resident(local: Resident | None, remote: Resident) -> tuple[Resident, Status]:
    """``remote`` merged into ``local``: the local id stays; each field keeps the value
    with the later version (then the greater value), and a field never filled on one
    side takes the other side's value."""
    if local is None:
        return remote, Status.ADDED
    mine, theirs = local.model_dump(mode="json"), remote.model_dump(mode="json")
    merged = dict(mine)
    versions: dict[str, str] = {}
    for name in RESIDENT_FIELDS:
        candidates = [
            (at, doc[name]) for doc in (mine, theirs) if (at := version_of(doc, name)) is not None
        ]
        if candidates:
            at, merged[name] = max(candidates, key=lambda c: (c[0], canonical(c[1])))
            versions[name] = at.isoformat()
    merged["versions"] = versions
    merged["created_at"] = min(local.created_at, remote.created_at).isoformat()
    merged["updated_at"] = max(local.updated_at, remote.updated_at).isoformat()
    if merged == mine or theirs == mine:
        return local, Status.UNCHANGED
    # The merged record spells out every version, so both desks hold the same document
    # even when one of them still has a record saved before versions existed.
    return Resident.model_validate(merged), Status.UPDATED


def merge_session(local: DeskSession | None, remote: DeskSession) -> tuple[DeskSession, Status]:
    """``remote`` merged into ``local``: details from the side changed last, visitor
    tallies from both (each visit once)."""
    if local is None:
        return remote, Status.ADDED
    mine, theirs = local.model_dump(mode="json"), remote.model_dump(mode="json")

    def key(side: tuple[DeskSession, dict[str, Any]]) -> tuple[datetime, bytes]:
        return side[0].updated_at, canonical({k: side[1][k] for k in SESSION_FIELDS})

    _, newest = max((local, mine), (remote, theirs), key=key)
    merged = dict(mine)
    merged.update({k: newest[k] for k in SESSION_FIELDS})
    merged["visits"] = _visits(mine["visits"], theirs["visits"])
    merged["updated_at"] = max(local.updated_at, remote.updated_at).isoformat()
    if merged == mine:
        return local, Status.UNCHANGED
    return DeskSession.model_validate(merged), Status.UPDATED


def _visits(mine: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Both tallies, each visit once: one side's list when it holds the other's, else
    the union in time order."""
    ours, other = {canonical(v) for v in mine}, {canonical(v) for v in theirs}
    if other <= ours:
        return mine
    if ours <= other:
        return theirs
    union = {canonical(v): v for v in [*mine, *theirs]}
    return sorted(union.values(), key=lambda v: (v["at"], canonical(v)))
