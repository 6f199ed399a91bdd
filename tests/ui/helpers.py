"""Building the console on a test store, and typing into it."""

from __future__ import annotations

import contextlib

from textual.worker import WorkerCancelled

from deskconsole.config import RunConfig
from deskconsole.storage import Repository
from deskconsole.ui.app import DeskApp
from tests.conftest import FIXED_NOW


def make_app(repo: Repository, language: str = "en", staff: str = "颜成玉") -> DeskApp:
    """The console on ``repo`` with the tests' fixed clock."""
    config = RunConfig(repo.data_dir, language, staff)  # type: ignore[arg-type]
    return DeskApp(repo, config, clock=lambda: FIXED_NOW)


async def settle(app: DeskApp, pilot: object) -> None:
    """Wait for workers and the messages they post (a newer search cancels an older one)."""
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
