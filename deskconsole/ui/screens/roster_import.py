"""Import a roster from inside the console: a file prompt, a check with progress, one save."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, ProgressBar, Static
from textual.worker import get_current_worker

from deskconsole.domain.roster import ImportPlan, apply_plan, plan_import, prepare_import
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.ui.literal import LiteralTable, literal
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader
from deskconsole.ui.widgets.path_suggester import PathSuggester

PROBLEMS_SHOWN = 100
ROSTER_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".tsv")


class ImportScreen(DeskScreen):
    """Check a roster file, show what it would do, save it on Ctrl+S."""

    BINDINGS = [
        Binding("ctrl+s", "commit", "lookup.key_commit", tooltip="lookup.key_commit_tip"),
        Binding("escape", "back", "lookup.key_back", tooltip="lookup.key_back_tip"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plan: ImportPlan | None = None
        self.busy = False
        self.plan_saved = False
        self.report = ""

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(t("lookup.import_title"), id="import-title")
        yield Static(t("lookup.import_help"), id="import-help")
        yield Input(
            placeholder=t("lookup.import_placeholder"),
            id="import-path",
            suggester=PathSuggester(ROSTER_SUFFIXES),
        )
        yield ProgressBar(total=100, show_eta=False, id="import-progress")
        yield Static(self.report, id="import-report")
        problems: DataTable[str] = LiteralTable(id="import-problems", cursor_type="row")
        problems.add_column(t("lookup.col_row"), key="row")
        problems.add_column(t("lookup.col_column"), key="column")
        problems.add_column(t("lookup.col_reason"), key="reason")
        yield problems
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.query_one("#import-path", Input).focus()
        self.query_one("#import-progress").display = False
        self.query_one("#import-problems").display = False

    async def apply_language(self) -> None:
        path = self.query_one("#import-path", Input).value
        await self.recompose_keeping_focus()
        self.query_one("#import-path", Input).value = path
        self.query_one("#import-progress").display = False
        if self.plan is not None:
            self._show_plan(self.plan, self.plan_saved)
        self.refresh_bindings()

    # -- checking ------------------------------------------------------------------------
    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.busy or not event.value.strip():
            return
        path = Path(os.path.expanduser(event.value.strip()))
        self.plan = None
        self.plan_saved = False
        self.busy = True
        self._report(t("lookup.import_checking", path=str(path)))
        self.query_one("#import-problems").display = False
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.refresh_bindings()
        self.check_file(path)

    @work(thread=True, exit_on_error=False, exclusive=True, group="roster-import")
    def check_file(self, path: Path) -> None:
        """Read, check and plan off the UI thread, reporting progress."""

        def progress(done: int, total: int) -> None:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._progress, done, total)

        try:
            plan = prepare_import(path, self.desk.repo, progress)
        except DeskError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._checked, plan)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.query_one("#import-progress").display = False
        self._report(message, error=True)
        self.refresh_bindings()

    def _checked(self, plan: ImportPlan) -> None:
        self.busy = False
        self.plan = plan
        self.query_one("#import-progress").display = False
        self._show_plan(plan, saved=False)
        self.refresh_bindings()

    def _show_plan(self, plan: ImportPlan, saved: bool) -> None:
        parsed = plan.parsed
        lines = [
            t("roster.read", rows=parsed.rows_read, path=str(parsed.path), encoding=parsed.encoding)
        ]
        if parsed.columns.unknown:
            lines.append(t("roster.unknown_columns", columns=", ".join(parsed.columns.unknown)))
        if saved:
            lines.append(t("lookup.import_done", summary=plan.summary()))
        else:
            lines.append(plan.summary(dry_run=True))
            lines.append(t("lookup.import_ready") if plan.to_save else t("lookup.import_nothing"))
        self._report("\n".join(lines))
        table = self.query_one("#import-problems", DataTable)
        table.clear()
        problems = plan.problems
        for problem in problems[:PROBLEMS_SHOWN]:
            table.add_row(str(problem.row), problem.column, problem.reason)
        if len(problems) > PROBLEMS_SHOWN:
            table.add_row("", "", t("roster.more_problems", count=len(problems) - PROBLEMS_SHOWN))
        notes = plan.notes  # imported all the same: listed after the skipped rows
        for note in notes[:PROBLEMS_SHOWN]:
            table.add_row(str(note.row), note.column, t("roster.note_check", reason=note.reason))
        if len(notes) > PROBLEMS_SHOWN:
            table.add_row("", "", t("roster.more_problems", count=len(notes) - PROBLEMS_SHOWN))
        table.display = bool(problems or notes)

    def _report(self, text: str, error: bool = False) -> None:
        self.report = text
        report = self.query_one("#import-report", Static)
        report.update(literal(text))
        report.set_class(error, "-error")

    # -- saving ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "commit":
            return (
                self.plan is not None
                and bool(self.plan.to_save)
                and not self.busy
                and not self.plan_saved
            )
        if action == "back":
            return not self.busy
        return True

    def action_commit(self) -> None:
        if self.plan is None or self.busy or self.plan_saved:
            return
        self.busy = True
        self._report(t("lookup.import_saving", count=len(self.plan.to_save)))
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.refresh_bindings()
        self.save(self.plan)

    @work(thread=True, exit_on_error=False, exclusive=True, group="roster-import")
    def save(self, plan: ImportPlan) -> None:
        """Plan again against the store as it is now, then write one batch."""
        repo = self.desk.repo
        try:
            fresh = plan_import(plan.parsed, repo.residents.docs(), repo.now())
            apply_plan(fresh, repo)
        except DeskError as error:
            self.app.call_from_thread(self._save_failed, str(error))
            return
        self.app.call_from_thread(self._saved, fresh)

    def _save_failed(self, message: str) -> None:
        self.busy = False
        self.query_one("#import-progress").display = False
        self._report(message, error=True)
        self.refresh_bindings()
        self.notify(message, severity="error", timeout=15)

    def _saved(self, plan: ImportPlan) -> None:
        self.busy = False
        self.plan = plan
        self.plan_saved = True
        self.query_one("#import-progress").display = False
        self._show_plan(plan, saved=True)
        self.refresh_bindings()
        self.notify(t("lookup.import_done", summary=plan.summary()))

    def action_back(self) -> None:
        if not self.busy:
            self.app.pop_screen()
