"""Taking a case at the desk: check the form, number the case, save it durably.

The form holds what was typed, as text, so a failed save or a draft keeps it
exactly. :func:`check` names every field that is wrong; :func:`register_case`
builds the case (due date from the urgency in working days, the session it was
taken in, "solved on the spot" straight to resolved) and saves it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from deskconsole.domain.casedesk import CaseDesk
from deskconsole.domain.timeline import TYPED_AT
from deskconsole.domain.workdays import due_date
from deskconsole.domain.workflow import DESCRIPTION_LIMIT, Step, move
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.models import (
    OPEN_STATES,
    Case,
    CaseEvent,
    CaseState,
    EventKind,
    FieldError,
    PartyKind,
    Problem,
    RequestType,
    ResponsibleParty,
    Settings,
    Urgency,
    parse_moment,
)
from deskconsole.models.phones import normalise_phone, phone_warning
from deskconsole.models.text import nfkc
from deskconsole.storage import RepositoryAPI

#: The responsible parties that must be named (which department, which unit).
NEEDS_UNIT_NAME = (PartyKind.STREET_DEPARTMENT, PartyKind.OTHER_UNIT)


@dataclass
class IntakeForm:
    """The intake form as typed; every field is text or a flag."""

    resident_id: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    request_type: str = ""
    category: str = ""
    description: str = ""
    location: str = ""
    urgency: str = Urgency.NORMAL.value
    party_kind: str = ""
    party_name: str = ""
    intake_at: str = ""
    solved_on_spot: bool = False
    outcome: str = ""

    def to_json(self) -> dict[str, Any]:
        """For the draft file."""
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> IntakeForm:
        """From a draft file; unknown keys are ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})

    @property
    def is_blank(self) -> bool:
        """Nothing typed that would be lost (the defaults do not count)."""
        blank = IntakeForm(urgency=self.urgency)
        return self == blank


class IntakeInvalid(DeskError):
    """The form cannot be saved; :attr:`problems` names each field and what to do."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("intake.invalid", problems="\n".join(p.message for p in problems))
        self.problems = problems


def _problem(field: str, key: str, **params: object) -> Problem:
    return Problem(field, FieldError(field, key, **params).message())


def parse_intake_at(text: str, now: datetime) -> datetime:
    """``""`` is now; else a day and a time as :func:`parse_moment` reads them (a past
    day alone is 09:00 on that day)."""
    if not nfkc(text):
        return now.replace(second=0, microsecond=0)
    return parse_moment(text, now)


def needs_unit_name(party_kind: str) -> bool:
    """True when a party of this kind (a :class:`PartyKind` value) must be named."""
    return party_kind in {kind.value for kind in NEEDS_UNIT_NAME}


def party_of(form: IntakeForm) -> ResponsibleParty | None:
    """The responsible party the form names, if any."""
    if not form.party_kind:
        return None
    return ResponsibleParty(kind=PartyKind(form.party_kind), name=form.party_name)


def check(form: IntakeForm, settings: Settings, now: datetime) -> list[Problem]:
    """Every problem with the form, in the order of the paper form."""
    found: list[Problem] = []
    if not form.resident_id:
        if not form.contact_phone.strip():
            found.append(_problem("contact_phone", "intake.err_anonymous_phone"))
        else:
            try:
                normalise_phone(form.contact_phone, "contact_phone", settings.area_code)
            except FieldError as error:
                found.append(Problem("contact_phone", error.message()))
    if form.request_type not in {r.value for r in RequestType}:
        found.append(_problem("request_type", "err.choice"))
    if settings.category(form.category) is None:
        found.append(_problem("category", "err.choice"))
    if not form.description.strip():
        found.append(_problem("description", "err.required"))
    elif len(form.description) > DESCRIPTION_LIMIT:
        found.append(_problem("description", "err.too_long", limit=DESCRIPTION_LIMIT))
    if form.urgency not in {u.value for u in Urgency}:
        found.append(_problem("urgency", "err.choice"))
    if form.party_kind:
        if form.party_kind not in {p.value for p in PartyKind}:
            found.append(_problem("party", "err.choice"))
        elif needs_unit_name(form.party_kind) and not form.party_name.strip():
            found.append(_problem("party_name", "intake.err_unit_name"))
    try:
        at = parse_intake_at(form.intake_at, now)
    except ValueError:
        found.append(_problem("intake_at", "err.datetime"))
    else:
        if at > now + timedelta(minutes=5):
            found.append(_problem("intake_at", "intake.err_future"))
    if form.solved_on_spot and not form.outcome.strip():
        found.append(_problem("outcome", "intake.err_outcome"))
    return found


def phone_warnings(form: IntakeForm, settings: Settings) -> list[Problem]:
    """The contact phone of an anonymous case, when the numbering plan holds no such
    number: the clerk may save it all the same (the resident knows their number)."""
    if form.resident_id or not form.contact_phone.strip():
        return []
    try:
        phone = normalise_phone(form.contact_phone, "contact_phone", settings.area_code)
    except FieldError:
        return []  # a problem, which check() reports
    reason = phone_warning(phone)
    if reason is None:
        return []
    return [Problem("contact_phone", t("err.field", field=t("field.contact_phone"), reason=reason))]


def contact_phone_of(form: IntakeForm, settings: Settings) -> str:
    """The contact phone as stored: a local number gets the store's area code."""
    text = form.contact_phone.strip()
    if not text:
        return ""
    try:
        return normalise_phone(text, "contact_phone", settings.area_code)
    except FieldError:
        return text  # the model refuses it with its message


