"""The store on a PostgreSQL server (psycopg 3), shared by several consoles at once."""

from deskconsole.storage.postgres.connection import (
    ServerError,
    ServerLostError,
    is_server_address,
    shown_address,
)
from deskconsole.storage.postgres.repository import ServerRepository
from deskconsole.storage.postgres.store import ServerStore, StoreConflictError

__all__ = [
    "ServerError",
    "ServerLostError",
    "ServerRepository",
    "ServerStore",
    "StoreConflictError",
    "is_server_address",
    "shown_address",
]
