"""Desk sessions: the start/correct dialog and the list of sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Input, Label, Static

from deskconsole.domain.sessions import correct_session
from deskconsole.errors import DeskError
from deskconsole.i18n import listed, t
from deskconsole.models import DeskSession, Settings, parse_day, parse_time
from deskconsole.models.text import nfkc
from deskconsole.ui.messages import StoreChanged
from deskconsole.ui.screens.base import DeskModal, DeskScreen
from deskconsole.ui.widgets.fit_table import FitTable
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader

#: At 80 columns these narrow (to at least so many cells), their text ending in "…".
GIVE_WAY = {"staff": 8, "partners": 8, "compound": 8}
FIELDS = ("date", "compound", "start", "end", "staff", "partners")


def _parse_time(text: str) -> time | None:
    return parse_time(text) if nfkc(text) else None


@dataclass(frozen=True)
class SessionAnswer:
    """What the session dialog returns: the details as typed, the day and hours read."""

    day: date
    compound: str
    start: time | None
    end: time | None
    staff: str
    partners: str

    def changes(self) -> dict[str, object]:
        """The details as corrections to a stored session (``correct_session``)."""
        return {
            "date": self.day,
            "compound": self.compound,
            "start": self.start,
            "end": self.end,
            "staff": self.staff,
            "partners": self.partners,
        }


class SessionDialog(DeskModal[SessionAnswer | None]):
    """Collects a session's details: a new one, or corrections to ``session``."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "session.key_save", tooltip="session.key_save_tip"),
        Binding("escape", "cancel", "dialog.cancel", tooltip="dialog.cancel_tip"),
    ]

    def __init__(
        self,
        session: DeskSession | None,
        settings: Settings,
        staff: str,
        today: date,
        compounds: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.today = today
        known = list(dict.fromkeys([*settings.compounds, *(compounds or [])]))
        self.suggester = SuggestFromList(known, case_sensitive=False)
        if session is None:
            self.values = {
                "date": today.isoformat(),
                "compound": "",
                "start": "09:30",
                "end": "11:30",
                "staff": staff,
                "partners": "",
            }
        else:
            self.values = {
                "date": session.date.isoformat(),
                "compound": session.compound,
                "start": f"{session.start:%H:%M}" if session.start else "",
                "end": f"{session.end:%H:%M}" if session.end else "",
                "staff": listed(session.staff),
                "partners": listed(session.partners),
            }

    def compose(self) -> ComposeResult:
        title = "session.title_new" if self.session is None else "session.title_correct"
        with Vertical(classes="dialog dialog-wide"):
            yield Static(t(title), classes="dialog-question")
            with Grid(classes="form-grid"):
                for name in FIELDS:
                    yield Label(t(f"session.field_{name}"))
                    yield Input(
                        self.values[name],
                        id=f"session-{name}",
                        compact=True,
                        suggester=self.suggester if name == "compound" else None,
                        placeholder=t(f"session.hint_{name}"),
                    )
            yield Static("", id="session-error", classes="form-error")
            yield Static(t("session.dialog_hint"), classes="dialog-hint")
        yield DeskFooter()

    def _value(self, name: str) -> str:
        return self.query_one(f"#session-{name}", Input).value.strip()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "session-partners":
            self.action_submit()
        else:
            self.focus_next()

    def action_submit(self) -> None:
        error = self.query_one("#session-error", Static)
        try:
            day = parse_day(self._value("date"), self.today)
        except ValueError:
            error.update(t("err.field", field=t("session.field_date"), reason=t("err.date")))
            self.query_one("#session-date", Input).focus()
            return
        try:
            start, end = _parse_time(self._value("start")), _parse_time(self._value("end"))
        except ValueError:
            error.update(t("err.field", field=t("session.field_start"), reason=t("err.time")))
            self.query_one("#session-start", Input).focus()
            return
        if not self._value("compound"):
            error.update(
                t("err.field", field=t("session.field_compound"), reason=t("err.required"))
            )
            self.query_one("#session-compound", Input).focus()
            return
        self.dismiss(
            SessionAnswer(
                day=day,
                compound=self._value("compound"),
                start=start,
                end=end,
                staff=self._value("staff"),
                partners=self._value("partners"),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class SessionsScreen(DeskScreen):
    """Every desk session, newest first; Enter or e corrects the highlighted one."""

    BINDINGS = [
        Binding("e", "correct", "session.key_correct", tooltip="session.key_correct_tip"),
        Binding("escape", "close", "session.key_close", tooltip="session.key_close_tip"),
    ]

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(t("session.list_title"), classes="screen-title")
        yield FitTable(
            id="sessions-table", cursor_type="row", zebra_stripes=True, give_way=GIVE_WAY
        )
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.fill()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for name in ("date", "compound", "hours", "staff", "partners", "visitors", "cases"):
            table.add_column(t(f"session.col_{name}"), key=name)
        takers = self.desk.repo.cases.takers_by_session()
        counts = {session_id: len(staff) for session_id, staff in takers.items()}
        for session in self.desk.repo.sessions.all()[:200]:
            hours = "-".join(f"{v:%H:%M}" for v in (session.start, session.end) if v)
            if session.is_open:
                hours += " " + t("session.open_now")
            table.add_row(
                session.date.isoformat(),
                session.compound,
                hours,
                listed(
                    dict.fromkeys(n for n in [*session.staff, *takers.get(session.id, [])] if n)
                ),
                listed(session.partners),
                str(session.visitor_count),
                str(counts.get(session.id, 0)),
                key=session.id,
            )

    def on_store_changed(self, message: StoreChanged) -> None:
        if "sessions" in message.tables:
            self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_correct()

    def action_correct(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        session = self.desk.repo.sessions.get(str(key))
        if session is None:
            return

        def corrected(answer: SessionAnswer | None) -> None:
            if answer is None or session is None:
                return
            changes = answer.changes()
            try:
                correct_session(self.desk.repo, session, changes, self.desk.staff, self.desk.now())
            except DeskError as error:
                self.notify(str(error), severity="error", timeout=10)
                return
            self.notify(t("session.corrected"))

        self.app.push_screen(
            SessionDialog(session, self.desk.settings, self.desk.staff, self.desk.today()),
            corrected,
        )

    def action_close(self) -> None:
        self.dismiss()
