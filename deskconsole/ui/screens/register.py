"""The register screen (F5): pick a day and session, preview the register, export it."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Select, Static
from textual.worker import get_current_worker

from deskconsole.domain.disclosure import show_unmasked_audit
from deskconsole.domain.register import (
    COLUMNS,
    Register,
    build_register,
    headings,
    own_sessions_on,
)
from deskconsole.domain.street import Scope, street_of
from deskconsole.errors import DeskError
from deskconsole.export import default_name
from deskconsole.export.audited import export_register
from deskconsole.i18n import get_language, t
from deskconsole.models import DeskSession, parse_day
from deskconsole.ui.messages import OpenStatistics, StoreChanged
from deskconsole.ui.register_preview import MIN_MATTER, preview_layout, row_detail
from deskconsole.ui.scope_keys import SCOPE_BINDING, ScopeKeys
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.screens.register_confirm import ConfirmUnmask
from deskconsole.ui.widgets.fit_table import FitTable
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader

EXPORTS_SUBDIR = "exports"
# Preview cells wider than this are cut on screen (the files hold the full text).
STORE_TABLES = frozenset({"cases", "sessions", "residents", "meta"})


def parse_date(text: str, today: date) -> date | None:
    """The day typed (as :func:`parse_day` reads it), else None."""
    try:
        return parse_day(text, today)
    except ValueError:
        return None


def session_label(session: DeskSession) -> str:
    """``锦绣苑 09:30-11:30``."""
    hours = "-".join(f"{h:%H:%M}" for h in (session.start, session.end) if h)
    return " ".join(p for p in (session.compound, hours) if p)


class RegisterScreen(ScopeKeys, DeskScreen):
    """Preview of exactly what will be exported for one day (or one session), and export."""

    AUTO_FOCUS = "#register-table"  # the keys act at once; d goes to the date

    BINDINGS = [
        Binding("p", "shift_day(-1)", "register.key_prev", tooltip="register.key_prev_tip"),
        Binding("n", "shift_day(1)", "register.key_next", tooltip="register.key_next_tip"),
        Binding("t", "today", "register.key_today", tooltip="register.key_today_tip"),
        Binding("d", "edit_date", "register.key_date", tooltip="register.key_date_tip"),
        Binding("s", "pick_session", "register.key_session", tooltip="register.key_session_tip"),
        Binding("c", "export('csv')", "register.key_csv", tooltip="register.key_csv_tip"),
        Binding("x", "export('xlsx')", "register.key_xlsx", tooltip="register.key_xlsx_tip"),
        Binding("h", "export('html')", "register.key_html", tooltip="register.key_html_tip"),
        Binding("j", "export('json')", "register.key_json", tooltip="register.key_json_tip"),
        Binding("u", "unmask", "register.key_unmask", tooltip="register.key_unmask_tip"),
        Binding("u", "mask", "register.key_mask", tooltip="register.key_mask_tip"),
        Binding("g", "statistics", "register.key_stats", tooltip="register.key_stats_tip"),
        SCOPE_BINDING,
        Binding("escape", "leave_field", "register.key_leave", tooltip="register.key_leave_tip"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day: date | None = None
        self.session_id: str | None = None
        self.masked = True
        self.register: Register | None = None
        self.sessions: list[DeskSession] = []
        self.status = ""
        self.status_error = False
        self._typed_date: str | None = None
        self._loading_note = False
        self._shown_columns: tuple[str, ...] = ()  # the preview's columns (fewer when narrow)
        #: The day and session whose full numbers were last recorded as shown.
        self._recorded_view: tuple[date, str | None] | None = None
        self._register_scope: Scope | None = None

    # -- layout -------------------------------------------------------------------------
    @property
    def output_dir(self) -> Path:
        """Where the console writes exported registers: ``<data dir>/exports``."""
        return self.desk.repo.data_dir / EXPORTS_SUBDIR

    def compose(self) -> ComposeResult:
        day = self.day or self.desk.today()
        yield DeskHeader()
        with Horizontal(id="register-controls"):
            yield Label(t("register.date_label"), classes="register-label")
            yield Input(
                self._typed_date if self._typed_date is not None else day.isoformat(),
                id="register-date",
                compact=True,
                max_length=10,
                placeholder="YYYY-MM-DD",
            )
            yield Label(t("register.session_label"), classes="register-label")
            yield Select(
                [(session_label(s), s.id) for s in self.sessions],
                prompt=t("register.session_all"),
                value=self.session_id if self.session_id else Select.NULL,
                id="register-session",
                compact=True,
            )
            yield Static(id="register-mask")
        yield Static(id="register-head")
        yield FitTable(
            id="register-table",
            cursor_type="row",
            zebra_stripes=True,
            give_way={"matter": MIN_MATTER},  # to the width left, whatever the scrollbar takes
        )
        yield Static(id="register-detail")
        yield Static(id="register-foot")
        yield Static(id="register-status")
        yield Static(t("register.help"), id="register-help")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        if self.day is None:
            self.day = self.desk.today()
        self.set_focus(self.query_one(DataTable))
        self._show_mask()
        self._show_status()
        self.load()

    async def apply_language(self) -> None:
        self._typed_date = self.query_one("#register-date", Input).value
        await self.recompose_keeping_focus()
        self._typed_date = None
        self._show_mask()
        self._show_status()
        if self.register is not None:
            self._show_register(self.register)
        self.refresh_bindings()

    # -- loading ------------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, exclusive=True, group="register-load")
    def load(self) -> None:
        """Read the register of the chosen day and session (off the UI thread)."""
        day, session_id, masked = self.day or self.desk.today(), self.session_id, self.masked
        repo = self.desk.repo
        street = street_of(repo)
        scope = self.scope_in_view(street)
        sessions = own_sessions_on(repo, day, scope)
        if session_id not in {s.id for s in sessions}:
            session_id = None
        register = build_register(
            repo, day, session_id, masked=masked, generated_by=self.desk.staff, scope=scope
        )
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self.street_known, street)
        try:
            self._record_unmasked_view(register)
        except DeskError as error:  # not recorded: not shown
            self.app.call_from_thread(self._unmask_refused, str(error))
            return
        self.app.call_from_thread(self._loaded, register, sessions, scope)

    def _record_unmasked_view(self, register: Register) -> None:
        """Full numbers about to be shown for a day (or session) not yet recorded: record it."""
        shown = (register.day, register.session_id)
        if register.masked or shown == self._recorded_view:
            return
        entry = show_unmasked_audit(
            register.day, register.session_id, len(register.rows), self.desk.staff, self.desk.now()
        )
        self.desk.repo.audit.add(entry)
        self._recorded_view = shown

    def _unmask_refused(self, reason: str) -> None:
        self._set_masked(True)
        self._set_status(reason, True)

    def _loaded(
        self, register: Register, sessions: list[DeskSession], scope: Scope | None = None
    ) -> None:
        if register.day != self.day or register.masked != self.masked:
            return  # a newer load is on its way
        self._register_scope = scope
        if [s.id for s in sessions] != [s.id for s in self.sessions]:
            self.sessions = sessions
            select = self.query_one("#register-session", Select)
            with select.prevent(Select.Changed):
                select.set_options([(session_label(s), s.id) for s in sessions])
        self.session_id = register.session_id
        select = self.query_one("#register-session", Select)
        wanted = self.session_id or Select.NULL
        if select.value != wanted:
            with select.prevent(Select.Changed):
                select.value = wanted
        first = self.register is None
        self.register = register
        self._show_register(register)
        if first:
            self.refresh_bindings()  # the export keys apply from now on
        if self._loading_note:
            self._set_status("")

    def _show_register(self, register: Register) -> None:
        head = self.query_one("#register-head", Static)
        # Labels in the interface language; the title and the cells as in the files.
        lang = get_language()
        title = register.title
        pairs = register.header_lines(lang)
        if register.scope and self._register_scope is not None and self.street is not None:
            # What it covers in the clerk's language (the file says it in the register's).
            pairs[-1] = (pairs[-1][0], self._register_scope.label(self.street))
        info = " | ".join(_pair(label, value) for label, value in pairs)
        head.update(f"[b]{_escape(title)}[/b]  {_escape(info)}")
        table = self.query_one(DataTable)
        table.clear(columns=True)
        rows = list(register.rows)
        layout = preview_layout(rows, self.size.width - 6)  # margins and the scrollbar
        self._shown_columns = tuple(name for name, _ in layout)
        names = [name for name, _ in COLUMNS]
        picked = [names.index(name) for name, _ in layout]
        titles = headings()
        for i, (name, width) in zip(picked, layout, strict=True):
            table.add_column(titles[i], key=name, width=width)
        for row in rows:
            cells = row.cells()
            table.add_row(*(cells[i] for i in picked), key=row.number)
        self._show_detail()
        foot = " | ".join(_pair(label, value) for label, value in register.footer_lines(lang))
        lines = [register.empty_note(lang), foot] if register.is_empty else [foot]
        self.query_one("#register-foot", Static).update(_escape("\n".join(lines)))

    def _show_detail(self) -> None:
        """Narrow: the highlighted row's other cells under the table."""
        detail = self.query_one("#register-detail", Static)
        rows = self.register.rows if self.register is not None else ()
        table = self.query_one(DataTable)
        narrow = len(self._shown_columns) < len(COLUMNS)
        detail.display = narrow and bool(rows)
        if detail.display and 0 <= table.cursor_row < len(rows):
            detail.update(row_detail(rows[table.cursor_row], self._shown_columns))

    @on(DataTable.RowHighlighted, "#register-table")
    def _highlighted(self) -> None:
        self._show_detail()

    def on_resize(self) -> None:
        if self.register is not None:
            self._show_register(self.register)

    # -- status -------------------------------------------------------------------------
    def _show_mask(self) -> None:
        badge = self.query_one("#register-mask", Static)
        badge.update(t("register.masked_on") if self.masked else t("register.masked_off"))
        badge.set_class(not self.masked, "-unmasked")

    def _set_status(self, text: str, error: bool = False, loading: bool = False) -> None:
        self.status, self.status_error, self._loading_note = text, error, loading
        self._show_status()

    def _show_status(self) -> None:
        line = t("register.output_dir", path=str(self.output_dir))
        widget = self.query_one("#register-status", Static)
        widget.update(_escape(line + ("\n" + self.status if self.status else "")))
        widget.set_class(self.status_error, "-error")

    # -- choosing the day and session ---------------------------------------------------
    def _go_to(self, day: date) -> None:
        self.day = day
        self.session_id = None
        self.query_one("#register-date", Input).value = day.isoformat()
        self._set_status(t("register.loading", day=day.isoformat()), loading=True)
        self.load()

    def action_shift_day(self, days: int) -> None:
        self._go_to((self.day or self.desk.today()) + timedelta(days=days))

    def action_today(self) -> None:
        self._go_to(self.desk.today())

    def action_leave_field(self) -> None:
        """Esc: out of the date or session field, back to the register's keys."""
        self.set_focus(self.query_one(DataTable))

    def action_edit_date(self) -> None:
        self.query_one("#register-date", Input).focus()  # selects the date on focus

    def action_pick_session(self) -> None:
        select = self.query_one("#register-session", Select)
        select.focus()
        select.action_show_overlay()

    @on(Input.Submitted, "#register-date")
    def _date_typed(self, event: Input.Submitted) -> None:
        day = parse_date(event.value, self.desk.today())
        if day is None:
            self._set_status(t("register.bad_date", value=event.value), error=True)
            return
        self.query_one(DataTable).focus()
        self._go_to(day)

    @on(Select.Changed, "#register-session")
    def _session_picked(self, event: Select.Changed) -> None:
        value = None if event.value == Select.NULL else str(event.value)
        if value == self.session_id:
            return
        self.session_id = value
        self.query_one(DataTable).focus()
        self.load()

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.tables & STORE_TABLES:
            self.load()

    def scope_changed(self) -> None:
        """Another community or desk picked: its register of the same day."""
        self.session_id = None
        day = (self.day or self.desk.today()).isoformat()
        self._set_status(t("register.loading", day=day), loading=True)
        self.load()

    # -- masking ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "unmask":
            return self.masked
        if action == "mask":
            return not self.masked
        if action == "export":
            return True if self.register is not None else None
        if action == "leave_field":
            return self.focused is not self.query_one(DataTable)
        if action == "pick_scope":
            return self.scope_applies
        return True

    def action_unmask(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._set_masked(False)

        self.app.push_screen(ConfirmUnmask(self.desk.staff), answered)

    def action_mask(self) -> None:
        self._set_masked(True)

    def _set_masked(self, masked: bool) -> None:
        self.masked = masked
        self._recorded_view = None
        self._show_mask()
        self.refresh_bindings()
        self.load()

    def on_screen_suspend(self) -> None:
        """Leaving the register (another mode, statistics) masks the numbers again."""
        if not self.masked:
            self._set_masked(True)

    # -- exporting ----------------------------------------------------------------------
    def action_export(self, fmt: str) -> None:
        if self.register is None:
            return
        register = dataclasses.replace(
            self.register, generated_at=self.desk.now(), generated_by=self.desk.staff
        )
        self._set_status(t("register.exporting", fmt=fmt.upper()))
        self.export(register, fmt)
        if not register.masked:
            # Full numbers are for one export: the preview is masked again at once.
            self._set_masked(True)

    # Not exclusive: a second export must not hide the result of the first.
    @work(thread=True, exit_on_error=False, group="register-export")
    def export(self, register: Register, fmt: str) -> None:
        """Write the file (and, unmasked, the audit record first) off the UI thread."""
        path = self.output_dir / default_name(register, fmt)
        try:
            written = export_register(
                self.desk.repo, register, fmt, path, staff=self.desk.staff, at=self.desk.now()
            )
        except DeskError as error:
            self.app.call_from_thread(self._set_status, str(error), True)
            return
        key = "register.written" if register.masked else "register.written_unmasked"
        self.app.call_from_thread(self._set_status, t(key, path=str(written)))

    def action_statistics(self) -> None:
        self.post_message(OpenStatistics(self.scope, self.street))


def _pair(label: str, value: str) -> str:
    return t("register.pair", label=label, value=value or "-")


def _escape(text: str) -> str:
    """Text shown as is (no markup): square brackets are escaped."""
    return text.replace("[", r"\[")
