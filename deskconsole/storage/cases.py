"""Cases in the store, keyed by case number."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from deskconsole.models import (
    CASE_NUMBER_RE,
    OPEN_STATES,
    Case,
    CaseState,
    case_number,
    case_number_prefix,
)
from deskconsole.storage.case_archive import CaseArchive, last_change, month_of
from deskconsole.storage.journal import Op
from deskconsole.storage.store import Store

TABLE = "cases"
_OPEN = frozenset(s.value for s in OPEN_STATES)


@dataclass(frozen=True)
class CaseCounts:
    """Today's figures for the header."""

    taken_today: int
    overdue: int
    awaiting_followup: int


class CaseRepository:
    """Typed access to the ``cases`` table, and to the cases archived beside it
    (``archive``): every read by number, resident, day or period answers from both."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.archive = CaseArchive(store)
        table = store.table(TABLE)
        table.add_index("resident", lambda doc: doc.get("resident_id"))
        table.add_index("number_prefix", lambda doc: doc["number"].rpartition("-")[0])
        table.add_index("intake_day", lambda doc: doc["intake_at"][:10])
        table.add_index("state", lambda doc: doc["state"])
        table.add_index("open_due", _open_due)
        table.add_index("closed_day", _closed_day)

    def _by_keys(self, keys: Iterable[str]) -> list[Case]:
        with self._store.lock:
            raw = self._store.table(TABLE).raw()
            docs = [raw[key] for key in keys if key in raw]
        return [Case.model_validate(doc) for doc in docs]

    def _lookup(self, index: str, value: str) -> set[str]:
        with self._store.lock:
            return self._store.table(TABLE).lookup(index, value)

    def _raw(self) -> list[dict[str, Any]]:
        return self._store.docs(TABLE)

    def _where(self, keep: Callable[[dict[str, Any]], bool]) -> list[Case]:
        return [Case.model_validate(doc) for doc in self._raw() if keep(doc)]

    def get(self, number: str) -> Case | None:
        """The case with this number (live or archived)."""
        doc = self.doc(number)
        return Case.model_validate(doc) if doc is not None else None

    def doc(self, number: str) -> dict[str, Any] | None:
        """One case's raw document (read only, live or archived), or ``None``."""
        doc = self.live_doc(number)
        return doc if doc is not None else self.archive.doc(number)

    def live_doc(self, number: str) -> dict[str, Any] | None:
        """The live document of a case (read only): ``None`` when it is archived or
        absent (for indexes of what is live, which the archive never changes)."""
        with self._store.lock:
            return self._store.table(TABLE).raw().get(number)

    def docs(self) -> list[dict[str, Any]]:
        """Every live case as a raw document (fast; for statistics and indexes): not
        the archived ones (:meth:`every_doc`)."""
        return self._raw()

    def every_doc(self) -> Iterator[dict[str, Any]]:
        """Every case's raw document, live then archived (the archive read a year at a
        time: for exports of everything)."""
        yield from self._raw()
        yield from self.archive.every_doc()

    def docs_changed_since(self, stamp: str) -> list[dict[str, Any]]:
        """Raw documents of the cases (live or archived) changed at ``stamp`` or later:
        last updated, or an event, then."""
        live = [
            doc
            for doc in self._raw()
            if str(doc.get("updated_at") or "") >= stamp
            or any(str(e.get("at") or "") >= stamp for e in doc["events"])
        ]
        return [*live, *self.archive.changed_since(stamp)]

    def numbers(self) -> list[str]:
        """Every case number, live and archived."""
        with self._store.lock:
            live = list(self._store.table(TABLE).raw())
        return [*live, *(number for number, _ in self.archive.entries())]

    def takers_by_session(self) -> dict[str, list[str]]:
        """Who took each case, by desk session (live and archived cases)."""
        takers: dict[str, list[str]] = {}
        for doc in self._raw():
            if doc.get("session_id"):
                takers.setdefault(doc["session_id"], []).append(str(doc.get("staff") or ""))
        for _, (_resident, session_id, staff, _changed, _state) in self.archive.entries():
            if session_id:
                takers.setdefault(session_id, []).append(staff)
        return takers

    def all(self) -> list[Case]:
        """Every live case (costly on a large store: prefer a narrower query)."""
        return self._where(lambda doc: True)

    def count(self) -> int:
        """How many cases, live and archived."""
        with self._store.lock:
            return len(self._store.table(TABLE)) + self.archive.count()

    def archive_ended(self, states: Collection[CaseState], changed_before: str) -> int:
        """Move the cases in ``states`` last changed before ``changed_before`` (an ISO
        time) into the yearly archive; returns how many moved (see
        :mod:`~deskconsole.storage.case_archive`)."""
        due = [  # documents are replaced, never changed: read outside the lock
            doc for doc in self.docs_in_states(states) if last_change(doc) < changed_before
        ]
        return self.archive.move(due)

    def docs_in_states(self, states: Collection[CaseState]) -> list[dict[str, Any]]:
        """Raw documents (read only) of the cases in one of ``states``, from the index."""
        with self._store.lock:
            table = self._store.table(TABLE)
            raw = table.raw()
            buckets = table.buckets("state")
            return [raw[key] for s in states for key in buckets.get(s.value, ()) if key in raw]

    def closed_docs_since(self, day: date) -> list[dict[str, Any]]:
        """Raw documents (read only) of closed cases last changed on or after ``day``,
        from the index (no scan of the older ones)."""
        since = day.isoformat()
        with self._store.lock:
            table = self._store.table(TABLE)
            raw = table.raw()
            buckets = table.buckets("closed_day")
            days = [d for d in buckets if d >= since]
            return [raw[key] for d in days for key in buckets[d] if key in raw]

    def in_states(self, states: Collection[CaseState]) -> list[Case]:
        """Cases currently in one of ``states``, from the state index."""
        return [Case.model_validate(doc) for doc in self.docs_in_states(states)]

    def open_cases(self) -> list[Case]:
        """Cases not yet resolved."""
        return self.in_states(OPEN_STATES)

    def for_residents(
        self,
        resident_ids: Collection[str],
        states: Collection[CaseState] | None = None,
        category: str | None = None,
    ) -> list[Case]:
        """Cases of any of these residents (only in ``states`` and ``category`` when
        given, picked before the documents are read into models), newest first."""
        wanted = None if states is None else {s.value for s in states}
        with self._store.lock:
            table = self._store.table(TABLE)
            raw = table.raw()
            buckets = table.buckets("resident")
            docs = [
                raw[key]
                for resident_id in resident_ids
                for key in buckets.get(resident_id, ())
                if key in raw
                and (wanted is None or raw[key]["state"] in wanted)
                and (category is None or raw[key].get("category") == category)
            ]
        docs += [
            doc
            for doc in self.archive.for_residents(resident_ids, wanted)
            if category is None or doc.get("category") == category
        ]
        found = {doc["number"]: Case.model_validate(doc) for doc in docs}
        return sorted(found.values(), key=lambda c: c.intake_at, reverse=True)

    def taken_on(self, day: date, session_id: str | None = None) -> list[Case]:
        """Cases taken on ``day`` (optionally in one desk session), in intake order
        (from the index; a lazily read store reads only the lines that hold the day)."""
        iso_day = day.isoformat()
        with self._store.lock:
            docs = self._store.table(TABLE).find("intake_day", iso_day, hint=iso_day)
        docs += self.archive.taken_between(iso_day, iso_day)
        found = [
            case
            for case in (Case.model_validate(doc) for doc in docs)
            if session_id is None or case.session_id == session_id
        ]
        return sorted(found, key=lambda c: (c.intake_at, c.number))

    def docs_taken_between(self, first: date, last: date) -> list[dict[str, Any]]:
        """Raw documents (read only) of the cases taken from ``first`` to ``last``, in
        order of day and number (from the index; a lazily read store reads only their
        lines)."""
        with self._store.lock:
            docs = self._store.table(TABLE).find_between(
                "intake_day", first.isoformat(), last.isoformat(), "intake_at"
            )
        docs += self.archive.taken_between(first.isoformat(), last.isoformat())
        return sorted(docs, key=lambda doc: (doc["intake_at"][:10], doc["number"]))

    def counts(self, today: date, desk_code: str | None = None) -> CaseCounts:
        """Taken today (by ``desk_code`` when given), overdue and awaiting follow-up,
        from the indexes (no scan)."""
        iso_today = today.isoformat()
        with self._store.lock:
            table = self._store.table(TABLE)
            if desk_code is None:
                taken = table.count_of("intake_day", iso_today)
            else:
                prefix = f"{desk_code}-"
                taken = sum(
                    key.startswith(prefix) for key in table.buckets("intake_day").get(iso_today, ())
                )
            awaiting = table.count_of("state", CaseState.RESOLVED.value)
            overdue = sum(
                len(keys) for due, keys in table.buckets("open_due").items() if due < iso_today
            )
        return CaseCounts(taken, overdue, awaiting)

    def next_number(self, desk_code: str, day: date) -> str:
        """The next free case number for this desk and day."""
        prefix = case_number_prefix(desk_code, day).rstrip("-")
        highest = 0
        month = month_of(f"{prefix}-001")
        archived = [n for n, _ in self.archive.entries_of(month)] if month else []
        for key in [*self._lookup("number_prefix", prefix), *archived]:
            if not key.startswith(prefix):
                continue
            match = CASE_NUMBER_RE.fullmatch(key)
            if match:
                highest = max(highest, int(match["seq"]))
        return case_number(desk_code, day, highest + 1)

    def count_from_desk(self, desk_code: str) -> int:
        """How many cases carry numbers of this desk (``<desk code>-...``), from the index."""
        prefix = f"{desk_code}-"
        with self._store.lock:
            buckets = self._store.table(TABLE).buckets("number_prefix")
            live = sum(len(keys) for key, keys in buckets.items() if str(key).startswith(prefix))
        return live + sum(n.startswith(prefix) for n, _ in self.archive.entries())

    def desk_codes(self) -> list[str]:
        """Every desk code the stored case numbers start with, from the index."""
        with self._store.lock:
            buckets = self._store.table(TABLE).buckets("number_prefix")
            prefixes = [str(key) for key, keys in buckets.items() if keys]
        archived = (number for number, _ in self.archive.entries())
        return sorted({prefix.partition("-")[0] for prefix in [*prefixes, *archived]})

    def add(self, desk_code: str, day: date, build: Callable[[str], Case]) -> Case:
        """Allocate the next number, build the case with it and save it, atomically."""
        return self.add_with(desk_code, day, lambda number: [build(number)])[0]

    def add_with(
        self, desk_code: str, day: date, build: Callable[[str], Sequence[Case]]
    ) -> list[Case]:
        """Allocate the next number and save what ``build`` makes of it in one batch: the
        new case first, then the stored cases it changes (all land or none do)."""
        with self._store.lock:
            cases = list(build(self.next_number(desk_code, day)))
            self._store.commit([op(case) for case in cases])
        return cases

    def save(self, case: Case) -> Case:
        """Add or replace one case durably."""
        self._store.commit([op(case)])
        return case

    def save_many(self, cases: Iterable[Case]) -> None:
        """Add or replace many cases as one batch."""
        self._store.commit([op(case) for case in cases])


def op(case: Case) -> Op:
    """The journal op that stores ``case``."""
    return Op(TABLE, case.number, case.model_dump(mode="json"))


def _closed_day(doc: dict[str, Any]) -> str | None:
    """The day a closed case last changed (the recent-closed index), else ``None``."""
    return str(doc.get("updated_at") or "")[:10] if doc["state"] == CaseState.CLOSED.value else None


def _open_due(doc: dict[str, Any]) -> str | None:
    """The due date of a case still open (the overdue index), else ``None``."""
    return doc.get("due_date") if doc["state"] in _OPEN else None
