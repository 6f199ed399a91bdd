"""The day's register (登记簿): header, one row per case taken that day, footer.

:func:`build_register` reads the store and returns a :class:`Register`, a plain value
that every writer in ``deskconsole.export`` and the register screen render the same way.
Phone and ID numbers are masked unless ``masked=False`` is asked for explicitly.

The register is an official record kept in Chinese: the data cells (request type,
category, state, handling) are Chinese whatever the language. The title, column
headings and the labels of the header and footer lines are in the register's own
language (the store setting ``register_lang``, Chinese unless set to English), never
the interface language: a clerk working in English still files a Chinese register.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from deskconsole.domain.street import Scope, ScopeKind, Street, street_of
from deskconsole.errors import DeskError
from deskconsole.i18n import Language, listed, t
from deskconsole.models import (
    AuditEntry,
    Case,
    CaseState,
    DeskSession,
    Resident,
    Settings,
    mask_id_number,
    mask_phone,
)
from deskconsole.storage import RepositoryAPI

AUDIT_ACTION = "register.export_unmasked"
DATA_LANGUAGE: Language = "zh"
"""The language of the register's data cells."""

_SOLVED_STATES = frozenset({CaseState.RESOLVED.value, CaseState.CLOSED.value})

# (attribute of RegisterRow, catalog key of its heading), in the order of the columns.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("no", "register.col_no"),
    ("time", "register.col_time"),
    ("number", "field.number"),
    ("name", "field.name"),
    ("address", "field.address"),
    ("phone", "field.phone"),
    ("id_number", "field.id_number"),
    ("request_type", "field.request_type"),
    ("category", "field.category"),
    ("matter", "register.col_matter"),
    ("handling", "register.col_handling"),
    ("state", "field.state"),
    ("staff", "field.staff"),
)


def headings(language: Language | None = None) -> list[str]:
    """The column headings in ``language`` (default: the interface language)."""
    return [t(key, language) for _, key in COLUMNS]


def is_on_spot(solved_on_spot: bool, state: str, has_party: bool) -> bool:
    """Solved at the desk: flagged so, or resolved/closed without ever going to a party."""
    return solved_on_spot or (state in _SOLVED_STATES and not has_party)


def was_dispatched(solved_on_spot: bool, has_party: bool) -> bool:
    """Sent to a responsible party (a party named for a case solved at the desk is not)."""
    return has_party and not solved_on_spot


@dataclass(frozen=True)
class SessionInfo:
    """A desk session as the register header shows it."""

    id: str
    compound: str
    start: str
    end: str
    staff: tuple[str, ...]
    partners: tuple[str, ...]
    visitors: int

    @property
    def hours(self) -> str:
        """``09:30-11:30``, or what is known of it."""
        return "-".join(p for p in (self.start, self.end) if p)


@dataclass(frozen=True)
class RegisterRow:
    """One case as one line of the register; every cell is text except ``no``."""

    no: int
    time: str
    number: str
    name: str
    address: str
    # Left out of the repr: full numbers in an unmasked register.
    phone: str = field(repr=False)
    id_number: str = field(repr=False)
    request_type: str
    category: str
    matter: str
    handling: str
    state: str
    staff: str
    # machine-readable companions (JSON)
    intake_at: str
    request_type_code: str
    category_code: str
    state_code: str
    urgency_code: str
    party: str
    due_date: str
    solved_on_spot: bool
    session_id: str

    def cells(self) -> list[str]:
        """The row's cells in column order, as text."""
        return [str(getattr(self, name)) for name, _ in COLUMNS]


@dataclass(frozen=True)
class CategoryCount:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class RegisterFooter:
    """The totals under the table."""

    visitors: int
    cases: int
    solved_on_spot: int
    dispatched: int
    by_category: tuple[CategoryCount, ...]
    #: Cases per community, on a register of several communities (the street's).
    by_community: tuple[CategoryCount, ...] = ()


