"""Deterministic demo data for a Chinese community: residents, desk sessions, cases."""

from __future__ import annotations

import functools
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from deskconsole.domain import demo_data as words
from deskconsole.domain.archiving import archive_cutoff, is_due
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
from deskconsole.models.phones import phone_warning
from deskconsole.models.text import id_check_char
from deskconsole.storage import RepositoryAPI, StoreError
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
    if rng.random() < 0.6:
        return surname + rng.choice(words.GIVEN_NAMES)
    return surname + "".join(rng.choices(words.GIVEN_CHARS, k=rng.choice((1, 2, 2, 2))))


def _id_number(rng: random.Random, birth: date) -> str:
    first17 = f"{rng.choice(words.REGIONS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def _phone(rng: random.Random, elderly: bool) -> str:
    if elderly and rng.random() < 0.5:
        return f"0536-8{rng.randrange(10**6):06d}"
    return _allocated(f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}")


def _allocated(mobile: str) -> str:
    """The mobile on a prefix the numbering plan holds: its third digit changed until it
    is (no further random draws, so the rest of the demo stays as it was)."""
    for third in mobile[2] + "0123456789":
        candidate = mobile[:2] + third + mobile[3:]
        if _plan_holds(candidate[:7]):
            return candidate
    return "139" + mobile[3:]


@functools.cache
def _plan_holds(block: str) -> bool:
    """True when the numbering plan holds the mobiles of this seven-digit block (the
    plan's mobile ranges are blocks: the last four digits never decide)."""
    return phone_warning(block + "0000") is None


#: Flats per building: three units of eleven floors, two doors each.
_FLATS = 3 * 11 * 2
_HOUSEHOLD_SIZES = (1, 2, 2, 3, 3, 3, 4, 4, 5)


def _addresses(rng: random.Random, households: int) -> list[Address]:
    """Shuffled flats in the compounds, with enough buildings for ``households``
    (eighteen per compound, more for a large street)."""
    buildings = max(18, -(-households * 4 // 3 // (_FLATS * len(words.COMPOUNDS))))
    addresses = [
        Address(
            compound=compound,
            building=str(building),
            unit=str(unit),
            room=f"{floor}{door:02d}",
        )
        for compound in words.COMPOUNDS
        for building in range(1, buildings + 1)
        for unit in range(1, 4)
        for floor in range(1, 12)
        for door in (1, 2)
    ]
    rng.shuffle(addresses)
    return addresses


def make_residents(rng: random.Random, count: int, today: date) -> list[Resident]:
    """``count`` residents in households of one to five at shuffled addresses."""
    residents: list[Resident] = []
    addresses = iter(_addresses(rng, count))
    created = datetime.combine(today - timedelta(days=200), time(9))
    while len(residents) < count:
        address = next(addresses)
        for _ in range(min(rng.choice(_HOUSEHOLD_SIZES), count - len(residents))):
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


#: About how many cases a desk session takes, which sets how far back the sessions go.
CASES_PER_SESSION = 100
MAX_WEEKS = 52 * 10


def weeks_for(cases: int) -> int:
    """How many weeks of sessions ``cases`` cases span: six months at least, two
    sessions a week at about :data:`CASES_PER_SESSION` each, ten years at most."""
    return min(max(26, -(-cases // (2 * CASES_PER_SESSION))), MAX_WEEKS)


def make_sessions(
    rng: random.Random, today: date, desk_code: str = "", weeks: int = 26
) -> list[DeskSession]:
    """Desk sessions on Tuesdays and Fridays over the last ``weeks`` weeks."""
    sessions: list[DeskSession] = []
    day = today - timedelta(days=7 * weeks)
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


def _weights(table: dict[CaseState, int]) -> tuple[list[CaseState], list[int]]:
    table = {**table, S.RETURNED: 3, S.DUPLICATE: 2, S.WITHDRAWN: 2}
    return list(table), list(table.values())


_OLD_STATES = _weights({S.CLOSED: 80, S.RESOLVED: 4, S.IN_PROGRESS: 3, S.DISPATCHED: 2})
_RECENT_STATES = _weights(
    {S.REGISTERED: 12, S.DISPATCHED: 18, S.IN_PROGRESS: 22, S.RESOLVED: 18, S.CLOSED: 20}
)
_REQUEST_TYPES = list(RequestType)
_URGENCIES = list(Urgency)
_SATISFACTIONS = list(Satisfaction)
_CATEGORIES = list(words.MATTERS)


def _final_state(rng: random.Random, age_days: int) -> CaseState:
    states, weights = _OLD_STATES if age_days > 30 else _RECENT_STATES
    return rng.choices(states, weights=weights)[0]


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
    category = rng.choice(_CATEGORIES)
    request_type = rng.choice(_REQUEST_TYPES)
    at = datetime.combine(session.date, time(9, 30)) + timedelta(minutes=rng.randrange(120))
    urgency = rng.choices(_URGENCIES, weights=(2, 10, 1))[0]
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
            fields["satisfaction"] = rng.choices(_SATISFACTIONS, weights=(8, 3, 1))[0]
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
        description=_matter(rng, category, resident),
        location=resident.address.label_zh if resident else session.compound,
        urgency=urgency,
        due_date=due_date(at, urgency, settings),
        state=final,
        solved_on_spot=on_spot,
        events=events,
        updated_at=moment,
        **fields,  # type: ignore[arg-type]
    )


def _matter(rng: random.Random, category: str, resident: Resident | None) -> str:
    """What the resident reported: the matter, often where and how long or how often."""
    text = rng.choice(words.MATTERS[category])
    if resident is not None and resident.address.building and rng.random() < 0.5:
        text = f"{resident.address.building}号楼{resident.address.unit}单元：{text}"
    detail = rng.choice(words.MATTER_DETAILS)
    return f"{text}，{detail}" if detail else text


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
    sessions = make_sessions(rng, now.date(), settings.desk_code, weeks_for(cases))
    return DemoData(people, sessions, make_cases(rng, cases, sessions, people, settings, now))


def fill(repo: RepositoryAPI, data: DemoData, settings: Settings | None = None) -> None:
    """Write demo data into an empty store as one batch, the cases a desk running that
    long would have archived (those that ended over a year ago) into the archive files."""
    if not repo.is_empty:
        raise StoreError("demo.not_empty", data_dir=str(repo.data_dir))
    settings = settings or Settings(
        compounds=list(words.COMPOUNDS), canned_replies=dict(words.CANNED_REPLIES)
    )
    # One commit: a crash leaves either an empty store or the whole demo, never settings
    # only. The cases a desk would have archived by now go straight to the archive files.
    before = archive_cutoff(settings, repo.now())
    old: list[dict[str, Any]] = []
    live = []
    for op in (case_ops.op(c) for c in data.cases):
        if op.doc is not None and is_due(op.doc, before):
            old.append(op.doc)
        else:
            live.append(op)
    repo.cases.archive.add_with(
        old,
        [session_ops.settings_op(settings)]
        + [resident_ops.op(r) for r in data.residents]
        + [session_ops.op(s) for s in data.sessions]
        + live,
    )
