"""One resident index per console, shared by Lookup, the command palette and Intake.

The app owns it (``DeskApp.resident_search``); ``.current()`` returns the
:class:`ResidentIndex`, made on first use and brought up to date with the store when
something was committed since the last call. Building takes a second at 50,000
residents, so a built index is kept beside the store (:mod:`~deskconsole.domain.search_cache`)
and the next start loads it when no resident changed since; bringing it up to date
touches only the residents and cases a commit named. Call it from a worker thread,
never from a handler.

A console that reads its store after the first frame makes it with
:meth:`ResidentSearch.before_store`: until the store is read, ``.current()`` answers
from an :class:`~deskconsole.domain.search_cache.EarlyIndex`, with no open-case counts
yet (``counted`` is False): the kept index when the store's files show it current, else
one built from the residents the files hold (the erasure ledger laid over them), else
it waits for the store. :meth:`follow` gives it the store, before anyone else has it,
and checks the early index against the documents read.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from deskconsole.domain import pinyin, search_cache
from deskconsole.domain.erasure import erased_over
from deskconsole.domain.search import ResidentIndex
from deskconsole.domain.search_cache import EarlyIndex
from deskconsole.models import OPEN_STATES
from deskconsole.storage import RepositoryAPI, StoreError
from deskconsole.storage.collector import collector_paused
from deskconsole.storage.erasures import read_ledger
from deskconsole.storage.residents_seal import ledger_seal, residents_of_files, seal_of_files
from deskconsole.storage.store import SEARCH_CACHE_NAME, Change

WATCHED = frozenset({"residents", "cases"})


#: Seconds after the first build before it is written for the next start: the writing
#: (half a second of the processor) waits until the clerk's first searches are answered.
KEEP_AFTER_SECONDS = 2.0


class ResidentSearch:
    """The index of one store, kept current from the store's commits."""

    def __init__(self, repo: RepositoryAPI | None) -> None:
        """Follow ``repo`` from now (``None``: see :meth:`before_store`)."""
        self.repo: RepositoryAPI | None = None
        self._store: Callable[[], RepositoryAPI] | None = None
        self._kept_dir: Path | None = None
        self._index: ResidentIndex | None = None
        self._build_lock = threading.Lock()
        self._dirty_lock = threading.Lock()
        self._dirty: dict[str, set[str]] = {}
        self._generation = 0  # commits that changed a resident
        self._closed = False
        self._closing = threading.Event()
        self._writer: threading.Thread | None = None
        if repo is not None:
            self.follow(repo)

    @classmethod
    def before_store(
        cls, store: Callable[[], RepositoryAPI], kept_dir: Path | None
    ) -> ResidentSearch:
        """The index of a store still being read: ``store()`` waits for it (and raises
        :class:`StoreError` when it could not be read); ``kept_dir`` is the data
        directory of an embedded store, whose kept index may answer before it is read."""
        search = cls(None)
        search._store = store
        search._kept_dir = kept_dir
        return search

    def follow(self, repo: RepositoryAPI) -> None:
        """Follow the store, now read (call before anyone else can commit to it); an
        early index gets its documents and counts, or is dropped when they are not the
        ones it was made of (the next :meth:`current` builds the index)."""
        repo.subscribe(self._on_commit)
        with self._build_lock:
            self.repo = repo
            early = self._index
            if isinstance(early, EarlyIndex) and not early.attached:
                built = early.made_of is not None  # not kept: keep it for the next start
                docs = repo.residents.docs()
                cases = repo.cases.docs_in_states(OPEN_STATES)
                with collector_paused():
                    if not search_cache.attach(early, docs, cases):
                        self._index = None
                    elif built:
                        self._start_keeping(repo, early, docs)
                self._warm_pinyin()  # for a query that mixes characters in, and upserts

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
    def counted(self) -> bool:
        """False while the index answers before the store is read (no open-case counts)."""
        index = self._index
        return not isinstance(index, EarlyIndex) or index.attached

    def answers_early(self) -> bool:
        """Load the kept index if the store, still being read, holds the residents it
        was made of; True when :meth:`current` answers from it before the store is read."""
        with self._build_lock:
            self._load_early()
            return self.repo is None and not self.counted

    def _repo(self) -> RepositoryAPI:
        """The store, waiting for it while it is being read (never call it holding the
        build lock: :meth:`follow` takes it before the store is handed out)."""
        if self.repo is None and self._store is not None:
            self._store()  # returns once follow() has run, or raises
        if self.repo is None:
            raise StoreError("store.not_opened", data_dir="")
        return self.repo

    @property
    def built(self) -> ResidentIndex | None:
        """The index as it is now, without building or syncing (None before the first build)."""
        return self._index

    def current(self) -> ResidentIndex:
        """The index, built if needed and synced with what changed (call off the UI thread)."""
        with self._build_lock:
            self._load_early()
            if self._index is not None and self.repo is None:
                return self._index  # early: nothing can have been committed yet
        repo = self._repo()  # waited for outside the lock: follow() takes it
        with self._build_lock:
            if self._index is None:
                with self._dirty_lock:
                    self._dirty.clear()
                # Frozen before the collector runs again: it would pass over every object
                # the build made, young and then old.
                with collector_paused():
                    self._index = self._first_index(repo)
                    gc.freeze()  # long-lived: spare the collector from rescanning it
                return self._index
        with self._dirty_lock:
            dirty, self._dirty = self._dirty, {}
        index = self._index
        for resident_id in dirty.get("residents", ()):
            doc = repo.residents.doc(resident_id)
            if doc is None:
                index.remove(resident_id)
            else:
                index.upsert(doc)
        for number in dirty.get("cases", ()):
            case_doc = repo.cases.live_doc(number)  # an archived case is never open
            if case_doc is None:
                index.remove_case(number)
            else:
                index.upsert_case(case_doc)
        return index

    def _load_early(self) -> None:
        """Before the store is read and with no index yet, take the early one (hold the
        build lock)."""
        if self._index is None and self.repo is None:
            self._index = self._early_index()

    def _early_index(self) -> EarlyIndex | None:
        """The index kept beside a store not read yet, when its files show it current;
        else one built of the residents its files hold."""
        folder, self._kept_dir = self._kept_dir, None  # tried once
        if folder is None:
            return None
        path = folder / SEARCH_CACHE_NAME
        with collector_paused():
            index = None
            if path.exists():  # pypinyin is loaded once the store is read: queries need none
                index = search_cache.load_early(path, seal_of_files(folder), ledger_seal(folder))
            if index is None:
                index = self._built_early(folder)
            if index is not None:
                gc.freeze()
        return index

    @staticmethod
    def _built_early(folder: Path) -> EarlyIndex | None:
        """An index of the residents the store's files hold, each the erasure ledger
        names in its erased form (as opening leaves them); None when the files cannot tell."""
        docs = residents_of_files(folder)
        if not docs:
            return None  # a new store, or files opening must judge
        ledger = read_ledger(folder)
        if ledger.bad_lines:
            return None
        return search_cache.build_early(erased_over(docs, ledger.erasures))

    @staticmethod
    def _warm_pinyin() -> None:
        threading.Thread(target=pinyin.warm_up, name="deskconsole-pinyin", daemon=True).start()

    def _first_index(self, repo: RepositoryAPI) -> ResidentIndex:
        """The index kept beside the store when it is the one the store's residents give,
        else one built now (and kept for the next start, from a thread of its own)."""
        generation = self._generation
        docs = repo.residents.docs()
        # Only open cases count; the index learns of the rest as they change.
        cases = repo.cases.docs_in_states(OPEN_STATES)
        path = repo.search_cache()
        kept = search_cache.load(path, docs, cases) if path is not None else None
        if kept is not None:
            self._warm_pinyin()
            return kept
        index = ResidentIndex.build(docs, cases)
        self._start_keeping(repo, index, docs, generation)
        return index

    def _start_keeping(
        self,
        repo: RepositoryAPI,
        index: ResidentIndex,
        docs: list[dict[str, Any]],
        generation: int | None = None,
    ) -> None:
        """Write a built index for the next start, from a thread of its own."""
        path = repo.search_cache()
        if path is None:
            return
        self._writer = threading.Thread(
            target=self._keep,
            args=(repo, path, index, docs, self._generation if generation is None else generation),
            name="deskconsole-index",
            daemon=True,
        )
        self._writer.start()

    def _keep(
        self,
        repo: RepositoryAPI,
        path: Path,
        index: ResidentIndex,
        docs: list[dict[str, Any]],
        generation: int,
    ) -> None:
        """Write the index for the next start, unless a resident changes meanwhile (then
        the store has removed the file, and the index no longer is what ``docs`` give)."""

        def still_valid() -> bool:
            if self._closed or self._generation != generation:
                return False
            now = repo.residents.docs()  # documents are replaced, never changed
            return len(now) == len(docs) and all(a is b for a, b in zip(now, docs, strict=True))

        if self._closing.wait(KEEP_AFTER_SECONDS):
            return  # closed first: the next start builds again
        with contextlib.suppress(OSError, StoreError):  # a next start that builds again
            search_cache.write(
                path,
                index,
                docs,
                still_valid,
                guard=repo.transaction,
                ledger=partial(ledger_seal, path.parent),
            )

    def keep(self) -> bool:
        """Write the index for the next start when the file is gone (a resident changed
        since it was kept, or it was never written): call once the console is done with
        it, the store still open. Returns whether it was written; raises ``OSError``."""
        if self._writer is not None:
            self._writer.join()
        repo = self.repo
        path = repo.search_cache() if repo is not None else None
        if repo is None or path is None or path.exists() or self._index is None:
            return False
        index = self.current()  # every commit heard applied
        with repo.transaction():  # held still while it is checked and written
            docs = repo.residents.docs()
            if len(index) != len(docs) or any(index.doc(d["id"]) is not d for d in docs):
                return False  # not the index of these documents: the next start builds
            with collector_paused():
                return search_cache.write(
                    path, index, docs, ledger=partial(ledger_seal, path.parent)
                )

    def join_writer(self) -> None:
        """Wait for the index to be written (tests; the console does not wait)."""
        if self._writer is not None:
            self._writer.join()

    def close(self) -> None:
        """Stop following the store."""
        self._closed = True
        self._closing.set()
        if self.repo is not None:
            self.repo.unsubscribe(self._on_commit)
