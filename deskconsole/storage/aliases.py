"""Residents of other desks known here under another id.

Each desk gives a resident its own random id. When a bundle brings a resident
that matches one stored here (by ID number, or name and phone), the import
remembers ``their id -> our id`` so the next bundle finds the same person even
if the phone changed in between. One document in the ``meta`` table.
"""

from __future__ import annotations

from deskconsole.storage.journal import Op
from deskconsole.storage.sessions import META
from deskconsole.storage.store import Store

ALIASES_KEY = "resident_aliases"


def resident_aliases(store: Store) -> dict[str, str]:
    """Other desks' resident ids mapped to the resident ids of this store."""
    with store.lock:
        doc = store.table(META).raw().get(ALIASES_KEY)
    return dict(doc.get("ids", {})) if doc else {}


def aliases_op(aliases: dict[str, str]) -> Op:
    """The op that replaces the alias document."""
    return Op(META, ALIASES_KEY, {"ids": dict(sorted(aliases.items()))})