@dataclass(frozen=True)
class Register:
    """Everything one exported register holds."""

    community: str
    street: str
    desk_code: str
    day: date
    compounds: tuple[str, ...]
    sessions: tuple[SessionInfo, ...]
    staff: tuple[str, ...]
    rows: tuple[RegisterRow, ...]
    footer: RegisterFooter
    masked: bool = True
    session_id: str | None = None
    generated_at: datetime = field(default_factory=datetime.now)
    generated_by: str = ""
    language: Language = DATA_LANGUAGE
    """The language of the title, headings and labels (the data cells are Chinese)."""
    scope: str = ""
    """What the register covers on a store of several desks (``金城社区（服务台 JC）``);
    empty on a store of one desk, whose register is simply the desk's."""

    @property
    def is_empty(self) -> bool:
        """No case was taken that day (or in that session)."""
        return not self.rows

    @property
    def title(self) -> str:
        """``金城社区流动服务台登记簿`` (in the register's language)."""
        return t("register.doc_title", self.language, community=self.community)

    def headings(self) -> list[str]:
        """The column headings in the register's language."""
        return headings(self.language)

    def header_lines(self, language: Language | None = None) -> list[tuple[str, str]]:
        """(label, value) pairs shown above the table, labels in ``language`` (default:
        the register's); a field with nothing to show has an empty value."""
        lang = language or self.language
        community = " ".join(p for p in (self.street, self.community) if p)
        sessions = "; ".join(" ".join(p for p in (s.compound, s.hours) if p) for s in self.sessions)
        return [
            (t("register.h_community", lang), community),
            (t("register.h_compound", lang), listed(self.compounds, self.language)),
            (t("register.h_date", lang), self.day.isoformat()),
            (t("register.h_session", lang), sessions),
            (t("register.h_staff", lang), listed(self.staff, self.language)),
        ] + ([(t("register.h_scope", lang), self.scope)] if self.scope else [])

    def filled_header_lines(self) -> list[tuple[str, str]]:
        """The header lines that have a value: a printed page shows no empty ``驻点：``."""
        return [(label, value) for label, value in self.header_lines() if value]

    def footer_lines(self, language: Language | None = None) -> list[tuple[str, str]]:
        """(label, value) pairs shown below the table, labels in ``language`` (default:
        the register's)."""
        lang = language or self.language
        foot = self.footer
        categories = listed((f"{c.label} {c.count}" for c in foot.by_category), self.language)
        communities = listed((f"{c.label} {c.count}" for c in foot.by_community), self.language)
        return [
            (t("register.f_visitors", lang), str(foot.visitors)),
            (t("register.f_cases", lang), str(foot.cases)),
            (t("register.f_on_spot", lang), str(foot.solved_on_spot)),
            (t("register.f_dispatched", lang), str(foot.dispatched)),
            (t("register.f_categories", lang), categories),
        ] + ([(t("register.f_communities", lang), communities)] if foot.by_community else [])

    def empty_note(self, language: Language | None = None) -> str:
        """The sentence a register with no rows shows instead of them."""
        return t("register.empty", language or self.language, day=self.day.isoformat())

    def masked_note(self) -> str:
        """Says whether personal numbers are masked (in the register's language)."""
        key = "register.note_masked" if self.masked else "register.note_unmasked"
        return t(key, self.language)

    def text(self, key: str, **params: object) -> str:
        """A catalog message in the register's language (signature labels, notes)."""
        return t(key, self.language, **params)

    def pair(self, label: str, value: str) -> str:
        """``社区：新城街道 金城社区`` (``Community: ...`` in English)."""
        return t("register.pair", self.language, label=label, value=value)


# -- building ------------------------------------------------------------------------


def _zh(key: str, **params: object) -> str:
    return t(key, DATA_LANGUAGE, **params)


def handling_text(case: Case) -> str:
    """What was done with the case, in Chinese: on the spot, or dispatched to whom by when."""
    state = case.state
    if is_on_spot(case.solved_on_spot, state.value, case.party is not None):
        return _zh("register.handling_on_spot")
    if state is CaseState.RETURNED:
        return _zh("register.handling_returned", where=case.redirect_to or "-")
    if state is CaseState.DUPLICATE:
        return _zh("register.handling_duplicate", number=case.duplicate_of or "-")
    if state is CaseState.WITHDRAWN:
        return _zh("register.handling_withdrawn")
    due = case.due_date.isoformat() if case.due_date else ""
    if case.party is not None:
        party = case.party.name or _zh(f"enum.PartyKind.{case.party.kind.value}")
        if due:
            return _zh("register.handling_dispatched_due", party=party, due=due)
        return _zh("register.handling_dispatched", party=party)
    if state is CaseState.REGISTERED:
        return _zh("register.handling_pending")
    return _zh("register.handling_own", due=due or "-")


def _category_zh(settings: Settings, code: str) -> str:
    found = settings.category(code)
    return found.zh if found else code


