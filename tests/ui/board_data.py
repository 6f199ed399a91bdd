"""A small store for the board's Pilot and end-to-end tests, around FIXED_NOW (2026-11-27)."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

from deskconsole.models import Address, Case, CaseState, Resident
from deskconsole.models.text import id_check_char
from deskconsole.storage import Repository
from deskconsole.storage import cases as case_ops
from deskconsole.storage import residents as resident_ops
from tests.factories import case_in_state

S = CaseState
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


#: A case of this desk (its staff and texts), for :func:`case_in_state`'s other values.
_case = partial(
    case_in_state,
    resident=JIANG,
    staff="刘",
    description="地下室灯不亮",
    outcome="已派电工接线",
)


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