def due_for(form: IntakeForm, settings: Settings, now: datetime) -> date | None:
    """The due date the form would get, for the live display (``None`` while unknown)."""
    try:
        at = parse_intake_at(form.intake_at, now)
        urgency = Urgency(form.urgency)
    except ValueError:
        return None
    return due_date(at, urgency, settings)


def session_for(repo: RepositoryAPI, day: date) -> str | None:
    """The desk session a case taken on ``day`` belongs to: the open one, else that day's."""
    current = repo.sessions.current()
    if current is not None and current.date == day:
        return current.id
    same_day = repo.sessions.on_day(day)
    return same_day[0].id if len(same_day) == 1 else None


def build_case(
    form: IntakeForm,
    number: str,
    *,
    settings: Settings,
    staff: str,
    session_id: str | None,
    now: datetime,
) -> Case:
    """The new case for a checked form (not yet saved)."""
    at = parse_intake_at(form.intake_at, now)
    created = CaseEvent(
        at=at,
        staff=staff,
        kind=EventKind.CREATED,
        to_state=CaseState.REGISTERED,
        data={TYPED_AT: f"{now:%Y-%m-%d %H:%M}"} if at.date() < now.date() else {},
    )
    case = Case(
        number=number,
        desk_code=settings.desk_code,
        intake_at=at,
        session_id=session_id,
        staff=staff,
        resident_id=form.resident_id or None,
        contact_name=form.contact_name,
        contact_phone=contact_phone_of(form, settings),
        request_type=RequestType(form.request_type),
        category=form.category,
        description=form.description,
        location=form.location,
        urgency=Urgency(form.urgency),
        party=party_of(form),
        due_date=due_date(at, Urgency(form.urgency), settings),
        events=[created],
        updated_at=now,
    )
    if form.solved_on_spot:
        case = move(case, CaseState.RESOLVED, staff, at, Step(outcome=form.outcome))
    elif case.party is not None:
        # A party named at the desk is a dispatch: the board, the register and the
        # statistics then agree that the case was sent.
        case = move(case, CaseState.DISPATCHED, staff, at, Step(party=case.party))
    return case


def register_case(
    repo: RepositoryAPI, form: IntakeForm, *, settings: Settings, staff: str, now: datetime
) -> Case:
    """Check the form and save the new case durably; raises :class:`IntakeInvalid`."""
    return _register(repo, form, settings, staff, now, lambda case: [case])[0]


def _register(
    repo: RepositoryAPI,
    form: IntakeForm,
    settings: Settings,
    staff: str,
    now: datetime,
    then: Callable[[Case], list[Case]],
) -> list[Case]:
    """Check the form, build the case and save what ``then`` makes of it in one batch."""
    found = check(form, settings, now)
    if found:
        raise IntakeInvalid(found)
    day = parse_intake_at(form.intake_at, now).date()
    session_id = session_for(repo, day)
    return repo.cases.add_with(
        settings.desk_code,
        day,
        lambda number: then(
            build_case(form, number, settings=settings, staff=staff, session_id=session_id, now=now)
        ),
    )


def related_open_cases(repo: RepositoryAPI, resident_id: str, category: str) -> list[Case]:
    """Open cases in ``category`` of this resident or anyone in their household."""
    resident = repo.residents.get(resident_id)
    if resident is None:
        return []
    household = {r.id for r in repo.residents.at_address(resident.address)} | {resident_id}
    if resident.address.is_blank:
        household = {resident_id}
    return repo.cases.for_residents(household, OPEN_STATES, category)


def add_to_case(desk: CaseDesk, number: str, form: IntakeForm) -> Case:
    """Record the new report on an existing open case instead of opening another."""
    return desk.add_report(number, form.description)


def register_duplicate(
    repo: RepositoryAPI,
    desk: CaseDesk,
    form: IntakeForm,
    original: str,
    *,
    settings: Settings,
    staff: str,
    now: datetime,
) -> Case:
    """Save the new case as a duplicate of ``original``, linked from it, in one commit:
    when anything is refused, nothing is saved."""

    def as_duplicate(case: Case) -> list[Case]:
        step = Step(duplicate_of=original)
        duplicate = move(case, CaseState.DUPLICATE, staff, now, step)
        return [duplicate, desk.linked_original(duplicate)]

    return _register(repo, form, settings, staff, now, as_duplicate)[0]


class RelatedChoice(StrEnum):
    """What to do with a report when the household has a related open case."""

    ADD = "add"  #: record it on the open case
    DUPLICATE = "duplicate"  #: save it as a duplicate of the open case
    NEW = "new"  #: save it as a case of its own


@dataclass(frozen=True)
class RelatedDecision:
    """The clerk's choice, and the open case it concerns (none for :attr:`RelatedChoice.NEW`)."""

    choice: RelatedChoice
    number: str = ""
