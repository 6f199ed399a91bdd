"""What the case board shows: light card data read straight from the store's documents.

A board with 1,000 open cases in a store of 50,000 must open in a blink, so the
board never builds full :class:`~deskconsole.models.Case` models: it reads the
few fields a card needs from the raw documents, sorts each column by urgency and
filters in memory. The full case is read only when one is opened or moved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from deskconsole.domain.workdays import workdays_until
from deskconsole.i18n import t
from deskconsole.models import ENDED_STATES, OPEN_STATES, CaseState, PartyKind, Settings
from deskconsole.storage import RepositoryAPI

S = CaseState

#: The board's columns, left to right, and the archive behind the toggle.
LIVE_COLUMNS: tuple[CaseState, ...] = (
    S.REGISTERED,
    S.DISPATCHED,
    S.IN_PROGRESS,
    S.RESOLVED,
    S.CLOSED,
)
ARCHIVE_COLUMNS: tuple[CaseState, ...] = (S.CLOSED, S.RETURNED, S.DUPLICATE, S.WITHDRAWN)
RECENT_CLOSED_DAYS = 7
_OPEN = frozenset(s.value for s in OPEN_STATES)


class Due(Enum):
    """How pressing a card's due date is."""

    NONE = "none"
    OK = "ok"
    SOON = "soon"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class CardInfo:
    """The few fields a card shows, plus what filtering and sorting need."""

    number: str
    state: CaseState
    name: str
    category: str
    party_kind: str
    party_name: str
    compound: str
    intake_at: datetime
    due_date: date | None
    since: datetime
    version: str
    haystack: str = field(repr=False, compare=False)
    ended_note: str = ""

    @property
    def party_label(self) -> str:
        """The party's name, else its kind's label, else an empty string."""
        if self.party_name:
            return self.party_name
        return PartyKind(self.party_kind).label if self.party_kind else ""


class DueCalendar:
    """Working days to each due date, computed once per date for one board load."""

    def __init__(self, today: date, settings: Settings) -> None:
        self.today = today
        self.settings = settings
        self._days: dict[date, int] = {}

    def workdays(self, due: date) -> int:
        """Working days from today to ``due`` (negative when overdue)."""
        days = self._days.get(due)
        if days is None:
            days = self._days[due] = workdays_until(self.today, due, self.settings)
        return days

    def badge(self, state: CaseState, due: date | None) -> Due:
        """Overdue: open and past due. Soon: open and due within one working day."""
        if due is None or state not in OPEN_STATES:
            return Due.NONE
        if due < self.today:
            return Due.OVERDUE
        if (due - self.today).days <= 14 and self.workdays(due) <= 1:
            return Due.SOON
        return Due.OK


@dataclass(frozen=True)
class BoardFilter:
    """What the board is narrowed to; an empty filter shows everything."""

    text: str = ""
    category: str = ""
    party_kind: str = ""
    compound: str = ""
    overdue_only: bool = False

    @property
    def is_empty(self) -> bool:
        return not (
            self.text.strip()
            or self.category
            or self.party_kind
            or self.compound
            or self.overdue_only
        )

    def matches(self, card: CardInfo, today: date) -> bool:
        """True when ``card`` passes every part of the filter."""
        if self.category and card.category != self.category:
            return False
        if self.party_kind and card.party_kind != self.party_kind:
            return False
        if self.compound and card.compound != self.compound:
            return False
        if self.overdue_only and not (
            card.state in OPEN_STATES and card.due_date is not None and card.due_date < today
        ):
            return False
        words = self.text.lower().split()
        return all(word in card.haystack for word in words)

    def describe(self, settings: Settings) -> str:
        """``"江 | Property & facilities | overdue only"`` in the current language."""
        parts = []
        if self.text.strip():
            parts.append(f'"{self.text.strip()}"')
        if self.category:
            parts.append(settings.category_label(self.category))
        if self.party_kind:
            parts.append(PartyKind(self.party_kind).label)
        if self.compound:
            parts.append(self.compound)
        if self.overdue_only:
            parts.append(t("board.filter_overdue"))
        return " | ".join(parts)


def _ended_note(doc: Mapping[str, Any]) -> str:
    """Why an ended case ended: where to go instead, the original, or the reason."""
    if doc.get("duplicate_of"):
        return t("board.duplicate_of", number=doc["duplicate_of"])
    return doc.get("redirect_to") or doc.get("end_reason") or ""


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _closed_at(doc: Mapping[str, Any]) -> datetime:
    moves = [
        e["at"]
        for e in doc.get("events") or ()
        if e.get("kind") == "moved" and e.get("to_state") == doc["state"]
    ]
    return datetime.fromisoformat(max(moves) if moves else doc["updated_at"])


