"""The resident search index: find a resident in a keystroke or two.

Pure Python (no Textual, no storage); safe to use from worker threads.

Usage::

    index = ResidentIndex.build(repo.residents.docs(), repo.cases.docs())
    hits = index.search("jjg", limit=50)          # list[Hit], best first
    index.upsert(resident)                         # after saving one resident
    index.remove(resident_id)                      # after deleting one
    index.sync(repo.residents.docs())              # after any change: cheap, finds what moved
    index.sync_cases(repo.cases.docs())            # keeps the open-case counts current
    index.open_cases("…resident id…")              # open cases of one resident
    index.household(resident_id)                   # ids of everyone at the same address

``build``, ``upsert`` and ``sync`` take :class:`~deskconsole.models.Resident` models or
raw documents (``Resident.model_dump(mode="json")``, as ``repo.residents.docs()``
returns them). ``sync`` compares documents by identity first (the store replaces a
document on every save and never mutates it), so it costs a few milliseconds at
50,000 residents and re-indexes only the residents that changed.

What a query matches (full-width input from an IME is folded first: ``１３８`` is
``138``, ``１２－２－３０１`` is ``12-2-301``):

- Chinese characters: a substring of the name (``建国`` finds 江建国);
- letters, from any syllable of the name on (``jiangjianguo``, ``jianguo``, ``xiulan``
  for 欧阳秀兰), each syllable typed whole or by its first letters (``jjg``, ``jiangjg``,
  ``jg``); characters mixed in as an IME leaves them (``江jg``, ``江jianguo``, ``欧阳xl``,
  ``zhang伟``); a space or ``'`` starts a syllable; tone marks and tone numbers are
  ignored (``jiāng``, ``jiang1``). Every reading pypinyin knows for a character counts
  (强 ``qiang``/``jiang``), a surname's own first (曾 ``zeng``/``ceng``); see
  :mod:`deskconsole.domain.pinyin` and :mod:`deskconsole.domain.name_match`;
- digits: a phone number whole, or its last 4+ digits; an ID number whole, or its
  last 4+ characters (``123x``);
- a room: ``12-2-301``, ``12号楼2单元301室``, ``12 2 301``, optionally after the compound
  (``金域华府 12-2-301``); ``12-2`` finds the whole stairwell;
- a compound's name (``金域华府``): everyone living there.

Ranking (:class:`MatchKind`): the exact name (characters or a whole reading), then the
name's start, then initials from the surname, then other matches from the surname on,
then matches in the given name, then phone, ID and room tails; ties by the name's
pinyin, then the name, then the address, then the id, so the order never depends on
how the index was built, and two residents with one name sit together, told apart by
their address.

How it stays fast: every resident's readings, phone digits and address are computed
once, at build or upsert time, and kept in name order in blocks of a couple of
thousand residents; each block holds its lines flattened into one string per kind,
the name's syllable lines grouped by their first letter and the next syllable's
(:mod:`~deskconsole.domain.name_match`). A query is a handful of ``str.find`` scans
or compiled regexes over the few groups it can match, visited in rank order, that stop
as soon as ``limit`` residents are found. No pinyin conversion happens at query time.
A build is one pass over the documents with the garbage collector paused (it makes
long-lived objects only); what depends on a name alone (its lines, its sort key) is
made once per distinct name, and a given name's lines once per given name.
"""

from __future__ import annotations

import bisect
import heapq
import re
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from itertools import accumulate
from typing import Any

from deskconsole.domain.name_match import (
    HEAD,
    TAIL,
    Mode,
    buckets,
    first_kind,
    name_lines,
    pattern,
    tokens,
)
from deskconsole.domain.pinyin import name_readings
from deskconsole.models import OPEN_STATES, Case, Resident
from deskconsole.models.text import is_cjk, mask_id_number, mask_phone, nfkc
from deskconsole.storage.collector import collector_paused

BLOCK_SIZE = 2048
_DOTS = "\u00b7\u2022\u2027\u30fb\u2219\u22c5\u0387\uff65"
_OPEN = frozenset(state.value for state in OPEN_STATES)


