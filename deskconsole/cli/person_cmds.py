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
from deskconsole.domain.retention import due_residents, purge
from deskconsole.export.person import FORMATS, export_person_file
from deskconsole.i18n import t

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
