"""Intake: checking the form, numbering, due dates, on-the-spot, sessions, related cases."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from deskconsole.domain.casedesk import CaseDesk
from deskconsole.domain.intake import (
    IntakeForm,
    IntakeInvalid,
    add_to_case,
    check,
    due_for,
    needs_unit_name,
    register_case,
    register_duplicate,
    related_open_cases,
)
from deskconsole.domain.sessions import start_session
from deskconsole.domain.timeline import describe
from deskconsole.errors import DeskError
from deskconsole.i18n import set_language
from deskconsole.models import CaseState, EventKind, PartyKind, Settings
from deskconsole.storage import Repository
from tests.factories import make_resident

NOW = datetime(2026, 11, 27, 10, 5)  # a Friday
SETTINGS = Settings()


def form(**fields: object) -> IntakeForm:
    values: dict[str, object] = {
        "request_type": "help",
        "category": "property",
        "description": "地下室灯不亮，是开发商遗留问题",
    }
    values.update(fields)
    return IntakeForm(**values)  # type: ignore[arg-type]


def test_a_complete_form_for_a_resident_is_saved_with_number_and_due_date(
    repo: Repository,
) -> None:
    resident = repo.residents.save(make_resident())
    case = register_case(
        repo,
        form(resident_id=resident.id, location="金域华府12号楼2单元301室"),
        settings=SETTINGS,
        staff="颜成玉",
        now=NOW,
    )
    assert case.number == "JC-20261127-001"
    assert case.due_date == date(2026, 12, 4)  # five working days after a Friday
    assert case.state == CaseState.REGISTERED
    assert [e.kind for e in case.events] == [EventKind.CREATED]
    assert repo.cases.get(case.number) == case
    second = register_case(
        repo, form(resident_id=resident.id), settings=SETTINGS, staff="颜成玉", now=NOW
    )
    assert second.number == "JC-20261127-002"


def test_every_problem_is_named_in_the_current_language() -> None:
    bad = IntakeForm(
        request_type="",
        category="nope",
        description=" ",
        urgency="normal",
        party_kind="other_unit",
        intake_at="2026-13-01",
        solved_on_spot=True,
    )
    assert [p.field for p in check(bad, SETTINGS, NOW)] == [
        "contact_phone",
        "request_type",
        "category",
        "description",
        "party_name",
        "intake_at",
        "outcome",
    ]
    set_language("zh")
    messages = [p.message for p in check(bad, SETTINGS, NOW)]
    assert messages[0] == "联系电话：未选择居民时须填写联系电话"
    assert messages[3] == "诉求内容：必填"


def test_a_failed_save_raises_with_problems_and_saves_nothing(repo: Repository) -> None:
    with pytest.raises(IntakeInvalid) as caught:
        register_case(repo, form(contact_phone="1380013800"), settings=SETTINGS, staff="s", now=NOW)
    assert (
        caught.value.problems[0].message
        == "Contact phone: a mobile number has 11 digits, this has 10"
    )
    assert repo.cases.count() == 0


def test_anonymous_case_keeps_the_contact(repo: Repository) -> None:
    case = register_case(
        repo,
        form(contact_name="匿名", contact_phone="１３８ ００１３ ８０００"),
        settings=SETTINGS,
        staff="s",
        now=NOW,
    )
    assert case.resident_id is None
    assert case.contact_phone == "13800138000"


def test_solved_on_the_spot_goes_straight_to_resolved(repo: Repository) -> None:
    case = register_case(
        repo,
        form(
            contact_phone="13800138000",
            request_type="consultation",
            solved_on_spot=True,
            outcome="已告知办理流程和所需材料",
        ),
        settings=SETTINGS,
        staff="颜成玉",
        now=NOW,
    )
    assert case.state == CaseState.RESOLVED
    assert case.solved_on_spot
    assert case.outcome == "已告知办理流程和所需材料"
    assert [(e.kind, e.to_state) for e in case.events] == [
        (EventKind.CREATED, CaseState.REGISTERED),
        (EventKind.MOVED, CaseState.RESOLVED),
    ]


def test_back_dated_intake_counts_from_its_own_day(repo: Repository) -> None:
    case = register_case(
        repo,
        form(contact_phone="13800138000", intake_at="2026-11-20 09:45", urgency="urgent"),
        settings=SETTINGS,
        staff="s",
        now=NOW,
    )
    assert case.number == "JC-20261120-001"
    assert case.intake_at == datetime(2026, 11, 20, 9, 45)
    assert case.due_date == date(2026, 11, 23)
    created = case.events[0]
    assert (created.note, created.data) == ("", {"typed_at": "2026-11-27 10:05"})
    assert describe(created) == (
        "Registered (back-dated from a paper page; typed in at 2026-11-27 10:05)"
    )
    assert describe(created, "zh") == "登记（据纸质登记补录，录入时间 2026-11-27 10:05）"
    typed = form(contact_phone="13800138000", intake_at="１１月２１日 １４：３０")
    later = register_case(repo, typed, settings=SETTINGS, staff="s", now=NOW)
    assert later.intake_at == datetime(2026, 11, 21, 14, 30)
    paper = form(contact_phone="13800138000", intake_at="2026/11/19")
    assert register_case(repo, paper, settings=SETTINGS, staff="s", now=NOW).intake_at == (
        datetime(2026, 11, 19, 9, 0)
    )
    with pytest.raises(IntakeInvalid, match="cannot be in the future"):
        register_case(
            repo,
            form(contact_phone="13800138000", intake_at="2026-11-28 09:00"),
            settings=SETTINGS,
            staff="s",
            now=NOW,
        )


def test_live_due_date_follows_urgency_and_holidays() -> None:
    assert due_for(form(urgency="urgent"), SETTINGS, NOW) == date(2026, 11, 30)
    assert due_for(form(urgency="complex"), SETTINGS, NOW) == date(2026, 12, 18)
    with_holiday = SETTINGS.model_copy(update={"holidays": [date(2026, 11, 30)]})
    assert due_for(form(urgency="urgent"), with_holiday, NOW) == date(2026, 12, 1)
    assert due_for(form(intake_at="garbage"), SETTINGS, NOW) is None


def test_cases_taken_during_a_session_belong_to_it(repo: Repository) -> None:
    session = start_session(
        repo,
        day=NOW.date(),
        compound="金域华府",
        start=time(9, 30),
        end=None,
        staff="颜成玉",
        partners="",
        now=NOW,
    )
    case = register_case(
        repo, form(contact_phone="13800138000"), settings=SETTINGS, staff="s", now=NOW
    )
    assert case.session_id == session.id
    older = register_case(
        repo,
        form(contact_phone="13800138000", intake_at="2026-11-20"),
        settings=SETTINGS,
        staff="s",
        now=NOW,
    )
    assert older.session_id is None


def test_related_open_cases_of_the_household_and_what_to_do_with_them(repo: Repository) -> None:
    resident = repo.residents.save(make_resident("江建国"))
    spouse = repo.residents.save(make_resident("王秀英", phones=[]))
    first = register_case(repo, form(resident_id=spouse.id), settings=SETTINGS, staff="s", now=NOW)
    register_case(
        repo, form(resident_id=spouse.id, category="health"), settings=SETTINGS, staff="s", now=NOW
    )
    assert [c.number for c in related_open_cases(repo, resident.id, "property")] == [first.number]
    desk = CaseDesk(repo, "颜成玉", lambda: NOW)
    noted = add_to_case(desk, first.number, form(description="灯还是不亮"))
    assert noted.events[-1].kind == EventKind.NOTE
    assert noted.events[-1].note == "灯还是不亮"
    assert describe(noted.events[-1], "zh") == "在服务台再次反映"
    duplicate = register_duplicate(
        repo,
        desk,
        form(resident_id=resident.id),
        first.number,
        settings=SETTINGS,
        staff="颜成玉",
        now=NOW,
    )
    assert duplicate.state == CaseState.DUPLICATE
    assert duplicate.duplicate_of == first.number
    assert repo.cases.get(duplicate.number).state == CaseState.DUPLICATE  # type: ignore[union-attr]


PHONE = "13905361234"  # a walk-in's contact phone


def test_a_duplicate_is_saved_marked_and_linked_in_one_commit(repo: Repository) -> None:
    first = register_case(repo, form(contact_phone=PHONE), settings=SETTINGS, staff="s", now=NOW)
    desk = CaseDesk(repo, "颜成玉", lambda: NOW)
    commits: list[int] = []
    commit = repo.store.commit
    repo.store.commit = lambda ops: (commits.append(len(ops)), commit(ops))[1]  # type: ignore[method-assign]
    duplicate = register_duplicate(
        repo,
        desk,
        form(contact_phone=PHONE),
        first.number,
        settings=SETTINGS,
        staff="颜成玉",
        now=NOW,
    )
    assert commits == [2]  # the new case and its original, in one batch
    assert repo.cases.get(duplicate.number) == duplicate
    original = repo.cases.get(first.number)
    assert original is not None and original.events[-1].kind == EventKind.LINKED
    assert original.events[-1].data == {"case": duplicate.number}


@pytest.mark.parametrize(
    ("fields", "original"),
    [
        ({}, "JC-20261101-009"),  # no such case
        ({"solved_on_spot": True, "outcome": "已答复"}, "JC-20261127-001"),  # resolved already
    ],
)
def test_a_refused_duplicate_saves_nothing(
    repo: Repository, fields: dict[str, object], original: str
) -> None:
    register_case(repo, form(contact_phone=PHONE), settings=SETTINGS, staff="s", now=NOW)
    before = repo.cases.docs()
    desk = CaseDesk(repo, "颜成玉", lambda: NOW)
    with pytest.raises(DeskError):
        register_duplicate(
            repo,
            desk,
            form(contact_phone=PHONE, **fields),
            original,
            settings=SETTINGS,
            staff="颜成玉",
            now=NOW,
        )
    assert repo.cases.docs() == before


def test_form_round_trips_through_a_draft() -> None:
    typed = form(description="楼上漏水", party_kind="property_company", solved_on_spot=True)
    assert IntakeForm.from_json({**typed.to_json(), "unknown": 1}) == typed
    assert IntakeForm().is_blank
    assert not typed.is_blank


@pytest.mark.parametrize("kind", [*PartyKind, ""])
def test_only_a_street_department_or_another_unit_must_be_named(kind: str) -> None:
    named = kind in (PartyKind.STREET_DEPARTMENT, PartyKind.OTHER_UNIT)
    assert needs_unit_name(kind) is named
    unnamed = check(form(contact_phone=PHONE, party_kind=kind), SETTINGS, NOW)
    assert ("party_name" in [p.field for p in unnamed]) is named


def test_the_register_counts_as_dispatched_exactly_the_dispatched_cases(
    repo: Repository,
) -> None:
    """A party named at the desk dispatches; the board, the register and the statistics
    agree (a party named for a case solved on the spot is not a dispatch)."""
    from deskconsole.domain.register import build_register
    from deskconsole.domain.stats import stats_for

    settings = repo.settings.get()
    base = {"request_type": "help", "category": "property", "contact_phone": "13905360001"}
    forms = [
        IntakeForm(**base, description="楼道灯坏了", party_kind="property_company"),
        IntakeForm(**base, description="家里停水", party_kind="hotline_office"),
        IntakeForm(**base, description="垃圾没人收"),
        IntakeForm(
            **base,
            description="咨询补贴",
            party_kind="community_office",
            solved_on_spot=True,
            outcome="已告知",
        ),
    ]
    for form in forms:
        register_case(repo, form, settings=settings, staff="颜成玉", now=NOW)
    cases = repo.cases.all()
    dispatched = [case for case in cases if case.state == CaseState.DISPATCHED]
    assert len(dispatched) == 2
    assert all(case.events[-1].to_state == CaseState.DISPATCHED for case in dispatched)
    register = build_register(repo, NOW.date())
    assert register.footer.dispatched == len(dispatched)
    assert register.footer.solved_on_spot == 1
    stats = stats_for(repo, NOW.date(), NOW.date(), NOW.date())
    assert stats.dispatched == len(dispatched)
