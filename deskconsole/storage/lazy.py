"""A snapshot read for a command that needs little of it: each table parsed when first
used, and a few documents found without parsing the rest.

The snapshot keeps one document per line, table after table (``snapshot.snapshot_chunks``),
and its checksum covers every byte, so once it is verified a reader may leave tables
as bytes until it needs them. :func:`split_tables` finds where each table's lines lie;
:class:`LazyTables` (the tables dict a store holds) parses a table on first use, with
the journal's changes (:meth:`LazyTables.replay`) laid over it. Until then a
:class:`Section` answers two narrow questions from the bytes: the documents whose line
holds some text (``cases taken on a day``: the lines holding the day, parsed and checked
by the caller) and one document by its key.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, KeysView, ValuesView
from pathlib import Path
from typing import Any

import orjson

from deskconsole.i18n import t
from deskconsole.storage.collector import collector_paused
from deskconsole.storage.errors import StoreCorruptError

Doc = dict[str, Any]

_TABLES_OPEN = b',\n"tables": {\n'


class Section:
    """One table's documents as the snapshot's bytes hold them (``data[start:end]`` is
    ``\\n"key": {...},\\n"key": {...}``), with the journal's changes to lay over them
    (``None``: removed)."""

    __slots__ = ("_offsets", "data", "end", "overlay", "path", "start")

    def __init__(self, data: bytes, start: int, end: int, path: Path) -> None:
        self.data = data
        self.start = start
        self.end = end
        self.path = path
        self.overlay: dict[str, Doc | None] = {}
        self._offsets: dict[str, tuple[int, int]] | None = None

    def parse(self) -> dict[str, Doc]:
        """Every document of the table, the journal's changes applied."""
        with collector_paused():
            docs: dict[str, Doc] = self._loads(b"{" + self.data[self.start : self.end] + b"}")
        for key, doc in self.overlay.items():
            if doc is None:
                docs.pop(key, None)
            else:
                docs[key] = doc
        return docs

    def containing(self, text: bytes) -> list[Doc]:
        """The documents whose line holds ``text``, and every document the journal
        changed (a superset: the caller checks each)."""
        data, end = self.data, self.end
        found: dict[str, Doc] = {}
        pos = data.find(text, self.start, end)
        while pos >= 0:
            first = data.rfind(b"\n", self.start, pos) + 1
            last = data.find(b"\n", pos, end)
            last = end if last < 0 else last
            found.update(self._loads(b"{" + data[first:last].rstrip(b",") + b"}"))
            pos = data.find(text, last, end)
        for key, doc in self.overlay.items():
            found.pop(key, None)
            if doc is not None:
                found[key] = doc
        return list(found.values())

    def with_field(self, field: str, keep: Callable[[str], bool]) -> list[Doc]:
        """The documents with a string ``field`` whose value ``keep`` accepts, as the
        compact JSON of the snapshot writes it (``"field":"value"``), and every document
        the journal changed (a superset: the caller checks each). A line is read when
        any occurrence of the field in it is kept, so a field of the same name nested
        deeper cannot hide the document's own."""
        data, end = self.data, self.end
        marker = orjson.dumps(field)[:-1] + b'":"'
        found: dict[str, Doc] = {}
        pos = data.find(marker, self.start, end)
        while pos >= 0:
            value_at = pos + len(marker)
            close = data.find(b'"', value_at, end)
            if close >= 0 and keep(data[value_at:close].decode("utf-8", "replace")):
                first = data.rfind(b"\n", self.start, pos) + 1
                last = data.find(b"\n", pos, end)
                last = end if last < 0 else last
                found.update(self._loads(b"{" + data[first:last].rstrip(b",") + b"}"))
                pos = last
            else:
                pos = value_at
            pos = data.find(marker, pos, end)
        for key, doc in self.overlay.items():
            found.pop(key, None)
            if doc is not None:
                found[key] = doc
        return list(found.values())

    def get(self, key: str) -> Doc | None:
        """One document by its key (the line offsets are found on first use)."""
        if key in self.overlay:
            return self.overlay[key]
        if self._offsets is None:
            self._offsets = self._find_offsets()
        where = self._offsets.get(key)
        if where is None:
            return None
        line = self.data[where[0] : where[1]].rstrip(b",")
        doc: Doc = self._loads(b"{" + line + b"}")[key]
        return doc

    def keys(self) -> set[str]:
        """The keys of the table, the journal's changes applied, without parsing it."""
        if self._offsets is None:
            self._offsets = self._find_offsets()
        keys = set(self._offsets)
        for key, doc in self.overlay.items():
            if doc is None:
                keys.discard(key)
            else:
                keys.add(key)
        return keys

    def _find_offsets(self) -> dict[str, tuple[int, int]]:
        data, end = self.data, self.end
        offsets: dict[str, tuple[int, int]] = {}
        pos = self.start
        while pos < end:
            last = data.find(b"\n", pos + 1, end)
            last = end if last < 0 else last
            colon = data.find(b'": ', pos + 1, last)
            if colon < 0:
                raise self._damage()
            offsets[self._key(data[pos + 1 : colon + 1])] = (pos + 1, last)
            pos = last
        return offsets

    def _key(self, raw: bytes) -> str:
        if b"\\" not in raw and raw.startswith(b'"'):
            return raw[1:-1].decode("utf-8")
        key = self._loads(raw)  # an escaped key: read as JSON reads it
        if not isinstance(key, str):
            raise self._damage()
        return key

    def _loads(self, text: bytes) -> Any:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            raise self._damage() from None

    def _damage(self) -> StoreCorruptError:
        # The checksum matched, so the bytes are as written: a writer's fault, named.
        return StoreCorruptError(self.path, t("damage.snapshot_tables"), None)


