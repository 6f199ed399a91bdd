"""Opening the store a command or the console works on: the embedded one in the data
folder, or the shared one on a PostgreSQL server when a store address is given."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from deskconsole.storage.repository import Repository
from deskconsole.storage.store import Store

SERVER_FILE = "server.json"  # in a data dir whose store is on a server: {"store": address}


def open_repository(
    data_dir: Path,
    store: str | None = None,
    *,
    readonly: bool = False,
    now: Callable[[], datetime] = datetime.now,
    staff: str = "",
    lazy: bool = False,
) -> Repository:
    """The store at ``store`` (``postgresql://...``) if given, else the one in ``data_dir``.

    A server store keeps drafts and crash reports in ``data_dir``; ``staff`` is who its
    saves are recorded as (and named to another clerk whose save they refuse). ``lazy``
    (a reader of the embedded store): tables parsed as they are used.
    """
    if store:
        from deskconsole.storage.postgres import ServerRepository

        return ServerRepository.connect(store, data_dir, readonly=readonly, now=now, staff=staff)
    return Repository.open(data_dir, readonly=readonly, now=now, lazy=lazy and readonly)


@dataclass(frozen=True)
class ClaimedStore:
    """A store the console is about to open: ``load()`` reads it (seconds on a large
    store: call it off the UI thread), ``release()`` lets it go unread."""

    load: Callable[[], Repository]
    release: Callable[[], None]


def claim_repository(
    data_dir: Path,
    store: str | None = None,
    *,
    now: Callable[[], datetime] = datetime.now,
    staff: str = "",
) -> ClaimedStore:
    """The store :func:`open_repository` would open for writing, its lock taken now
    when it is the embedded one (a store another console holds is refused at once,
    before the console draws anything), its contents read later by ``load()``."""
    if store:
        return ClaimedStore(
            partial(open_repository, data_dir, store, now=now, staff=staff), lambda: None
        )
    claimed = Store.claim(data_dir, now=now)

    def load() -> Repository:
        loaded = claimed.load()
        try:
            return Repository(loaded)
        except BaseException:
            loaded.close()
            raise

    return ClaimedStore(load, claimed.release)


def save_store_address(data_dir: Path, address: str | None) -> None:
    """Point ``data_dir`` at the server store ``address`` (checked by connecting to it
    first), or back at its own store for ``None``. The file is private to its owner:
    an address may carry a password."""
    from deskconsole.storage.errors import StoreOpenError, StoreWriteError
    from deskconsole.storage.files import ensure_private_dir, write_atomic

    path = data_dir / SERVER_FILE
    if address is None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    from deskconsole.storage.postgres import ServerRepository

    ServerRepository.connect(address, data_dir, readonly=True, listen=False).close()
    try:
        ensure_private_dir(data_dir)
    except OSError as error:
        raise StoreOpenError.of(data_dir, error) from None
    body = json.dumps({"store": address}, ensure_ascii=False).encode("utf-8")
    try:
        write_atomic(path, [body])
    except OSError as error:
        raise StoreWriteError.of(path, error) from None


def saved_store(data_dir: Path) -> str | None:
    """The server address saved in ``data_dir``, if any (an unreadable file: none)."""
    try:
        raw = json.loads((data_dir / SERVER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    address = raw.get("store") if isinstance(raw, dict) else None
    return address.strip() if isinstance(address, str) and address.strip() else None


def store_address(given: str | None, data_dir: Path) -> str | None:
    """The store to open: ``given`` (``""``: the data dir's own), else the saved one."""
    if given is not None:
        return given or None
    return saved_store(data_dir)
