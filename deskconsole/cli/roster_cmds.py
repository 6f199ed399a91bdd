"""``deskconsole import-residents FILE``: bring a roster spreadsheet into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from deskconsole.cli.app import DataDirOption, app, data_dir_of
from deskconsole.domain.roster import apply_plan, prepare_import, write_problems
from deskconsole.i18n import t
from deskconsole.output import check_target, output_path
from deskconsole.storage import Repository

PROBLEMS_SHOWN = 200


@app.command("import-residents")
def import_residents(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="Roster to import: .xlsx, or .csv in UTF-8, UTF-8 with BOM, GBK or GB18030.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and report; save nothing.")
    ] = False,
    problems_file: Annotated[
        str | None,
        typer.Option(
            "--problems",
            metavar="<path>",
            help="Also write the skipped rows to this CSV (opens in Excel and WPS); a folder "
            "gets <roster>-problems.csv. Never inside the store's folder.",
            show_default=False,
        ),
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Import residents from a roster; a re-import updates, never duplicates.

    Bad rows are skipped and listed with their spreadsheet row number; the rest is
    saved as one batch, so the store gets all of it or none of it. The problems file
    is written before the batch: when it cannot be written, nothing is imported.
    A roster may be at most 20 MB (an xlsx 64 MB unpacked) and 100,000 filled rows.
    """
    target = data_dir_of(ctx, data_dir)
    problems_path = None
    if problems_file is not None:
        default = f"{file.stem}-problems.csv"
        problems_path = check_target(output_path(problems_file, default), target)
    with Repository.open(target) as repo:
        plan = prepare_import(file, repo)
        written = write_problems(plan.problems, problems_path, target) if problems_path else None
        if not dry_run:
            apply_plan(plan, repo)
    parsed = plan.parsed
    echo = typer.echo
    echo(t("roster.read", rows=parsed.rows_read, path=str(file), encoding=parsed.encoding))
    if parsed.columns.unknown:
        echo(t("roster.unknown_columns", columns=", ".join(parsed.columns.unknown)))
    problems = plan.problems
    if problems:
        echo(t("roster.problems_head"))
        for problem in problems[:PROBLEMS_SHOWN]:
            echo(f"  {problem.message}")
        if len(problems) > PROBLEMS_SHOWN:
            echo(f"  {t('roster.more_problems', count=len(problems) - PROBLEMS_SHOWN)}")
    if written is not None:
        echo(t("roster.problems_written", path=str(written)))
    echo(plan.summary(dry_run))