class LazyTables(dict[str, dict[str, Doc]]):
    """The tables of a snapshot: those already parsed, and the :class:`Section` of each
    other, parsed on first use. Reads of the whole (iterating, ``len``) parse them all."""

    def __init__(self, sections: dict[str, Section]) -> None:
        super().__init__()
        self._sections = sections

    def section(self, name: str) -> Section | None:
        """The unparsed table ``name``, or ``None`` once parsed (or when absent)."""
        return self._sections.get(name)

    def replay(self, table: str, key: str, doc: Doc | None) -> None:
        """Apply one journal change (``None``: removed) without parsing the table."""
        section = self._sections.get(table)
        if section is not None:
            section.overlay[key] = doc
            return
        docs = dict.setdefault(self, table, {})
        if doc is None:
            docs.pop(key, None)
        else:
            docs[key] = doc

    def load_all(self) -> None:
        """Parse every table not parsed yet."""
        for name in list(self._sections):
            self.__missing__(name)

    def has_documents(self) -> bool:
        """True when any table holds a document (the unparsed ones judged by their bytes)."""
        if any(docs for docs in dict.values(self)):
            return True
        return any(
            s.end > s.start or any(d is not None for d in s.overlay.values())
            for s in self._sections.values()
        )

    def __missing__(self, name: str) -> dict[str, Doc]:
        section = self._sections.get(name)
        if section is None:
            raise KeyError(name)
        docs = section.parse()
        dict.__setitem__(self, name, docs)
        del self._sections[name]
        return docs

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or name in self._sections

    def get(self, name: str, default: Any = None) -> Any:
        if name in self._sections:
            return self.__missing__(name)
        return dict.get(self, name, default)

    def setdefault(self, name: str, default: Any = None) -> Any:
        if name in self:
            return self[name]
        dict.__setitem__(self, name, default)
        return default

    def pop(self, name: str, *default: Any) -> Any:
        if name in self._sections:
            self.__missing__(name)
        return dict.pop(self, name, *default)

    def __iter__(self) -> Iterator[str]:
        self.load_all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        return dict.__len__(self) + len(self._sections)

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        self.load_all()
        return dict.keys(self)

    def values(self) -> ValuesView[dict[str, Doc]]:  # type: ignore[override]
        self.load_all()
        return dict.values(self)

    def items(self) -> ItemsView[str, dict[str, Doc]]:  # type: ignore[override]
        self.load_all()
        return dict.items(self)

    def copy(self) -> dict[str, dict[str, Doc]]:
        self.load_all()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self.load_all()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"LazyTables(parsed={sorted(dict.keys(self))}, unparsed={sorted(self._sections)})"


def split_tables(data: bytes, path: Path) -> tuple[dict[str, Any], LazyTables] | None:
    """The snapshot's header and its tables left unparsed, or ``None`` when the bytes are
    not laid out as ``snapshot_chunks`` writes them (the caller then parses them whole).
    Call only on bytes whose checksum was verified."""
    from deskconsole.storage.snapshot import TRAILER_SIZE

    start = data.find(_TABLES_OPEN)
    if not data.startswith(b'{"format":') or start < 0:
        return None
    try:
        header = orjson.loads(data[:start] + b"}")
    except orjson.JSONDecodeError:
        return None
    if not isinstance(header, dict):
        return None
    end = len(data) - TRAILER_SIZE
    pos = start + len(_TABLES_OPEN) - 1  # the newline before the first table's name
    sections: dict[str, Section] = {}
    while not (pos + 2 == end and data.startswith(b"\n}", pos)):
        if not data.startswith(b'\n"', pos):
            return None
        head_end = data.find(b"\n", pos + 1, end)
        head = data[pos + 1 : head_end] if head_end > 0 else b""
        if not head.endswith(b": {"):
            return None
        try:
            name = orjson.loads(head[:-3])
        except orjson.JSONDecodeError:
            return None
        close = data.find(b"\n}", head_end, end)  # no document line starts with "}"
        if not isinstance(name, str) or name in sections or close < 0:
            return None
        sections[name] = Section(data, head_end, close, path)
        pos = close + 2
        if data.startswith(b",\n", pos):
            pos += 1
        elif not (pos + 2 == end and data.startswith(b"\n}", pos)):
            return None
    return header, LazyTables(sections)
