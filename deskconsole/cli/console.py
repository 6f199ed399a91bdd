"""Opening the Textual console (imported only when the console is wanted)."""

from __future__ import annotations

import sys
from datetime import datetime

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
from deskconsole.domain.desk import needs_first_start
from deskconsole.domain.erasure import replay_ledger
from deskconsole.i18n import get_language, t
from deskconsole.storage.opening import open_repository, store_address


def open_console(options: Globals, use_demo: bool) -> None:
    """Open the store (the demo store with ``--demo``) and run the console on it."""
    data_dir = resolve_data_dir(options.data_dir)
    if use_demo:
        data_dir = demo_data_dir(data_dir)
    crash.set_crash_dir(data_dir)
    staff = resolve_staff(options.staff)
    store = None if use_demo else store_address(resolve_store(options.store), data_dir)
    repo = open_repository(data_dir, store, staff=staff)
    try:
        if use_demo and repo.is_empty:
            print(t("cli.demo_creating", data_dir=str(data_dir)), file=sys.stderr)
            demo.fill(repo, demo.generate(datetime.now()))
        replay_ledger(repo)  # an erasure the store lost (a crash, a restore) is done again
        repo.backup_if_due()
        config = RunConfig(data_dir, get_language(), staff, use_demo)
        from deskconsole.ui.app import DeskApp
        from deskconsole.ui.first_start import FirstStartDeskApp

        console = FirstStartDeskApp if needs_first_start(repo) else DeskApp
        console(repo, config).run()
    finally:
        repo.close()
