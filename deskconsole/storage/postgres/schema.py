"""The tables on the server and their versions: created by ``db init``, moved on by
``db migrate``.

Every document of every table (residents, cases, sessions, audit, meta) is one row of
``documents``: its key, its JSON, and the ``version`` each save checks and raises,
with who saved it and when. A removed document stays as a row without JSON (a
tombstone), so a console that still shows it learns who removed it. Each migration
runs in one transaction together with the new schema number.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 2

#: The statements that bring schema ``n - 1`` to ``n`` (1: from an empty database).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE deskconsole_schema (version integer NOT NULL)",
        "INSERT INTO deskconsole_schema (version) VALUES (0)",
        """CREATE TABLE documents (
            tbl text NOT NULL,
            key text NOT NULL,
            doc jsonb,
            version bigint NOT NULL DEFAULT 1,
            changed_by text NOT NULL DEFAULT '',
            changed_at timestamp NOT NULL DEFAULT localtimestamp,
            PRIMARY KEY (tbl, key)
        )""",
    ),
    # The street office's views: cases by desk code and by open state, without a scan.
    2: (
        """CREATE INDEX documents_case_desk ON documents ((doc->>'desk_code'))
            WHERE tbl = 'cases'""",
        """CREATE INDEX documents_case_state ON documents ((doc->>'state'))
            WHERE tbl = 'cases'""",
    ),
}

CHANNEL = "deskconsole"


def schema_version(conn: Any) -> int | None:
    """The schema of the database behind ``conn``; ``None`` when it has no tables of ours."""
    found = conn.execute("SELECT to_regclass('deskconsole_schema') IS NOT NULL").fetchone()
    if not found or not found[0]:
        return None
    row = conn.execute("SELECT version FROM deskconsole_schema").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: Any, target: int = SCHEMA_VERSION) -> tuple[int, int]:
    """Bring the database to schema ``target``, one transaction per step; returns
    ``(old, new)``. Two consoles migrating at once take turns (an advisory lock)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('deskconsole_schema'))")
        old = schema_version(conn) or 0
    current = old
    while current < target:
        step = current + 1
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('deskconsole_schema'))")
            if (schema_version(conn) or 0) >= step:  # someone else got there first
                current = step
                continue
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
            conn.execute("UPDATE deskconsole_schema SET version = %s", (step,))
        current = step
    return old, current
