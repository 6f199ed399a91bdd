"""``deskconsole serve``: the console in a browser (imports the web server only when used)."""

from __future__ import annotations

from typing import Annotated

import typer

from deskconsole.cli.app import DataDirOption, app, data_dir_of, store_of
from deskconsole.cli.options import Globals
from deskconsole.i18n import get_language, t


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (other computers: needs --token).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help="A secret every address must carry (?token=...); required for any --host "
            "other than 127.0.0.1.",
            show_default=False,
        ),
    ] = None,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            help="The address browsers reach this server by, e.g. http://street-server:8000 "
            "(default: http://HOST:PORT).",
            show_default=False,
        ),
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Serve the console to web browsers: each browser tab runs a console of its own on
    this store (textual-serve)."""
    from deskconsole.cli.serve import DeskServer, check_binding, console_command

    check_binding(host, token)
    globals_: Globals = ctx.obj or Globals()
    target = data_dir_of(ctx, data_dir)
    command = console_command(target, store_of(target), globals_.lang or get_language())
    DeskServer(command, host, port, token, t("serve.title"), public_url).serve()
