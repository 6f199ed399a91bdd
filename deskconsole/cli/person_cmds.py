"""Personal data from the command line: a person's file, erasure, the retention purge.

Each writes to the audit log (who, when, why), so each needs the store not to be
open in a console.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from deskconsole.cli.app import DataDirOption, app, data_dir_of, open_for_audit, staff_of
from deskconsole.domain.erasure import erase
from deskconsole.domain.person_file import find_resident
from deskconsole.domain.privacy_settings import update_privacy
from deskconsole.domain.retention import due_residents, purge
from deskconsole.export.person import FORMATS, export_person_file
from deskconsole.i18n import t
from deskconsole.storage import Repository

person_app = typer.Typer(
    help="A resident's personal data: a copy of everything held, or its erasure.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(person_app, name="person")

ResidentOption = Annotated[
    str,
    typer.Option(
        "--resident",
        metavar="ID|PHONE|ID-NUMBER",
        help="The resident: record id, a phone or the ID number.",
    ),
]


@person_app.command("export")
def export_person(
    ctx: typer.Context,
    resident: ResidentOption,
    data_dir: DataDirOption = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            metavar="<path>",
            help="Folder (or file name without suffix) to write; default: here.",
        ),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="json or html (default: both).")
    ] = None,
    full: Annotated[
        bool,
        typer.Option("--full", help="Phone and ID numbers in full (needs --reason)."),
    ] = False,
    reason: Annotated[
        str, typer.Option("--reason", help="Why the file is produced (on the audit log).")
    ] = "",
) -> None:
    """Write everything held on one resident: record, cases with timelines, audit entries."""
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(t("privacy.cli_bad_format", value=fmt), param_hint="--format")
    staff = staff_of(ctx)
    with open_for_audit(data_dir_of(ctx, data_dir), "privacy.cli_locked") as repo:
        found = find_resident(repo, resident)
        written = export_person_file(
            repo,
            found.id,
            out,
            masked=not full,
            reason=reason,
            staff=staff,
            now=datetime.now(),
            formats=(fmt,) if fmt else FORMATS,
        )
    typer.echo(t("privacy.cli_audited", staff=staff))
    for path in written:
        typer.echo(t("privacy.cli_written", path=str(path)))


@person_app.command("erase")
def erase_person(
    ctx: typer.Context,
    resident: ResidentOption,
    reason: Annotated[
        str, typer.Option("--reason", help="Why (e.g. the resident's request of a date).")
    ],
    data_dir: DataDirOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a resident's personal data for good (name, phones, ID number, address, notes,
    and every text of their cases); the cases stay counted. Cannot be undone."""
    staff = staff_of(ctx)
    with open_for_audit(data_dir_of(ctx, data_dir), "privacy.cli_locked") as repo:
        found = find_resident(repo, resident)
        if not yes:
            typer.confirm(t("privacy.cli_erase_confirm", name=found.name, id=found.id), abort=True)
        done = erase(repo, found.id, reason, staff=staff, now=datetime.now())
    typer.echo(t("privacy.cli_erased", id=found.id, cases=done.cases, staff=staff))


@app.command("purge")
def purge_residents(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only list who is due; change nothing.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """De-identify the residents the retention rule says are due (no open case and nothing
    new for the years set in the store's settings, 3 by default), in one batch, audited."""
    staff = staff_of(ctx)
    now = datetime.now()
    with open_for_audit(data_dir_of(ctx, data_dir), "privacy.cli_locked") as repo:
        years = repo.settings.get().retention_years
        due = due_residents(repo, now.date())
        typer.echo(t("privacy.cli_due", count=len(due), years=years))
        for resident in due:
            typer.echo(f"  {resident.id}  {resident.name}  {resident.address.label}")
        if dry_run or not due:
            if dry_run:
                typer.echo(t("privacy.cli_dry_run"))
            return
        if not yes:
            typer.confirm(t("privacy.cli_purge_confirm", count=len(due)), abort=True)
        done = purge(repo, due, t("privacy.purge_reason", years=years), staff=staff, now=now)
    typer.echo(t("privacy.cli_purged", count=len(done), staff=staff))


@app.command("privacy")
def privacy_settings(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    retention_years: Annotated[
        int | None,
        typer.Option(
            "--retention-years",
            min=0,
            max=50,
            help="Years without an open case or anything new before a resident's personal "
            "data is due for `purge` (0: never).",
        ),
    ] = None,
    lock_minutes: Annotated[
        int | None,
        typer.Option(
            "--lock-minutes",
            min=0,
            max=240,
            help="Lock the console after so many idle minutes (0: never).",
        ),
    ] = None,
    set_pin: Annotated[
        bool,
        typer.Option(
            "--set-pin", help="Set the staff PIN that unlocks the console (asked twice, hidden)."
        ),
    ] = False,
    clear_pin: Annotated[bool, typer.Option("--clear-pin", help="Remove the PIN.")] = False,
) -> None:
    """Show or set the personal-data settings: retention, idle lock, unlock PIN."""
    pin = None
    if set_pin:
        pin = typer.prompt(t("privacy.cli_pin_prompt"), hide_input=True, confirmation_prompt=True)
    target = data_dir_of(ctx, data_dir)
    if retention_years is None and lock_minutes is None and pin is None and not clear_pin:
        with Repository.open(target, readonly=True, lazy=True) as repo:
            settings = repo.settings.get()
    else:
        with open_for_audit(target, "privacy.cli_locked") as repo:
            settings = update_privacy(
                repo,
                retention_years=retention_years,
                lock_minutes=lock_minutes,
                pin=pin,
                clear_pin=clear_pin,
            )
        typer.echo(t("bundle.settings_saved"))
    typer.echo(t("privacy.cli_show_retention", years=settings.retention_years))
    typer.echo(t("privacy.cli_show_lock", minutes=settings.lock_idle_minutes))
    typer.echo(t("privacy.cli_show_pin_set" if settings.lock_pin else "privacy.cli_show_pin_none"))
