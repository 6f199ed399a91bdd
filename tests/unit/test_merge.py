"""Merge rules: timelines, field versions, conflicts, residents and sessions (no store)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from deskconsole.domain import workflow
from deskconsole.domain.lifecycle import ALLOWED
from deskconsole.domain.merge import (
    CASE_FIELDS,
    CaseCollision,
    Status,
    latest_state,
    merge_case,
    merge_resident,
    merge_session,
    order_events,
    touched,
)
from deskconsole.domain.timeline import describe
from deskconsole.models import (
    CaseEvent,
    CaseState,
    DeskSession,
    EventKind,
    Visit,
)
from tests.bundle_helpers import PARTIES, edit, later_due, move_to, step_for
from tests.factories import make_case, make_resident

S = CaseState
T0 = datetime(2026, 11, 27, 10, 0)


def new_case(number: str = "JC-20261127-001", **fields: object):  # type: ignore[no-untyped-def]
    """A case last changed at its intake (the factory's default is the real clock)."""
    fields.setdefault("updated_at", datetime(2026, 11, 27, 9, 40))
    return make_case(number, **fields)


def minutes(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


def both_ways(local, remote):  # type: ignore[no-untyped-def]
    """Merge in both directions and check they agree."""
    one, two = merge_case(local, remote), merge_case(remote, local)
    assert one.case.model_dump() == two.case.model_dump()
    return one, two


# -- which fields an event touches -------------------------------------------------------


def _changed(before, after) -> set[str]:  # type: ignore[no-untyped-def]
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return {name for name in CASE_FIELDS if old[name] != new[name]}


@pytest.mark.parametrize("source", list(ALLOWED))
def test_every_move_touches_every_field_it_changes(source: CaseState) -> None:
    case = new_case()
    path = {
        S.REGISTERED: [],
        S.DISPATCHED: [S.DISPATCHED],
        S.IN_PROGRESS: [S.DISPATCHED, S.IN_PROGRESS],
        S.RESOLVED: [S.RESOLVED],
        S.CLOSED: [S.RESOLVED, S.CLOSED],
        S.RETURNED: [S.RETURNED],
        S.DUPLICATE: [S.DUPLICATE],
        S.WITHDRAWN: [S.WITHDRAWN],
    }[source]
    for n, target in enumerate(path):
        case = move_to(case, target, "刘", minutes(n))
    assert case.state == source
    for target in ALLOWED[source]:
        moved = move_to(case, target, "刘", minutes(30), "x")
        assert _changed(case, moved) <= touched(moved.events[-1]), target


def test_other_changes_touch_their_field() -> None:
    case = move_to(new_case(), S.DISPATCHED, "刘", minutes(1))
    steps = [
        workflow.change_party(case, PARTIES[2], "改派", "刘", minutes(2)),
        later_due(case, "刘", minutes(2)),
        workflow.add_note(case, "已答复", "刘", minutes(2), reply=True),
        workflow.add_note(case, "内部备注", "刘", minutes(2)),
        workflow.record_reveal(case, "phone", "刘", minutes(2)),
        edit(case, "description", "新描述", "刘", minutes(2)),
    ]
    for changed in steps:
        assert _changed(case, changed) <= touched(changed.events[-1])
    assert touched(steps[3].events[-1]) == frozenset()
    assert touched(steps[0].events[-1]) == {"party"}
    assert touched(steps[5].events[-1]) == {"description"}


def test_creation_touches_all_fields_and_state() -> None:
    created = new_case().events[0]
    assert touched(created) == frozenset(CASE_FIELDS)
    assert "state" in CASE_FIELDS


# -- timelines ------------------------------------------------------------------------------------


def test_timeline_is_the_union_in_time_order_each_event_once() -> None:
    base = new_case()
    ours = workflow.add_note(base, "我方备注", "A", minutes(10))
    theirs = workflow.add_note(base, "对方备注", "B", minutes(5))
    theirs = workflow.add_note(theirs, "对方又记", "B", minutes(20))
    one, _ = both_ways(ours, theirs)
    events = one.case.events
    assert [e.note for e in events] == ["", "对方备注", "我方备注", "对方又记"]
    assert len({e.id for e in events}) == len(events)
    assert one.status is Status.UPDATED


def test_order_keeps_each_desks_own_order_when_clocks_disagree() -> None:
    base = new_case()
    first = workflow.add_note(base, "先", "A", minutes(30))
    # Desk B saw "first", but its clock is behind: its note carries an earlier time.
    second = workflow.add_note(first, "后", "B", minutes(10))
    assert [e.note for e in order_events(base.events, second.events)] == ["", "先", "后"]
    assert [e.note for e in order_events(second.events, base.events)] == ["", "先", "后"]


def test_order_of_events_with_the_same_time_follows_the_timeline() -> None:
    base = new_case()
    case = base
    for n in range(5):
        case = workflow.add_note(case, str(n), "A", T0)
    assert order_events(case.events, base.events) == case.events


# -- fields --------------------------------------------------------------------------------------


def test_a_change_on_one_side_only_is_an_update_not_a_conflict() -> None:
    base = move_to(new_case(), S.DISPATCHED, "A", minutes(1))
    # Desk B already has the case; afterwards only desk A changes the party and description.
    ours = workflow.change_party(base, PARTIES[2], "改派", "A", minutes(5))
    ours = edit(ours, "description", "灯已换新", "A", minutes(6))
    theirs = workflow.add_note(base, "只加备注", "B", minutes(7))
    for merged in both_ways(ours, theirs):
        assert merged.conflicts == []
        assert merged.case.party == PARTIES[2]
        assert merged.case.description == "灯已换新"
        assert [e.kind for e in merged.case.events].count(EventKind.CONFLICT) == 0


def test_an_older_copy_changes_nothing() -> None:
    base = new_case()
    newer = move_to(base, S.DISPATCHED, "A", minutes(1))
    newer = later_due(newer, "A", minutes(2))
    result = merge_case(newer, base)
    assert result.status is Status.UNCHANGED
    assert result.case is newer
    assert merge_case(base, newer).case == newer


def test_both_sides_change_a_field_differently_is_a_conflict_with_both_values() -> None:
    base = new_case()
    ours = edit(base, "description", "地下室灯不亮，已报修", "颜成玉", minutes(5))
    theirs = edit(base, "description", "地下室灯不亮，物业已看", "刘宗辉", minutes(9))
    one, two = both_ways(ours, theirs)
    assert one.case.description == "地下室灯不亮，物业已看"
    conflicts = [e for e in one.case.events if e.kind is EventKind.CONFLICT]
    assert len(conflicts) == 1
    data = conflicts[0].data
    assert data["field"] == "description"
    assert data["kept_value"] == '"地下室灯不亮，物业已看"'  # the value, in no language
    assert data["other_value"] == '"地下室灯不亮，已报修"'
    assert "刘宗辉" in data["kept_by"] and "颜成玉" in data["other_by"]
    assert conflicts[0].note == ""
    assert describe(conflicts[0]).startswith(
        'Merge conflict on Matter: kept "地下室灯不亮，物业已看"'
    )
    assert describe(conflicts[0], "zh").startswith(
        "合并冲突，诉求内容：保留“地下室灯不亮，物业已看”"
    )
    assert [(c.field, c.kept) for c in one.conflicts] == [("description", "地下室灯不亮，物业已看")]
    assert one.conflicts == two.conflicts
    assert "Matter" in one.conflicts[0].message
    # The conflict event sits right after the kept change, and is the same on both desks.
    kinds = [e.kind for e in one.case.events]
    assert kinds == [EventKind.CREATED, EventKind.EDITED, EventKind.EDITED, EventKind.CONFLICT]


def test_same_value_on_both_sides_is_no_conflict() -> None:
    base = new_case()
    ours = edit(base, "description", "同样的新描述", "A", minutes(5))
    theirs = edit(base, "description", "同样的新描述", "B", minutes(6))
    one, _ = both_ways(ours, theirs)
    assert one.conflicts == []
    assert one.case.description == "同样的新描述"


def test_conflict_on_party_and_due_date_lists_each_field() -> None:
    base = move_to(new_case(), S.DISPATCHED, "A", minutes(1))
    ours = workflow.change_party(base, PARTIES[1], "改派热线", "A", minutes(20))
    ours = later_due(ours, "A", minutes(21), days=2)
    theirs = workflow.change_party(base, PARTIES[2], "改派城管", "B", minutes(10))
    theirs = later_due(theirs, "B", minutes(11), days=5)
    one, _ = both_ways(ours, theirs)
    assert sorted(c.field for c in one.conflicts) == ["due_date", "party"]
    assert one.case.party == PARTIES[1]
    assert one.case.due_date == ours.due_date


def test_the_state_is_the_one_the_latest_move_leaves() -> None:
    base = new_case()
    ours = move_to(base, S.DISPATCHED, "A", minutes(5))
    theirs = move_to(base, S.RESOLVED, "B", minutes(8), "当场")
    one, _ = both_ways(ours, theirs)
    assert one.case.state == S.RESOLVED == latest_state(one.case)
    assert one.case.outcome == "结果当场"
    assert one.case.party == PARTIES[0]
    assert [c.field for c in one.conflicts] == ["state"]


def test_a_later_move_seen_by_the_other_desk_wins_without_conflict() -> None:
    base = move_to(new_case(), S.DISPATCHED, "A", minutes(1))
    theirs = move_to(base, S.IN_PROGRESS, "B", minutes(2))
    # Desk A imported B's move, then resolved the case: A is newer for state and outcome.
    ours = merge_case(base, theirs).case
    ours = move_to(ours, S.RESOLVED, "A", minutes(3), "修好")
    one, _ = both_ways(ours, theirs)
    assert one.conflicts == []
    assert one.case.state == S.RESOLVED


def test_merging_twice_and_in_either_order_converges() -> None:
    base = move_to(new_case(), S.DISPATCHED, "A", minutes(1))
    ours = edit(base, "description", "甲", "A", minutes(3))
    ours = move_to(ours, S.IN_PROGRESS, "A", minutes(4))
    theirs = edit(base, "description", "乙", "B", minutes(2))
    theirs = workflow.change_party(theirs, PARTIES[2], "改派", "B", minutes(6))
    merged_a = merge_case(ours, theirs).case
    merged_b = merge_case(theirs, ours).case
    assert merged_a == merged_b
    for again in (theirs, ours, merged_a):
        assert merge_case(merged_a, again).status is Status.UNCHANGED
    # A desk that has only one side and imports the merged case takes it whole.
    assert merge_case(theirs, merged_a).case == merged_a
    assert merge_case(ours, merged_a).case == merged_a
    assert merge_case(ours, merged_a).conflicts[0].field == "description"


def test_a_difference_no_event_explains_is_settled_by_the_later_change() -> None:
    base = new_case(updated_at=T0)
    ours = base.model_copy(update={"location": "地下室", "updated_at": minutes(5)})
    theirs = base.model_copy(update={"location": "车库", "updated_at": minutes(9)})
    one, _ = both_ways(ours, theirs)
    assert one.case.location == "车库"
    assert one.conflicts == []


def test_the_same_number_with_no_common_event_is_a_collision() -> None:
    ours = new_case()
    theirs = new_case(description="另一件事")
    assert not {e.id for e in ours.events} & {e.id for e in theirs.events}
    with pytest.raises(CaseCollision) as caught:
        merge_case(ours, theirs)
    assert "JC-20261127-001" in str(caught.value)
    assert "JC" in str(caught.value)


def test_a_new_case_is_added_as_it_came() -> None:
    theirs = move_to(new_case("XC-20261127-004", resident_id="r9"), S.RESOLVED, "B", minutes(3))
    result = merge_case(None, theirs)
    assert result.status is Status.ADDED
    assert result.case == theirs


def test_step_helper_gives_each_move_what_it_needs() -> None:
    case = new_case()
    assert step_for(case, S.DISPATCHED, "1").party != case.party


# -- residents and sessions ------------------------------------------------------------------------


def test_resident_fields_come_from_the_later_change_and_blanks_never_win() -> None:
    ours = make_resident(
        id_number=None, notes="行动不便", updated_at=minutes(30), created_at=minutes(0)
    )
    theirs = make_resident(
        id_number="370705199001011233",
        phones=["13905360001"],
        notes="",
        updated_at=minutes(40),
        created_at=minutes(-60),
    ).model_copy(update={"id": ours.id})
    merged, status = merge_resident(ours, theirs)
    assert status is Status.UPDATED
    assert merged.id == ours.id
    assert merged.id_number == "370705199001011233"
    assert merged.phones == ["13905360001"]
    assert merged.notes == "行动不便"
    assert merged.created_at == minutes(-60)
    assert merged.updated_at == minutes(40)
    again, status = merge_resident(merged, theirs)
    assert status is Status.UNCHANGED and again == merged
    reverse, _ = merge_resident(theirs, ours)
    assert reverse.model_dump(exclude={"id"}) == merged.model_dump(exclude={"id"})


def test_resident_merge_keeps_an_unchanged_resident() -> None:
    ours = make_resident()
    assert merge_resident(ours, ours.model_copy())[1] is Status.UNCHANGED
    assert merge_resident(None, ours) == (ours, Status.ADDED)


def _session(**fields: object) -> DeskSession:
    values: dict[str, object] = {
        "id": "s1",
        "date": date(2026, 11, 27),
        "compound": "金域华府",
        "start": time(9, 30),
        "staff": ["颜成玉"],
        "updated_at": T0,
    }
    values.update(fields)
    return DeskSession.model_validate(values)


def test_session_details_from_the_later_change_and_visits_from_both() -> None:
    common = [Visit(at=minutes(1))]
    ours = _session(visits=[*common, Visit(at=minutes(3), category="property")])
    theirs = _session(
        compound="金域华府东区",
        visits=[*common, Visit(at=minutes(2))],
        updated_at=minutes(60),
    )
    merged, status = merge_session(ours, theirs)
    assert status is Status.UPDATED
    assert merged.compound == "金域华府东区"
    assert [v.at for v in merged.visits] == [minutes(1), minutes(2), minutes(3)]
    assert merge_session(theirs, ours)[0] == merged
    assert merge_session(merged, ours)[1] is Status.UNCHANGED
    assert merge_session(merged, theirs)[1] is Status.UNCHANGED


def test_conflict_event_is_built_from_the_two_changes_only() -> None:
    base = new_case()
    ours = edit(base, "location", "一楼", "A", minutes(1))
    theirs = edit(base, "location", "二楼", "B", minutes(2))
    first = [e for e in merge_case(ours, theirs).case.events if e.kind is EventKind.CONFLICT]
    again = [e for e in merge_case(theirs, ours).case.events if e.kind is EventKind.CONFLICT]
    assert first == again
    assert first[0].at == minutes(2)
    assert isinstance(first[0], CaseEvent)
