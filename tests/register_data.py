"""A small, hand-made store for register tests: one desk session on FIXED_NOW's date.

Cases on 2026-11-27 (the fixed clock's day), in intake order:
  001 09:40  江建国, consultation answered on the spot (resolved, no party)
  002 09:55  王秀英 (landline, ID ending in X), dispatched to 金域物业, due 2026-12-04
  003 10:05  anonymous walk-in, contact phone given, matter starting with "="
  004 10:30  江建国 again, returned (refer to 区住建局)
  005 15:00  typed in later from a paper page: same day, no session
A case of the day before (2026-11-26) must not appear.
"""

from __future__ import annotations

from datetime import date, datetime, time

from deskconsole.models import (
    Address,
    Case,
    CaseState,
    DeskSession,
    PartyKind,
    RequestType,
    Resident,
    ResponsibleParty,
    Settings,
    Urgency,
    Visit,
)
from deskconsole.storage import Repository

DAY = date(2026, 11, 27)
SESSION_ID = "5e55104a" + "0" * 24
OTHER_SESSION_ID = "0ther5e5" + "1" * 24
JIANG_PHONE = "13800138000"
JIANG_ID = "370705199001011233"
WANG_PHONE = "0536-8881234"
WANG_ID = "11010519491231002X"
ANON_PHONE = "13912345678"
FORMULA = '=HYPERLINK("http://x","点我")'


def _at(hour: int, minute: int, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute))


def residents() -> list[Resident]:
    return [
        Resident(
            id="r-jiang",
            name="江建国",
            phones=[JIANG_PHONE],
            id_number=JIANG_ID,
            address=Address(compound="金域华府", building="12", unit="2", room="301"),
        ),
        Resident(
            id="r-wang",
            name="王秀英",
            phones=[WANG_PHONE],
            id_number=WANG_ID,
            address=Address(compound="金域华府", building="3", unit="1", room="102"),
        ),
    ]


def sessions() -> list[DeskSession]:
    return [
        DeskSession(
            id=SESSION_ID,
            date=DAY,
            compound="金域华府",
            start=time(9, 30),
            end=time(11, 30),
            staff=["颜成玉", "刘宗辉"],
            partners=["金域物业"],
            visits=[Visit(at=_at(9, 35 + i), category="policy") for i in range(6)],
        ),
        DeskSession(
            id=OTHER_SESSION_ID,
            date=date(2026, 11, 26),
            compound="翠湖小区",
            start=time(9, 30),
            visits=[Visit(at=_at(9, 40, date(2026, 11, 26)))],
        ),
    ]


def _case(seq: int, at: datetime, **fields: object) -> Case:
    base: dict[str, object] = {
        "number": f"JC-{at:%Y%m%d}-{seq:03d}",
        "desk_code": "JC",
        "intake_at": at,
        "session_id": SESSION_ID,
        "staff": "颜成玉",
        "request_type": RequestType.HELP,
        "category": "property",
        "description": "地下车库灯不亮",
        "urgency": Urgency.NORMAL,
    }
    base.update(fields)
    return Case.model_validate(base)


def cases() -> list[Case]:
    return [
        _case(
            1,
            _at(9, 40),
            resident_id="r-jiang",
            request_type=RequestType.CONSULTATION,
            category="policy",
            description="咨询老年人免费体检时间",
            state=CaseState.RESOLVED,
            solved_on_spot=True,
            outcome="已当场答复",
        ),
        _case(
            2,
            _at(9, 55),
            resident_id="r-wang",
            party=ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY, name="金域物业"),
            due_date=date(2026, 12, 4),
            state=CaseState.DISPATCHED,
        ),
        _case(
            3,
            _at(10, 5),
            contact_name="",
            contact_phone=ANON_PHONE,
            location="金域华府东门",
            request_type=RequestType.REPORT,
            category="environment",
            description=FORMULA,
        ),
        _case(
            4,
            _at(10, 30),
            resident_id="r-jiang",
            category="housing",
            description="公租房申请",
            state=CaseState.RETURNED,
            end_reason="不属于社区职责范围",
            redirect_to="区住建局",
        ),
        _case(
            5,
            _at(15, 0),
            session_id=None,
            resident_id="r-wang",
            category="property",
            description="楼道堆放杂物",
            party=ResponsibleParty(kind=PartyKind.COMMUNITY_OFFICE),
            due_date=date(2026, 12, 4),
            state=CaseState.IN_PROGRESS,
        ),
        _case(
            1,
            _at(10, 0, date(2026, 11, 26)),
            session_id=OTHER_SESSION_ID,
            resident_id="r-jiang",
            description="前一天的工单",
        ),
    ]


def fill(repo: Repository) -> None:
    """Write the residents, sessions and cases above (and the default settings)."""
    repo.settings.save(Settings(compounds=["金域华府", "翠湖小区"]))
    repo.residents.save_many(residents())
    repo.sessions.save_many(sessions())
    repo.cases.save_many(cases())
