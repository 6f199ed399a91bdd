"""CaseDesk: workflow changes saved durably, read back from a reopened store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deskconsole.domain.casedesk import CaseDesk, CaseNotFound
from deskconsole.domain.workflow import Step, StepIncomplete
from deskconsole.models import CaseState, EventKind, Satisfaction
from deskconsole.storage import Repository
from tests.conftest import FIXED_NOW
from tests.unit.test_workflow import PROPERTY, make_case

S = CaseState


def reopened(data_dir: Path, repo: Repository, number: str):  # type: ignore[no-untyped-def]
    repo.close()
    with Repository.open(data_dir, readonly=True) as again:
        return again.cases.get(number)


def test_a_case_goes_from_registered_to_closed_and_every_step_is_on_disk(
    repo: Repository, data_dir: Path
) -> None:
    repo.cases.save(make_case())
    desk = CaseDesk(repo, "颜成玉", lambda: FIXED_NOW)
    number = "JC-20261124-003"
    desk.move(number, S.DISPATCHED, Step(party=PROPERTY, due_date=date(2026, 12, 2)))
    desk.move(number, S.IN_PROGRESS)
    desk.add_note(number, "物业已派电工")
    desk.move(number, S.RESOLVED, Step(outcome="已接线"))
    desk.move(number, S.CLOSED, Step(note="居民满意", satisfaction=Satisfaction.SATISFIED))
    case = reopened(data_dir, repo, number)
    assert case is not None and case.state == S.CLOSED
    kinds = [(e.kind, e.to_state) for e in case.events]
    assert kinds == [
        (EventKind.CREATED, S.REGISTERED),
        (EventKind.MOVED, S.DISPATCHED),
        (EventKind.MOVED, S.IN_PROGRESS),
        (EventKind.NOTE, None),
        (EventKind.MOVED, S.RESOLVED),
        (EventKind.MOVED, S.CLOSED),
    ]
    assert all(e.staff == "颜成玉" for e in case.events[1:])


def test_marking_a_duplicate_links_the_original_in_the_same_commit(
    repo: Repository, data_dir: Path
) -> None:
    repo.cases.save(make_case())
    repo.cases.save(make_case(S.IN_PROGRESS, number="JC-20261120-001"))
    desk = CaseDesk(repo, "刘", lambda: FIXED_NOW)
    with pytest.raises(StepIncomplete, match="no case JC-20261120-009"):
        desk.move("JC-20261124-003", S.DUPLICATE, Step(duplicate_of="JC-20261120-009"))
    assert repo.cases.get("JC-20261124-003").state == S.REGISTERED  # type: ignore[union-attr]
    desk.move("JC-20261124-003", S.DUPLICATE, Step(duplicate_of="JC-20261120-001"))
    original = reopened(data_dir, repo, "JC-20261120-001")
    assert original.events[-1].kind == EventKind.LINKED
    assert original.events[-1].data == {"case": "JC-20261124-003"}


def test_changes_outside_moves_are_saved(repo: Repository, data_dir: Path) -> None:
    repo.cases.save(make_case(S.IN_PROGRESS))
    repo.cases.save(make_case(number="JC-20261120-001"))
    desk = CaseDesk(repo, "刘", lambda: FIXED_NOW)
    number = "JC-20261124-003"
    desk.extend_due(number, date(2026, 12, 9), "等配件")
    desk.add_note(number, "已电话告知", reply=True)
    desk.reveal(number, "phone")
    desk.link(number, "jc-20261120-001")
    with pytest.raises(StepIncomplete, match="not like"):
        desk.link(number, "20261120")
    case = reopened(data_dir, repo, number)
    assert case.due_date == date(2026, 12, 9)
    assert case.reply == "已电话告知"
    kinds = [e.kind for e in case.events[-4:]]
    assert kinds == [EventKind.DUE, EventKind.REPLY, EventKind.REVEALED, EventKind.LINKED]


def test_an_unknown_case_says_so(repo: Repository) -> None:
    desk = CaseDesk(repo, "刘", lambda: FIXED_NOW)
    with pytest.raises(CaseNotFound, match="no case JC-20261124-099"):
        desk.move("JC-20261124-099", S.IN_PROGRESS)
