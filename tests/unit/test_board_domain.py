"""Board data: which cases show, in which column and order, their due badges and filters."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from deskconsole.domain import board
from deskconsole.domain.board import (
    ARCHIVE_COLUMNS,
    LIVE_COLUMNS,
    BoardFilter,
    Due,
    DueCalendar,
)
from deskconsole.models import (
    CaseEvent,
    CaseState,
    EventKind,
    PartyKind,
    ResponsibleParty,
    Settings,
)
from tests.unit.test_workflow import make_case

S = CaseState
TODAY = date(2026, 11, 27)  # a Friday
SETTINGS = Settings(compounds=["金域华府", "阳光花园"])


def doc(number: str, state: CaseState = S.REGISTERED, **fields: object) -> dict[str, object]:
    return make_case(state, number=number, **fields).model_dump(mode="json")


def closed_doc(number: str, closed: datetime) -> dict[str, object]:
    case = make_case(S.CLOSED, number=number, updated_at=closed)
    case.events.append(
        CaseEvent(at=closed, kind=EventKind.MOVED, from_state=S.RESOLVED, to_state=S.CLOSED)
    )
    return case.model_dump(mode="json")


def test_due_badges_follow_working_days() -> None:
    calendar = DueCalendar(TODAY, Settings())
    assert calendar.badge(S.DISPATCHED, date(2026, 11, 26)) == Due.OVERDUE
    assert calendar.badge(S.DISPATCHED, TODAY) == Due.SOON
    # Friday -> Monday is one working day away.
    assert calendar.badge(S.IN_PROGRESS, date(2026, 11, 30)) == Due.SOON
    assert calendar.badge(S.IN_PROGRESS, date(2026, 12, 1)) == Due.OK
    assert calendar.badge(S.RESOLVED, date(2026, 11, 1)) == Due.NONE
    assert calendar.badge(S.REGISTERED, None) == Due.NONE


def test_live_board_holds_open_resolved_and_recently_closed_cases() -> None:
    docs = [
        doc("JC-20261124-001"),
        doc("JC-20261124-002", S.RESOLVED),
        closed_doc("JC-20261124-003", datetime(2026, 11, 25, 9)),
        closed_doc("JC-20261001-001", datetime(2026, 10, 2, 9)),
        doc("JC-20261124-004", S.WITHDRAWN),
    ]
    live = [d["number"] for d in board.select_docs(docs, archive=False, today=TODAY)]
    assert live == ["JC-20261124-001", "JC-20261124-002", "JC-20261124-003"]
    archive = [d["number"] for d in board.select_docs(docs, archive=True, today=TODAY)]
    assert archive == ["JC-20261001-001", "JC-20261124-004"]


def test_columns_sort_open_cases_by_due_date_and_names_come_from_residents() -> None:
    docs = [
        doc("JC-20261124-001", due_date=date(2026, 12, 3)),
        doc("JC-20261124-002", due_date=date(2026, 11, 25)),
        doc("JC-20261124-003", due_date=None, resident_id=None, contact_name="匿名居民"),
        doc("JC-20261124-004", due_date=date(2026, 11, 30)),
    ]
    names = board.resident_names(
        [{"id": "r1", "name": "江建国", "address": {"compound": "金域华府"}}], {"r1"}
    )
    columns = board.build_columns(docs, names, SETTINGS, LIVE_COLUMNS)
    registered = columns[S.REGISTERED]
    assert [c.number[-3:] for c in registered] == ["002", "004", "001", "003"]
    assert registered[0].name == "江建国" and registered[0].compound == "金域华府"
    assert registered[-1].name == "匿名居民"
    assert set(columns) == set(LIVE_COLUMNS)
    assert set(board.build_columns([], {}, SETTINGS, ARCHIVE_COLUMNS)) == set(ARCHIVE_COLUMNS)


def test_insert_sorted_keeps_the_column_order() -> None:
    docs = [doc(f"JC-20261124-00{i}", due_date=date(2026, 12, i)) for i in (1, 3, 5)]
    cards = board.build_columns(docs, {}, SETTINGS, LIVE_COLUMNS)[S.REGISTERED]
    extra = board.card_from_doc(doc("JC-20261124-009", due_date=date(2026, 12, 4)), {}, SETTINGS)
    assert board.insert_sorted(cards, extra) == 2
    assert [c.due_date.day for c in cards] == [1, 3, 4, 5]  # type: ignore[union-attr]


def test_filter_by_text_category_party_compound_and_overdue() -> None:
    names = {"r1": ("江建国", "金域华府")}
    docs = [
        doc("JC-20261124-001", S.DISPATCHED, due_date=TODAY - timedelta(days=2)),
        doc(
            "JC-20261124-002",
            category="neighbour",
            description="楼上噪音",
            resident_id=None,
            contact_name="王",
            location="阳光花园 3-1-201",
        ),
        doc(
            "JC-20261124-003",
            S.DISPATCHED,
            party=ResponsibleParty(kind=PartyKind.HOTLINE_OFFICE),
        ),
    ]
    cards = [board.card_from_doc(d, names, SETTINGS) for d in docs]

    def numbers(flt: BoardFilter) -> list[str]:
        return [c.number[-3:] for c in cards if flt.matches(c, TODAY)]

    assert numbers(BoardFilter()) == ["001", "002", "003"]
    assert numbers(BoardFilter(text="江建国")) == ["001", "003"]
    assert numbers(BoardFilter(text="噪音")) == ["002"]
    assert numbers(BoardFilter(text="neighbour dispute")) == ["002"]
    assert numbers(BoardFilter(text="邻里")) == ["002"]
    assert numbers(BoardFilter(category="neighbour")) == ["002"]
    assert numbers(BoardFilter(party_kind="hotline_office")) == ["003"]
    assert numbers(BoardFilter(text="热线")) == ["003"]
    assert numbers(BoardFilter(compound="阳光花园")) == ["002"]
    assert numbers(BoardFilter(overdue_only=True)) == ["001"]
    assert numbers(BoardFilter(text="jc-20261124-003")) == ["003"]
    assert BoardFilter().is_empty and not BoardFilter(overdue_only=True).is_empty
    described = BoardFilter(text="江", category="neighbour", overdue_only=True).describe(SETTINGS)
    assert described == '"江" | Neighbour dispute | overdue only'


def test_board_and_workflow_rules_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import deskconsole.domain.workflow, deskconsole.domain.board, "
        "deskconsole.domain.casedesk; print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
