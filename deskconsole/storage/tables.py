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

KeyFn = Callable[[dict[str, Any]], Hashable]


class DocTable(Table):
    """A TinyDB table whose document ids are strings chosen by the caller.

    Secondary indexes (:meth:`add_index`) map a value computed from each document
    to the keys of the documents that have it, kept current on every put and delete.
    """

    document_id_class = str  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._indexes: dict[str, tuple[KeyFn, dict[Hashable, set[str]]]] = {}

    def add_index(self, name: str, key_fn: KeyFn) -> None:
        """Index the documents by ``key_fn(doc)`` (``None`` values are not indexed)."""
        if name in self._indexes:
            return
        buckets: dict[Hashable, set[str]] = {}
        self._indexes[name] = (key_fn, buckets)
        self._fill(key_fn, buckets)

    def rebuild_indexes(self) -> None:
        """Recompute every index from the documents (after a bulk load)."""
        for key_fn, buckets in self._indexes.values():
            buckets.clear()
            self._fill(key_fn, buckets)

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
        return len(self._indexes[name][1].get(value, ()))

    def buckets(self, name: str) -> Mapping[Any, set[str]]:
        """Index ``name`` as value -> keys (read only; hold the store's lock)."""
        return self._indexes[name][1]

    def lookup(self, name: str, value: Hashable) -> set[str]:
        """Keys of the documents whose indexed value is ``value`` (a copy)."""
        return set(self._indexes[name][1].get(value, ()))

    def _reindex(self, key: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        for key_fn, buckets in self._indexes.values():
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
