"""The console's store, given open or read in a background thread after the first frame.

Reading a large store takes seconds (the snapshot parsed, the journal replayed). The
console draws its first screen at once and reads the store meanwhile, the type-ahead
gate held: keys typed in the meantime wait, in order, and land once the store is there.
Workers that need the store before then wait for it (:meth:`StoreOpening.get`); a
store that cannot be read ends the console with its one line (:attr:`StoreOpening.error`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from deskconsole.storage import RepositoryAPI, StoreError

#: Reads the store (and finishes what opening needs, e.g. a lost erasure done again).
StoreOpener = Callable[[], RepositoryAPI]


class StoreOpening:
    """One console's store: there from the start, or coming from a reading thread."""

    def __init__(self, source: RepositoryAPI | StoreOpener, data_dir: str = "") -> None:
        self.data_dir = data_dir
        self._opened = threading.Event()
        self._thread: threading.Thread | None = None
        self._opener: StoreOpener | None = None
        self.repo: RepositoryAPI | None = None
        self.error: BaseException | None = None
        if callable(source):  # an open store is not callable; what reads one is
            self._opener = source
        else:
            self.repo = source
            self._opened.set()

    @property
    def pending(self) -> bool:
        """True until the store has been read (or failed to be)."""
        return not self._opened.is_set()

    def get(self) -> RepositoryAPI:
        """The store, waiting for it while it is being read (call off the UI thread);
        raises :class:`StoreError` when it could not be read."""
        self._opened.wait()
        if self.repo is None:
            if isinstance(self.error, StoreError):
                raise self.error
            raise StoreError("store.not_opened", data_dir=self.data_dir)
        return self.repo

    def start(
        self,
        opened: Callable[[RepositoryAPI], None],
        done: Callable[[], object],
    ) -> None:
        """Read the store in a thread: ``opened(repo)`` runs there once it is read and
        before anyone else gets it; ``done()`` runs after, whether it was read or not."""
        opener = self._opener
        if opener is None or self._thread is not None:
            return

        def run() -> None:
            try:
                repo = opener()
                try:
                    opened(repo)
                except BaseException:
                    repo.close()
                    raise
                self.repo = repo
            except BaseException as error:  # shown as the console's last line
                self.error = error
            finally:
                self._opened.set()
                done()

        self._thread = threading.Thread(target=run, name="deskconsole-open", daemon=True)
        self._thread.start()

    def join(self) -> None:
        """Wait for the reading thread (the console is closing)."""
        if self._thread is not None:
            self._thread.join()
