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
    find_columns,
    parse_sheet,
    plan_import,
    read_sheet,
)
from deskconsole.domain.roster_problems import write_problems
from deskconsole.i18n import t
from deskconsole.models import Settings
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
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Skip a row whose phone the numbering plan holds no such number as (wrong "
            "length for its area, a prefix never allocated), instead of importing it and "
            "listing it to check.",
        ),
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Import residents from a roster; a re-import updates, never duplicates.

    Bad rows are skipped and listed with their spreadsheet row number; the rest is
    saved as one batch, so the store gets all of it or none of it. Old 15-digit ID
    numbers are converted to 18 characters, and a gender that disagrees with the ID
    number is imported as written; both are listed to check, and so is a phone the
    numbering plan does not hold (skipped with --strict). A local number without its
    area code gets the store's (deskconsole settings --area-code). The problems file is
    written before the batch: when it cannot be written, nothing is imported.
    A roster may be at most 20 MB (an xlsx or ods 64 MB unpacked) and 100,000 filled rows.
    """
    target = data_dir_of(ctx, data_dir)
    problems_path = None
    if problems_file is not None:
        default = f"{file.stem}-problems.csv"
        problems_path = check_target(output_path(problems_file, default), target)
    now = datetime.now()
    sheet = read_sheet(file)
    find_columns(sheet)  # a bad file creates no store
    if dry_run:
        settings, stored = _stored(target)
        parsed = parse_sheet(sheet, now.date(), area_code=settings.area_code, strict=strict)
        plan = plan_import(parsed, stored, now)
        written = write_problems(plan, problems_path, target) if problems_path else None
    else:
        with open_repo(target) as repo:
            area_code = repo.settings.get().area_code
            parsed = parse_sheet(sheet, now.date(), area_code=area_code, strict=strict)
            plan = plan_import(parsed, repo.residents.docs(), repo.now())
            written = write_problems(plan, problems_path, target) if problems_path else None
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


def _stored(data_dir: Path) -> tuple[Settings, Iterable[Mapping[str, Any]]]:
    """The settings and residents a dry run checks against, read without locking or
    creating anything."""
    if store_of(data_dir) is None and not data_dir.is_dir():
        return Settings(), []
    with open_repo(data_dir, readonly=True) as repo:
        return repo.settings.get(), list(repo.residents.docs())
