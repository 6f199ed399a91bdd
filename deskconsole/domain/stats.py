"""Statistics of the desk over a date range, computed from raw documents.

Working on the store's raw case documents (no model validation) keeps this fast on
large stores: one pass over 50,000 cases takes a few tens of milliseconds.

Definitions (over the cases taken in the range, by intake date):
- visitors: visitors who only asked a question, summed over the sessions in the range;
- taken: cases taken;
- solved on the spot: flagged so, or resolved/closed without ever going to a party;
- dispatched: sent to a responsible party;
- resolved: outcome recorded (now awaiting follow-up or closed); closed: follow-up done;
- on time: resolved on or before the due date, out of the cases whose timeliness is
  known (resolved with a due date, or still open and past it);
- satisfied: closed cases rated satisfied or basically satisfied, out of those rated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from deskconsole.domain.register import is_on_spot, was_dispatched
from deskconsole.domain.street import Scope
from deskconsole.i18n import t
from deskconsole.models import DeskSession, Settings
from deskconsole.storage import RepositoryAPI

_OPEN = frozenset({"registered", "dispatched", "in_progress"})
_SOLVED = frozenset({"resolved", "closed"})
_CONTENT = frozenset({"satisfied", "basically"})
NO_PARTY = ""
NO_SESSION = ""


@dataclass(frozen=True)
class SessionFigures:
    """One desk session's figures (``id`` is empty for cases taken outside a session)."""

    id: str
    day: date | None
    compound: str
    visitors: int
    cases: int


@dataclass(frozen=True)
class DayFigures:
    day: date
    visitors: int
    cases: int


@dataclass(frozen=True)
class Stats:
    """Figures of the desk from ``first`` to ``last`` inclusive."""

    first: date
    last: date
    visitors: int
    taken: int
    solved_on_spot: int
    dispatched: int
    resolved: int
    closed: int
    on_time: int
    timed: int
    content: int
    rated: int
    by_category: tuple[tuple[str, int], ...]
    by_party: tuple[tuple[str, int], ...]
    by_session: tuple[SessionFigures, ...]
    per_day: tuple[DayFigures, ...]

    @property
    def on_time_rate(self) -> float | None:
        """Share of cases resolved in time, or ``None`` when none can be judged yet."""
        return self.on_time / self.timed if self.timed else None

    @property
    def satisfaction_rate(self) -> float | None:
        """Share of rated cases that were satisfied or basically satisfied."""
        return self.content / self.rated if self.rated else None

    def per_week(self) -> list[DayFigures]:
        """Counts per week (``day`` is the week's Monday, or ``first`` for a partial week)."""
        weeks: dict[date, list[int]] = {}
        for figures in self.per_day:
            monday = max(figures.day - timedelta(days=figures.day.weekday()), self.first)
            totals = weeks.setdefault(monday, [0, 0])
            totals[0] += figures.visitors
            totals[1] += figures.cases
        return [DayFigures(day, v, c) for day, (v, c) in weeks.items()]

    def summary(self) -> str:
        """One sentence a report would quote."""
        return t(
            "stats.summary",
            first=self.first.isoformat(),
            last=self.last.isoformat(),
            visitors=self.visitors,
            taken=self.taken,
            solved=self.resolved,
            on_spot=self.solved_on_spot,
        )


def percent(rate: float | None) -> str:
    """``0.953`` -> ``95.3%``; ``None`` -> ``-``."""
    return "-" if rate is None else f"{rate * 100:.1f}%"


def party_label(party: dict[str, Any] | None) -> str:
    """The responsible party's name, or its kind's label; ``""`` when there is none."""
    if not party:
        return NO_PARTY
    return str(party.get("name") or t(f"enum.PartyKind.{party.get('kind', 'other_unit')}"))


def _resolved_day(doc: dict[str, Any]) -> str:
    """ISO date of the latest move to "resolved" (or of the last update, failing that)."""
    latest = ""
    for event in doc.get("events") or ():
        if event.get("to_state") == "resolved" and event.get("at", "") > latest:
            latest = event["at"]
    return (latest or doc.get("updated_at") or "")[:10]


