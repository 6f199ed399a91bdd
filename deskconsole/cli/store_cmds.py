"""Headless commands on the store: demo, check, backup, restore."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from deskconsole.cli.app import (
    DataDirOption,
    app,
    data_dir_of,
    open_for_audit,
    open_repo,
    staff_of,
    store_of,
)
from deskconsole.domain import demo as demo_data
from deskconsole.domain.disclosure import backup_audit
from deskconsole.domain.erasure import replay_ledger
from deskconsole.i18n import t
from deskconsole.storage.check import check_store
from deskconsole.storage.postgres.connection import ServerError, shown_address
from deskconsole.storage.restore import restore_backup


@app.command()
def demo(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    residents: Annotated[
        int, typer.Option(min=0, max=200_000, help="How many residents.")
    ] = demo_data.DEFAULT_RESIDENTS,
    cases: Annotated[
        int, typer.Option(min=0, max=200_000, help="How many cases.")
    ] = demo_data.DEFAULT_CASES,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data.")] = (
        demo_data.DEFAULT_SEED
    ),
) -> None:
    """Fill a new store with demo data, without opening the console."""
    target = data_dir_of(ctx, data_dir)
    with open_repo(target) as repo:
        data = demo_data.generate(datetime.now(), residents, cases, seed)
        demo_data.fill(repo, data)
    typer.echo(
        t(
            "cli.demo_done",
            data_dir=str(target),
            residents=len(data.residents),
            sessions=len(data.sessions),
            cases=len(data.cases),
        )
    )


@app.command()
def check(ctx: typer.Context, data_dir: DataDirOption = None) -> None:
    """Check the store and its backups without changing anything (works beside the console).
    A store on a server is checked by opening it: reachable, schema current, documents read."""
    target = data_dir_of(ctx, data_dir)
    if store_of(target) is not None:
        _check_server(target)
        return
    report = check_store(target)
    echo = typer.echo
    echo(t("check.store", data_dir=str(report.data_dir)))
    if report.error is not None:
        echo(t("check.cannot_open", error=str(report.error)))
    else:
        counts = ", ".join(f"{name} {count}" for name, count in report.counts.items())
        echo(t("check.counts", counts=counts or "-"))
        echo(t("check.journal", entries=report.replayed))
        if report.torn_tail:
            echo(t("check.torn_tail"))
        for problem in report.invalid[:50]:
            echo(t("check.invalid", problem=problem))
        if len(report.invalid) > 50:
            echo(t("check.more_invalid", count=len(report.invalid) - 50))
        echo(t("privacy.check_ledger", count=report.ledger_entries))
        if report.ledger_torn:
            echo(t("privacy.check_ledger_torn"))
        if report.ledger_pending:
            echo(t("privacy.check_pending", count=len(report.ledger_pending)))
    echo(t("check.locked", holder=report.lock_holder) if report.lock_holder else t("check.free"))
    if report.backup is not None:
        echo(t("check.backup", path=str(report.backup.path), taken_at=f"{report.backup.taken_at}"))
    else:
        echo(t("check.no_backup"))
    echo(t("check.ok") if report.ok else t("check.problems"))
    if not report.ok:
        raise typer.Exit(1)


def _check_server(target: Path) -> None:
    with open_repo(target, readonly=True) as repo:
        counts = {
            "residents": repo.residents.count(),
            "cases": repo.cases.count(),
            "sessions": len(repo.sessions.docs()),
        }
    shown = shown_address(store_of(target) or "")
    typer.echo(t("server.settings_store", data_dir=str(target), store=shown))
    typer.echo(t("check.counts", counts=", ".join(f"{k} {v}" for k, v in counts.items())))
    typer.echo(t("check.ok"))


def _refuse_on_server(target: Path, command: str) -> None:
    """Backups and restores of a server store are the server's (pg_dump, pg_restore)."""
    address = store_of(target)
    if address is not None:
        raise ServerError("server.no_files", address, command=command)


@app.command()
def backup(ctx: typer.Context, data_dir: DataDirOption = None) -> None:
    """Write a backup now; who took it and when is recorded in the store's audit log
    (so it needs the store not to be open in a console, which backs up daily itself).
    A store on a server is backed up there, with pg_dump."""
    _refuse_on_server(data_dir_of(ctx, data_dir), "backup")
    with open_for_audit(data_dir_of(ctx, data_dir), "cli.backup_locked") as repo:
        repo.audit.add(backup_audit(repo.data_dir, staff_of(ctx), datetime.now()))
        path = repo.backup_now()
    typer.echo(t("cli.backup_done", path=str(path)))


@app.command()
def restore(
    ctx: typer.Context,
    data_dir: DataDirOption = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Backup file to restore (default: the newest good one).",
            dir_okay=False,
            exists=True,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace a damaged store with a backup, in one atomic step.

    Changes saved after the backup are kept when the journal is intact; the
    replaced files are kept aside in damaged-<time>/. The yearly archive files are
    completed from their backed-up versions. Erasures recorded in the erasure ledger
    since the backup are applied again (the count is shown).
    """
    target = data_dir_of(ctx, data_dir)
    _refuse_on_server(target, "restore")
    if not yes:
        typer.confirm(t("cli.restore_confirm", data_dir=str(target)), abort=True)
    restored = restore_backup(target, source, datetime.now())
    typer.echo(t("cli.restore_done", backup=str(restored.backup), aside=str(restored.aside)))
    if restored.replayed:
        typer.echo(t("cli.restore_replayed", entries=restored.replayed))
    for year, count in restored.archive_lost.items():
        typer.echo(t("archive.restore_lost", count=count, year=year), err=True)
    with open_repo(target) as repo:
        reapplied = replay_ledger(repo)
    typer.echo(t("privacy.restore_reapplied", count=reapplied))
