"""One resident index per console, shared by Lookup, the command palette and Intake.

The app owns it (``DeskApp.resident_search``); ``.current()`` returns the
:class:`ResidentIndex`, made on first use and brought up to date with the store when
something was committed since the last call. Building takes a second at 50,000
residents, so a built index is kept beside the store (:mod:`~deskconsole.domain.search_cache`)
and the next start loads it when no resident changed since; bringing it up to date
touches only the residents and cases a commit named. Call it from a worker thread,
never from a handler.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from pathlib import Path
from typing import Any

from deskconsole.domain import pinyin, search_cache
from deskconsole.domain.search import ResidentIndex
from deskconsole.models import OPEN_STATES
from deskconsole.storage import RepositoryAPI, StoreError
from deskconsole.storage.collector import collector_paused
from deskconsole.storage.store import Change

WATCHED = frozenset({"residents", "cases"})


#: Seconds after the first build before it is written for the next start: the writing
#: (half a second of the processor) waits until the clerk's first searches are answered.
KEEP_AFTER_SECONDS = 2.0


class ResidentSearch:
    """The index of one store, kept current from the store's commits."""

    def __init__(self, repo: RepositoryAPI) -> None:
        self.repo = repo
        self._index: ResidentIndex | None = None
        self._build_lock = threading.Lock()
        self._dirty_lock = threading.Lock()
        self._dirty: dict[str, set[str]] = {}
        self._generation = 0  # commits that changed a resident
        self._closed = False
        self._closing = threading.Event()
        self._writer: threading.Thread | None = None
        repo.subscribe(self._on_commit)

    def _on_commit(self, change: Change) -> None:
        if "residents" in change:
            self._generation += 1
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
                # Frozen before the collector runs again: it would pass over every object
                # the build made, young and then old.
                with collector_paused():
                    self._index = self._first_index()
                    gc.freeze()  # long-lived: spare the collector from rescanning it
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
            case_doc = self.repo.cases.live_doc(number)  # an archived case is never open
            if case_doc is None:
                index.remove_case(number)
            else:
                index.upsert_case(case_doc)
        return index

    def _first_index(self) -> ResidentIndex:
        """The index kept beside the store when it is the one the store's residents give,
        else one built now (and kept for the next start, from a thread of its own)."""
        generation = self._generation
        docs = self.repo.residents.docs()
        # Only open cases count; the index learns of the rest as they change.
        cases = self.repo.cases.docs_in_states(OPEN_STATES)
        path = self.repo.search_cache()
        kept = search_cache.load(path, docs, cases) if path is not None else None
        if kept is not None:
            threading.Thread(target=pinyin.warm_up, name="deskconsole-pinyin", daemon=True).start()
            return kept
        index = ResidentIndex.build(docs, cases)
        if path is not None:
            self._writer = threading.Thread(
                target=self._keep,
                args=(path, index, docs, generation),
                name="deskconsole-index",
                daemon=True,
            )
            self._writer.start()
        return index

    def _keep(
        self, path: Path, index: ResidentIndex, docs: list[dict[str, Any]], generation: int
    ) -> None:
        """Write the index for the next start, unless a resident changes meanwhile (then
        the store has removed the file, and the index no longer is what ``docs`` give)."""

        def still_valid() -> bool:
            if self._closed or self._generation != generation:
                return False
            now = self.repo.residents.docs()  # documents are replaced, never changed
            return len(now) == len(docs) and all(a is b for a, b in zip(now, docs, strict=True))

        if self._closing.wait(KEEP_AFTER_SECONDS):
            return  # closed first: the next start builds again
        with contextlib.suppress(OSError, StoreError):  # a next start that builds again
            search_cache.write(path, index, docs, still_valid, guard=self.repo.transaction)

    def join_writer(self) -> None:
        """Wait for the index to be written (tests; the console does not wait)."""
        if self._writer is not None:
            self._writer.join()

    def close(self) -> None:
        """Stop following the store."""
        self._closed = True
        self._closing.set()
        self.repo.unsubscribe(self._on_commit)