class MatchKind(IntEnum):
    """How well a resident matches a query; lower is better."""

    EXACT = 0  # the whole name (characters or a reading), phone, ID number or room
    PREFIX = 1  # the start of the name: characters, or a reading's first letters
    INITIALS = 2  # the initials from the surname on (``jjg``)
    SURNAME = 3  # from the surname on, syllables whole, by initials or as characters mixed
    GIVEN = 4  # from a later syllable on: the given name (``建国``, ``jianguo``, ``xl``)
    OTHER = 5  # a phone or ID tail, a stairwell, a compound


@dataclass(frozen=True, slots=True)
class Hit:
    """One resident found by a query, with what a result row shows."""

    resident_id: str
    name: str
    gender: str | None
    compound: str
    building: str
    unit: str
    room: str
    masked_phone: str
    kind: MatchKind
    field: str
    open_cases: int = 0
    masked_id: str = ""

    @property
    def address_short(self) -> str:
        """``12-2-301``."""
        return "-".join(p for p in (self.building, self.unit, self.room) if p)

    @property
    def address(self) -> str:
        """``金域华府 12-2-301``."""
        return " ".join(p for p in (self.compound, self.address_short) if p)


# -- one resident, precomputed ------------------------------------------------------


class _Entry:
    """A resident's search keys, computed once."""

    __slots__ = (
        "addr_line",
        "building",
        "compound",
        "doc",
        "gender",
        "household",
        "id",
        "id_number",
        "key",
        "name",
        "phones",
        "room",
        "unit",
    )

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc
        self.id = str(doc["id"])
        self.name = str(doc.get("name") or "")
        self.gender = doc.get("gender") or None
        address = doc.get("address") or {}
        self.compound = str(address.get("compound") or "")
        self.building = str(address.get("building") or "")
        self.unit = str(address.get("unit") or "")
        self.room = str(address.get("room") or "")
        phones = doc.get("phones")
        self.phones = _digits_of(phones) if phones else ()
        self.id_number = str(doc.get("id_number") or "").upper()
        parts = (self.compound.replace("|", " "), self.building, self.unit, self.room)
        self.addr_line = "|".join(parts).lower()
        self.household = self.addr_line
        self.key = "\x00".join(
            (
                _reading_key(self.name),
                self.name,
                self.compound,
                _natural(self.building),
                _natural(self.unit),
                _natural(self.room),
                self.id,
            )
        )

    @property
    def masked_phone(self) -> str:
        phones = self.doc.get("phones") or ()
        return mask_phone(str(phones[0])) if phones else ""

    def hit(self, kind: MatchKind, field: str, open_cases: int) -> Hit:
        return Hit(
            self.id,
            self.name,
            self.gender,
            self.compound,
            self.building,
            self.unit,
            self.room,
            self.masked_phone,
            kind,
            field,
            open_cases,
            mask_id_number(self.id_number) if self.id_number else "",
        )


def hit_for(resident: Resident | Mapping[str, Any], open_cases: int = 0) -> Hit:
    """The row a search would show for ``resident``, without an index."""
    return _Entry(_as_doc(resident)).hit(MatchKind.EXACT, "id", open_cases)


@lru_cache(maxsize=131072)
def _reading_key(name: str) -> str:
    """The name's likeliest reading, spaced (``"jiang jian guo"``), that results sort by."""
    readings = name_readings(name)
    return " ".join(readings[0]) if readings else "~"


_NOT_DIGIT = re.compile(r"\D")


def _digits_of(phones: Iterable[object]) -> tuple[str, ...]:
    """The digits of each phone given (no repeats), as a query for one is matched."""
    found = []
    for phone in phones:
        text = str(phone)
        if text:
            found.append(text if text.isascii() and text.isdigit() else _NOT_DIGIT.sub("", text))
    return tuple(dict.fromkeys(found))


def _natural(part: str) -> str:
    """``"7"`` sorts before ``"12"``."""
    return part.zfill(8) if part.isdigit() else part


def _key_of(entry: _Entry) -> str:
    return entry.key