class CardMaker:
    """Builds cards from raw documents, working out each category's and party's words once."""

    def __init__(self, residents: Mapping[str, tuple[str, str]], settings: Settings) -> None:
        self.residents = residents
        self.settings = settings
        self._words: dict[tuple[str, str], str] = {}

    def _labels(self, category: str, kind: str) -> str:
        words = self._words.get((category, kind))
        if words is None:
            defined = self.settings.category(category)
            labels = [category, defined.en, defined.zh] if defined else [category]
            if kind:
                labels += [t(f"enum.PartyKind.{kind}", "en"), t(f"enum.PartyKind.{kind}", "zh")]
            words = self._words[(category, kind)] = " ".join(labels)
        return words

    def card(self, doc: Mapping[str, Any]) -> CardInfo:
        """A card from a raw case document."""
        state = CaseState(doc["state"])
        name, compound = self.residents.get(doc.get("resident_id") or "", ("", ""))
        name = name or doc.get("contact_name") or ""
        location = doc.get("location") or ""
        if not compound:
            compound = next((c for c in self.settings.compounds if location.startswith(c)), "")
        party = doc.get("party") or {}
        kind = party.get("kind") or ""
        category = doc.get("category") or ""
        haystack = " ".join(
            (
                doc["number"],
                name,
                doc.get("description") or "",
                location,
                party.get("name") or "",
                self._labels(category, kind),
            )
        ).lower()
        intake_at = datetime.fromisoformat(doc["intake_at"])
        return CardInfo(
            number=doc["number"],
            state=state,
            name=name,
            category=category,
            party_kind=kind,
            party_name=party.get("name") or "",
            compound=compound,
            intake_at=intake_at,
            due_date=_date(doc.get("due_date")),
            since=intake_at if state in OPEN_STATES else _closed_at(doc),
            version=doc.get("updated_at") or "",
            haystack=haystack,
            ended_note=_ended_note(doc) if state in ENDED_STATES else "",
        )


def card_from_doc(
    doc: Mapping[str, Any],
    residents: Mapping[str, tuple[str, str]],
    settings: Settings,
) -> CardInfo:
    """A card from a raw case document; ``residents`` maps id to (name, compound)."""
    return CardMaker(residents, settings).card(doc)


def resident_names(
    resident_docs: Iterable[Mapping[str, Any]], wanted: set[str]
) -> dict[str, tuple[str, str]]:
    """Name and compound of the residents in ``wanted``, from raw documents."""
    found: dict[str, tuple[str, str]] = {}
    for doc in resident_docs:
        if doc["id"] in wanted:
            found[doc["id"]] = (
                doc.get("name") or "",
                (doc.get("address") or {}).get("compound", ""),
            )
    return found


def sort_key(card: CardInfo) -> tuple[Any, ...]:
    """Open cases by urgency (earliest due first); the others newest first."""
    if card.state in OPEN_STATES:
        return (card.due_date or date.max, card.intake_at, card.number)
    if card.state == S.RESOLVED:
        # Awaiting follow-up: who has waited longest comes first.
        return (card.since, card.number)
    return (-card.since.timestamp(), card.number)


def board_docs(repo: RepositoryAPI, archive: bool, today: date) -> list[Mapping[str, Any]]:
    """The documents of the live board or of the archive; the live board reads only the
    cases it can show (open, resolved, closed lately), from the store's indexes."""
    if archive:
        return select_docs(repo.cases.docs(), archive, today)
    since = today - timedelta(days=RECENT_CLOSED_DAYS)
    live = repo.cases.docs_in_states([*OPEN_STATES, CaseState.RESOLVED])
    return select_docs([*live, *repo.cases.closed_docs_since(since)], archive, today)


def names_of(repo: RepositoryAPI, wanted: set[str]) -> dict[str, tuple[str, str]]:
    """Name and compound of the residents in ``wanted``, read one by one."""
    return resident_names(repo.residents.docs_of(wanted).values(), wanted)


def select_docs(
    docs: Iterable[Mapping[str, Any]], archive: bool, today: date
) -> list[Mapping[str, Any]]:
    """The documents of the live board (open, resolved, recently closed) or of the archive."""
    since = (today - timedelta(days=RECENT_CLOSED_DAYS)).isoformat()
    chosen = []
    for doc in docs:
        state = doc["state"]
        if state == "closed":
            recent = doc["updated_at"] >= since and _closed_at(doc).date().isoformat() >= since
            if recent == archive:
                continue
        elif (state in _OPEN or state == "resolved") == archive:
            continue
        chosen.append(doc)
    return chosen


def build_columns(
    docs: Iterable[Mapping[str, Any]],
    residents: Mapping[str, tuple[str, str]],
    settings: Settings,
    columns: tuple[CaseState, ...],
) -> dict[CaseState, list[CardInfo]]:
    """Cards per column, each column sorted."""
    found: dict[CaseState, list[CardInfo]] = {state: [] for state in columns}
    maker = CardMaker(residents, settings)
    for doc in docs:
        card = maker.card(doc)
        if card.state in found:
            found[card.state].append(card)
    for cards in found.values():
        cards.sort(key=sort_key)
    return found


def insert_sorted(cards: list[CardInfo], card: CardInfo) -> int:
    """Put ``card`` into the sorted list ``cards`` in place; returns its index."""
    key = sort_key(card)
    low, high = 0, len(cards)
    while low < high:
        middle = (low + high) // 2
        if sort_key(cards[middle]) < key:
            low = middle + 1
        else:
            high = middle
    cards.insert(low, card)
    return low
