"""Bundles inside the console: the export dialog, its result, and the import screen."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import DataTable, Input, Label, ProgressBar, Static

from deskconsole.domain.bundle import SUFFIX, ImportPlan, apply_plan, plan_import, read_bundle
from deskconsole.errors import DeskError
from deskconsole.export.layout import display_width
from deskconsole.i18n import t
from deskconsole.models import parse_day
from deskconsole.models.problems import field_label
from deskconsole.models.text import nfkc
from deskconsole.ui.literal import LiteralTable, literal
from deskconsole.ui.screens.base import DeskModal, DeskScreen
from deskconsole.ui.screens.desk_settings import BUNDLE_CSS
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader
from deskconsole.ui.widgets.path_suggester import PathSuggester

CONFLICTS_SHOWN = 100
VALUE_WIDTH = 24
BUNDLE_SUFFIXES = (SUFFIX, SUFFIX + ".gz", ".json", ".gz")


def clip(text: str, width: int = VALUE_WIDTH) -> str:
    """``text`` cut to ``width`` terminal cells (Chinese characters take two), with ``...``."""
    if display_width(text) <= width:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char) > width - 3:
            break
        kept += char
    return kept + "..."


def parse_since(text: str, today: date) -> date | None:
    """``""`` is everything; else a day as :func:`parse_day` reads it."""
    return parse_day(text, today) if nfkc(text) else None


@dataclass(frozen=True)
class BundleExport:
    """What the export dialog returns: the file to write, and the first day it holds
    (``None``: everything)."""

    path: Path
    since: date | None


class ExportBundleDialog(DeskModal[BundleExport | None]):
    """Collects where to write the bundle and from which day on."""

    CSS_PATH = BUNDLE_CSS
    BINDINGS = [
        Binding("ctrl+s", "submit", "bundle.key_export", tooltip="bundle.key_export_tip"),
        Binding("escape", "cancel", "dialog.cancel", tooltip="dialog.cancel_tip"),
    ]

    def __init__(self, path: str, since: str = "") -> None:
        super().__init__()
        self.path = path
        self.since = since

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(t("bundle.export_title"), classes="dialog-question")
            yield Static(t("bundle.export_text"), classes="dialog-note")
            with Grid(classes="form-grid"):
                yield Label(t("bundle.field_file"))
                yield Input(
                    self.path,
                    id="bundle-out",
                    compact=True,
                    suggester=PathSuggester(BUNDLE_SUFFIXES),
                    placeholder=t("bundle.hint_file"),
                )
                yield Label(t("bundle.field_since"))
                yield Input(
                    self.since, id="bundle-since", compact=True, placeholder=t("bundle.hint_since")
                )
            yield Static("", id="bundle-export-error", classes="form-error")
            yield Static(t("bundle.export_hint"), classes="dialog-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#bundle-out", Input).focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "bundle-out":
            self.query_one("#bundle-since", Input).focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        error = self.query_one("#bundle-export-error", Static)
        path = self.query_one("#bundle-out", Input).value.strip()
        if not path:
            error.update(t("err.field", field=t("bundle.field_file"), reason=t("err.required")))
            self.query_one("#bundle-out", Input).focus()
            return
        try:
            since = parse_since(self.query_one("#bundle-since", Input).value, self.desk.today())
        except ValueError:
            error.update(t("err.field", field=t("bundle.field_since"), reason=t("err.date")))
            self.query_one("#bundle-since", Input).focus()
            return
        self.dismiss(BundleExport(Path(os.path.expanduser(path)), since))

    def action_cancel(self) -> None:
        self.dismiss(None)


class BundleDoneDialog(DeskModal[None]):
    """What an export did (or why it failed); Enter or Esc closes it."""

    CSS_PATH = BUNDLE_CSS
    BINDINGS = [
        Binding("enter,escape", "close", "bundle.key_ok", tooltip="bundle.key_ok_tip"),
    ]

    def __init__(self, title: str, text: str, *, error: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(literal(self.title_text), classes="dialog-question")
            done = Static(literal(self.text), id="bundle-done-text")
            done.set_class(self.error, "-error")
            yield done
            yield Static(t("bundle.done_hint"), classes="dialog-hint")
        yield DeskFooter()

    def action_close(self) -> None:
        self.dismiss(None)


class ImportBundleScreen(DeskScreen):
    """Check a bundle, show what importing it changes, save it on Ctrl+S in one batch."""

    CSS_PATH = BUNDLE_CSS
    BINDINGS = [
        Binding("ctrl+s", "commit", "bundle.key_import", tooltip="bundle.key_import_tip"),
        Binding("escape", "back", "bundle.key_close", tooltip="bundle.key_close_tip"),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial_path = path
        self.plan: ImportPlan | None = None
        self.busy = False
        self.saved = False
        self.report = ""
        self.report_error = False

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(t("bundle.import_title"), classes="bundle-title")
        yield Static(t("bundle.import_help"), classes="bundle-help")
        yield Input(
            self.initial_path,
            placeholder=t("bundle.import_placeholder"),
            id="bundle-path",
            suggester=PathSuggester(BUNDLE_SUFFIXES),
        )
        yield ProgressBar(total=None, show_eta=False, id="bundle-progress")
        yield Static(self.report, id="bundle-report")
        conflicts: DataTable[str] = LiteralTable(id="bundle-conflicts", cursor_type="row")
        for key in ("number", "field", "kept", "other"):
            conflicts.add_column(t(f"bundle.col_{key}"), key=key)
        yield conflicts
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.query_one("#bundle-path", Input).focus()
        self.query_one("#bundle-progress").display = False
        self.query_one("#bundle-conflicts").display = False

    async def apply_language(self) -> None:
        path = self.query_one("#bundle-path", Input).value
        await self.recompose_keeping_focus()
        self.query_one("#bundle-path", Input).value = path
        self.query_one("#bundle-progress").display = self.busy
        if self.plan is not None:
            self._show_plan(self.plan)
        else:
            self.query_one("#bundle-conflicts").display = False
            self._report(self.report, self.report_error)
        self.refresh_bindings()

    # -- checking ------------------------------------------------------------------------
    @on(Input.Submitted, "#bundle-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.busy or not event.value.strip():
            return
        path = Path(os.path.expanduser(event.value.strip()))
        self.plan = None
        self.saved = False
        self._busy(True)
        self._report(t("bundle.import_checking", path=str(path)))
        self.query_one("#bundle-conflicts").display = False
        self.check_file(path)

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        self.query_one("#bundle-progress").display = busy
        self.refresh_bindings()

    @work(thread=True, exit_on_error=False, exclusive=True, group="bundle-import")
    def check_file(self, path: Path) -> None:
        """Read and check the file, then plan the merge under the store's lock (no write)."""
        repo = self.desk.repo
        try:
            bundle = read_bundle(path)
            with repo.transaction():
                plan = plan_import(repo, bundle)
        except DeskError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._checked, plan)

    def _failed(self, message: str) -> None:
        self._busy(False)
        self._report(message, error=True)
        self.notify(message, severity="error", timeout=15)

    def _checked(self, plan: ImportPlan) -> None:
        self.plan = plan
        self._busy(False)
        self._show_plan(plan)

    def _show_plan(self, plan: ImportPlan) -> None:
        lines = plan.summary_lines(saved=self.saved, details=False)
        if not self.saved:
            lines.append(t("bundle.import_ready") if plan.changes_anything else "")
        self._report("\n".join(line for line in lines if line))
        table = self.query_one("#bundle-conflicts", DataTable)
        table.clear()
        for conflict in plan.conflicts[:CONFLICTS_SHOWN]:
            table.add_row(
                conflict.number,
                field_label(conflict.field),
                f"{clip(conflict.kept)} ({conflict.kept_by})",
                f"{clip(conflict.other)} ({conflict.other_by})",
            )
        table.display = bool(plan.conflicts)

    def _report(self, text: str, error: bool = False) -> None:
        self.report = text
        self.report_error = error
        report = self.query_one("#bundle-report", Static)
        report.update(literal(text))
        report.set_class(error, "-error")

    # -- saving ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "commit":
            return (
                self.plan is not None
                and self.plan.changes_anything
                and not self.busy
                and not self.saved
            )
        if action == "back":
            return not self.busy
        return True

    def action_commit(self) -> None:
        if self.plan is None or self.busy or self.saved:
            return
        self._busy(True)
        self._report(t("bundle.import_saving"))
        self.save(self.plan)

    @work(thread=True, exit_on_error=False, exclusive=True, group="bundle-import")
    def save(self, plan: ImportPlan) -> None:
        """Plan again against the store as it is now, and write it, under the lock."""
        repo = self.desk.repo
        try:
            with repo.transaction():
                fresh = plan_import(repo, plan.bundle)
                apply_plan(repo, fresh)
        except DeskError as error:
            self.app.call_from_thread(self._save_failed, str(error))
            return
        self.app.call_from_thread(self._saved, fresh)

    def _save_failed(self, message: str) -> None:
        self._busy(False)
        self._report(message, error=True)
        self.notify(message, severity="error", timeout=15)

    def _saved(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.saved = True
        self._busy(False)
        self._show_plan(plan)
        self.notify(t("bundle.import_done", cases=plan.cases.added + plan.cases.updated))

    def action_back(self) -> None:
        if not self.busy:
            self.app.pop_screen()