def _as_doc(item: Resident | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(item, Resident):
        return item.model_dump(mode="json")
    return item


# -- a block of residents in name order, with its lines flattened -----------------------


class _Lines:
    """Lines joined into one string (``"\\nline0\\nline1\\n"``) and who owns each line."""

    __slots__ = ("blob", "owners", "starts")

    def __init__(self, owners: list[int], texts: list[str]) -> None:
        self.blob = "\n" + "\n".join(texts) + "\n" if texts else "\n"
        self.owners = array("l", owners)
        # starts[i] is where line i begins; starts[len] is one past the final newline.
        self.starts = array("l", accumulate(map(len, texts), _past_newline, initial=1))

    def line(self, index: int) -> str:
        return self.blob[self.starts[index] : self.starts[index + 1] - 1]


def _past_newline(start: int, length: int) -> int:
    return start + length + 1


_NO_LINES = _Lines([], [])


class _Block:
    __slots__ = ("_lines", "_syllables", "entries")

    def __init__(self, entries: list[_Entry]) -> None:
        self.entries = entries
        self._lines: dict[str, _Lines] | None = None
        self._syllables: dict[str, dict[str, _Lines]] = {}

    def dirty(self) -> None:
        self._lines = None

    def lines(self, kind: str) -> _Lines:
        if self._lines is None:
            self._lines = self._build()
        return self._lines.get(kind, _NO_LINES)

    def syllables(self, kind: str, seconds: frozenset[str] | None) -> list[_Lines]:
        """The position lines of ``kind`` (see :mod:`~deskconsole.domain.name_match`)
        whose next syllable starts with one of ``seconds`` (``None``: any)."""
        if self._lines is None:
            self._lines = self._build()
        groups = self._syllables.get(kind)
        if not groups:
            return []
        if seconds is None:
            return list(groups.values())
        return [groups[s] for s in seconds if s in groups]

    def _build(self) -> dict[str, _Lines]:
        entries = self.entries
        everyone = list(range(len(entries)))
        phones = [(owner, p) for owner, e in enumerate(entries) for p in e.phones]
        ids = [(owner, e.id_number) for owner, e in enumerate(entries) if e.id_number]
        groups: dict[str, tuple[list[int], list[str]]] = {}
        for owner, entry in enumerate(entries):
            for key, line in name_lines(entry.name):
                group = groups.get(key)
                if group is None:
                    groups[key] = ([owner], [line])
                else:
                    group[0].append(owner)
                    group[1].append(line)
        syllables: dict[str, dict[str, _Lines]] = {}
        for key, (owners, texts) in groups.items():
            syllables.setdefault(key[:2], {})[key[2:]] = _Lines(owners, texts)
        self._syllables = syllables
        return {
            "name": _Lines(everyone, [e.name for e in entries]),
            "phone": _Lines([o for o, _ in phones], [p for _, p in phones]),
            "id": _Lines([o for o, _ in ids], [i for _, i in ids]),
            "addr": _Lines(everyone, [e.addr_line for e in entries]),
        }


# -- scanners: which lines of a block match -------------------------------------------

Scanner = Callable[[_Lines], Iterator[int]]


def _find(needle: str, verify: Callable[[str], bool] | None = None) -> Scanner:
    """Lines containing ``needle`` (which may include the ``\\n`` line boundaries)."""
    lead = 1 if needle.startswith("\n") else 0

    def scan(lines: _Lines) -> Iterator[int]:
        find, starts = lines.blob.find, lines.starts
        pos = find(needle)
        while pos != -1:
            index = bisect.bisect_right(starts, pos + lead) - 1
            if verify is None or verify(lines.line(index)):
                yield index
            pos = find(needle, starts[index + 1] - 1)

    return scan


def _regex(pattern: re.Pattern[str]) -> Scanner:
    """Lines matched by ``pattern``, which starts at a line's leading ``\\n``."""

    def scan(lines: _Lines) -> Iterator[int]:
        search, starts = pattern.search, lines.starts
        found = search(lines.blob)
        while found is not None:
            index = bisect.bisect_right(starts, found.start() + 1) - 1
            yield index
            found = search(lines.blob, starts[index + 1] - 1)

    return scan


@dataclass(frozen=True)
class _Matcher:
    kind: MatchKind
    field: str
    lines: str
    scan: Scanner
    syllables: bool = False  # position lines, narrowed to those after ``seconds``
    seconds: frozenset[str] | None = None


# -- queries ---------------------------------------------------------------------------

_DIGITS = re.compile(r"[\d\s\-()+]+")
_ID_TAIL = re.compile(r"\d{3,17}[\dx]")
_PART = r"([0-9a-z]+)"
_ROOM3 = re.compile(
    rf"(?P<compound>.*?)\s*{_PART}\s*(?:号楼|号|栋|幢|楼|座|#|-|\s)\s*{_PART}\s*"
    rf"(?:单元|门|-|\s)\s*{_PART}\s*(?:室|号|户)?"
)
_ROOM2 = re.compile(
    rf"(?P<compound>.*?)\s*{_PART}\s*(?:号楼|号|栋|幢|楼|座|#|-|\s)\s*{_PART}\s*(?:单元|门)?"
)


def normalise_query(text: str) -> str:
    """Fold full-width forms and dashes, lower-case, unify the middle dot, squeeze spaces."""
    folded = nfkc(text).lower()
    for dot in _DOTS:
        folded = folded.replace(dot, "\u00b7")
    return re.sub(r"\s+", " ", folded).strip()


def _name_matchers(query: str) -> list[_Matcher]:
    """Characters: the whole name, its start, any part of it."""
    text = query.replace(" ", "")
    return [
        _Matcher(MatchKind.EXACT, "name", "name", _find(f"\n{text}\n")),
        _Matcher(MatchKind.PREFIX, "name", "name", _find(f"\n{text}")),
        _Matcher(MatchKind.GIVEN, "name", "name", _find(text)),
    ]


def _syllable_matchers(query: list[str]) -> list[_Matcher]:
    """Pinyin, initials, or characters mixed with either, syllable by syllable."""
    head, tail = first_kind(HEAD, query), first_kind(TAIL, query)
    letters_only = all(token.isascii() for token in query)
    plan = [
        (MatchKind.EXACT, "pinyin", head, Mode.EXACT),
        (MatchKind.PREFIX, "pinyin", head, Mode.PREFIX),
        *([(MatchKind.INITIALS, "initials", head, Mode.INITIALS)] if letters_only else []),
        (MatchKind.SURNAME, "pinyin", head, Mode.MIXED),
        (MatchKind.GIVEN, "pinyin", tail, Mode.MIXED),
    ]
    return [
        _Matcher(kind, field, lines, _regex(pattern(query, mode)), True, buckets(query, mode))
        for kind, field, lines, mode in plan
    ]


def _number_matchers(query: str) -> list[_Matcher]:
    matchers: list[_Matcher] = []
    if _DIGITS.fullmatch(query):
        digits = re.sub(r"\D", "", query)
        if query.lstrip().startswith("+86") or (digits.startswith("86") and len(digits) == 13):
            digits = digits[2:]
        if len(digits) >= 4:
            matchers += [
                _Matcher(MatchKind.EXACT, "phone", "phone", _find(f"\n{digits}\n")),
                _Matcher(MatchKind.OTHER, "phone", "phone", _find(f"{digits}\n")),
            ]
    compact = query.replace(" ", "")
    if _ID_TAIL.fullmatch(compact):
        tail = compact.upper()
        matchers += [
            _Matcher(MatchKind.EXACT, "id_number", "id", _find(f"\n{tail}\n")),
            _Matcher(MatchKind.OTHER, "id_number", "id", _find(f"{tail}\n")),
        ]
    return matchers


def _compound_filter(text: str) -> Callable[[str], bool] | None:
    text = text.strip().lower()
    if not text:
        return None
    return lambda line: text in line.split("|", 1)[0]


def _room_matchers(query: str) -> list[_Matcher]:
    found = _ROOM3.fullmatch(query)
    if found is not None:
        compound, building, unit, room = found.groups()
        verify = _compound_filter(compound)
        needle = f"|{building}|{unit}|{room}\n"
        return [_Matcher(MatchKind.EXACT, "address", "addr", _find(needle, verify))]
    found = _ROOM2.fullmatch(query)
    if found is not None:
        compound, building, unit = found.groups()
        verify = _compound_filter(compound)
        needle = f"|{building}|{unit}|"
        return [_Matcher(MatchKind.PREFIX, "address", "addr", _find(needle, verify))]
    return []


def _compound_matchers(query: str, compounds: Iterable[str]) -> list[_Matcher]:
    if len(query) < 2 or any(c.isdigit() for c in query):
        return []
    wanted = sorted({c.lower() for c in compounds if c and c.lower().startswith(query)})
    return [
        _Matcher(MatchKind.OTHER, "address", "addr", _find(f"\n{compound.replace('|', ' ')}|"))
        for compound in wanted
    ]


def _is_roomish(query: str) -> bool:
    return any(c.isdigit() for c in query)


# -- the index ---------------------------------------------------------------------------


class ResidentIndex:
    """Every resident's search keys, in name order, kept current by upserts."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._blocks: list[_Block] = [_Block([])]
        self._firsts: list[str] = [""]
        self._by_id: dict[str, _Entry] = {}
        self._households: dict[str, list[str]] = {}
        self._compounds: Counter[str] = Counter()
        self._cases = OpenCaseCounts()

    # -- building and keeping current --------------------------------------------------
    @classmethod
    def build(
        cls,
        residents: Iterable[Resident | Mapping[str, Any]],
        cases: Iterable[Case | Mapping[str, Any]] = (),
    ) -> ResidentIndex:
        """An index of ``residents`` (models or raw documents) and their open cases."""
        # A few hundred thousand long-lived objects, none freed: the collector would pass
        # over the store's documents again and again.
        with collector_paused():
            return cls._build(residents, cases)

    @classmethod
    def _build(
        cls,
        residents: Iterable[Resident | Mapping[str, Any]],
        cases: Iterable[Case | Mapping[str, Any]],
    ) -> ResidentIndex:
        index = cls()
        entries = [_Entry(_as_doc(item)) for item in residents]
        entries.sort(key=_key_of)
        by_id = index._by_id
        households = index._households
        for entry in entries:
            by_id[entry.id] = entry
            members = households.get(entry.household)
            if members is None:
                households[entry.household] = [entry.id]
            else:
                members.append(entry.id)
        index._compounds = Counter(entry.compound for entry in entries)
        blocks = [
            _Block(entries[start : start + BLOCK_SIZE])
            for start in range(0, len(entries), BLOCK_SIZE)
        ]
        index._blocks = blocks or [_Block([])]
        index._reindex_blocks()
        for block in index._blocks:
            block.lines("name")  # flatten now, so the first query is as fast as the rest
        index._cases = OpenCaseCounts.build(cases)
        return index

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, resident_id: object) -> bool:
        return resident_id in self._by_id

    def upsert(self, resident: Resident | Mapping[str, Any]) -> None:
        """Add a resident, or replace the one with the same id."""
        entry = _Entry(_as_doc(resident))
        with self._lock:
            self._drop(entry.id)
            self._insert(entry)

    def remove(self, resident_id: str) -> None:
        """Forget a resident (no error if unknown)."""
        with self._lock:
            self._drop(resident_id)

    def sync(self, docs: Iterable[Mapping[str, Any]]) -> int:
        """Bring the index in line with ``docs`` (every resident); returns how many changed."""
        with self._lock:
            known = dict(self._by_id)
        changed: list[Mapping[str, Any]] = []
        present: set[str] = set()
        for doc in docs:
            resident_id = doc["id"]
            present.add(resident_id)
            entry = known.get(resident_id)
            if entry is None or (entry.doc is not doc and entry.doc != doc):
                changed.append(doc)
        gone = [rid for rid in known if rid not in present]
        entries = [_Entry(doc) for doc in changed]
        with self._lock:
            for resident_id in gone:
                self._drop(resident_id)
            for entry in entries:
                self._drop(entry.id)
                self._insert(entry)
        return len(gone) + len(entries)

    def upsert_case(self, case: Case | Mapping[str, Any]) -> None:
        """Count one added or changed case."""
        with self._lock:
            self._cases.upsert(case)

    def remove_case(self, number: str) -> None:
        """Stop counting one case."""
        with self._lock:
            self._cases.remove(number)

    def sync_cases(self, docs: Iterable[Mapping[str, Any]]) -> int:
        """Bring the open-case counts in line with ``docs`` (every case)."""
        with self._lock:
            return self._cases.sync(docs)

    # -- reading ------------------------------------------------------------------------
    def open_cases(self, resident_id: str) -> int:
        """How many open cases this resident has."""
        return self._cases.count(resident_id)

    @property
    def case_counts(self) -> OpenCaseCounts:
        """The open-case counts (kept by :meth:`sync_cases`)."""
        return self._cases

    def get(self, resident_id: str) -> Hit | None:
        """A resident's row, as a search would show it."""
        entry = self._by_id.get(resident_id)
        if entry is None:
            return None
        return entry.hit(MatchKind.EXACT, "id", self._cases.count(resident_id))

    def doc(self, resident_id: str) -> Mapping[str, Any] | None:
        """The document the index holds for this resident."""
        entry = self._by_id.get(resident_id)
        return entry.doc if entry is not None else None

    def household(self, resident_id: str) -> list[str]:
        """Ids of everyone at this resident's address (the resident included), in name order."""
        with self._lock:
            entry = self._by_id.get(resident_id)
            if entry is None:
                return []
            if entry.household == "|||":
                return [entry.id]
            members = [self._by_id[rid] for rid in self._households.get(entry.household, ())]
        return [e.id for e in sorted(members, key=lambda e: e.key)]

    def compounds(self) -> list[str]:
        """The compounds residents live in, most residents first."""
        return [name for name, _ in self._compounds.most_common() if name]

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """Up to ``limit`` residents matching ``query``, best first (see the module doc)."""
        found: list[Hit] = []
        if limit <= 0:
            return found
        with self._lock:
            for kind, field, entry in self._matches(query):
                found.append(entry.hit(kind, field, self._cases.count(entry.id)))
                if len(found) >= limit:
                    break
        return found

    def count(self, query: str) -> int:
        """How many residents match ``query`` in all (a scan of every match: off the UI thread)."""
        with self._lock:
            return sum(1 for _ in self._matches(query))

    def _matches(self, query: str) -> Iterator[tuple[MatchKind, str, _Entry]]:
        """Every resident matching ``query`` once, best first, with how it matched."""
        text = normalise_query(query)
        if not text:
            return
        matchers = self._plan(text)
        seen: set[str] = set()
        for kind in MatchKind:
            tier = [m for m in matchers if m.kind == kind]
            if not tier:
                continue
            streams = [self._stream(number, m) for number, m in enumerate(tier)]
            merged = streams[0] if len(streams) == 1 else heapq.merge(*streams)
            for _key, number, entry in merged:
                if entry.id not in seen:
                    seen.add(entry.id)
                    yield kind, tier[number].field, entry

    # -- internals ------------------------------------------------------------------------
    def _plan(self, text: str) -> list[_Matcher]:
        matchers: list[_Matcher] = []
        syllables = tokens(text)
        if syllables is not None and not all(is_cjk(c) for c in text.replace(" ", "")):
            matchers += _syllable_matchers(syllables)
        elif any(is_cjk(c) for c in text):
            if not _is_roomish(text):
                matchers += _name_matchers(text)
                matchers += _compound_matchers(text, self._compounds)
            matchers += _room_matchers(text)
        else:
            matchers += _number_matchers(text)
            matchers += _room_matchers(text)
        return matchers

    def _stream(self, number: int, matcher: _Matcher) -> Iterator[tuple[str, int, _Entry]]:
        scan = matcher.scan
        for block in list(self._blocks):
            entries = block.entries
            if not matcher.syllables:
                chosen = [block.lines(matcher.lines)]
            else:
                chosen = block.syllables(matcher.lines, matcher.seconds)
            if len(chosen) == 1:
                owners = chosen[0].owners
                for index in scan(chosen[0]):
                    entry = entries[owners[index]]
                    yield entry.key, number, entry
            elif chosen:
                found = {lines.owners[i] for lines in chosen for i in scan(lines)}
                for owner in sorted(found):
                    entry = entries[owner]
                    yield entry.key, number, entry

    def _remember(self, entry: _Entry) -> None:
        self._by_id[entry.id] = entry
        self._households.setdefault(entry.household, []).append(entry.id)
        self._compounds[entry.compound] += 1

    def _forget(self, entry: _Entry) -> None:
        del self._by_id[entry.id]
        members = self._households.get(entry.household)
        if members is not None:
            if entry.id in members:
                members.remove(entry.id)
            if not members:
                del self._households[entry.household]
        self._compounds[entry.compound] -= 1
        if self._compounds[entry.compound] <= 0:
            del self._compounds[entry.compound]

    def _block_of(self, key: str) -> int:
        return max(bisect.bisect_right(self._firsts, key) - 1, 0)

    def _insert(self, entry: _Entry) -> None:
        self._remember(entry)
        number = self._block_of(entry.key)
        block = self._blocks[number]
        bisect.insort(block.entries, entry, key=lambda e: e.key)
        block.dirty()
        if len(block.entries) > 2 * BLOCK_SIZE:
            half = len(block.entries) // 2
            self._blocks[number : number + 1] = [
                _Block(block.entries[:half]),
                _Block(block.entries[half:]),
            ]
        self._reindex_blocks()

    def _drop(self, resident_id: str) -> None:
        entry = self._by_id.get(resident_id)
        if entry is None:
            return
        self._forget(entry)
        number = self._block_of(entry.key)
        block = self._blocks[number]
        keys = [e.key for e in block.entries]
        position = bisect.bisect_left(keys, entry.key)
        if position < len(keys) and block.entries[position].id == resident_id:
            del block.entries[position]
        else:  # not where its key says: look everywhere (never expected)
            for other in self._blocks:
                other.entries[:] = [e for e in other.entries if e.id != resident_id]
                other.dirty()
        block.dirty()
        if not block.entries and len(self._blocks) > 1:
            del self._blocks[number]
        self._reindex_blocks()

    def _reindex_blocks(self) -> None:
        self._firsts = [b.entries[0].key if b.entries else "" for b in self._blocks]
        if self._firsts:
            self._firsts[0] = ""


class OpenCaseCounts:
    """Open cases (registered, dispatched, in progress) per resident, kept current."""

    def __init__(self) -> None:
        self._cases: dict[str, tuple[Mapping[str, Any], str | None]] = {}
        self._counts: Counter[str] = Counter()

    @classmethod
    def build(cls, cases: Iterable[Case | Mapping[str, Any]]) -> OpenCaseCounts:
        counts = cls()
        for case in cases:
            counts.upsert(case)
        return counts

    def count(self, resident_id: str) -> int:
        """Open cases of this resident."""
        return self._counts.get(resident_id, 0)

    def upsert(self, case: Case | Mapping[str, Any]) -> None:
        """Add or replace one case."""
        doc = case.model_dump(mode="json") if isinstance(case, Case) else case
        number = str(doc["number"])
        self.remove(number)
        owner = doc.get("resident_id") if doc.get("state") in _OPEN else None
        self._cases[number] = (doc, owner)
        if owner:
            self._counts[owner] += 1

    def remove(self, number: str) -> None:
        """Forget a case (no error if unknown)."""
        old = self._cases.pop(number, None)
        if old is not None and old[1]:
            self._counts[old[1]] -= 1
            if self._counts[old[1]] <= 0:
                del self._counts[old[1]]

    def sync(self, docs: Iterable[Mapping[str, Any]]) -> int:
        """Bring the counts in line with ``docs`` (every case); returns how many changed."""
        present: set[str] = set()
        changed = 0
        for doc in docs:
            number = doc["number"]
            present.add(number)
            old = self._cases.get(number)
            if old is None or (old[0] is not doc and old[0] != doc):
                self.upsert(doc)
                changed += 1
        for number in [n for n in self._cases if n not in present]:
            self.remove(number)
            changed += 1
        return changed
