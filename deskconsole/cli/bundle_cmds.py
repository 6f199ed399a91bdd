"""``deskconsole bundle export|import`` (several desks, no server) and ``deskconsole settings``.

``settings`` without changes reads the store without locking it, so it works beside a
running console; ``bundle import``, changing settings and ``bundle export`` (which
records in the audit log who wrote full numbers where) need the writer lock.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from deskconsole.cli.app import DataDirOption, app, data_dir_of, open_repo, staff_of, store_of
from deskconsole.cli.register_cmds import parse_day
from deskconsole.domain.bundle import BundleError, export_bundle, export_summary, import_bundle
from deskconsole.domain.canned_replies import replies_lines, save_replies
from deskconsole.domain.desk import desk_info, info_rows, update_desk
from deskconsole.domain.street import name_desks
from deskconsole.i18n import listed, t
from deskconsole.storage import Repository, StoreError, StoreLockedError
from deskconsole.storage.opening import save_store_address
from deskconsole.storage.postgres.connection import shown_address


class RegisterLanguage(StrEnum):
    zh = "zh"
    en = "en"


bundle_app = typer.Typer(
    name="bundle",
    help="Exchange records with other desks through one file (a USB stick, a shared folder).",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(bundle_app)


def _open_writer(
    data_dir: Path, *, create: bool = False, locked: str = "bundle.err_locked"
) -> Repository:
    if not create and store_of(data_dir) is None and not data_dir.is_dir():
        raise StoreError("store.missing", data_dir=str(data_dir))
    try:
        return open_repo(data_dir)
    except StoreLockedError as error:
        raise BundleError(locked, holder=error.holder) from None


@bundle_app.command("export")
def export_cmd(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only what changed on or after this day, YYYY-MM-DD (default: everything).",
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            metavar="<path>",
            help="File or folder to write (default: bundle-<desk>-<date>-<time>.dcb here; "
            "a name ending in / is a folder); a name ending in .gz is compressed.",
            show_default=False,
        ),
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write one file with the residents, sessions and cases changed since a day.

    The file holds full phone and ID numbers: it is written with mode 0600, never inside
    the store's folder, and recorded in the store's audit log (so it needs the store not
    to be open in a console; there, use the palette's Export bundle).
    """
    day = parse_day(since, "--since")
    target = data_dir_of(ctx, data_dir)
    with _open_writer(target, locked="bundle.err_locked_export") as repo:
        bundle, path = export_bundle(repo, out, day, datetime.now(), staff=staff_of(ctx))
    typer.echo(export_summary(bundle, path))


@bundle_app.command("import")
def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(help="Bundle made by another desk (.dcb or .dcb.gz).", show_default=False),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the bundle and report; save nothing.")
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Merge another desk's bundle into this store, all of it or none of it.

    Importing the same bundle twice changes nothing. The summary lists what was added,
    updated and unchanged, and every case both desks changed differently (a conflict:
    the later value is kept, both are in the case's timeline). A bundle may be at
    most 256 MB, on disk and unpacked.
    """
    with _open_writer(data_dir_of(ctx, data_dir)) as repo:
        plan = import_bundle(repo, file, dry_run=dry_run)
    for line in plan.summary_lines(dry_run=dry_run, saved=not dry_run):
        typer.echo(line)


@app.command("settings")
def settings_cmd(
    ctx: typer.Context,
    desk_code: Annotated[
        str | None,
        typer.Option(
            "--desk-code",
            help="This desk's code, 2-6 capital letters or digits (starts every case number); "
            "cannot change once cases carry it.",
        ),
    ] = None,
    community: Annotated[
        str | None, typer.Option("--community", help="The community's name.")
    ] = None,
    backups_keep: Annotated[
        int | None,
        typer.Option("--backups-keep", min=1, max=365, help="How many daily backups to keep."),
    ] = None,
    register_lang: Annotated[
        RegisterLanguage | None,
        typer.Option(
            "--register-lang",
            help="Language of the exported register's headings and labels: zh (the default, "
            "whatever the interface language) or en.",
            case_sensitive=False,
        ),
    ] = None,
    area_code: Annotated[
        str | None,
        typer.Option(
            "--area-code",
            help="Area code given to a local number typed without one (8756972 is stored "
            "as 0536-8756972); 0536 unless set.",
        ),
    ] = None,
    server: Annotated[
        str | None,
        typer.Option(
            "--server",
            help="Keep this data directory's cases on a PostgreSQL server from now on: "
            "postgresql://user@host:port/database (checked by connecting), or 'local' for "
            "its own store again.",
        ),
    ] = None,
    reply: Annotated[
        list[str] | None,
        typer.Option(
            "--reply",
            help="Add a canned reply to a category: CATEGORY=TEXT (repeat for more), e.g. "
            "property=物业报修电话 0536-8881234.",
        ),
    ] = None,
    clear_replies: Annotated[
        list[str] | None,
        typer.Option("--clear-replies", help="Remove a category's canned replies (repeatable)."),
    ] = None,
    desk_community: Annotated[
        list[str] | None,
        typer.Option(
            "--desk-community",
            help="Name the community of another desk whose cases the store holds: "
            "CODE=COMMUNITY (repeatable; CODE= forgets it), e.g. YH=银河社区. A bundle "
            "imported names its own desk's.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Show the desk's settings, or set its desk code, community name, backups kept,
    register language, the area code of local numbers, canned replies, the communities
    of other desks and the server its store is on."""
    target = data_dir_of(ctx, data_dir)
    if server is not None:
        save_store_address(target, None if server.strip() == "local" else server.strip())
    address = store_of(target)
    if address is not None:
        typer.echo(t("server.settings_store", data_dir=str(target), store=shown_address(address)))
    elif server is not None:
        typer.echo(t("server.settings_local", data_dir=str(target)))
    changes = (
        desk_code,
        community,
        backups_keep,
        register_lang,
        area_code,
        reply,
        clear_replies,
        desk_community,
    )
    if all(change is None for change in changes):
        with open_repo(target, readonly=True) as repo:
            info = desk_info(repo)
            settings = repo.settings.get()
    else:
        with _open_writer(target, create=True) as repo:
            update_desk(
                repo,
                community=community,
                desk_code=desk_code,
                backups_keep=backups_keep,
                register_lang=register_lang.value if register_lang else None,
                area_code=area_code,
            )
            if reply or clear_replies:
                save_replies(repo, add=reply, clear=clear_replies)
            if desk_community:
                name_desks(repo, desk_community)
            info = desk_info(repo)
            settings = repo.settings.get()
        typer.echo(t("bundle.settings_saved"))
    for label, value in info_rows(info):
        typer.echo(t("bundle.info_line", label=label, value=value))
    lines = replies_lines(settings) or [t("replies.settings_none")]
    typer.echo(t("bundle.info_line", label=t("replies.settings_title"), value=lines[0]))
    for line in lines[1:]:
        typer.echo(f"  {line}")
    if settings.desks:
        desks = listed(f"{code} {name}" for code, name in sorted(settings.desks.items()))
        typer.echo(t("bundle.info_line", label=t("street.settings_desks"), value=desks))
