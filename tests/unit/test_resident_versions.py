"""Each resident field carries its own version: saving sets it, merging keeps the later one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from deskconsole.domain.merge import Status, merge_resident
from deskconsole.models import Resident
from deskconsole.models.versions import TICK, stamped_versions, version_of
from deskconsole.storage import Repository
from tests.factories import make_resident

T0 = datetime(2026, 11, 27, 9, 0)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "store", now=clock)
    yield repository
    repository.close()


def test_a_new_resident_versions_only_what_was_filled(store: Repository) -> None:
    saved = store.residents.save(make_resident(notes=""))
    assert set(saved.versions) == {"name", "phones", "address"}
    assert all(at == T0 for at in saved.versions.values())
    assert store.residents.get(saved.id) == saved


def test_a_change_versions_the_changed_fields_only(store: Repository, clock: Clock) -> None:
    first = store.residents.save(make_resident())
    clock.at = T0 + timedelta(minutes=5)
    second = store.residents.save(first.model_copy(update={"notes": "行动不便"}))
    assert second.versions["notes"] == T0 + timedelta(minutes=5)
    assert second.versions["name"] == T0
    assert second.updated_at == T0 + timedelta(minutes=5)


def test_a_clock_behind_still_versions_a_change_after_what_it_has_seen(
    store: Repository, clock: Clock
) -> None:
    ahead = T0 + timedelta(hours=2)  # merged from a desk whose clock runs ahead
    seen = make_resident(notes="甲", versions={"notes": ahead}, updated_at=ahead)
    store.residents.save_many([seen], touch=False)
    changed = store.residents.save(seen.model_copy(update={"notes": "乙"}))
    assert changed.versions["notes"] == ahead + TICK
    merged, _ = merge_resident(changed, seen)
    assert merged.notes == "乙"
    assert merge_resident(seen, changed)[0] == merged
    assert merge_resident(merged, seen)[1] is Status.UNCHANGED


def test_a_record_saved_before_versions_counts_its_filled_fields_at_updated_at() -> None:
    old = make_resident(notes="", updated_at=T0).model_dump(mode="json")
    assert version_of(old, "phones") == T0
    assert version_of(old, "notes") is None
    later = T0 + timedelta(minutes=1)
    # Its first save spells out the old versions, so a later updated_at renews nothing.
    versions = stamped_versions({**old, "notes": "新"}, old, later)
    assert versions == {"name": T0, "phones": T0, "address": T0, "notes": later}


def test_an_old_copy_never_puts_back_an_older_value_whatever_the_clocks() -> None:
    # B saw A's note (version 09:05 by A's clock) and changed it with its clock at 09:01.
    a = make_resident(notes="A备注", updated_at=T0, versions={"notes": T0 + timedelta(minutes=5)})
    b_first, _ = merge_resident(a.model_copy(update={"notes": "B1", "versions": {}}), a)
    b_second = b_first.model_copy(
        update={
            "notes": "B2",
            "versions": stamped_versions(
                {**b_first.model_dump(mode="json"), "notes": "B2"},
                b_first.model_dump(mode="json"),
                T0 + timedelta(minutes=1),
            ),
        }
    )
    for old in (a, b_first):
        merged, status = merge_resident(b_second, old)
        assert merged.notes == "B2" and status is Status.UNCHANGED


def test_a_field_cleared_on_purpose_is_cleared_everywhere_a_never_filled_one_is_not() -> None:
    ours = make_resident(notes="行动不便", updated_at=T0, versions={"notes": T0})
    cleared = ours.model_copy(
        update={"notes": "", "versions": {**ours.versions, "notes": T0 + TICK}}
    )
    assert merge_resident(ours, cleared)[0].notes == ""
    assert merge_resident(cleared, ours)[0].notes == ""
    walk_in = Resident(name="江建国", updated_at=T0 + timedelta(days=1))
    walk_in = walk_in.model_copy(update={"id": ours.id})
    merged, _ = merge_resident(walk_in, ours)
    assert merged.notes == "行动不便" and merged.phones == ours.phones


def test_a_record_from_before_versions_and_its_spelled_out_copy_end_as_one_document() -> None:
    old = make_resident(updated_at=T0, created_at=T0)  # saved before versions existed
    spelled = old.model_copy(update={"versions": {"name": T0, "phones": T0, "address": T0}})
    merged, status = merge_resident(old, spelled)
    assert status is Status.UPDATED and merged == spelled
    assert merge_resident(spelled, old) == (spelled, Status.UNCHANGED)
    assert merge_resident(old, old.model_copy()) == (old, Status.UNCHANGED)
