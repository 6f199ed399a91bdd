"""TinyDB over an in-memory storage, with tables keyed by our own string ids.

TinyDB's stock ``Table`` rebuilds the whole table dict on every write, which is
O(n) per change. :class:`DocTable` changes only the document concerned and keeps
TinyDB's query engine (``search``, ``get``, ``count``) and its query cache.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Table

from deskconsole.storage.lazy import LazyTables, Section

KeyFn = Callable[[dict[str, Any]], Hashable]


class DocTable(Table):
    """A TinyDB table whose document ids are strings chosen by the caller.

    Secondary indexes (:meth:`add_index`) map a value computed from each document
    to the keys of the documents that have it, kept current on every put and delete.
    A table still unparsed in a lazily read snapshot (:mod:`~deskconsole.storage.lazy`)
    fills its indexes when one is first used; until then :meth:`find` and :meth:`doc`
    read only the documents asked for.
    """

    document_id_class = str  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._indexes: dict[str, tuple[KeyFn, dict[Hashable, set[str]]]] = {}
        self._unfilled: set[str] = set()

    def add_index(self, name: str, key_fn: KeyFn) -> None:
        """Index the documents by ``key_fn(doc)`` (``None`` values are not indexed)."""
        if name in self._indexes:
            return
        buckets: dict[Hashable, set[str]] = {}
        self._indexes[name] = (key_fn, buckets)
        if self._section() is not None:
            self._unfilled.add(name)
        else:
            self._fill(key_fn, buckets)

    def rebuild_indexes(self) -> None:
        """Recompute every index from the documents (after a bulk load)."""
        for _, buckets in self._indexes.values():
            buckets.clear()
        if self._section() is not None:
            self._unfilled = set(self._indexes)
            return
        self._unfilled.clear()
        for key_fn, buckets in self._indexes.values():
            self._fill(key_fn, buckets)

    def _section(self) -> Section | None:
        tables = self._storage.read()
        return tables.section(self.name) if isinstance(tables, LazyTables) else None

    def _index(self, name: str) -> dict[Hashable, set[str]]:
        if name in self._unfilled:
            self._unfilled.discard(name)
            key_fn, buckets = self._indexes[name]
            self._fill(key_fn, buckets)
        return self._indexes[name][1]

    def find(self, name: str, value: Hashable, hint: str) -> list[dict[str, Any]]:
        """The documents whose index ``name`` holds ``value`` (read only). ``hint`` is
        text every such document holds as written (the day of a day's cases): an
        unparsed table is searched for it, and only its lines holding it are read."""
        section = self._section()
        if section is None:
            raw = self.raw()
            return [raw[key] for key in self._index(name).get(value, ()) if key in raw]
        key_fn = self._indexes[name][0]
        return [doc for doc in section.containing(hint.encode("utf-8")) if key_fn(doc) == value]

    def find_between(self, name: str, low: str, high: str, field: str) -> list[dict[str, Any]]:
        """The documents whose index ``name`` holds a value from ``low`` to ``high``
        (read only, in no set order). The index's value is the start of the document's
        string ``field``, as long as ``low``: an unparsed table reads only the lines
        whose ``field`` starts in the range."""
        section = self._section()
        if section is None:
            raw = self.raw()
            buckets = self._index(name)
            values = [value for value in buckets if low <= str(value) <= high]
            return [raw[key] for value in values for key in buckets[value] if key in raw]
        key_fn = self._indexes[name][0]
        size = len(low)
        docs = section.with_field(field, lambda value: low <= value[:size] <= high)
        return [doc for doc in docs if low <= str(key_fn(doc)) <= high]

    def doc(self, key: str) -> dict[str, Any] | None:
        """The document under ``key`` (read only), without parsing an unparsed table."""
        section = self._section()
        if section is not None:
            return section.get(key)
        return self.raw().get(key)

    def _fill(self, key_fn: KeyFn, buckets: dict[Hashable, set[str]]) -> None:
        for key, doc in self.raw().items():
            value = key_fn(doc)
            if value is not None:
                bucket = buckets.get(value)
                if bucket is None:
                    buckets[value] = {key}
                else:
                    bucket.add(key)

    def count_of(self, name: str, value: Hashable) -> int:
        """How many documents have ``value`` in index ``name``."""
        return len(self._index(name).get(value, ()))

    def buckets(self, name: str) -> Mapping[Any, set[str]]:
        """Index ``name`` as value -> keys (read only; hold the store's lock)."""
        return self._index(name)

    def lookup(self, name: str, value: Hashable) -> set[str]:
        """Keys of the documents whose indexed value is ``value`` (a copy)."""
        return set(self._index(name).get(value, ()))

    def _reindex(self, key: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        for name, (key_fn, buckets) in self._indexes.items():
            if name in self._unfilled:
                continue  # filled from the documents, this one among them, when first used
            before = key_fn(old) if old is not None else None
            after = key_fn(new) if new is not None else None
            if before == after:
                continue
            if before is not None:
                bucket = buckets.get(before)
                if bucket is not None:
                    bucket.discard(key)
                    if not bucket:
                        del buckets[before]
            if after is not None:
                buckets.setdefault(after, set()).add(key)

    def put(self, key: str, doc: dict[str, Any]) -> None:
        """Insert or replace the document stored under ``key``."""
        if self._indexes:
            self._reindex(key, self.raw().get(key), doc)
        self._update_table(lambda table: table.__setitem__(key, doc))

    def delete(self, key: str) -> None:
        """Remove the document under ``key`` if present."""
        if self._indexes:
            self._reindex(key, self.raw().get(key), None)
        self._update_table(lambda table: table.pop(key, None))

    def raw(self) -> Mapping[str, dict[str, Any]]:
        """The documents by key, without copying (read only)."""
        return self._read_table()  # type: ignore[return-value]

    def _update_table(self, updater: Callable[[dict[Any, Any]], None]) -> None:
        tables = self._storage.read() or {}
        table = tables.setdefault(self.name, {})
        updater(table)
        self._storage.write(tables)
        self.clear_cache()


class MemoryTinyDB(TinyDB):
    """TinyDB in memory with :class:`DocTable` tables."""

    table_class = DocTable

    def __init__(self) -> None:
        super().__init__(storage=MemoryStorage)

    def load(self, tables: dict[str, dict[str, dict[str, Any]]]) -> None:
        """Replace the whole contents (used when opening a store)."""
        self.storage.write(tables)
        for table in self._tables.values():
            table.clear_cache()
            if isinstance(table, DocTable):
                table.rebuild_indexes()

    def dump(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The live contents; callers must not mutate it."""
        return self.storage.read() or {}

    def doc_table(self, name: str) -> DocTable:
        """The table ``name`` as a :class:`DocTable`."""
        return self.table(name)  # type: ignore[return-value]