def make_row(
    no: int, case: Case, resident: Resident | None, settings: Settings, masked: bool
) -> RegisterRow:
    """The register line of one case."""
    if resident is not None:
        name = resident.name
        address = resident.address.label_zh or case.location
        phone = case.contact_phone or resident.phone
        id_number = resident.id_number or ""
    else:
        name = case.contact_name or _zh("register.anonymous")
        address = case.location
        phone = case.contact_phone
        id_number = ""
    if masked:
        phone = mask_phone(phone) if phone else ""
        id_number = mask_id_number(id_number) if id_number else ""
    party = ""
    if case.party is not None:
        party = case.party.name or _zh(f"enum.PartyKind.{case.party.kind.value}")
    return RegisterRow(
        no=no,
        time=f"{case.intake_at:%H:%M}",
        number=case.number,
        name=name,
        address=address,
        phone=phone,
        id_number=id_number,
        request_type=_zh(f"enum.RequestType.{case.request_type.value}"),
        category=_category_zh(settings, case.category),
        matter=case.description,
        handling=handling_text(case),
        state=_zh(f"enum.CaseState.{case.state.value}"),
        staff=case.staff,
        intake_at=case.intake_at.isoformat(timespec="minutes"),
        request_type_code=case.request_type.value,
        category_code=case.category,
        state_code=case.state.value,
        urgency_code=case.urgency.value,
        party=party,
        due_date=case.due_date.isoformat() if case.due_date else "",
        solved_on_spot=is_on_spot(case.solved_on_spot, case.state.value, case.party is not None),
        session_id=case.session_id or "",
    )


def _session_info(session: DeskSession) -> SessionInfo:
    return SessionInfo(
        id=session.id,
        compound=session.compound,
        start=f"{session.start:%H:%M}" if session.start else "",
        end=f"{session.end:%H:%M}" if session.end else "",
        staff=tuple(session.staff),
        partners=tuple(session.partners),
        visitors=len(session.visits),
    )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def category_counts(codes: Iterable[str], settings: Settings) -> tuple[CategoryCount, ...]:
    """Counts per category, in the configured order, unknown codes last."""
    counts = Counter(codes)
    order = [c.code for c in settings.categories]
    ranked = sorted(counts, key=lambda code: order.index(code) if code in order else len(order))
    return tuple(CategoryCount(code, _category_zh(settings, code), counts[code]) for code in ranked)


def own_sessions(repo: RepositoryAPI) -> list[DeskSession]:
    """The sessions this store's desk held (not those merged in from other desks)."""
    desk = repo.settings.get().desk_code
    return [s for s in repo.sessions.all() if s.held_by(desk)]


def own_sessions_on(
    repo: RepositoryAPI, day: date, scope: Scope | None = None
) -> list[DeskSession]:
    """The sessions this store's desk (or the desks ``scope`` covers) held on ``day``,
    earliest first (reads only that day)."""
    desk = repo.settings.get().desk_code
    if scope is None:
        held = [s for s in repo.sessions.on_day(day) if s.held_by(desk)]
    else:
        held = [s for s in repo.sessions.on_day(day) if scope.covers(s.desk_code or desk)]
    return sessions_on(held, day)


def sessions_on(sessions: Iterable[DeskSession], day: date) -> list[DeskSession]:
    """The desk sessions held on ``day``, earliest first."""
    found = [s for s in sessions if s.date == day]
    return sorted(found, key=lambda s: (s.start is None, s.start or s.updated_at.time(), s.id))


def assemble(
    day: date,
    cases: list[Case],
    residents: dict[str, Resident],
    sessions: list[DeskSession],
    settings: Settings,
    *,
    masked: bool = True,
    session_id: str | None = None,
    generated_at: datetime | None = None,
    generated_by: str = "",
) -> Register:
    """Put a register together from what was read (pure: no store access)."""
    rows = tuple(
        make_row(
            index,
            case,
            residents.get(case.resident_id) if case.resident_id else None,
            settings,
            masked,
        )
        for index, case in enumerate(cases, start=1)
    )
    compounds = _unique(s.compound for s in sessions)
    if not compounds:
        compounds = _unique(
            r.address.compound for c in cases if (r := residents.get(c.resident_id or ""))
        )
    staff = _unique([name for s in sessions for name in s.staff] + [c.staff for c in cases])
    footer = RegisterFooter(
        visitors=sum(len(s.visits) for s in sessions),
        cases=len(rows),
        solved_on_spot=sum(1 for r in rows if r.solved_on_spot),
        dispatched=sum(1 for c in cases if was_dispatched(c.solved_on_spot, c.party is not None)),
        by_category=category_counts((c.category for c in cases), settings),
    )
    return Register(
        community=settings.community,
        street=settings.street,
        desk_code=settings.desk_code,
        day=day,
        compounds=compounds,
        sessions=tuple(_session_info(s) for s in sessions),
        staff=staff,
        rows=rows,
        footer=footer,
        masked=masked,
        session_id=session_id,
        generated_at=generated_at or datetime.now(),
        generated_by=generated_by,
        language=settings.register_lang,
    )


