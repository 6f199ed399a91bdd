"""Hearing the other consoles: LISTEN on the server, fetch the rows each NOTIFY names.

One daemon thread per console with a connection of its own. A notification names the
tables and keys a commit changed (or only the tables, for a large batch); the rows
newer than the replica's are fetched and applied, and the store's listeners hear them
as they hear a local commit, so boards and headers refresh without a full reload.
When the connection breaks, the thread reconnects every second and then compares
every version, so nothing committed meanwhile is missed.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from typing import Any, Protocol

import orjson

from deskconsole.storage.errors import StoreError
from deskconsole.storage.postgres.connection import connect, prepare
from deskconsole.storage.postgres.schema import CHANNEL
from deskconsole.storage.store import Change

POLL_SECONDS = 0.25  # how long the thread waits for a notification before checking to stop
RETRY_SECONDS = 1.0


class Replica(Protocol):
    """What the thread needs of the store it keeps current (a ``ServerStore``)."""

    address: str
    staff: str
    origin: str
    versions: dict[tuple[str, str], int]

    def take(self, rows: Iterable[tuple[str, str, Any, int]]) -> Change | None:
        """Apply rows newer than the replica's; what changed."""
        ...

    def tell(self, change: Change | None) -> None:
        """Tell the store's listeners what changed."""
        ...


class Listening:
    """The thread that keeps a :class:`ServerStore`'s replica current."""

    def __init__(self, store: Replica) -> None:
        self.store = store
        self._stop = threading.Event()
        self._conn: Any = self._listen()
        self._thread = threading.Thread(target=self._run, name="deskconsole-listen", daemon=True)

    def _listen(self) -> Any:
        conn = connect(
            self.store.address,
            autocommit=True,
            application=f"deskconsole {self.store.staff} (listening)",
        )
        prepare(conn)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread and close its connection."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()
        with contextlib.suppress(Exception):
            self._conn.close()

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                # The connection is busy while the generator runs: take the
                # notifications out first, then query for their rows.
                notes = list(self._conn.notifies(timeout=POLL_SECONDS, stop_after=1))
                for note in notes:
                    self._heard(note.payload)
            except (psycopg.Error, StoreError):
                self._reconnect()
            except Exception:  # never a traceback from a background thread
                self._reconnect()

    def _reconnect(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()
        while not self._stop.wait(RETRY_SECONDS):
            try:
                self._conn = self._listen()
                self.catch_up()
                return
            except Exception:
                continue

    def _heard(self, payload: str) -> None:
        try:
            message = orjson.loads(payload)
        except orjson.JSONDecodeError:
            return
        if not isinstance(message, dict) or message.get("o") == self.store.origin:
            return
        for table, keys in dict(message.get("t") or {}).items():
            self.fetch(str(table), None if keys is None else [str(k) for k in keys])

    def fetch(self, table: str, keys: list[str] | None) -> None:
        """Bring these rows (every row of ``table`` for ``None``) into the replica."""
        if keys is None:
            known = self.store.versions
            keys = [
                key
                for key, version in self._conn.execute(
                    "SELECT key, version FROM documents WHERE tbl = %s", (table,)
                ).fetchall()
                if int(version) > known.get((table, key), 0)
            ]
        if not keys:
            return
        rows = self._conn.execute(
            "SELECT tbl, key, doc, version FROM documents WHERE tbl = %s AND key = ANY(%s)",
            (table, keys),
        ).fetchall()
        self.store.tell(self.store.take(rows))

    def catch_up(self) -> None:
        """Compare every version with the server's (after the connection was lost)."""
        tables = [
            row[0] for row in self._conn.execute("SELECT DISTINCT tbl FROM documents").fetchall()
        ]
        for table in tables:
            self.fetch(str(table), None)
