"""The store on a PostgreSQL server, shared by several consoles at once.

The server holds the truth; each console keeps the same in-memory TinyDB tables the
embedded store has (so every query, index and count behaves alike) as a replica of
it. A commit is one server transaction: each document's ``version`` must still be the
one this console last saw, or the whole batch is refused with who changed it and when
(:class:`StoreConflictError`) and the replica takes their version; nothing is
overwritten. Only after the server's COMMIT (``synchronous_commit`` on: the server's
WAL is on disk) does the replica change and the save count as done. Every commit
NOTIFYs the other consoles, whose :class:`~deskconsole.storage.postgres.listener.Listening`
thread fetches the rows named and tells their listeners, as a local commit does.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TypedDict

from deskconsole.storage.errors import StoreError, StoreReadOnlyError
from deskconsole.storage.files import ensure_private_dir
from deskconsole.storage.journal import Op
from deskconsole.storage.postgres.connection import (
    ServerError,
    ServerLostError,
    connect,
    json_text,
    prepare,
    reason_of,
    shown_address,
)
from deskconsole.storage.postgres.listener import Listening
from deskconsole.storage.postgres.schema import CHANNEL, SCHEMA_VERSION, schema_version
from deskconsole.storage.store import Change, Store

#: NOTIFY payloads must stay under 8000 bytes: a larger batch names only its tables.
PAYLOAD_LIMIT = 7000

Key = tuple[str, str]


class StoreConflictError(StoreError):
    """Another console saved (or removed) a document this save was based on."""

    def __init__(
        self, table: str, key: str, what: str, who: str, when: datetime | None, removed: bool
    ) -> None:
        shown_when = when.strftime("%Y-%m-%d %H:%M:%S") if when else "?"
        super().__init__(
            "server.conflict_removed" if removed else "server.conflict",
            what=what,
            who=who or "?",
            when=shown_when,
        )
        self.table = table
        self.document = key  # (``key`` is the message's)
        self.who = who
        self.when = when


class _Refused(Exception):
    """A row's version was not the one expected (rolls the transaction back)."""

    def __init__(self, key: Key) -> None:
        self.key = key


class ServerOptions(TypedDict, total=False):
    """The keywords of :meth:`ServerStore.connect`, passed on unchanged by
    :meth:`~deskconsole.storage.postgres.repository.ServerRepository.connect`."""

    readonly: bool
    now: Callable[[], datetime]
    staff: str
    listen: bool