def find_session(sessions: Iterable[DeskSession], day: date, wanted: str) -> DeskSession:
    """The session of ``day`` named by its id, a unique id prefix (4+ characters) or its
    compound; raises :class:`DeskError` naming the day's sessions otherwise."""
    todays = sessions_on(sessions, day)
    text = wanted.strip()
    exact = [s for s in todays if s.id == text]
    if not exact and len(text) >= 4:
        exact = [s for s in todays if s.id.startswith(text)]
    if not exact:
        exact = [s for s in todays if s.compound == text]
    if len(exact) == 1:
        return exact[0]
    listed = "; ".join(f"{s.id[:8]} {s.compound}" for s in todays) or t("register.no_sessions")
    key = "register.session_ambiguous" if exact else "register.session_unknown"
    raise DeskError(key, session=text, day=day.isoformat(), sessions=listed)


def build_register(
    repo: RepositoryAPI,
    day: date,
    session_id: str | None = None,
    *,
    masked: bool = True,
    generated_at: datetime | None = None,
    generated_by: str = "",
    scope: Scope | None = None,
) -> Register:
    """Read the cases taken on ``day`` (optionally in one session) and build the register:
    this desk's, or of the desks ``scope`` covers."""
    settings = repo.settings.get()
    sessions = own_sessions_on(repo, day, scope)
    if session_id is not None:
        sessions = [s for s in sessions if s.id == session_id]
        if not sessions:
            raise DeskError(
                "register.session_unknown",
                session=session_id,
                day=day.isoformat(),
                sessions=t("register.no_sessions"),
            )
    # This desk's register: cases merged in from other desks' bundles are theirs.
    covers = scope.covers if scope is not None else settings.desk_code.__eq__
    cases = [c for c in repo.cases.taken_on(day, session_id) if covers(c.desk_code)]
    residents: dict[str, Resident] = {}
    for case in cases:
        if case.resident_id and case.resident_id not in residents:
            found = repo.residents.get(case.resident_id)
            if found is not None:
                residents[found.id] = found
    register = assemble(
        day,
        cases,
        residents,
        sessions,
        settings,
        masked=masked,
        session_id=session_id,
        generated_at=generated_at,
        generated_by=generated_by,
    )
    street = street_of(repo) if scope is not None else None
    if scope is None or street is None or not street.several:
        return register
    return in_scope(register, cases, scope, street)


def in_scope(register: Register, cases: list[Case], scope: Scope, street: Street) -> Register:
    """The register headed with what it covers; the street's counts cases per community."""
    whole = scope.kind is ScopeKind.STREET
    by_community: tuple[CategoryCount, ...] = ()
    if whole:
        counts = Counter(street.group_of(c.desk_code) for c in cases)
        order = {group: index for index, group in enumerate(street.groups())}
        ranked = sorted(counts, key=lambda group: (order.get(group, len(order)), group))
        by_community = tuple(CategoryCount(group, group, counts[group]) for group in ranked)
    return replace(
        register,
        community=street.name if whole else (scope.community or scope.name),
        street="" if whole else register.street,
        desk_code=scope.slug,
        scope=scope.label(street, register.language),
        footer=replace(register.footer, by_community=by_community),
    )


def unmasked_export_audit(
    register: Register, fmt: str, path: Path, staff: str, at: datetime
) -> AuditEntry:
    """The audit record of an export with full phone and ID numbers: who, when, what, where."""
    return AuditEntry(
        at=at,
        staff=staff,
        action=AUDIT_ACTION,
        target=register.day.isoformat(),
        detail={
            "date": register.day.isoformat(),
            "session": register.session_id or "",
            "format": fmt,
            "path": str(path),
            "rows": str(len(register.rows)),
        },
    )
