"""Timeline events hold data, not words: each reads in the language of whoever reads it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from deskconsole.domain import workflow
from deskconsole.domain.timeline import describe, party_text, value_text
from deskconsole.i18n import set_language
from deskconsole.models import CaseEvent, CaseState, EventKind, PartyKind, ResponsibleParty
from tests.factories import make_case

AT = datetime(2026, 11, 27, 10, 0)
S = CaseState


def test_a_move_written_in_one_language_reads_in_the_other() -> None:
    set_language("en")  # the clerk who dispatched works in English
    party = ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY)
    case = make_case(updated_at=AT, due_date=date(2026, 12, 4))
    moved = workflow.move(case, S.DISPATCHED, "颜成玉", AT, workflow.Step(party=party))
    event = moved.events[-1]
    assert describe(event) == "Registered > Dispatched (party: Property company; due 2026-12-04)"
    set_language("zh")  # the next clerk reads Chinese
    assert describe(event) == "登记 > 已派单 (承办：物业公司; 期限 2026-12-04)"
    assert describe(event, "en").startswith("Registered > Dispatched")


def test_a_named_unit_stays_as_it_was_given() -> None:
    assert party_text("金域物业", "en") == "金域物业"
    assert party_text("物业公司", "en") == "Property company"
    assert party_text("Street department", "zh") == "街道科室"


def test_a_party_change_reads_in_the_readers_language() -> None:
    base = workflow.move(
        make_case(updated_at=AT, due_date=date(2026, 12, 4)),
        S.DISPATCHED,
        "A",
        AT,
        workflow.Step(party=ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY)),
    )
    unit = ResponsibleParty(kind=PartyKind.OTHER_UNIT, name="区住建局")
    changed = workflow.change_party(base, unit, "物业不管", "A", AT)
    assert describe(changed.events[-1], "zh") == "承办单位：物业公司 > 区住建局"
    assert describe(changed.events[-1], "en") == "Party: Property company > 区住建局"


@pytest.mark.parametrize("kind", list(EventKind))
@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_kind_of_event_reads_in_both_languages(kind: EventKind, language: str) -> None:
    event = CaseEvent(at=AT, kind=kind, data={"field": "urgency", "kept_value": '"urgent"'})
    text = describe(event, language)  # type: ignore[arg-type]
    assert text and "{" not in text


def test_an_event_saved_with_generated_text_keeps_it_as_its_note() -> None:
    # Written before events held data: the remark is in the note, in its writer's language.
    old = CaseEvent(
        at=AT,
        kind=EventKind.CONFLICT,
        note="紧急程度/Urgency: 「紧急」 A 2026-11-27 10:00 / 「一般」 B 2026-11-27 09:00",
        data={"field": "urgency", "kept": "紧急", "other": "一般", "kept_by": "A", "other_by": "B"},
    )
    assert describe(old, "en") == 'Merge conflict on Urgency: kept "紧急" (A); other "一般" (B)'
    assert old.note.startswith("紧急程度/Urgency")
    backdated = CaseEvent(at=AT, kind=EventKind.CREATED, note="据纸质登记补录，录入时间 2026-11-27")
    assert describe(backdated, "en") == "Registered"


def test_conflicting_values_read_in_the_readers_language() -> None:
    assert value_text("urgency", "urgent", "en") == "Urgent"
    assert value_text("urgency", "urgent", "zh") == "紧急"
    assert value_text("solved_on_spot", True, "zh") == "是"
    assert value_text("party", {"kind": "hotline_office", "name": ""}, "en") == (
        "Street hotline office"
    )
    assert value_text("due_date", date(2026, 12, 4).isoformat()) == "2026-12-04"
    assert value_text("outcome", "") == "-"
