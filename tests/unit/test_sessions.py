"""Desk sessions: start, end, visitor tally, corrections with an audit entry."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from deskconsole.domain.merge import Status, merge_session
from deskconsole.domain.sessions import (
    SessionError,
    correct_session,
    count_visitor,
    end_session,
    start_session,
    uncount_visitor,
)
from deskconsole.models import Case, CaseEvent, CaseState, EventKind, RequestType
from deskconsole.storage import Repository

NOW = datetime(2026, 11, 27, 9, 30)


def _start(repo: Repository, **overrides: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "day": date(2026, 11, 27),
        "compound": "金域华府",
        "start": time(9, 30),
        "end": time(11, 30),
        "staff": "颜成玉，刘宗辉",
        "partners": ["金域物业", "街道热线办"],
        "now": NOW,
    }
    values.update(overrides)
    return start_session(repo, **values)  # type: ignore[arg-type]


def test_start_count_end(repo: Repository) -> None:
    session = _start(repo)
    assert session.staff == ["颜成玉", "刘宗辉"]
    assert repo.sessions.current() == session
    count_visitor(repo, session, NOW.replace(minute=40))
    counted = count_visitor(repo, session, NOW.replace(minute=45), category="policy")
    assert counted.visitor_count == 2
    assert [v.category for v in repo.sessions.get(session.id).visits] == [None, "policy"]  # type: ignore[union-attr]
    ended = end_session(repo, counted, datetime(2026, 11, 27, 11, 40))
    assert not ended.is_open
    assert repo.sessions.current() is None


def test_only_one_open_session(repo: Repository) -> None:
    _start(repo)
    with pytest.raises(SessionError, match="already open"):
        _start(repo, compound="锦绣苑")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"compound": "  "}, "Compound: required"),
        ({"start": time(11, 0), "end": time(10, 0)}, "must end after it starts"),
    ],
)
def test_bad_sessions_say_why(repo: Repository, overrides: dict[str, object], message: str) -> None:
    with pytest.raises(SessionError, match=message):
        _start(repo, **overrides)


def test_corrections_are_audited(repo: Repository) -> None:
    session = end_session(repo, _start(repo), datetime(2026, 11, 27, 11, 40))
    corrected = correct_session(
        repo, session, {"compound": "锦绣苑", "partners": ["供电所"]}, "王晓丽", NOW
    )
    assert repo.sessions.get(session.id).compound == "锦绣苑"  # type: ignore[union-attr]
    [entry] = repo.audit.all()
    assert entry.action == "session.corrected"
    assert entry.staff == "王晓丽"
    assert entry.detail["compound"] == "金域华府 -> 锦绣苑"
    assert set(entry.detail) == {"compound", "partners"}
    assert correct_session(repo, corrected, {"compound": "锦绣苑"}, "王晓丽", NOW) == corrected
    assert len(repo.audit.all()) == 1
    with pytest.raises(SessionError, match="cannot be corrected: visits"):
        correct_session(repo, corrected, {"visits": []}, "王晓丽", NOW)


def test_a_correction_outlives_the_copy_it_corrected_whatever_the_clocks(
    repo: Repository,
) -> None:
    session = end_session(repo, _start(repo), datetime(2026, 11, 27, 11, 40))
    # The session came back from a desk whose clock runs an hour ahead of this one.
    ahead = session.model_copy(update={"updated_at": datetime(2026, 11, 27, 12, 40)})
    corrected = correct_session(repo, ahead, {"compound": "锦绣苑"}, "王晓丽", NOW)
    assert corrected.updated_at > ahead.updated_at
    merged, status = merge_session(corrected, ahead)
    assert merged.compound == "锦绣苑" and status is Status.UNCHANGED
    assert merge_session(ahead, corrected)[0] == corrected


def _taken(repo: Repository, session_id: str, number: str, staff: str) -> None:
    repo.cases.save(
        Case(
            number=number,
            desk_code="JC",
            intake_at=datetime(2026, 11, 27, 10, 15),
            session_id=session_id,
            staff=staff,
            resident_id="r1",
            request_type=RequestType.HELP,
            category="property",
            description="地下室灯不亮",
            events=[
                CaseEvent(
                    at=NOW, staff=staff, kind=EventKind.CREATED, to_state=CaseState.REGISTERED
                )
            ],
        )
    )


def test_a_session_ends_when_it_is_ended_with_everyone_who_worked_it(repo: Repository) -> None:
    session = _start(repo, staff="颜成玉")
    _taken(repo, session.id, "JC-20261127-001", "刘宗辉")
    _taken(repo, session.id, "JC-20261127-002", "颜成玉")
    ended = end_session(repo, session, datetime(2026, 11, 27, 18, 5, 42), "王晓丽")
    assert (ended.start, ended.end) == (time(9, 30), time(18, 5))
    assert ended.staff == ["颜成玉", "刘宗辉", "王晓丽"]
    assert repo.sessions.get(session.id) == ended


def test_a_session_ended_on_a_later_day_keeps_its_planned_end(repo: Repository) -> None:
    ended = end_session(repo, _start(repo), datetime(2026, 11, 28, 8, 0), "颜成玉")
    assert ended.end == time(11, 30)
    assert ended.staff == ["颜成玉", "刘宗辉"]


def test_the_last_visitor_count_can_be_taken_back(repo: Repository) -> None:
    session = _start(repo)
    with pytest.raises(SessionError, match="nothing to take back"):
        uncount_visitor(repo, session, NOW)
    count_visitor(repo, session, NOW.replace(minute=40), category="policy")
    count_visitor(repo, session, NOW.replace(minute=45))
    taken_back = uncount_visitor(repo, session, NOW.replace(minute=46))
    assert [v.category for v in taken_back.visits] == ["policy"]
    assert repo.sessions.get(session.id) == taken_back
    assert uncount_visitor(repo, session, NOW.replace(minute=47)).visitor_count == 0
