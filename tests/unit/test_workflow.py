"""The workflow: every allowed and refused move, the fields each step needs, timeline events."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from deskconsole.domain import workflow
from deskconsole.domain.lifecycle import ALLOWED
from deskconsole.domain.timeline import describe
from deskconsole.domain.workflow import (
    BACKWARD,
    FORWARD,
    MoveRefused,
    Step,
    StepIncomplete,
    WorkflowError,
)
from deskconsole.i18n import set_language
from deskconsole.models import (
    Case,
    CaseEvent,
    CaseState,
    EventKind,
    PartyKind,
    RequestType,
    ResponsibleParty,
    Satisfaction,
)

S = CaseState
AT = datetime(2026, 11, 27, 10, 0)
INTAKE = datetime(2026, 11, 24, 9, 45)
PROPERTY = ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY, name="金域物业")


def make_case(state: CaseState = S.REGISTERED, **fields: object) -> Case:
    values: dict[str, object] = {
        "number": "JC-20261124-003",
        "desk_code": "JC",
        "intake_at": INTAKE,
        "resident_id": "r1",
        "request_type": RequestType.HELP,
        "category": "property",
        "description": "地下室灯不亮",
        "due_date": date(2026, 12, 1),
        "state": state,
        "events": [CaseEvent(at=INTAKE, staff="刘", kind=EventKind.CREATED, to_state=S.REGISTERED)],
    }
    if state in (S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED):
        values["party"] = PROPERTY
    if state in (S.RESOLVED, S.CLOSED):
        values["outcome"] = "已修复"
    if state == S.CLOSED:
        values["satisfaction"] = Satisfaction.SATISFIED
    if state in (S.RETURNED, S.WITHDRAWN):
        values["end_reason"] = "不属于社区职责"
    if state == S.RETURNED:
        values["redirect_to"] = "区住建局"
    if state == S.DUPLICATE:
        values["duplicate_of"] = "JC-20261120-001"
    values.update(fields)
    return Case.model_validate(values)


#: A step that carries everything any move could need.
FULL = Step(
    party=ResponsibleParty(kind=PartyKind.STREET_DEPARTMENT, name="街道城管科"),
    due_date=date(2026, 12, 4),
    outcome="已派电工修复",
    satisfaction=Satisfaction.SATISFIED,
    note="回访：居民满意",
    reason="居民要求",
    redirect_to="区住建局",
    duplicate_of="JC-20261120-001",
)

ALL_PAIRS = [(a, b) for a in S for b in S if a != b]


@pytest.mark.parametrize(("source", "target"), [p for p in ALL_PAIRS if p[1] in ALLOWED[p[0]]])
def test_every_allowed_move_lands_with_an_event(source: CaseState, target: CaseState) -> None:
    case = make_case(source)
    moved = workflow.move(case, target, "颜成玉", AT, FULL)
    assert moved.state == target
    assert case.state == source, "the original case is not changed"
    event = moved.events[-1]
    assert len(moved.events) == len(case.events) + 1
    assert (event.kind, event.from_state, event.to_state) == (EventKind.MOVED, source, target)
    assert (event.at, event.staff) == (AT, "颜成玉")
    assert moved.updated_at == AT


#: The step field a refusal names, where it is not the step field's own name.
REPORTED_AS = {"end_reason": "reason", "notes": "note"}


@pytest.mark.parametrize(("source", "target"), [p for p in ALL_PAIRS if p[1] in ALLOWED[p[0]]])
def test_a_move_needs_only_the_fields_its_requirements_name(
    source: CaseState, target: CaseState
) -> None:
    case = make_case(source)
    needed = workflow.requirements(source, target)
    only = Step(**{name: getattr(FULL, name) for name in needed})
    assert workflow.move(case, target, "颜成玉", AT, only).state == target
    try:
        workflow.move(case, target, "颜成玉", AT, Step())
    except StepIncomplete as missing:
        assert REPORTED_AS.get(missing.field or "", missing.field) in needed


@pytest.mark.parametrize(("source", "target"), [p for p in ALL_PAIRS if p[1] not in ALLOWED[p[0]]])
def test_every_move_outside_the_table_is_refused_saying_what_is_allowed(
    source: CaseState, target: CaseState
) -> None:
    case = make_case(source)
    with pytest.raises(MoveRefused) as caught:
        workflow.move(case, target, "颜成玉", AT, FULL)
    message = str(caught.value)
    assert source.label in message and target.label in message
    for allowed in ALLOWED[source]:
        assert allowed.label in message
    assert caught.value.allowed == ALLOWED[source]


def test_refusal_reads_well_in_both_languages() -> None:
    case = make_case(S.RESOLVED)
    with pytest.raises(MoveRefused) as caught:
        workflow.move(case, S.REGISTERED, "刘", AT)
    assert str(caught.value) == (
        "JC-20261124-003 cannot go from Awaiting follow-up to Registered. "
        "A case in Awaiting follow-up can go to: Closed, In progress."
    )
    set_language("zh")
    assert str(caught.value) == (
        "JC-20261124-003 不能从“待回访”转到“登记”。“待回访”的工单可转到：已办结、办理中。"
    )


def test_moving_to_the_same_state_is_refused() -> None:
    with pytest.raises(WorkflowError, match="already in Registered"):
        workflow.move(make_case(), S.REGISTERED, "刘", AT)


def test_dispatch_needs_a_party_and_sets_party_and_due_date() -> None:
    case = make_case()
    with pytest.raises(StepIncomplete) as caught:
        workflow.move(case, S.DISPATCHED, "刘", AT, Step(due_date=date(2026, 12, 2)))
    assert caught.value.field == "party"
    assert str(caught.value) == "Party: required for this step"
    moved = workflow.move(
        case, S.DISPATCHED, "刘", AT, Step(party=PROPERTY, due_date=date(2026, 12, 3))
    )
    assert moved.party == PROPERTY
    assert moved.due_date == date(2026, 12, 3)
    data = moved.events[-1].data
    assert data["party"] == "金域物业" and data["party_kind"] == "property_company"
    assert data["due_date"] == "2026-12-03" and data["due_from"] == "2026-12-01"


def test_dispatch_keeps_the_due_date_when_none_is_given() -> None:
    moved = workflow.move(make_case(), S.DISPATCHED, "刘", AT, Step(party=PROPERTY))
    assert moved.due_date == date(2026, 12, 1)
    assert "due_from" not in moved.events[-1].data


def test_dispatch_without_any_due_date_asks_for_one() -> None:
    case = make_case(due_date=None)
    with pytest.raises(StepIncomplete) as caught:
        workflow.move(case, S.DISPATCHED, "刘", AT, Step(party=PROPERTY))
    assert caught.value.field == "due_date"


def test_due_date_before_intake_is_refused() -> None:
    with pytest.raises(StepIncomplete, match="before the intake date 2026-11-24"):
        workflow.move(
            make_case(), S.DISPATCHED, "刘", AT, Step(party=PROPERTY, due_date=date(2026, 11, 1))
        )


def test_redispatch_to_another_party_records_the_old_one() -> None:
    case = make_case(S.IN_PROGRESS)
    office = ResponsibleParty(kind=PartyKind.STREET_DEPARTMENT, name="街道城管科")
    with pytest.raises(StepIncomplete, match="already with 金域物业"):
        workflow.move(case, S.DISPATCHED, "刘", AT, Step(party=PROPERTY))
    moved = workflow.move(case, S.DISPATCHED, "刘", AT, Step(party=office))
    assert moved.party == office
    assert moved.events[-1].data["party_from"] == "金域物业"


def test_resolve_needs_an_outcome() -> None:
    case = make_case(S.IN_PROGRESS)
    with pytest.raises(StepIncomplete) as caught:
        workflow.move(case, S.RESOLVED, "刘", AT, Step(outcome="   "))
    assert caught.value.field == "outcome"
    moved = workflow.move(case, S.RESOLVED, "刘", AT, Step(outcome=" 已修复 ", reply="已告知居民"))
    assert moved.outcome == "已修复"
    assert moved.reply == "已告知居民"
    assert moved.events[-1].note == "已修复"
    assert not moved.solved_on_spot


def test_resolving_a_registered_case_on_its_intake_day_is_solved_on_the_spot() -> None:
    same_day = datetime(2026, 11, 24, 10, 0)
    on_spot = workflow.move(make_case(), S.RESOLVED, "刘", same_day, Step(outcome="当场答复"))
    assert on_spot.solved_on_spot
    later = workflow.move(make_case(), S.RESOLVED, "刘", AT, Step(outcome="已答复"))
    assert not later.solved_on_spot


def test_close_needs_satisfaction_and_keeps_the_follow_up_result() -> None:
    case = make_case(S.RESOLVED)
    with pytest.raises(StepIncomplete) as caught:
        workflow.move(case, S.CLOSED, "刘", AT, Step(note="电话回访"))
    assert caught.value.field == "satisfaction"
    moved = workflow.move(
        case, S.CLOSED, "刘", AT, Step(note="电话回访，灯已亮", satisfaction=Satisfaction.BASICALLY)
    )
    assert moved.satisfaction == Satisfaction.BASICALLY
    assert moved.events[-1].note == "电话回访，灯已亮"
    assert moved.events[-1].data["satisfaction"] == "basically"


def test_return_needs_a_reason_and_where_to_go() -> None:
    case = make_case()
    with pytest.raises(StepIncomplete) as caught:
        workflow.move(case, S.RETURNED, "刘", AT, Step(redirect_to="区住建局"))
    assert caught.value.field == "end_reason"
    with pytest.raises(StepIncomplete) as caught:
        workflow.move(case, S.RETURNED, "刘", AT, Step(reason="不属于社区"))
    assert caught.value.field == "redirect_to"
    moved = workflow.move(
        case, S.RETURNED, "刘", AT, Step(reason="不属于社区", redirect_to="区住建局")
    )
    assert (moved.end_reason, moved.redirect_to) == ("不属于社区", "区住建局")
    assert moved.events[-1].note == "不属于社区"


def test_withdraw_needs_a_reason() -> None:
    with pytest.raises(StepIncomplete):
        workflow.move(make_case(), S.WITHDRAWN, "刘", AT)
    moved = workflow.move(make_case(), S.WITHDRAWN, "刘", AT, Step(reason="居民撤回"))
    assert moved.end_reason == "居民撤回"


def test_duplicate_needs_a_well_formed_other_case_number() -> None:
    case = make_case()
    for bad, field_text in (("", "required"), ("JC-1", "not like"), (case.number, "itself")):
        with pytest.raises(StepIncomplete, match=field_text):
            workflow.move(case, S.DUPLICATE, "刘", AT, Step(duplicate_of=bad))
    moved = workflow.move(case, S.DUPLICATE, "刘", AT, Step(duplicate_of="jc-20261120-001 "))
    assert moved.duplicate_of == "JC-20261120-001"
    assert moved.events[-1].data["duplicate_of"] == "JC-20261120-001"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (S.RESOLVED, S.IN_PROGRESS),
        (S.CLOSED, S.IN_PROGRESS),
        (S.RETURNED, S.REGISTERED),
        (S.DUPLICATE, S.REGISTERED),
        (S.WITHDRAWN, S.REGISTERED),
        (S.DISPATCHED, S.REGISTERED),
    ],
)
def test_rework_reopen_and_refusal_need_a_reason(source: CaseState, target: CaseState) -> None:
    case = make_case(source)
    with pytest.raises(StepIncomplete) as caught:
        workflow.move(case, target, "刘", AT, Step(note="no reason given here"))
    assert caught.value.field == "end_reason"
    moved = workflow.move(case, target, "刘", AT, Step(reason="居民不满意"))
    assert moved.events[-1].note == "居民不满意"


@pytest.mark.parametrize(
    ("source", "target"),
    [(S.REGISTERED, S.IN_PROGRESS), (S.DISPATCHED, S.IN_PROGRESS)],
)
def test_starting_work_needs_nothing(source: CaseState, target: CaseState) -> None:
    assert workflow.move(make_case(source), target, "刘", AT).state == target


def test_reopening_an_ended_case_clears_why_it_ended_but_keeps_it_in_the_event() -> None:
    moved = workflow.move(
        make_case(S.RETURNED), S.REGISTERED, "刘", AT, Step(reason="居民补充材料")
    )
    assert (moved.end_reason, moved.redirect_to) == ("", "")
    assert moved.events[-1].data["end_reason_from"] == "不属于社区职责"
    assert moved.events[-1].data["redirect_to_from"] == "区住建局"
    dup = workflow.move(make_case(S.DUPLICATE), S.REGISTERED, "刘", AT, Step(reason="并非重复"))
    assert dup.duplicate_of is None


def test_reopening_a_closed_case_clears_the_satisfaction() -> None:
    moved = workflow.move(make_case(S.CLOSED), S.IN_PROGRESS, "刘", AT, Step(reason="漏水复发"))
    assert moved.satisfaction is None
    assert moved.events[-1].data["satisfaction_from"] == "satisfied"


def test_party_refusal_sends_the_case_back_without_a_party() -> None:
    moved = workflow.move(make_case(S.DISPATCHED), S.REGISTERED, "刘", AT, Step(reason="物业拒收"))
    assert moved.party is None
    assert moved.events[-1].data["party_from"] == "金域物业"


def test_forward_and_backward_paths_follow_the_table() -> None:
    for source, target in [*FORWARD.items(), *BACKWARD.items()]:
        assert target in ALLOWED[source]
    path = [S.REGISTERED]
    while (nxt := workflow.next_state(path[-1])) is not None:
        path.append(nxt)
    assert path == [S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED]
    assert workflow.previous_state(S.REGISTERED) is None
    assert workflow.previous_state(S.CLOSED) == S.IN_PROGRESS
    for ended in (S.RETURNED, S.DUPLICATE, S.WITHDRAWN):
        assert workflow.next_state(ended) is None
        assert workflow.previous_state(ended) == S.REGISTERED


def test_notes_and_replies_are_different_events() -> None:
    case = make_case(S.IN_PROGRESS)
    noted = workflow.add_note(case, "物业称下周处理", "刘", AT)
    assert noted.events[-1].kind == EventKind.NOTE
    assert noted.reply == ""
    replied = workflow.add_note(noted, "已告知居民下周处理", "刘", AT, reply=True)
    assert replied.events[-1].kind == EventKind.REPLY
    assert replied.reply == "已告知居民下周处理"
    with pytest.raises(StepIncomplete):
        workflow.add_note(case, "  ", "刘", AT)


def test_changing_the_party_needs_a_reason_and_records_from_and_to() -> None:
    case = make_case(S.DISPATCHED)
    office = ResponsibleParty(kind=PartyKind.HOTLINE_OFFICE)
    with pytest.raises(StepIncomplete):
        workflow.change_party(case, office, "", "刘", AT)
    with pytest.raises(StepIncomplete, match="already with"):
        workflow.change_party(case, PROPERTY, "再派", "刘", AT)
    changed = workflow.change_party(case, office, "物业无权处理", "刘", AT)
    assert changed.party == office
    event = changed.events[-1]
    assert event.kind == EventKind.PARTY
    assert event.data == {
        "from": "金域物业",
        "to": "Street hotline office",
        "to_kind": "hotline_office",
    }


def test_extending_the_due_date_needs_a_later_date_and_a_reason() -> None:
    case = make_case(S.IN_PROGRESS)
    with pytest.raises(StepIncomplete, match="later than"):
        workflow.extend_due(case, date(2026, 11, 30), "等配件", "刘", AT)
    with pytest.raises(StepIncomplete):
        workflow.extend_due(case, date(2026, 12, 8), " ", "刘", AT)
    extended = workflow.extend_due(case, date(2026, 12, 8), "等配件", "刘", AT)
    assert extended.due_date == date(2026, 12, 8)
    assert extended.events[-1].kind == EventKind.DUE
    assert extended.events[-1].data == {"from": "2026-12-01", "to": "2026-12-08"}


def test_linking_puts_an_event_on_both_cases_once() -> None:
    case = make_case(S.IN_PROGRESS)
    other = make_case(number="JC-20261120-001")
    mine, theirs = workflow.link_duplicate(case, other, "刘", AT)
    assert mine.events[-1].kind == theirs.events[-1].kind == EventKind.LINKED
    assert mine.events[-1].data == {"case": "JC-20261120-001"}
    assert theirs.events[-1].data == {"case": "JC-20261124-003"}
    assert workflow.linked_numbers(mine) == ["JC-20261120-001"]
    with pytest.raises(StepIncomplete, match="already linked"):
        workflow.link_duplicate(mine, theirs, "刘", AT)


def test_reveal_is_an_event_naming_the_field() -> None:
    revealed = workflow.record_reveal(make_case(), "phone", "刘", AT)
    assert revealed.events[-1].kind == EventKind.REVEALED
    assert revealed.events[-1].data == {"field": "phone"}
    with pytest.raises(ValueError):
        workflow.record_reveal(make_case(), "name", "刘", AT)


def test_a_follow_up_call_is_recorded_only_while_awaiting_follow_up() -> None:
    called = workflow.record_call(make_case(S.RESOLVED), "无人接听", "刘", AT)
    assert called.events[-1].kind == EventKind.FOLLOWUP
    assert called.state == S.RESOLVED
    assert workflow.call_attempts(called) == 1
    again = workflow.record_call(called, "  ", "刘", AT)
    assert (again.events[-1].note, again.events[-1].data) == ("", {"attempt": "2"})
    assert workflow.call_attempts(again) == 2
    assert describe(again.events[-1], "en") == "Follow-up call not settled (attempt 2)"
    assert describe(again.events[-1], "zh") == "回访未办结（第 2 次）"
    with pytest.raises(WorkflowError, match="not awaiting follow-up"):
        workflow.record_call(make_case(S.IN_PROGRESS), "无人接听", "刘", AT)


def test_needs_reason_and_move_kind() -> None:
    assert workflow.needs_reason(S.RESOLVED, S.IN_PROGRESS)
    assert not workflow.needs_reason(S.REGISTERED, S.DISPATCHED)
    assert workflow.move_kind(S.RESOLVED, S.IN_PROGRESS) == "rework"
    assert workflow.move_kind(S.CLOSED, S.IN_PROGRESS) == "reopen"
    assert workflow.move_kind(S.REGISTERED, S.DISPATCHED) == "dispatch"
    assert workflow.move_kind(S.IN_PROGRESS, S.DISPATCHED) == "redispatch"
