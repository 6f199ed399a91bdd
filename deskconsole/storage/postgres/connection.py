"""Connecting to the server: the address shown without its password, and one clear
translated line for each way a connection fails."""

from __future__ import annotations

from typing import Any

import orjson

from deskconsole.storage.errors import StoreError

SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT = 5  # seconds before an unreachable server is reported


def is_server_address(address: str) -> bool:
    """True for a ``postgresql://`` address (the store is on a server)."""
    return address.strip().lower().startswith(SCHEMES)


class ServerError(StoreError):
    """The server cannot be used: unreachable, refused the login, no database or schema."""

    def __init__(self, key: str, address: str, **params: object) -> None:
        info = _parts(address)
        super().__init__(
            key,
            server=info["shown"],
            host=info["host"],
            port=info["port"],
            database=info["database"],
            **params,
        )
        self.address = address


class ServerLostError(ServerError):
    """A save failed because the connection broke; nothing of it was written."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__("server.lost", address, reason=reason)


def _parts(address: str) -> dict[str, str]:
    from psycopg.conninfo import conninfo_to_dict

    try:
        info = conninfo_to_dict(address)
    except Exception:  # a malformed address still gets a message
        return {"shown": address.split("@")[-1], "host": "", "port": "", "database": ""}
    host = str(info.get("host") or "localhost")
    port = str(info.get("port") or "5432")
    database = str(info.get("dbname") or info.get("user") or "")
    user = f"{info['user']}@" if info.get("user") else ""
    return {
        "shown": f"postgresql://{user}{host}:{port}/{database}",
        "host": host,
        "port": port,
        "database": database,
    }


def shown_address(address: str) -> str:
    """The address without its password (what messages and the header show)."""
    return _parts(address)["shown"]


def reason_of(error: Exception) -> str:
    """The first line of what the server or the driver said."""
    text = str(error).strip()
    if "FATAL:" in text:
        text = text.split("FATAL:", 1)[1]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0].rstrip(".") if lines else type(error).__name__


def connect(address: str, *, autocommit: bool = False, application: str = "deskconsole") -> Any:
    """A connection to ``address``; a failure is one :class:`ServerError` line."""
    import psycopg

    if not is_server_address(address):
        raise StoreError("server.bad_address", address=address)
    try:
        conn = psycopg.connect(
            address,
            autocommit=autocommit,
            connect_timeout=CONNECT_TIMEOUT,
            application_name=application[:63],
        )
    except psycopg.OperationalError as error:
        raise _refusal(address, error) from None
    except psycopg.ProgrammingError:  # an address psycopg cannot read
        raise StoreError("server.bad_address", address=shown_address(address)) from None
    # "Saved" means on the server's disk: never acknowledge before the WAL is flushed.
    conn.execute("SET synchronous_commit TO on")
    if not autocommit:
        conn.commit()
    return conn


def _refusal(address: str, error: Exception) -> ServerError:
    state = getattr(error, "sqlstate", None)
    text = str(error)
    if (
        state in ("28P01", "28000")
        or "authentication failed" in text
        or ("role" in text and "does not exist" in text)
    ):
        return ServerError("server.auth_failed", address, reason=reason_of(error))
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return ServerError("server.no_database", address)
    return ServerError("server.unreachable", address, reason=reason_of(error))


def json_text(value: Any) -> str:
    """``value`` as compact JSON text (orjson)."""
    return orjson.dumps(value).decode("utf-8")


def prepare(conn: Any) -> None:
    """JSON through orjson on this connection (a large store loads several times faster)."""
    from psycopg.types.json import set_json_dumps, set_json_loads

    set_json_loads(orjson.loads, conn)
    set_json_dumps(json_text, conn)
