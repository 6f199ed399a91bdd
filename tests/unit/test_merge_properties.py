"""Property: two desks edit one case from a common base; the merge is the same both ways,
idempotent, takes one-sided changes as updates and flags exactly the real conflicts."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st

from deskconsole.domain.merge import CASE_FIELDS, Status, merge_case, touched
from deskconsole.errors import DeskError
from deskconsole.models import Case, EventKind
from tests.bundle_helpers import apply_edit
from tests.factories import make_case

T0 = datetime(2026, 11, 27, 10, 0)
EDITS = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 99)), max_size=6)


def _edited(case: Case, edits: list[tuple[int, int]], staff: str, start: datetime) -> Case:
    for minute, (choice, n) in enumerate(edits):
        with contextlib.suppress(DeskError):  # a refused step: the desk does nothing
            case = apply_edit(case, choice, staff, start + timedelta(minutes=minute), n)
    return case


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    found = iter(whole)
    return all(item in found for item in part)


@settings(max_examples=settings().max_examples * 3 // 5)  # 60 in ``make test``
@given(base=EDITS, ours=EDITS, theirs=EDITS, skew=st.integers(-120, 120))
def test_concurrent_edits_merge_the_same_both_ways_and_flag_real_conflicts(
    base: list[tuple[int, int]],
    ours: list[tuple[int, int]],
    theirs: list[tuple[int, int]],
    skew: int,
) -> None:
    common = _edited(make_case(updated_at=T0), base, "甲", T0)
    start = T0 + timedelta(hours=1)
    a = _edited(common, ours, "A", start)
    b = _edited(common, theirs, "B", start + timedelta(minutes=skew))
    one, two = merge_case(a, b), merge_case(b, a)
    merged = one.case
    assert merged == two.case
    assert one.conflicts == two.conflicts
    # Idempotent, and a desk holding one side takes the merged case whole.
    for side in (a, b, merged):
        assert merge_case(merged, side).status is Status.UNCHANGED
    assert merge_case(a, merged).case == merged
    assert merge_case(b, merged).case == merged
    # The timeline: each event once, each desk's own order kept.
    ids = [e.id for e in merged.events if e.kind is not EventKind.CONFLICT]
    assert sorted(ids) == sorted({e.id for e in a.events} | {e.id for e in b.events})
    assert _is_subsequence([e.id for e in a.events], ids)
    assert _is_subsequence([e.id for e in b.events], ids)
    # Fields: a change on one side only is taken; both sides differently is a conflict.
    known = {e.id for e in common.events}
    new_a = [e for e in a.events if e.id not in known]
    new_b = [e for e in b.events if e.id not in known]
    by_a = set().union(*(touched(e) for e in new_a)) if new_a else set()
    by_b = set().union(*(touched(e) for e in new_b)) if new_b else set()
    data_a, data_b = a.model_dump(mode="json"), b.model_dump(mode="json")
    result, base_data = merged.model_dump(mode="json"), common.model_dump(mode="json")
    expected_conflicts = set()
    for name in CASE_FIELDS:
        if name in by_a and name not in by_b:
            assert result[name] == data_a[name], name
        elif name in by_b and name not in by_a:
            assert result[name] == data_b[name], name
        elif name not in by_a and name not in by_b:
            assert result[name] == base_data[name], name
        elif data_a[name] != data_b[name]:
            expected_conflicts.add(name)
            assert result[name] in (data_a[name], data_b[name]), name
    assert {c.field for c in one.conflicts} == expected_conflicts
    event("with conflicts" if expected_conflicts else "without conflicts")
