"""A store that holds several communities: its own desk JC (金城社区), a second desk of
the same community JC2, the desk YH of 银河社区, and XX, a desk no bundle has named.

Cases taken on 2026-11-27:
  JC-001   consultation solved on the spot
  JC-002   dispatched to the property company, due 2026-12-04 (not yet judged)
  JC2-001  closed on time, satisfied
  YH-001   closed late (due 2026-11-20), unsatisfied
  YH-002   registered
  XX-001   registered
and JC-20261126-001 the day before. A JC session (2 visitors) and a YH one (1 visitor).
"""

from __future__ import annotations

from datetime import date, datetime, time

from deskconsole.models import (
    CaseEvent,
    CaseState,
    DeskSession,
    EventKind,
    PartyKind,
    RequestType,
    ResponsibleParty,
    Satisfaction,
    Settings,
    Visit,
)
from deskconsole.storage import Repository
from tests.factories import make_case

DAY = date(2026, 11, 27)
AT = datetime(2026, 11, 27, 9, 40)
PROPERTY = ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY, name="金域物业")


def _resolved(at: datetime) -> list[CaseEvent]:
    return [
        CaseEvent(at=AT, kind=EventKind.CREATED, to_state=CaseState.REGISTERED),
        CaseEvent(
            at=at,
            kind=EventKind.MOVED,
            from_state=CaseState.IN_PROGRESS,
            to_state=CaseState.RESOLVED,
        ),
    ]


def fill(repo: Repository) -> None:
    repo.settings.save(
        Settings(desk_code="JC", community="金城社区", desks={"JC2": "金城社区", "YH": "银河社区"})
    )
    closed = {"state": CaseState.CLOSED, "party": PROPERTY, "events": _resolved(AT)}
    repo.cases.save_many(
        [
            make_case(
                "JC-20261127-001",
                request_type=RequestType.CONSULTATION,
                state=CaseState.RESOLVED,
                solved_on_spot=True,
            ),
            make_case(
                "JC-20261127-002",
                state=CaseState.DISPATCHED,
                party=PROPERTY,
                due_date=date(2026, 12, 4),
            ),
            make_case(
                "JC2-20261127-001",
                due_date=date(2026, 11, 30),
                satisfaction=Satisfaction.SATISFIED,
                **closed,
            ),
            make_case(
                "YH-20261127-001",
                due_date=date(2026, 11, 20),
                satisfaction=Satisfaction.UNSATISFIED,
                **closed,
            ),
            make_case("YH-20261127-002"),
            make_case("XX-20261127-001"),
            make_case("JC-20261126-001", intake_at=datetime(2026, 11, 26, 9, 0)),
        ]
    )
    for code, visitors, compound in (("JC", 2, "金域华府"), ("YH", 1, "银河小区")):
        repo.sessions.save(
            DeskSession(
                desk_code=code,
                date=DAY,
                compound=compound,
                start=time(9, 0),
                visits=[Visit(at=AT) for _ in range(visitors)],
            )
        )
