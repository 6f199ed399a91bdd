"""Cases closed long ago, moved out of the live store into yearly files beside it.

The live store keeps a manifest (table ``archived``, one document per month of intake)
of the cases the yearly files (:mod:`~deskconsole.storage.archive_files`) hold for it:
case number -> ``[resident id, session id, staff, last change, state]``. It makes the move
safe and the reads cheap:

- A move writes the year's file first (the cases the manifest lists and the new ones),
  then commits, as one journal entry, the removal of the moved cases from the live table
  with the manifest that lists them. A crash in between leaves them live (their copies in
  the file are not listed, so never read). A case saved meanwhile stays live.
- Any later change of a listed case (a save brings it back live, an erasure too) unlists
  it in the same commit (a rule of the store) and marks its copy in the file *stale*;
  :meth:`CaseArchive.tidy` rewrites the file without it (an erasure does so at once).
- Readers ask the manifest which cases a year holds and read only those, a year's file
  at a time (the last two read are kept). A listed case missing from its file is damage,
  named with the file.

Only an embedded store has an archive (``Store.archive_home``); for others every method
here answers as for an empty archive.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from deskconsole.i18n import t
from deskconsole.models import CASE_NUMBER_RE
from deskconsole.storage.archive_files import (
    YearFile,
    back_up_years,
    read_year,
    write_year,
    year_path,
)
from deskconsole.storage.backup import backup_dir
from deskconsole.storage.errors import StoreCorruptError, StoreOpenError, StoreWriteError
from deskconsole.storage.journal import Op
from deskconsole.storage.store import Store

MANIFEST = "archived"
CASES = "cases"
KEPT_FILES = 2

Doc = dict[str, Any]
#: What the manifest keeps of an archived case: resident id, session id, staff, the time
#: of its last change (the newest of intake, update and event) and its state.
Summary = list[str]


def month_of(number: str) -> str | None:
    """The manifest key of a case number (``JC-20230514-007`` -> ``2023-05``)."""
    match = CASE_NUMBER_RE.fullmatch(number)
    return f"{match['day'][:4]}-{match['day'][4:6]}" if match else None


def year_of(number: str) -> str:
    """The year of intake a case number names, its file's (``JC-20230514-007`` -> ``2023``)."""
    return number.split("-")[1][:4]


def summary_of(doc: Mapping[str, Any]) -> Summary:
    """What the manifest keeps of a case document."""
    return [
        str(doc.get("resident_id") or ""),
        str(doc.get("session_id") or ""),
        str(doc.get("staff") or ""),
        last_change(doc),
        str(doc.get("state") or ""),
    ]


def _by_year(docs: Iterable[Doc]) -> dict[str, dict[str, Doc]]:
    by_year: dict[str, dict[str, Doc]] = {}
    for doc in docs:
        by_year.setdefault(year_of(doc["number"]), {})[doc["number"]] = doc
    return by_year


def last_change(doc: Mapping[str, Any]) -> str:
    """When a case document last changed: the newest of its intake, update and events."""
    stamps = [str(doc.get("intake_at") or ""), str(doc.get("updated_at") or "")]
    stamps += [str(event.get("at") or "") for event in doc.get("events", ())]
    return max(stamps)


def archived_numbers(tables: Mapping[str, Mapping[str, Doc]]) -> dict[str, set[str]]:
    """The numbers a store's tables list as archived, by year of intake."""
    by_year: dict[str, set[str]] = {}
    for entry in tables.get(MANIFEST, {}).values():
        for number in entry.get("cases", {}):
            by_year.setdefault(year_of(number), set()).add(number)
    return by_year


