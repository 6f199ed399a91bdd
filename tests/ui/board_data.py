"""A small store for the board's Pilot and end-to-end tests, around FIXED_NOW (2026-11-27)."""

from __future__ import annotations

from datetime import date, datetime

from deskconsole.models import (
    Address,
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
from deskconsole.models.text import id_check_char
from deskconsole.storage import Repository
from deskconsole.storage import cases as case_ops
from deskconsole.storage import residents as resident_ops

S = CaseState
PROPERTY = ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY, name="金域物业")
ID_NUMBER = "37070519580101123" + id_check_char("37070519580101123")
JIANG = Resident(
    id="r-jiang",
    name="江建国",
    phones=["13800138000"],
    id_number=ID_NUMBER,
    address=Address(compound="金域华府", building="12", unit="2", room="301"),
)
LI = Resident(
    id="r-li",
    name="李秀英",
    phones=["0536-8881234"],
    address=Address(compound="阳光花园", building="3", unit="1", room="201"),
)


def _case(
    number: str,
    state: CaseState,
    *,
    resident: Resident | None = JIANG,
    due: date | None = date(2026, 12, 4),
    moved: list[tuple[CaseState, datetime]] | None = None,
    **fields: object,
) -> Case:
    day = datetime.strptime(number.split("-")[1], "%Y%m%d")
    intake = day.replace(hour=9, minute=40)
    events = [CaseEvent(at=intake, staff="刘", kind=EventKind.CREATED, to_state=S.REGISTERED)]
    source = S.REGISTERED
    for target, at in moved or []:
        events.append(
            CaseEvent(at=at, staff="刘", kind=EventKind.MOVED, from_state=source, to_state=target)
        )
        source = target
    values: dict[str, object] = {
        "number": number,
        "desk_code": "JC",
        "intake_at": intake,
        "staff": "刘",
        "resident_id": resident.id if resident else None,
        "contact_name": "" if resident else "王女士",
        "contact_phone": "" if resident else "13912345678",
        "request_type": RequestType.HELP,
        "category": "property",
        "description": "地下室灯不亮",
        "location": resident.address.label_zh if resident else "金域华府",
        "due_date": due,
        "state": state,
        "events": events,
        "updated_at": events[-1].at,
    }
    if state in (S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED):
        values["party"] = PROPERTY
    if state in (S.RESOLVED, S.CLOSED):
        values["outcome"] = "已派电工接线"
    if state == S.CLOSED:
        values["satisfaction"] = Satisfaction.SATISFIED
    if state == S.WITHDRAWN:
        values["end_reason"] = "居民撤回"
    values.update(fields)
    return Case.model_validate(values)


def board_cases() -> list[Case]:
    """Cases in every column, the live board's and the archive's."""
    return [
        _case("JC-20261124-001", S.REGISTERED, due=date(2026, 11, 26)),
        _case(
            "JC-20261124-002",
            S.REGISTERED,
            resident=None,
            due=date(2026, 11, 27),
            category="neighbour",
            description="楼上噪音扰民",
        ),
        _case(
            "JC-20261124-003",
            S.DISPATCHED,
            resident=LI,
            moved=[(S.DISPATCHED, datetime(2026, 11, 24, 11))],
        ),
        _case(
            "JC-20261120-001",
            S.IN_PROGRESS,
            due=date(2026, 11, 30),
            moved=[
                (S.DISPATCHED, datetime(2026, 11, 20, 11)),
                (S.IN_PROGRESS, datetime(2026, 11, 21, 9)),
            ],
        ),
        _case(
            "JC-20261120-002",
            S.RESOLVED,
            moved=[(S.RESOLVED, datetime(2026, 11, 25, 15))],
        ),
        _case(
            "JC-20261120-003",
            S.RESOLVED,
            resident=LI,
            moved=[(S.RESOLVED, datetime(2026, 11, 21, 15))],
        ),
        _case(
            "JC-20261119-001",
            S.CLOSED,
            moved=[(S.RESOLVED, datetime(2026, 11, 22, 9)), (S.CLOSED, datetime(2026, 11, 25, 9))],
        ),
        _case(
            "JC-20261001-001",
            S.CLOSED,
            moved=[(S.RESOLVED, datetime(2026, 10, 3, 9)), (S.CLOSED, datetime(2026, 10, 5, 9))],
        ),
        _case("JC-20261110-001", S.WITHDRAWN, moved=[(S.WITHDRAWN, datetime(2026, 11, 10, 10))]),
    ]


def fill_board(repo: Repository) -> None:
    """Write the residents and cases in one batch."""
    repo.commit([resident_ops.op(r) for r in (JIANG, LI)] + [case_ops.op(c) for c in board_cases()])
