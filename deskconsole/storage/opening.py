"""Opening the store a command or the console works on: the embedded one in the data
folder, or the shared one on a PostgreSQL server when a store address is given."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from deskconsole.storage.repository import Repository


def open_repository(
    data_dir: Path,
    store: str | None = None,
    *,
    readonly: bool = False,
    now: Callable[[], datetime] = datetime.now,
    staff: str = "",
) -> Repository:
    """The store at ``store`` (``postgresql://...``) if given, else the one in ``data_dir``.

    A server store keeps drafts and crash reports in ``data_dir``; ``staff`` is who its
    saves are recorded as (and named to another clerk whose save they refuse).
    """
    if store:
        from deskconsole.storage.postgres import ServerRepository

        return ServerRepository.connect(store, data_dir, readonly=readonly, now=now, staff=staff)
    return Repository.open(data_dir, readonly=readonly, now=now)
