"""The resident index built the way it was before the one-pass build: the baseline of
``bench_index``. Same structure and hits (so the console can run on it); built with
the collector running, every name's lines made whole (no shared endings), phones
through a regex, and each resident counted into the index one by one.

``install()`` makes :meth:`ResidentIndex.build` build this way, and the console build
at every start as it did then, never keeping the index beside the store (for a console
started as the baseline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from deskconsole.domain import search, search_cache
from deskconsole.domain.name_match import position_lines
from deskconsole.domain.pinyin import name_positions, name_readings
from deskconsole.domain.search import (
    BLOCK_SIZE,
    OpenCaseCounts,
    ResidentIndex,
    _as_doc,
    _Block,
    _Entry,
    _Lines,
    _natural,
)
from deskconsole.models import Case, Resident


@lru_cache(maxsize=131072)
def _name_lines(name: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (kind + second, line) for kind, second, line in position_lines(name_positions(name))
    )


class PreviousEntry(_Entry):
    __slots__ = ()

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
        phones = [str(p) for p in doc.get("phones") or ()]
        self.phones = tuple(dict.fromkeys(re.sub(r"\D", "", p) for p in phones if p))
        self.id_number = str(doc.get("id_number") or "").upper()
        readings = name_readings(self.name)
        parts = (self.compound.replace("|", " "), self.building, self.unit, self.room)
        self.addr_line = "|".join(parts).lower()
        self.household = self.addr_line
        self.key = "\x00".join(
            (
                " ".join(readings[0]) if readings else "~",
                self.name,
                self.compound,
                _natural(self.building),
                _natural(self.unit),
                _natural(self.room),
                self.id,
            )
        )


class PreviousBlock(_Block):
    __slots__ = ()

    def _build(self) -> dict[str, _Lines]:
        entries = self.entries
        everyone = list(range(len(entries)))
        phones = [(owner, p) for owner, e in enumerate(entries) for p in e.phones]
        ids = [(owner, e.id_number) for owner, e in enumerate(entries) if e.id_number]
        owners_of: dict[str, list[int]] = {}
        texts_of: dict[str, list[str]] = {}
        for owner, entry in enumerate(entries):
            for key, line in _name_lines(entry.name):
                texts = texts_of.get(key)
                if texts is None:
                    texts_of[key] = [line]
                    owners_of[key] = [owner]
                else:
                    texts.append(line)
                    owners_of[key].append(owner)
        syllables: dict[str, dict[str, _Lines]] = {}
        for key, texts in texts_of.items():
            syllables.setdefault(key[:2], {})[key[2:]] = _Lines(owners_of[key], texts)
        self._syllables = syllables
        return {
            "name": _Lines(everyone, [e.name for e in entries]),
            "phone": _Lines([o for o, _ in phones], [p for _, p in phones]),
            "id": _Lines([o for o, _ in ids], [i for _, i in ids]),
            "addr": _Lines(everyone, [e.addr_line for e in entries]),
        }


def previous_build(
    residents: Iterable[Resident | Mapping[str, Any]],
    cases: Iterable[Case | Mapping[str, Any]] = (),
) -> ResidentIndex:
    """The index as the previous build made it."""
    index = ResidentIndex()
    entries: list[_Entry] = sorted(
        (PreviousEntry(_as_doc(item)) for item in residents), key=lambda e: e.key
    )
    for entry in entries:
        index._remember(entry)
    blocks: list[_Block] = [
        PreviousBlock(entries[start : start + BLOCK_SIZE])
        for start in range(0, len(entries), BLOCK_SIZE)
    ]
    index._blocks = blocks or [PreviousBlock([])]
    index._reindex_blocks()
    for block in index._blocks:
        block.lines("name")
    index._cases = OpenCaseCounts.build(cases)
    return index


def install() -> None:
    """Make every :meth:`ResidentIndex.build` in this process the previous build."""

    def build(
        cls: type[ResidentIndex],
        residents: Iterable[Resident | Mapping[str, Any]],
        cases: Iterable[Case | Mapping[str, Any]] = (),
    ) -> ResidentIndex:
        return previous_build(residents, cases)

    search.ResidentIndex.build = classmethod(build)  # type: ignore[method-assign,assignment]
    search_cache.load = lambda *args, **kwargs: None  # type: ignore[assignment]
    search_cache.load_early = lambda *args, **kwargs: None  # type: ignore[assignment]
    search_cache.write = lambda *args, **kwargs: False  # type: ignore[assignment]
