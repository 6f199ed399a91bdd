"""``deskconsole audit``: who let full numbers out, when, and what (read-only)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

import typer

from deskconsole.cli.app import DataDirOption, app, data_dir_of, open_repo
from deskconsole.cli.register_cmds import parse_day
from deskconsole.i18n import has_key, t
from deskconsole.models import AuditEntry


@app.command("audit")
def audit(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    first: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (default: the start).")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """List the audit log: unmasked exports, bundles, backups, full numbers shown,
    corrections (read-only; works beside a running console)."""
    start = datetime.combine(parse_day(first, "--from") or date.min, time.min)
    end = datetime.combine(parse_day(last, "--to") or date.max, time.max)
    with open_repo(data_dir_of(ctx, data_dir), readonly=True) as repo:
        entries = [e for e in repo.audit.all() if start <= e.at <= end]
    if not entries:
        typer.echo(t("audit.none"))
    for entry in entries:
        typer.echo(audit_line(entry))


def audit_line(entry: AuditEntry) -> str:
    """``2026-11-27 16:00  颜成玉  bundle written  /media/usb/b.dcb  (cases 3, ...)``."""
    key = f"audit.action.{entry.action}"
    action = t(key) if has_key(key) else entry.action
    details = ", ".join(f"{k} {v}" for k, v in sorted(entry.detail.items()) if v and k != "path")
    return t(
        "audit.line",
        at=f"{entry.at:%Y-%m-%d %H:%M}",
        staff=entry.staff or "-",
        action=action,
        target=entry.target or "-",
        details=details or "-",
    )
