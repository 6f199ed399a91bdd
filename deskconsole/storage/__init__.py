"""Durable storage: TinyDB in memory, an fsync'd journal, snapshots, a lock, backups."""

from deskconsole.storage.api import RepositoryAPI, Transaction
from deskconsole.storage.cases import CaseCounts
from deskconsole.storage.errors import (
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreTooNewError,
    StoreWriteError,
)
from deskconsole.storage.journal import Op
from deskconsole.storage.repository import Repository
from deskconsole.storage.store import Change, Store

__all__ = [
    "CaseCounts",
    "Change",
    "Op",
    "Repository",
    "RepositoryAPI",
    "Store",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "StoreTooNewError",
    "StoreWriteError",
    "Transaction",
]
