"""``deskconsole archive``: move the cases that ended long ago into the yearly files."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from deskconsole.cli.app import DataDirOption, app, data_dir_of, open_for_audit, store_of
from deskconsole.domain.archiving import archive_due
from deskconsole.i18n import t
from deskconsole.storage.postgres.connection import ServerError


@app.command()
def archive(
    ctx: typer.Context,
    after_days: Annotated[
        int | None,
        typer.Option(
            "--after-days",
            min=0,
            max=3650,
            help="Set how many days after a case is closed or ended it is archived "
            "(365 unless set; 0 keeps every case live), then archive.",
        ),
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Move the cases closed or ended long ago out of the live store into yearly files
    beside it (archive/cases-YYYY.json), as the console does a few seconds after it
    starts. Archived cases are still found by number, resident, day and period; a change
    to one brings it back live. A store on a server keeps every case live."""
    target = data_dir_of(ctx, data_dir)
    address = store_of(target)
    if address is not None:
        raise ServerError("archive.on_server", address)
    with open_for_audit(target, "cli.archive_locked") as repo:
        if after_days is not None:
            settings = repo.settings.get()
            repo.settings.save(settings.model_copy(update={"archive_after_days": after_days}))
        days = repo.settings.get().archive_after_days
        run = archive_due(repo, datetime.now())
    typer.echo(t("archive.after", days=days) if days else t("archive.off"))
    typer.echo(t("archive.moved", count=run.moved))
    if run.tidied:
        typer.echo(t("archive.tidied", count=run.tidied))
    years = f"{run.years[0]}-{run.years[-1]}" if run.years else "-"
    typer.echo(t("archive.holds", count=run.archived, years=years))
