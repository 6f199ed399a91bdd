"""One small desk for the snapshots, every value fixed: ids, numbers, times (around FIXED_NOW).

Nothing here is drawn at random or read from the wall clock, so each screen draws the
same on every run.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import partial

from deskconsole.models import (
    Address,
    Case,
    CaseState,
    DeskSession,
    Gender,
    PartyKind,
    RequestType,
    Resident,
    ResponsibleParty,
    Settings,
    Urgency,
)
from deskconsole.models.session import Visit
from deskconsole.models.text import id_check_char
from deskconsole.storage import Repository
from deskconsole.storage import cases as case_ops
from deskconsole.storage import residents as resident_ops
from deskconsole.storage import sessions as session_ops
from tests.conftest import FIXED_NOW
from tests.factories import case_in_state

S = CaseState
TODAY = FIXED_NOW.date()
ROSTER_DAY = datetime(2026, 9, 1, 9, 0)
HOTLINE = ResponsibleParty(kind=PartyKind.HOTLINE_OFFICE)
ID_BODY = "37070519580101123"

SESSION_TODAY = "s-20261127"
SESSION_EARLIER = "s-20261124"


def _resident(
    rid: str, name: str, gender: Gender, phone: str, where: str, **more: object
) -> Resident:
    compound, building, unit, room = where.split("/")
    return Resident(
        id=rid,
        name=name,
        gender=gender,
        phones=[phone],
        address=Address(compound=compound, building=building, unit=unit, room=room),
        created_at=ROSTER_DAY,
        updated_at=ROSTER_DAY,
        **more,  # type: ignore[arg-type]
    )


RESIDENTS = [
    _resident(
        "r-jiang",
        "江建国",
        Gender.MALE,
        "13800138000",
        "金域华府/12/2/301",
        id_number=ID_BODY + id_check_char(ID_BODY),
        notes="独居老人，耳背，请大声说话",
    ),
    _resident("r-jiang-wife", "王桂兰", Gender.FEMALE, "0536-8756972", "金域华府/12/2/301"),
    _resident("r-li", "李秀英", Gender.FEMALE, "0536-8881234", "阳光花园/3/1/201"),
    _resident("r-zhang-1", "张伟", Gender.MALE, "13905360001", "金域华府/5/1/102"),
    _resident("r-zhang-2", "张伟", Gender.MALE, "13905360002", "阳光花园/8/3/602"),
    _resident("r-ouyang", "欧阳娜娜", Gender.FEMALE, "15866668888", "金域华府/7/2/1101"),
    _resident("r-abdulla", "阿卜杜拉·艾力", Gender.MALE, "18653601234", "阳光花园/1/1/101"),
]
JIANG, _, LI, ZHANG, *_ = RESIDENTS


#: A case of this desk (its staff and texts), for :func:`case_in_state`'s other values.
_case = partial(
    case_in_state,
    resident=JIANG,
    staff="颜成玉",
    description="地下室灯不亮，是开发商遗留问题",
    outcome="已派电工接线，灯已修好",
)


def _today_cases() -> list[Case]:
    """The day's register: taken at today's desk session."""
    return [
        _case(
            f"JC-{TODAY:%Y%m%d}-001",
            S.RESOLVED,
            resident=ZHANG,
            at=time(9, 12),
            request_type=RequestType.CONSULTATION,
            category="social_security",
            description="问灵活就业人员医保怎么续缴",
            reply="带身份证到街道社保窗口办理，或在爱山东App上缴",
            outcome="当场答复",
            solved_on_spot=True,
            party=None,
            due=None,
            session_id=SESSION_TODAY,
            moved=[(S.RESOLVED, datetime(2026, 11, 27, 9, 15))],
        ),
        _case(
            f"JC-{TODAY:%Y%m%d}-002",
            S.DISPATCHED,
            at=time(9, 31),
            category="utilities",
            description="12号楼2单元暖气不热，室温只有14度",
            urgency=Urgency.URGENT,
            due=date(2026, 11, 30),
            session_id=SESSION_TODAY,
            moved=[(S.DISPATCHED, datetime(2026, 11, 27, 9, 35))],
        ),
        _case(
            f"JC-{TODAY:%Y%m%d}-003",
            S.REGISTERED,
            resident=None,
            at=time(9, 50),
            request_type=RequestType.COMPLAINT,
            category="environment",
            description="小区东门垃圾站三天没清运，气味很大",
            due=date(2026, 12, 4),
            session_id=SESSION_TODAY,
        ),
    ]


def cases() -> list[Case]:
    """Cases in every column of the board, and today's register."""
    return [
        *_today_cases(),
        _case("JC-20261124-001", S.REGISTERED, due=date(2026, 11, 26), session_id=SESSION_EARLIER),
        _case(
            "JC-20261124-002",
            S.REGISTERED,
            resident=None,
            at=time(10, 5),
            due=date(2026, 11, 27),
            category="neighbour",
            description="楼上噪音扰民，夜里十二点还在装修",
            session_id=SESSION_EARLIER,
        ),
        _case(
            "JC-20261124-003",
            S.DISPATCHED,
            resident=LI,
            at=time(10, 20),
            party=HOTLINE,
            session_id=SESSION_EARLIER,
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
            at=time(10, 0),
            moved=[(S.RESOLVED, datetime(2026, 11, 25, 15))],
        ),
        _case(
            "JC-20261120-003",
            S.RESOLVED,
            resident=LI,
            at=time(10, 30),
            category="housing",
            description="申请公租房的材料交了两个月没消息",
            moved=[(S.RESOLVED, datetime(2026, 11, 21, 15))],
        ),
        _case(
            "JC-20261119-001",
            S.CLOSED,
            moved=[(S.RESOLVED, datetime(2026, 11, 22, 9)), (S.CLOSED, datetime(2026, 11, 25, 9))],
        ),
        _case(
            "JC-20261110-001",
            S.WITHDRAWN,
            moved=[(S.WITHDRAWN, datetime(2026, 11, 10, 10))],
        ),
    ]


def sessions() -> list[DeskSession]:
    """Today's desk, still open, and an earlier one."""
    return [
        DeskSession(
            id=SESSION_TODAY,
            desk_code="JC",
            date=TODAY,
            compound="金域华府",
            start=time(9, 0),
            staff=["颜成玉", "刘"],
            partners=["金域物业", "街道热线办"],
            visits=[Visit(at=datetime(2026, 11, 27, 9, m)) for m in (5, 22, 47)],
            updated_at=datetime(2026, 11, 27, 9, 47),
        ),
        DeskSession(
            id=SESSION_EARLIER,
            desk_code="JC",
            date=date(2026, 11, 24),
            compound="阳光花园",
            start=time(9, 0),
            end=time(11, 30),
            staff=["颜成玉"],
            partners=["阳光物业"],
            visits=[Visit(at=datetime(2026, 11, 24, 9, 30), category="policy")],
            ended_at=datetime(2026, 11, 24, 11, 30),
            updated_at=datetime(2026, 11, 24, 11, 30),
        ),
    ]


def settings() -> Settings:
    """The desk set up, with today's retention reminder already given (no toast)."""
    return Settings(
        community="金城社区",
        street="新城街道",
        desk_code="JC",
        retention_reminded=TODAY,
        canned_replies={"social_security": ["带身份证到街道社保窗口办理"]},
    )


def fill(repo: Repository) -> None:
    """Write the whole desk in one batch."""
    repo.commit(
        [session_ops.settings_op(settings())]
        + [resident_ops.op(r) for r in RESIDENTS]
        + [session_ops.op(s) for s in sessions()]
        + [case_ops.op(c) for c in cases()]
    )
