"""``deskconsole import-residents FILE``: bring a roster spreadsheet into the store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from deskconsole.cli.app import DataDirOption, app, data_dir_of, open_repo, store_of
from deskconsole.domain.roster import (
    apply_plan,
    parse_sheet,
    plan_import,
    read_sheet,
)
from deskconsole.domain.roster_problems import write_problems
from deskconsole.i18n import t
from deskconsole.output import check_target, output_path

PROBLEMS_SHOWN = 200


@app.command("import-residents")
def import_residents(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="Roster to import: .xlsx, .ods, or .csv in UTF-8 (with or without BOM), "
            "GBK or GB18030.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Check the file and report what would change; write nothing to the store "
            "(not even a new one). --problems still writes its file.",
        ),
    ] = False,
    problems_file: Annotated[
        str | None,
        typer.Option(
            "--problems",
            metavar="<path>",
            help="Also write the skipped rows to this CSV, each with its own cells and its "
            "problems: fix them there and import that file. A folder gets "
            "<roster>-problems.csv. Never inside the store's folder.",
            show_default=False,
        ),
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Import residents from a roster; a re-import updates, never duplicates.

    Bad rows are skipped and listed with their spreadsheet row number; the rest is
    saved as one batch, so the store gets all of it or none of it. Old 15-digit ID
    numbers are converted to 18 characters, and a gender that disagrees with the ID
    number is imported as written; both are listed to check. The problems file is
    written before the batch: when it cannot be written, nothing is imported.
    A roster may be at most 20 MB (an xlsx or ods 64 MB unpacked) and 100,000 filled rows.
    """
    target = data_dir_of(ctx, data_dir)
    problems_path = None
    if problems_file is not None:
        default = f"{file.stem}-problems.csv"
        problems_path = check_target(output_path(problems_file, default), target)
    now = datetime.now()
    parsed = parse_sheet(read_sheet(file), now.date())  # a bad file creates no store
    if dry_run:
        plan = plan_import(parsed, _stored_residents(target), now)
        written = write_problems(plan, problems_path, target) if problems_path else None
    else:
        with open_repo(target) as repo:
            plan = plan_import(parsed, repo.residents.docs(), repo.now())
            written = write_problems(plan, problems_path, target) if problems_path else None
            apply_plan(plan, repo)
            apply_plan(plan, repo)
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
    notes = plan.notes
    if notes:
        echo(t("roster.notes_head"))
        for note in notes[:PROBLEMS_SHOWN]:
            echo(f"  {note.message}")
        if len(notes) > PROBLEMS_SHOWN:
            echo(f"  {t('roster.more_problems', count=len(notes) - PROBLEMS_SHOWN)}")
    if written is not None:
        echo(t("roster.problems_written", path=str(written)))
    echo(plan.summary(dry_run))


def _stored_residents(data_dir: Path) -> Iterable[Mapping[str, Any]]:
    """The residents a dry run compares with, read without locking or creating anything."""
    if store_of(data_dir) is None and not data_dir.is_dir():
        return []
    with open_repo(data_dir, readonly=True) as repo:
        return list(repo.residents.docs())