def compute(
    case_docs: Iterable[dict[str, Any]],
    sessions: Iterable[DeskSession],
    first: date,
    last: date,
    today: date,
) -> Stats:
    """The figures from raw case documents and the sessions (pure)."""
    low, high = first.isoformat(), last.isoformat()
    iso_today = today.isoformat()
    in_range = [s for s in sessions if first <= s.date <= last]
    day_visitors: Counter[str] = Counter()
    for session in in_range:
        day_visitors[session.date.isoformat()] += len(session.visits)
    day_cases: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    parties: Counter[str] = Counter()
    session_cases: Counter[str] = Counter()
    taken = on_spot = dispatched = resolved = closed = 0
    on_time = timed = content = rated = 0
    taken_in_range = [doc for doc in case_docs if low <= doc["intake_at"][:10] <= high]
    # Equal counts rank in the order the cases were taken, whatever order the store gave.
    taken_in_range.sort(key=lambda doc: (doc["intake_at"], doc["number"]))
    for doc in taken_in_range:
        day = doc["intake_at"][:10]
        taken += 1
        day_cases[day] += 1
        state = doc["state"]
        party = doc.get("party")
        categories[doc["category"]] += 1
        parties[party_label(party)] += 1
        session_cases[doc.get("session_id") or NO_SESSION] += 1
        if was_dispatched(bool(doc.get("solved_on_spot")), bool(party)):
            dispatched += 1
        if is_on_spot(bool(doc.get("solved_on_spot")), state, bool(party)):
            on_spot += 1
        due = doc.get("due_date") or ""
        if state in _SOLVED:
            resolved += 1
            if due:
                timed += 1
                on_time += _resolved_day(doc) <= due
            if state == "closed" and doc.get("satisfaction"):
                rated += 1
                content += doc["satisfaction"] in _CONTENT
        elif state in _OPEN and due and due < iso_today:
            timed += 1
        if state == "closed":
            closed += 1
    per_day = []
    day = first
    while day <= last:
        iso = day.isoformat()
        per_day.append(DayFigures(day, day_visitors[iso], day_cases[iso]))
        day += timedelta(days=1)
    by_session = [
        SessionFigures(s.id, s.date, s.compound, len(s.visits), session_cases.pop(s.id, 0))
        for s in sorted(in_range, key=lambda s: (s.date, s.start or s.updated_at.time()))
    ]
    # Cases of sessions outside the range (back-dated typing) or of none at all.
    outside = sum(session_cases.values())
    if outside:
        by_session.append(SessionFigures(NO_SESSION, None, "", 0, outside))
    return Stats(
        first=first,
        last=last,
        visitors=sum(day_visitors.values()),
        taken=taken,
        solved_on_spot=on_spot,
        dispatched=dispatched,
        resolved=resolved,
        closed=closed,
        on_time=on_time,
        timed=timed,
        content=content,
        rated=rated,
        by_category=tuple(categories.most_common()),
        by_party=tuple(parties.most_common()),
        by_session=tuple(by_session),
        per_day=tuple(per_day),
    )


def stats_for(
    repo: RepositoryAPI, first: date, last: date, today: date, scope: Scope | None = None
) -> Stats:
    """This desk's figures from ``first`` to ``last`` (other desks' merged cases left
    out), or those of the desks ``scope`` covers."""
    desk = repo.settings.get().desk_code
    covers = scope.covers if scope is not None else desk.__eq__
    taken = repo.cases.docs_taken_between(first, last)
    cases = (doc for doc in taken if covers(doc.get("desk_code") or ""))
    sessions = [s for s in repo.sessions.all() if covers(s.desk_code or desk)]
    return compute(cases, sessions, first, last, today)


def default_range(today: date, days: int = 30) -> tuple[date, date]:
    """The last ``days`` days, today included."""
    return today - timedelta(days=days - 1), today


def category_label(settings: Settings, code: str) -> str:
    """A category's name in the interface language."""
    return settings.category_label(code)


def figure_rows(stats: Stats) -> list[tuple[str, str]]:
    """(label, value) of the headline figures, in the interface language."""
    return [
        (t("stats.visitors"), str(stats.visitors)),
        (t("stats.taken"), str(stats.taken)),
        (t("stats.on_spot"), str(stats.solved_on_spot)),
        (t("stats.dispatched"), str(stats.dispatched)),
        (t("stats.resolved"), str(stats.resolved)),
        (t("stats.closed"), str(stats.closed)),
        (
            t("stats.on_time"),
            t(
                "stats.on_time_detail",
                rate=percent(stats.on_time_rate),
                count=stats.on_time,
                total=stats.timed,
            ),
        ),
        (
            t("stats.satisfaction"),
            t(
                "stats.on_time_detail",
                rate=percent(stats.satisfaction_rate),
                count=stats.content,
                total=stats.rated,
            ),
        ),
    ]


def breakdowns(stats: Stats, settings: Settings) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(label, value)]) for category, responsible party and desk session."""
    categories = [(category_label(settings, code), str(n)) for code, n in stats.by_category]
    parties = [(label or t("stats.no_party"), str(n)) for label, n in stats.by_party]
    sessions = [
        (
            f"{s.day.isoformat()} {s.compound}" if s.day else t("stats.no_session"),
            t("stats.session_value", cases=s.cases, visitors=s.visitors),
        )
        for s in stats.by_session
    ]
    return [
        (t("stats.by_category"), categories),
        (t("stats.by_party"), parties),
        (t("stats.by_session"), sessions),
    ]
