"""The Typer application and the options every command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from deskconsole import __version__, crash
from deskconsole.cli.options import Globals
from deskconsole.config import resolve_data_dir, resolve_language, resolve_staff, resolve_store
from deskconsole.errors import DeskError
from deskconsole.i18n import set_language
from deskconsole.storage import Repository, StoreError, StoreLockedError
from deskconsole.storage.opening import open_repository, store_address

app = typer.Typer(
    name="deskconsole",
    help=(
        "Keyboard-driven console for a community's mobile service desk. "
        "Without a command, opens the console."
    ),
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Data directory (default: $DESKCONSOLE_DATA_DIR, else the platform's user data dir).",
        file_okay=False,
        show_default=False,
    ),
]


def data_dir_of(ctx: typer.Context, own: Path | None) -> Path:
    """The command's own ``--data-dir``, else the global one, else the default."""
    globals_: Globals = ctx.obj or Globals()
    data_dir = resolve_data_dir(own or globals_.data_dir)
    crash.set_crash_dir(data_dir)
    _used.append(data_dir)
    return data_dir


_used: list[Path] = []


def data_dir_used() -> Path | None:
    """The data dir the running command works on (named when an error names no file)."""
    return _used[-1] if _used else None


def forget_data_dir() -> None:
    """A new command starts: no data dir resolved yet, no ``--store`` given."""
    _used.clear()
    _given.clear()


_given: list[Globals] = []


def store_of(data_dir: Path) -> str | None:
    """The server store the command works on (``--store``, ``$DESKCONSOLE_STORE``, or
    the one saved in ``data_dir``), or ``None`` for the data dir's own store."""
    return store_address(resolve_store(_given[-1].store if _given else None), data_dir)


def open_repo(data_dir: Path, *, readonly: bool = False) -> Repository:
    """The store the command works on: on the server :func:`store_of` names (its saves
    recorded as the staff on duty), else the embedded one in ``data_dir``. A reader
    parses only the tables it uses (a day's register reads only that day's cases)."""
    staff = resolve_staff(_given[-1].staff if _given else None)
    return open_repository(
        data_dir, store_of(data_dir), readonly=readonly, staff=staff, lazy=readonly
    )


def open_for_audit(data_dir: Path, locked_key: str) -> Repository:
    """The store opened for writing, to record a disclosure in its audit log; a store
    another console holds is refused with ``locked_key`` (which names the holder)."""
    if store_of(data_dir) is None and not data_dir.is_dir():
        raise StoreError("store.missing", data_dir=str(data_dir))
    try:
        return open_repo(data_dir)
    except StoreLockedError as error:
        raise DeskError(locked_key, holder=error.holder) from None


def staff_of(ctx: typer.Context) -> str:
    """The staff name from ``--staff``, the environment or the login."""
    globals_: Globals = ctx.obj or Globals()
    return resolve_staff(globals_.staff)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"deskconsole {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Interface language: en or zh (default: from $LANG)."),
    ] = None,
    staff: Annotated[
        str | None, typer.Option("--staff", help="Staff name on duty (default: login name).")
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="A shared store on a PostgreSQL server, postgresql://user@host:port/database "
            "(default: $DESKCONSOLE_STORE, else the one saved by 'settings --server', else "
            "the data directory's own store).",
            show_default=False,
        ),
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Open a separate demo store, filled on first use.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Open the console, or run a command."""
    if lang is not None and lang not in ("en", "zh"):
        raise typer.BadParameter("use en or zh", param_hint="--lang")
    set_language(resolve_language(lang))
    ctx.obj = Globals(data_dir, lang, staff, store)
    _given.append(ctx.obj)
    if ctx.invoked_subcommand is None:
        from deskconsole.cli.console import open_console

        open_console(ctx.obj, demo)