class CaseArchive:
    """The archived cases of one store: its manifest, its yearly files, the moves."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._home = store.archive_home()
        self._files: OrderedDict[str, tuple[tuple[int, int, int], YearFile]] = OrderedDict()
        self._files_lock = threading.Lock()
        self._moving = threading.Lock()  # one move or tidy at a time
        self._by_resident: tuple[tuple[int, ...], dict[str, list[str]]] | None = None
        if self._home is not None:
            store.add_rule(self._unlist_changed)

    # -- the manifest ------------------------------------------------------------------
    def _months(self) -> Mapping[str, Doc]:
        return self._store.table(MANIFEST).raw()

    def is_listed(self, number: str) -> bool:
        """True when ``number`` is read from the archive (not the live table)."""
        month = month_of(number)
        with self._store.lock:
            entry = self._months().get(month) if month else None
            return entry is not None and number in entry["cases"]

    def entries(self) -> list[tuple[str, Summary]]:
        """Every archived case's number and summary (a copy)."""
        with self._store.lock:
            return [item for entry in self._months().values() for item in entry["cases"].items()]

    def entries_of(self, month: str) -> list[tuple[str, Summary]]:
        """The archived cases taken in ``month`` (``YYYY-MM``) and their summaries."""
        with self._store.lock:
            entry = self._months().get(month)
            return list(entry["cases"].items()) if entry is not None else []

    def count(self) -> int:
        """How many cases the archive holds."""
        with self._store.lock:
            return sum(len(entry["cases"]) for entry in self._months().values())

    def years(self) -> list[str]:
        """The years that hold archived cases (or stale copies), oldest first."""
        with self._store.lock:
            return sorted({month[:4] for month in self._months()})

    def stale_years(self) -> list[str]:
        """The years whose file still holds copies of cases no longer archived."""
        with self._store.lock:
            return sorted({m[:4] for m, entry in self._months().items() if entry.get("stale")})

    def _listed_in(self, year: str) -> dict[str, Summary]:
        with self._store.lock:
            return {
                number: summary
                for month, entry in self._months().items()
                if month.startswith(year)
                for number, summary in entry["cases"].items()
            }

    def _resident_map(self) -> dict[str, list[str]]:
        with self._store.lock:
            months = self._months()
            stamp = tuple(id(entry) for entry in months.values())
            if self._by_resident is not None and self._by_resident[0] == stamp:
                return self._by_resident[1]
            mapping: dict[str, list[str]] = {}
            for entry in months.values():
                for number, summary in entry["cases"].items():
                    if summary[0]:
                        mapping.setdefault(summary[0], []).append(number)
            self._by_resident = (stamp, mapping)
            return mapping

    # -- reading -----------------------------------------------------------------------
    def doc(self, number: str) -> Doc | None:
        """The archived document of case ``number`` (``None`` when not archived)."""
        return next(iter(self.docs_of([number])), None)

    def docs_of(self, numbers: Iterable[str]) -> list[Doc]:
        """The archived documents of those of ``numbers`` the manifest lists."""
        by_year: dict[str, list[str]] = {}
        for number in numbers:
            if self.is_listed(number):
                by_year.setdefault(year_of(number), []).append(number)
        found: list[Doc] = []
        for year, wanted in sorted(by_year.items()):
            found.extend(self._read_listed(year, wanted))
        return found

    def for_residents(
        self, resident_ids: Collection[str], states: Collection[str] | None = None
    ) -> list[Doc]:
        """The archived documents of the cases of these residents (in ``states`` when
        given: the files are not read for states no archived case is in)."""
        with self._store.lock:
            if not self._months():
                return []
            mapping = self._resident_map()
            numbers = [n for rid in resident_ids for n in mapping.get(rid, ())]
            if states is not None:
                numbers = [n for n in numbers if self._summary(n)[4] in states]
        return self.docs_of(numbers)

    def _summary(self, number: str) -> Summary:
        month = month_of(number)
        assert month is not None
        summary: Summary = self._months()[month]["cases"][number]
        return summary

    def taken_between(self, first: str, last: str) -> list[Doc]:
        """The archived documents of cases taken from day ``first`` to ``last``
        (``YYYY-MM-DD``, both included), from the manifest of those months only."""
        low, high = first.replace("-", ""), last.replace("-", "")
        with self._store.lock:
            months = [e for m, e in self._months().items() if first[:7] <= m <= last[:7]]
            numbers = [n for e in months for n in e["cases"] if low <= n.split("-")[1] <= high]
        return self.docs_of(numbers)

    def changed_since(self, stamp: str) -> list[Doc]:
        """The archived documents of cases last changed at ``stamp`` or later."""
        return self.docs_of(n for n, summary in self.entries() if summary[3] >= stamp)

    def every_doc(self) -> Iterator[Doc]:
        """Every archived document, a year at a time."""
        for year in self.years():
            yield from self._read_listed(year, list(self._listed_in(year)))

    def _read_listed(self, year: str, numbers: list[str]) -> list[Doc]:
        path = self._path(year)
        kept = self._file(year)
        docs = [kept.get(number) if kept is not None else None for number in numbers]
        missing = sum(doc is None for doc in docs)
        if missing:
            raise StoreCorruptError(path, t("damage.archive_missing", count=missing), None)
        return [doc for doc in docs if doc is not None]

    def _path(self, year: str) -> Path:
        assert self._home is not None
        return year_path(self._home, year)

    def _file(self, year: str) -> YearFile | None:
        """The year's file, checked (kept while it is unchanged on disk)."""
        path = self._path(year)
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StoreOpenError.of(path, error) from None
        identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        with self._files_lock:
            kept = self._files.get(year)
            if kept is not None and kept[0] == identity:
                self._files.move_to_end(year)
                return kept[1]
        try:
            checked = read_year(path)
        except OSError as error:
            raise StoreOpenError.of(path, error) from None
        if checked is None:
            return None
        with self._files_lock:
            self._files[year] = (identity, checked)
            while len(self._files) > KEPT_FILES:
                self._files.popitem(last=False)
        return checked

    # -- writing -----------------------------------------------------------------------
    def move(self, docs: Collection[Doc]) -> int:
        """Move these live documents into their years' files; returns how many left the
        live table (a case changed meanwhile stays). Every file is written, and copied
        into the backups, before one commit moves them all. Raises
        :class:`StoreWriteError` when a file cannot be written, :class:`StoreCorruptError`
        when one in place is damaged: then nothing moved."""
        if self._home is None:
            return 0
        with self._moving:
            return self._rewrite(_by_year(docs))

    def add_with(self, docs: Collection[Doc], ops: list[Op]) -> None:
        """Write ``docs``, cases the live store does not hold (a history brought in
        whole, as the demo's), into their years' files, then commit ``ops`` with the
        manifest that lists them as one batch (a store without an archive takes them
        live)."""
        if self._home is None or not docs:
            self._store.commit([*ops, *(Op(CASES, doc["number"], doc) for doc in docs)])
            return
        with self._moving:
            self._rewrite(_by_year(docs), ops)

    def tidy(self) -> int:
        """Rewrite the files that still hold copies of cases no longer archived (brought
        back live, erased), without them; returns how many copies went."""
        if self._home is None:
            return 0
        with self._moving:
            years = self.stale_years()
            before = self._stale_count()
            self._rewrite({year: {} for year in years})
            return before - self._stale_count()

    def _stale_count(self) -> int:
        with self._store.lock:
            return sum(len(entry.get("stale", ())) for entry in self._months().values())

    def _year_entries(self, year: str) -> dict[str, Doc]:
        with self._store.lock:
            return {m: e for m, e in self._months().items() if m.startswith(year)}

    def _rewrite(self, groups: dict[str, dict[str, Doc]], adding: list[Op] | None = None) -> int:
        """Write each year's file with its listed cases and its group, copy them into the
        backups, then commit the removal of the groups from the live table with the
        manifest that lists them, as one batch (``adding``: the groups are not live;
        these ops are committed with the manifest instead)."""
        if not groups:
            return 0
        written = {year: self._write_year(year, group) for year, group in sorted(groups.items())}
        self._back_up()  # a journal that lists cases never outlives every copy of them
        with self._store.lock:
            live = self._store.table(CASES).raw()
            ops: list[Op] = list(adding or [])
            moved = 0
            for year, docs in written.items():
                group = groups[year]
                if adding is not None:
                    gone = {number for number in group if number not in live}
                else:
                    gone = {number for number, doc in group.items() if live.get(number) is doc}
                    ops += [Op(CASES, number, None) for number in sorted(gone)]
                ops += self._manifest_ops(year, docs, {n: group[n] for n in gone})
                moved += len(gone)
            self._store.commit(ops)
        return moved

    def _write_year(self, year: str, group: dict[str, Doc]) -> dict[str, Doc]:
        listed = self._listed_in(year)
        docs: dict[str, Doc] = dict(zip(listed, self._read_listed(year, list(listed)), strict=True))
        docs.update(group)
        path = self._path(year)
        try:
            write_year(path, docs)
        except OSError as error:
            raise StoreWriteError.of(path, error) from None
        return docs

    def _manifest_ops(self, year: str, docs: dict[str, Doc], gone: dict[str, Doc]) -> list[Op]:
        """The manifest of ``year`` once ``gone`` left the live table, the file holding
        ``docs`` (what it holds beyond what is listed is stale)."""
        entries = {month: dict(entry) for month, entry in self._year_entries(year).items()}
        for number in [*docs, *gone]:
            month = month_of(number)
            if month is not None and month not in entries:
                entries[month] = {"month": month, "cases": {}, "stale": []}
        for number, doc in gone.items():
            entry = entries[month_of(number) or ""]
            entry["cases"] = {**entry["cases"], number: summary_of(doc)}
        held: dict[str, list[str]] = {}
        for number in docs:
            held.setdefault(month_of(number) or "", []).append(number)
        ops = []
        for month, entry in sorted(entries.items()):
            stale = sorted(n for n in held.get(month, ()) if n not in entry["cases"])
            fresh = {"month": month, "cases": dict(entry["cases"]), "stale": stale}
            ops.append(Op(MANIFEST, month, fresh if fresh["cases"] or stale else None))
        return ops

    def _back_up(self) -> None:
        """Copy the new versions of the files into the backups."""
        assert self._home is not None
        try:
            back_up_years(self._home)
        except OSError as error:
            raise StoreWriteError.of(backup_dir(self._home), error) from None

    def _unlist_changed(self, ops: list[Op]) -> list[Op]:
        """The store's rule: a commit that changes a listed case unlists it (its copy in
        the file marked stale) in the same batch."""
        months = self._months()
        if not months:
            return []
        own = {op.key for op in ops if op.table == MANIFEST}
        changed: dict[str, Doc] = {}
        for op in ops:
            month = month_of(op.key) if op.table == CASES else None
            if month is None or month in own:
                continue
            entry = changed.get(month) or months.get(month)
            if entry is None or op.key not in entry["cases"]:
                continue
            if month not in changed:
                entry = changed[month] = {
                    "month": month,
                    "cases": dict(entry["cases"]),
                    "stale": list(entry.get("stale", ())),
                }
            del entry["cases"][op.key]
            entry["stale"] = sorted({*entry["stale"], op.key})
        return [Op(MANIFEST, month, entry) for month, entry in sorted(changed.items())]
