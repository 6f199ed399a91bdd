"""One resident index per console, shared by Lookup, the command palette and Intake.

The app owns it (``DeskApp.resident_search``); ``.current()`` returns the
:class:`ResidentIndex`, built on first use and brought up to date with the store when
something was committed since the last call. Building takes a second at 50,000
residents; bringing it up to date touches only the residents and cases a commit named.
Call it from a worker thread, never from a handler.
"""

from __future__ import annotations

import gc
import threading

from deskconsole.domain.search import ResidentIndex
from deskconsole.models import OPEN_STATES
from deskconsole.storage import RepositoryAPI
from deskconsole.storage.store import Change

WATCHED = frozenset({"residents", "cases"})


class ResidentSearch:
    """The index of one store, kept current from the store's commits."""

    def __init__(self, repo: RepositoryAPI) -> None:
        self.repo = repo
        self._index: ResidentIndex | None = None
        self._build_lock = threading.Lock()
        self._dirty_lock = threading.Lock()
        self._dirty: dict[str, set[str]] = {}
        repo.subscribe(self._on_commit)

    def _on_commit(self, change: Change) -> None:
        with self._dirty_lock:
            for table in change & WATCHED:
                self._dirty.setdefault(table, set()).update(change.keys[table])

    @property
    def ready(self) -> bool:
        """True once the index has been built."""
        return self._index is not None

    @property
    def built(self) -> ResidentIndex | None:
        """The index as it is now, without building or syncing (None before the first build)."""
        return self._index

    def current(self) -> ResidentIndex:
        """The index, built if needed and synced with what changed (call off the UI thread)."""
        with self._build_lock:
            if self._index is None:
                with self._dirty_lock:
                    self._dirty.clear()
                # Only open cases count; the index learns of the rest as they change.
                collecting = gc.isenabled()
                gc.disable()  # frozen before the collector runs again: it would pass
                try:  # over every object the build made, young and then old
                    self._index = ResidentIndex.build(
                        self.repo.residents.docs(), self.repo.cases.docs_in_states(OPEN_STATES)
                    )
                    gc.freeze()  # long-lived: spare the collector from rescanning it
                finally:
                    if collecting:
                        gc.enable()
                return self._index
        with self._dirty_lock:
            dirty, self._dirty = self._dirty, {}
        index = self._index
        for resident_id in dirty.get("residents", ()):
            doc = self.repo.residents.doc(resident_id)
            if doc is None:
                index.remove(resident_id)
            else:
                index.upsert(doc)
        for number in dirty.get("cases", ()):
            case_doc = self.repo.cases.doc(number)
            if case_doc is None:
                index.remove_case(number)
            else:
                index.upsert_case(case_doc)
        return index

    def close(self) -> None:
        """Stop following the store."""
        self.repo.unsubscribe(self._on_commit)
