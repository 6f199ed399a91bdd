"""``db init`` and ``db migrate``: set up a server database and keep its schema current."""

from __future__ import annotations

from deskconsole.storage.postgres.connection import ServerError, connect
from deskconsole.storage.postgres.schema import SCHEMA_VERSION, migrate, schema_version


def init_database(address: str, target: int = SCHEMA_VERSION) -> int:
    """Create the tables in an empty database; returns the schema. A database that
    already holds them is refused (``db migrate`` moves it on)."""
    with connect(address, autocommit=True) as conn:
        found = schema_version(conn)
        if found:
            raise ServerError("server.db_not_empty", address, schema=found)
        return migrate(conn, target)[1]


def migrate_database(address: str, target: int = SCHEMA_VERSION) -> tuple[int, int]:
    """Bring the database's schema to ``target``; returns ``(old, new)``."""
    with connect(address, autocommit=True) as conn:
        found = schema_version(conn)
        if not found:
            raise ServerError("server.no_schema", address)
        if found > SCHEMA_VERSION:
            raise ServerError("server.too_new", address, schema=found, supported=SCHEMA_VERSION)
        return migrate(conn, target)
