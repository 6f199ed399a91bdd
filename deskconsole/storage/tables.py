"""TinyDB over an in-memory storage, with tables keyed by our own string ids.

TinyDB's stock ``Table`` rebuilds the whole table dict on every write, which is
O(n) per change. :class:`DocTable` changes only the document concerned and keeps
TinyDB's query engine (``search``, ``get``, ``count``) and its query cache.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Table


class DocTable(Table):
    """A TinyDB table whose document ids are strings chosen by the caller."""

    document_id_class = str  # type: ignore[assignment]

    def put(self, key: str, doc: dict[str, Any]) -> None:
        """Insert or replace the document stored under ``key``."""
        self._update_table(lambda table: table.__setitem__(key, doc))

    def delete(self, key: str) -> None:
        """Remove the document under ``key`` if present."""
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

    def dump(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The live contents; callers must not mutate it."""
        return self.storage.read() or {}

    def doc_table(self, name: str) -> DocTable:
        """The table ``name`` as a :class:`DocTable`."""
        return self.table(name)  # type: ignore[return-value]
