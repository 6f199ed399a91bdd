"""Headless register export and statistics; both read the store without locking it.

``export --unmasked`` is the exception: it records who exported full numbers in the
store's audit log, so it needs the writer lock and refuses while a console runs.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

import typer

from deskconsole import models
from deskconsole.cli.app import DataDirOption, app, data_dir_of, open_for_audit, open_repo, staff_of
from deskconsole.cli.scope_options import CommunityOption, DeskOption, StreetOption, scope_of
from deskconsole.domain.comparison import Comparison, GroupBy, compare
from deskconsole.domain.register import (
    build_register,
    find_session,
    own_sessions_on,
)
from deskconsole.domain.stats import Stats, breakdowns, default_range, figure_rows, stats_for
from deskconsole.domain.street import street_of
from deskconsole.export import audited
from deskconsole.export.layout import display_width, pad
from deskconsole.i18n import get_language, t
from deskconsole.models import Settings


class RegisterFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    html = "html"
    json = "json"


def parse_day(value: str | None, hint: str = "--date") -> date | None:
    """A day as every date field reads it (:func:`deskconsole.models.parse_day`); anything
    else is a usage error naming the value."""
    if value is None:
        return None
    try:
        return models.parse_day(value, date.today())
    except ValueError:
        raise typer.BadParameter(t("register.cli_bad_date", value=value), param_hint=hint) from None


@app.command("export")
def export_register(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    day: Annotated[
        str | None,
        typer.Option("--date", help="Day of the register, YYYY-MM-DD (default: today)."),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            help="Only this desk session of the day: its id, an id prefix, or its compound.",
        ),
    ] = None,
    fmt: Annotated[
        RegisterFormat, typer.Option("--format", help="File format.", case_sensitive=False)
    ] = RegisterFormat.csv,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            metavar="<path>",
            help="File or folder to write (default: register-<desk>-<date>.<ext> here; "
            "a name ending in / is a folder). Never inside the store's folder; an "
            "unmasked register adds -full to the name, never replacing the masked file.",
        ),
    ] = None,
    unmasked: Annotated[
        bool,
        typer.Option(
            "--unmasked",
            help="Write phone and ID numbers in full, to a file named ...-full.<ext>; "
            "recorded in the store's audit log (needs the store not to be open in a console).",
        ),
    ] = False,
    community: CommunityOption = None,
    desk: DeskOption = None,
    street: StreetOption = False,
) -> None:
    """Export the register of one day (read-only; works beside a running console).

    The register is in Chinese whatever the interface language, unless
    "deskconsole settings --register-lang en" says otherwise.
    """
    when = parse_day(day) or date.today()
    target_dir = data_dir_of(ctx, data_dir)
    staff = staff_of(ctx)
    repo = (
        open_for_audit(target_dir, "register.cli_locked")
        if unmasked
        else open_repo(target_dir, readonly=True)
    )
    try:
        scope = scope_of(repo, community, desk, street)
        todays = own_sessions_on(repo, when, scope)
        session_id = find_session(todays, when, session).id if session else None
        register = build_register(
            repo, when, session_id, masked=not unmasked, generated_by=staff, scope=scope
        )
        written = audited.export_register(
            repo, register, fmt.value, out, staff=staff, at=datetime.now()
        )
    finally:
        repo.close()
    if register.scope:
        typer.echo(t("street.covers", scope=register.scope))
    if register.is_empty:
        typer.echo(register.empty_note(get_language()))
    else:
        typer.echo(
            t(
                "register.cli_summary",
                day=when.isoformat(),
                cases=len(register.rows),
                visitors=register.footer.visitors,
            )
        )
    if unmasked:
        typer.echo(t("register.cli_audited", staff=staff))
    typer.echo(t("register.cli_written", path=str(written)))


@app.command("stats")
def stats(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    first: Annotated[
        str | None,
        typer.Option("--from", help="First day, YYYY-MM-DD (default: 29 days before --to)."),
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (default: today).")
    ] = None,
    community: CommunityOption = None,
    desk: DeskOption = None,
    street: StreetOption = False,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            "--by",
            case_sensitive=False,
            help="Compare side by side, one line per community or desk (cases, solved on "
            "the spot, on-time rate, satisfaction): every one of the store's, or those "
            "--community names.",
        ),
    ] = None,
) -> None:
    """Figures of the desk over a date range (read-only; works beside a running console).

    On a store holding several communities, --community, --desk or --street choose whose
    figures; --by community puts the communities side by side for the monthly report.
    """
    today = date.today()
    end = parse_day(last, "--to") or today
    start = parse_day(first, "--from") or default_range(end)[0]
    if start > end:
        raise typer.BadParameter(
            t("register.cli_bad_range", first=start.isoformat(), last=end.isoformat())
        )
    with open_repo(data_dir_of(ctx, data_dir), readonly=True) as repo:
        scope = scope_of(repo, community, desk, street)
        if by is not None:
            comparison = compare(repo, start, end, today, scope, by)
            label = (scope or street_of(repo).whole()).label(street_of(repo))
        else:
            figures = stats_for(repo, start, end, today, scope)
            label = scope.label(street_of(repo)) if scope is not None else ""
        settings = repo.settings.get()
    if label:
        typer.echo(t("street.covers", scope=label))
    lines = comparison_lines(comparison) if by is not None else stats_lines(figures, settings)
    for line in lines:
        typer.echo(line)


def comparison_lines(comparison: Comparison) -> list[str]:
    """The side-by-side table as aligned text lines under its title."""
    title = t("street.compare_title")
    span = f"{comparison.first.isoformat()} .. {comparison.last.isoformat()}"
    table = comparison.table()
    widths = [max(display_width(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [f"{title}  {span}", ""]
    for row in table:
        first = pad(row[0], widths[0] + 2)
        rest = "".join(
            " " * (w - display_width(cell) + 2) + cell
            for cell, w in zip(row[1:], widths[1:], strict=True)
        )
        lines.append((first + rest).rstrip())
    return lines


def stats_lines(figures: Stats, settings: Settings) -> list[str]:
    """The statistics as plain text lines, with a per-week bar chart."""
    lines = [figures.summary(), ""]
    rows = figure_rows(figures)
    width = max(display_width(label) for label, _ in rows) + 2
    lines += [pad(label, width) + value for label, value in rows]
    for title, items in breakdowns(figures, settings):
        lines += ["", title]
        if items:
            inner = max(display_width(label) for label, _ in items) + 2
            lines += [f"  {pad(label, inner)}{count}" for label, count in items]
        else:
            lines.append("  -")
    weeks = figures.per_week()
    lines += ["", t("stats.per_week")]
    top = max((w.cases for w in weeks), default=0)
    for week in weeks:
        bar = "#" * (round(week.cases * 40 / top) if top else 0)
        lines.append(f"  {week.day.isoformat()}  {bar} {week.cases}")
    return lines