class ServerStore(Store):
    """A replica of the server's documents, written through to the server.

    Use :meth:`connect`. ``data_dir`` is this computer's folder for drafts and crash
    reports; the documents live only on the server.
    """

    def __init__(
        self, data_dir: Path, address: str, readonly: bool, now: Callable[[], datetime], staff: str
    ) -> None:
        super().__init__(data_dir, readonly, now)
        self.address = address
        self.staff = staff
        self.origin = uuid.uuid4().hex
        self.versions: dict[Key, int] = {}
        self._conn: Any = None
        self._listening: Any = None
        self._conn_lock = threading.Lock()

    @classmethod
    def connect(
        cls,
        address: str,
        data_dir: Path,
        *,
        readonly: bool = False,
        now: Callable[[], datetime] = datetime.now,
        staff: str = "",
        listen: bool = True,
    ) -> ServerStore:
        """Connect, check the schema, start hearing other consoles, load the documents."""
        store = cls(Path(data_dir), address, readonly, now, staff)
        if not readonly:
            # Only drafts live there: the console still works without them.
            with contextlib.suppress(OSError):
                ensure_private_dir(store.data_dir)
        try:
            conn = store._writer()
            check_schema(conn, address)
            if listen:
                store._listening = Listening(store)  # before loading: nothing is missed
                store._listening.start()
            store.reload()
        except BaseException:
            store.close()
            raise
        return store

    @property
    def shown(self) -> str:
        """The server's address without a password."""
        return shown_address(self.address)

    def _writer(self) -> Any:
        with self._conn_lock:
            if self._conn is None or self._conn.closed:
                self._conn = connect(
                    self.address, autocommit=True, application=f"deskconsole {self.staff}"
                )
                prepare(self._conn)
            return self._conn

    def _drop_writer(self) -> None:
        with self._conn_lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None

    # -- reading -------------------------------------------------------------
    def reload(self) -> None:
        """Load every document from the server (one consistent snapshot)."""
        rows = self._query("SELECT tbl, key, doc, version FROM documents")
        tables: dict[str, dict[str, dict[str, Any]]] = {}
        versions: dict[Key, int] = {}
        for table, key, doc, version in rows:
            versions[(table, key)] = int(version)
            if doc is not None:
                tables.setdefault(table, {})[key] = doc
        with self.lock:
            self.db.load(tables)
            self.versions = versions

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            return list(self._writer().execute(sql, params).fetchall())
        except psycopg.OperationalError as error:
            self._drop_writer()
            raise ServerLostError(self.address, reason_of(error)) from None

    def take(self, rows: Iterable[tuple[str, str, Any, int]]) -> Change | None:
        """Put rows read from the server into the replica where they are newer than what
        it holds; returns what changed (``None``: nothing)."""
        ops: list[Op] = []
        with self.lock:
            for table, key, doc, version in rows:
                if int(version) <= self.versions.get((table, key), 0):
                    continue
                self.versions[(table, key)] = int(version)
                self._apply(Op(table, key, doc))
                ops.append(Op(table, key, doc))
        return Change.of(ops) if ops else None

    def tell(self, change: Change | None) -> None:
        """Tell the listeners about a change another console made."""
        if change:
            for listener in list(self._listeners):
                listener(change)

    def _apply(self, op: Op) -> None:
        table = self.db.doc_table(op.table)
        if op.doc is None:
            table.delete(op.key)
        else:
            table.put(op.key, op.doc)

    # -- writing -------------------------------------------------------------
    def commit(self, ops: list[Op]) -> None:
        """Write ``ops`` in one server transaction, checking every version; see the module."""
        if ops:
            self.commit_numbered(None, lambda _highest: ops)

    def commit_numbered(self, prefix: str | None, make: Callable[[int], list[Op]]) -> list[Op]:
        """Commit ``make(highest)``'s ops in one transaction; with a case number
        ``prefix``, ``highest`` is the highest number under it, read inside the
        transaction while other consoles numbering under it wait."""
        import psycopg

        refusal: StoreConflictError | None
        change: Change | None
        with self.lock:
            if self.readonly:
                raise StoreReadOnlyError(self.data_dir)
            conn = self._writer()
            try:
                with conn.transaction():
                    highest = self._highest(conn, prefix) if prefix else 0
                    ops = make(highest)
                    if not ops:
                        return []
                    written = self._write(conn, ops)
                    conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, self._payload(ops)))
            except _Refused as refused:
                change, refusal = self._refused(conn, refused.key)
            except psycopg.OperationalError as lost:
                self._drop_writer()
                raise ServerLostError(self.address, reason_of(lost)) from None
            else:
                self.versions.update(written)
                for op in ops:
                    self._apply(op)
                change, refusal = Change.of(ops), None
        self.tell(change)
        if refusal is not None:
            raise refusal
        return ops

    @staticmethod
    def _highest(conn: Any, prefix: str) -> int:
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (prefix,))
        row = conn.execute(
            "SELECT max(substring(key from '-([0-9]+)$')::int) FROM documents "
            "WHERE tbl = 'cases' AND key LIKE %s",
            (f"{prefix}-%",),
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _write(self, conn: Any, ops: list[Op]) -> dict[Key, int]:
        from psycopg.types.json import Jsonb

        now = self.now()
        written: dict[Key, int] = {}
        for op in ops:
            key = (op.table, op.key)
            expected = written.get(key, self.versions.get(key))
            doc = Jsonb(op.doc) if op.doc is not None else None
            if expected is None:
                row = conn.execute(
                    "INSERT INTO documents (tbl, key, doc, changed_by, changed_at) "
                    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING version",
                    (op.table, op.key, doc, self.staff, now),
                ).fetchone()
            else:
                row = conn.execute(
                    "UPDATE documents SET doc = %s, version = version + 1, changed_by = %s, "
                    "changed_at = %s WHERE tbl = %s AND key = %s AND version = %s "
                    "RETURNING version",
                    (doc, self.staff, now, op.table, op.key, expected),
                ).fetchone()
            if row is None:
                raise _Refused(key)
            written[key] = int(row[0])
        return written

    def _payload(self, ops: list[Op]) -> str:
        tables: dict[str, list[str] | None] = {}
        for op in ops:
            keys = tables.setdefault(op.table, [])
            if keys is not None and op.key not in keys:
                keys.append(op.key)
        payload = json_text({"o": self.origin, "t": tables})
        if len(payload.encode("utf-8")) > PAYLOAD_LIMIT:
            payload = json_text({"o": self.origin, "t": dict.fromkeys(tables)})
        return payload

    def _refused(self, conn: Any, key: Key) -> tuple[Change | None, StoreConflictError]:
        """The replica takes the row that refused the save; the error says whose it is."""
        table, name = key
        row = conn.execute(
            "SELECT doc, version, changed_by, changed_at FROM documents "
            "WHERE tbl = %s AND key = %s",
            key,
        ).fetchone()
        if row is None:  # cannot happen with tombstones; refuse all the same
            return None, StoreConflictError(table, name, name, "", None, True)
        doc, version, who, when = row
        change = self.take([(table, name, doc, int(version))])
        return change, StoreConflictError(
            table, name, _what(table, name, doc), who, when, doc is None
        )

    # -- what a file store has and a server store does not -------------------------
    def compact(self) -> None:
        """Nothing to compact: the server keeps its own files."""

    def backup_now(self) -> Path:
        """Refused: a server store is backed up on the server (``pg_dump``)."""
        raise ServerError("server.no_files", self.address, command="backup")

    def backup_if_due(self) -> None:
        """Nothing to do: backups are the server's (``pg_dump``)."""

    def close(self) -> None:
        """Stop hearing other consoles and close the connections."""
        if self._listening is not None:
            self._listening.stop()
            self._listening = None
        self._drop_writer()


def check_schema(conn: Any, address: str) -> int:
    """The database's schema, which must be this program's; else one clear error."""
    import psycopg

    try:
        schema = schema_version(conn)
    except psycopg.OperationalError as error:
        raise ServerLostError(address, reason_of(error)) from None
    if schema is None or schema == 0:
        raise ServerError("server.no_schema", address)
    if schema > SCHEMA_VERSION:
        raise ServerError("server.too_new", address, schema=schema, supported=SCHEMA_VERSION)
    if schema < SCHEMA_VERSION:
        raise ServerError("server.schema_old", address, schema=schema, supported=SCHEMA_VERSION)
    return schema


def _what(table: str, key: str, doc: dict[str, Any] | None) -> str:
    """How a conflict names the document: a case by its number, a resident by name."""
    if table == "residents" and doc and doc.get("name"):
        return str(doc["name"])
    return key
