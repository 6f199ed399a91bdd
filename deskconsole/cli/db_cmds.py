"""``deskconsole db``: set up and migrate the shared store on a PostgreSQL server."""

from __future__ import annotations

from typing import Annotated

import typer

from deskconsole.cli.app import DataDirOption, app, data_dir_of, store_of
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.storage.postgres.admin import init_database, migrate_database
from deskconsole.storage.postgres.connection import shown_address

db_app = typer.Typer(
    name="db",
    help="Set up the shared store on a PostgreSQL server and keep its schema current.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(db_app)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="The server's database, postgresql://user@host:port/database (default: the "
        "global --store, $DESKCONSOLE_STORE, or the one saved by 'settings --server').",
        show_default=False,
    ),
]


def _address(ctx: typer.Context, store: str | None, data_dir: DataDirOption) -> str:
    address = store or store_of(data_dir_of(ctx, data_dir))
    if not address:
        raise DeskError("server.needs_store")
    return address


@db_app.command("init")
def init_cmd(ctx: typer.Context, store: StoreOption = None, data_dir: DataDirOption = None) -> None:
    """Create deskconsole's tables in an empty database (created with createdb)."""
    address = _address(ctx, store, data_dir)
    schema = init_database(address)
    typer.echo(t("server.db_initialised", server=shown_address(address), schema=schema))


@db_app.command("migrate")
def migrate_cmd(
    ctx: typer.Context, store: StoreOption = None, data_dir: DataDirOption = None
) -> None:
    """Bring the database's tables up to this deskconsole's schema (each step one
    transaction; consoles of the older version should be closed first)."""
    address = _address(ctx, store, data_dir)
    old, new = migrate_database(address)
    shown = shown_address(address)
    if old == new:
        typer.echo(t("server.db_current", server=shown, schema=new))
    else:
        typer.echo(t("server.db_migrated", server=shown, old=old, schema=new))
