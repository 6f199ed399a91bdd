"""Opening the Textual console (imported only when the console is wanted)."""

from __future__ import annotations

import gc
import sys
from datetime import datetime
from pathlib import Path

from deskconsole import crash
from deskconsole.cli.options import Globals
from deskconsole.config import (
    RunConfig,
    demo_data_dir,
    resolve_data_dir,
    resolve_staff,
    resolve_store,
)
from deskconsole.domain import demo
from deskconsole.domain.erasure import replay_ledger
from deskconsole.i18n import get_language, t
from deskconsole.storage import Repository
from deskconsole.storage.collector import collector_paused
from deskconsole.storage.opening import claim_repository, open_repository, store_address


def open_console(options: Globals, use_demo: bool) -> None:
    """Run the console on the store (the demo store with ``--demo``).

    The store's lock is taken first (a store another console holds is refused before
    anything is drawn); the console draws its first screen and reads the store meanwhile.
    """
    data_dir = resolve_data_dir(options.data_dir)
    if use_demo:
        data_dir = demo_data_dir(data_dir)
    crash.set_crash_dir(data_dir)
    staff = resolve_staff(options.staff)
    config = RunConfig(data_dir, get_language(), staff, use_demo)
    if use_demo:
        _run_on_demo(data_dir, config)
        return
    address = store_address(resolve_store(options.store), data_dir)
    claimed = claim_repository(data_dir, address, staff=staff)

    def read() -> Repository:
        # Until frozen: the collector would pass over every document just read, in the
        # young generations and then the old, stalling every thread for a second.
        with collector_paused():
            repo = claimed.load()
            try:
                replay_ledger(repo)  # an erasure the store lost (a crash, a restore) is done again
            except BaseException:
                repo.close()
                raise
            keep_out_of_collector()
        return repo

    from deskconsole.ui.app import DeskApp

    # Lookup may answer from the index kept beside an embedded store before it is read.
    console = DeskApp(read, config, kept_index_dir=data_dir if address is None else None)
    try:
        console.run()
    finally:
        console.store_opening.join()
        if console.store_opening.repo is not None:
            console.keep_index()
            console.store_opening.repo.close()
        else:
            claimed.release()
    if console.store_opening.error is not None:
        raise console.store_opening.error


def keep_out_of_collector() -> None:
    """The store the console has read lives as long as the console: the collector need not
    rescan its documents (a full pass over 50,000 cases stalls about half a second). Only
    the console does this; a command, or a test, that opens stores again and again must
    leave them to the collector."""
    gc.freeze()


def _run_on_demo(data_dir: Path, config: RunConfig) -> None:
    """The demo store, filled on first use (saying so before the console takes the screen)."""
    repo = open_repository(data_dir, staff=config.staff)
    try:
        if repo.is_empty:
            print(t("cli.demo_creating", data_dir=str(data_dir)), file=sys.stderr)
            demo.fill(repo, demo.generate(datetime.now()))
        replay_ledger(repo)
        keep_out_of_collector()
        repo.backup_if_due()
        from deskconsole.ui.app import DeskApp

        console = DeskApp(repo, config)
        console.run()
        console.keep_index()
    finally:
        repo.close()
