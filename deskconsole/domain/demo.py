"""Deterministic demo data for a Chinese community: residents, desk sessions, cases."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from deskconsole.domain import demo_data as words
from deskconsole.domain.workdays import due_date
from deskconsole.models import (
    Address,
    Case,
    CaseEvent,
    CaseState,
    DeskSession,
    EventKind,
    Gender,
    PartyKind,
    RequestType,
    Resident,
    ResponsibleParty,
    Satisfaction,
    Settings,
    Urgency,
    Visit,
    case_number,
)
from deskconsole.models.text import id_check_char
from deskconsole.storage import Repository, StoreError
from deskconsole.storage import cases as case_ops
from deskconsole.storage import residents as resident_ops
from deskconsole.storage import sessions as session_ops

DEFAULT_RESIDENTS = 4303
DEFAULT_CASES = 400
DEFAULT_SEED = 2022
S = CaseState


@dataclass
class DemoData:
    """Everything a demo store holds."""

    residents: list[Resident]
    sessions: list[DeskSession]
    cases: list[Case]


def _id(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _name(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.01:
        return rng.choice(words.MINORITY_NAMES)
    surname = rng.choice(words.COMPOUND_SURNAMES) if roll < 0.04 else rng.choice(words.SURNAMES)
    return surname + rng.choice(words.GIVEN_NAMES)


def _id_number(rng: random.Random, birth: date) -> str:
    first17 = f"{rng.choice(words.REGIONS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def _phone(rng: random.Random, elderly: bool) -> str:
    if elderly and rng.random() < 0.5:
        return f"0536-8{rng.randrange(10**6):06d}"
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def _addresses(rng: random.Random) -> list[Address]:
    addresses = []
    for compound in words.COMPOUNDS:
        for building in range(1, 19):
            for unit in range(1, 4):
                for floor in range(1, 12):
                    for door in (1, 2):
                        addresses.append(
                            Address(
                                compound=compound,
                                building=str(building),
                                unit=str(unit),
                                room=f"{floor}{door:02d}",
                            )
                        )
    rng.shuffle(addresses)
    return addresses


def make_residents(rng: random.Random, count: int, today: date) -> list[Resident]:
    """``count`` residents in households of one to four at shuffled addresses."""
    residents: list[Resident] = []
    addresses = iter(_addresses(rng))
    created = datetime.combine(today - timedelta(days=200), time(9))
    while len(residents) < count:
        address = next(addresses)
        for _ in range(min(rng.choice((1, 2, 2, 3, 3, 4)), count - len(residents))):
            birth = date(rng.randint(1935, 2012), rng.randint(1, 12), rng.randint(1, 28))
            elderly = birth.year < 1960
            residents.append(
                Resident(
                    id=_id(rng),
                    name=_name(rng),
                    gender=rng.choice((Gender.MALE, Gender.FEMALE)),
                    phones=[_phone(rng, elderly)] if birth.year < 2008 else [],
                    id_number=_id_number(rng, birth) if rng.random() < 0.4 else None,
                    address=address,
                    notes=rng.choice(words.NOTES) if elderly else "",
                    created_at=created,
                    updated_at=created,
                )
            )
    # Two residents called 张伟 in the same community, told apart by their address.
    for index in {0, len(residents) - 1} if residents else ():
        residents[index] = residents[index].model_copy(update={"name": "张伟"})
    return residents


def make_sessions(rng: random.Random, today: date, desk_code: str = "") -> list[DeskSession]:
    """Desk sessions on Tuesdays and Fridays over the last six months."""
    sessions: list[DeskSession] = []
    day = today - timedelta(days=182)
    while day <= today:
        if day.weekday() in (1, 4):
            start = datetime.combine(day, time(9, 30))
            visits = [
                Visit(
                    at=start + timedelta(minutes=rng.randrange(120)),
                    category=rng.choice((None, "policy", "social_security", "civil_affairs")),
                )
                for _ in range(rng.randint(3, 15))
            ]
            is_today = day == today
            sessions.append(
                DeskSession(
                    id=_id(rng),
                    desk_code=desk_code,
                    date=day,
                    compound=words.COMPOUNDS[len(sessions) % len(words.COMPOUNDS)],
                    start=time(9, 30),
                    end=time(11, 30),
                    staff=rng.sample(words.STAFF, 2),
                    partners=rng.sample(words.PARTNERS, 2),
                    visits=[] if is_today else visits,
                    ended_at=None if is_today else datetime.combine(day, time(11, 30)),
                    updated_at=start,
                )
            )
        day += timedelta(days=1)
    return sessions


_PATHS: dict[CaseState, tuple[CaseState, ...]] = {
    S.REGISTERED: (),
    S.DISPATCHED: (S.DISPATCHED,),
    S.IN_PROGRESS: (S.DISPATCHED, S.IN_PROGRESS),
    S.RESOLVED: (S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED),
    S.CLOSED: (S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED),
    S.RETURNED: (S.RETURNED,),
    S.DUPLICATE: (S.DUPLICATE,),
    S.WITHDRAWN: (S.WITHDRAWN,),
}


def _final_state(rng: random.Random, age_days: int) -> CaseState:
    if age_days > 30:
        weights = {S.CLOSED: 80, S.RESOLVED: 4, S.IN_PROGRESS: 3, S.DISPATCHED: 2}
    else:
        weights = {S.REGISTERED: 12, S.DISPATCHED: 18, S.IN_PROGRESS: 22, S.RESOLVED: 18}
        weights[S.CLOSED] = 20
    weights.update({S.RETURNED: 3, S.DUPLICATE: 2, S.WITHDRAWN: 2})
    states = list(weights)
    return rng.choices(states, weights=[weights[s] for s in states])[0]


def _party(rng: random.Random, category: str) -> ResponsibleParty:
    if category in ("property", "utilities", "environment", "public_safety"):
        return ResponsibleParty(kind=PartyKind.PROPERTY_COMPANY, name="金域物业")
    if category in ("social_security", "civil_affairs", "housing"):
        return ResponsibleParty(kind=PartyKind.STREET_DEPARTMENT, name="街道社会事务办")
    return rng.choice(
        (
            ResponsibleParty(kind=PartyKind.COMMUNITY_OFFICE),
            ResponsibleParty(kind=PartyKind.HOTLINE_OFFICE),
        )
    )


def _build_case(
    rng: random.Random,
    number: str,
    session: DeskSession,
    resident: Resident | None,
    final: CaseState,
    earlier: list[str],
    settings: Settings,
    now: datetime,
) -> Case:
    category = rng.choice(list(words.MATTERS))
    request_type = rng.choice(list(RequestType))
    at = datetime.combine(session.date, time(9, 30)) + timedelta(minutes=rng.randrange(120))
    urgency = rng.choices(list(Urgency), weights=(2, 10, 1))[0]
    staff = session.staff[0] if session.staff else ""
    path = _PATHS[final]
    on_spot = request_type == RequestType.CONSULTATION and final in (S.RESOLVED, S.CLOSED)
    if on_spot:
        path = (S.RESOLVED, S.CLOSED) if final == S.CLOSED else (S.RESOLVED,)
    if final == S.DUPLICATE and not earlier:
        path, final = _PATHS[S.WITHDRAWN], S.WITHDRAWN
    events = [
        CaseEvent(id=_id(rng), at=at, staff=staff, kind=EventKind.CREATED, to_state=S.REGISTERED)
    ]
    fields: dict[str, object] = {}
    state, moment = S.REGISTERED, at
    for target in path:
        moment = min(moment + timedelta(hours=rng.randint(1, 60)), now)
        note = ""
        if target == S.DISPATCHED:
            fields["party"] = _party(rng, category)
        elif target == S.RESOLVED:
            fields["outcome"] = note = rng.choice(words.OUTCOMES)
        elif target == S.CLOSED:
            fields["satisfaction"] = rng.choices(list(Satisfaction), weights=(8, 3, 1))[0]
            note = "回访：" + fields["satisfaction"].label  # type: ignore[attr-defined]
        elif target == S.RETURNED:
            fields["end_reason"] = note = "不属于社区职责范围"
            fields["redirect_to"] = "区住建局"
        elif target == S.DUPLICATE:
            fields["duplicate_of"] = rng.choice(earlier)
            note = f"与 {fields['duplicate_of']} 重复"
        elif target == S.WITHDRAWN:
            fields["end_reason"] = note = "居民主动撤回"
        events.append(
            CaseEvent(
                id=_id(rng),
                at=moment,
                staff=staff,
                kind=EventKind.MOVED,
                from_state=state,
                to_state=target,
                note=note,
            )
        )
        state = target
    return Case(
        number=number,
        desk_code=settings.desk_code,
        intake_at=at,
        session_id=session.id,
        staff=staff,
        resident_id=resident.id if resident else None,
        contact_name="" if resident else "匿名居民",
        contact_phone="" if resident else _phone(rng, False),
        request_type=request_type,
        category=category,
        description=rng.choice(words.MATTERS[category]),
        location=resident.address.label_zh if resident else session.compound,
        urgency=urgency,
        due_date=due_date(at, urgency, settings),
        state=final,
        solved_on_spot=on_spot,
        events=events,
        updated_at=moment,
        **fields,  # type: ignore[arg-type]
    )


def make_cases(
    rng: random.Random,
    count: int,
    sessions: list[DeskSession],
    residents: list[Resident],
    settings: Settings,
    now: datetime,
) -> list[Case]:
    """``count`` cases spread over the sessions, in every state, with timelines."""
    by_compound: dict[str, list[Resident]] = defaultdict(list)
    for person in residents:
        by_compound[person.address.compound].append(person)
    past = sorted((s for s in sessions if s.date < now.date()), key=lambda s: s.date)
    if not past or count <= 0:
        return []
    cases: list[Case] = []
    per_day: dict[date, int] = defaultdict(int)
    for index in range(count):
        session = past[index * len(past) // count]
        people = by_compound.get(session.compound) or residents
        resident = rng.choice(people) if people and rng.random() > 0.05 else None
        per_day[session.date] += 1
        number = case_number(settings.desk_code, session.date, per_day[session.date])
        final = _final_state(rng, (now.date() - session.date).days)
        earlier = [c.number for c in cases[-30:]]
        cases.append(_build_case(rng, number, session, resident, final, earlier, settings, now))
    return cases


def generate(
    now: datetime,
    residents: int = DEFAULT_RESIDENTS,
    cases: int = DEFAULT_CASES,
    seed: int = DEFAULT_SEED,
    settings: Settings | None = None,
) -> DemoData:
    """The same data for the same arguments."""
    rng = random.Random(seed)
    settings = settings or Settings()
    people = make_residents(rng, residents, now.date())
    sessions = make_sessions(rng, now.date(), settings.desk_code)
    return DemoData(people, sessions, make_cases(rng, cases, sessions, people, settings, now))


def fill(repo: Repository, data: DemoData, settings: Settings | None = None) -> None:
    """Write demo data into an empty store as one batch."""
    if not repo.is_empty:
        raise StoreError("demo.not_empty", data_dir=str(repo.data_dir))
    settings = settings or Settings(
        compounds=list(words.COMPOUNDS), canned_replies=dict(words.CANNED_REPLIES)
    )
    # One commit: a crash leaves either an empty store or the whole demo, never settings only.
    repo.commit(
        [session_ops.settings_op(settings)]
        + [resident_ops.op(r) for r in data.residents]
        + [session_ops.op(s) for s in data.sessions]
        + [case_ops.op(c) for c in data.cases]
    )
