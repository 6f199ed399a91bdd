"""Small builders for test data."""

from __future__ import annotations

from datetime import date, datetime, time

from deskconsole.models import (
    Case,
    CaseEvent,
    CaseState,
    EventKind,
    PartyKind,
    RequestType,
    Resident,
    ResponsibleParty,
    Satisfaction,
)

S = CaseState
PROPERTY = ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY, name="金域物业")


def make_resident(name: str = "江建国", **fields: object) -> Resident:
    values: dict[str, object] = {
        "name": name,
        "phones": ["13800138000"],
        "address": {"compound": "金域华府", "building": "12", "unit": "2", "room": "301"},
    }
    values.update(fields)
    return Resident.model_validate(values)


def make_case(number: str = "JC-20261127-001", **fields: object) -> Case:
    at = fields.pop("intake_at", datetime(2026, 11, 27, 9, 40))
    values: dict[str, object] = {
        "number": number,
        "desk_code": number.split("-")[0],
        "intake_at": at,
        "staff": "颜成玉",
        "request_type": RequestType.HELP,
        "category": "property",
        "description": "地下室灯不亮，是开发商遗留问题",
        "events": [
            CaseEvent(at=at, staff="颜成玉", kind=EventKind.CREATED, to_state=CaseState.REGISTERED)
        ],
    }
    values.update(fields)
    return Case.model_validate(values)


def case_in_state(
    number: str,
    state: CaseState,
    *,
    resident: Resident | None,
    staff: str,
    description: str,
    outcome: str,
    at: time = time(9, 40),
    due: date | None = date(2026, 12, 4),
    moved: list[tuple[CaseState, datetime]] | None = None,
    **fields: object,
) -> Case:
    """A case of the fixed desks (board, snapshots): taken by ``staff`` on the day its
    number names, at ``at``, then ``moved`` through each ``(state, when)`` by 刘, with
    what each state needs (the property company, an outcome, satisfaction, a reason).

    Every value is fixed, event ids included. A case without ``resident`` is a walk-in
    (王女士); ``fields`` are set last, over all of it.
    """
    day = datetime.strptime(number.split("-")[1], "%Y%m%d").date()
    intake = datetime.combine(day, at)
    events = [
        CaseEvent(
            id=f"{number}-0", at=intake, staff=staff, kind=EventKind.CREATED, to_state=S.REGISTERED
        )
    ]
    source = S.REGISTERED
    for step, (target, when) in enumerate(moved or [], start=1):
        events.append(
            CaseEvent(
                id=f"{number}-{step}",
                at=when,
                staff="刘",
                kind=EventKind.MOVED,
                from_state=source,
                to_state=target,
            )
        )
        source = target
    values: dict[str, object] = {
        "number": number,
        "desk_code": "JC",
        "intake_at": intake,
        "staff": staff,
        "resident_id": resident.id if resident else None,
        "contact_name": "" if resident else "王女士",
        "contact_phone": "" if resident else "13912345678",
        "request_type": RequestType.HELP,
        "category": "property",
        "description": description,
        "location": resident.address.label_zh if resident else "金域华府",
        "due_date": due,
        "state": state,
        "events": events,
        "updated_at": events[-1].at,
    }
    if state in (S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED):
        values["party"] = PROPERTY
    if state in (S.RESOLVED, S.CLOSED):
        values["outcome"] = outcome
    if state == S.CLOSED:
        values["satisfaction"] = Satisfaction.SATISFIED
    if state == S.WITHDRAWN:
        values["end_reason"] = "居民撤回"
    values.update(fields)
    return Case.model_validate(values)
