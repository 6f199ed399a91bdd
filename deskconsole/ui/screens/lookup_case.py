"""A case, read only, as seen from the resident view: its facts and its timeline."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from deskconsole.i18n import t
from deskconsole.models import Case, EventKind
from deskconsole.storage import StoreError
from deskconsole.ui.messages import StoreChanged
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader


class CaseSummaryScreen(DeskScreen):
    """Description, handling and timeline of one case; nothing here changes it."""

    BINDINGS = [
        Binding("escape", "back", "lookup.key_back", tooltip="lookup.key_back_tip"),
    ]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.case: Case | None = None

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(t("lookup.case_title", number=self.number), id="case-title")
        with VerticalScroll(id="case-body"):
            yield Static("", id="case-facts")
            yield Static(t("lookup.timeline"), classes="section-title")
            timeline: DataTable[str] = DataTable(id="case-timeline", cursor_type="row")
            timeline.add_column(t("lookup.col_time"), key="time")
            timeline.add_column(t("field.staff"), key="staff")
            timeline.add_column(t("lookup.col_event"), key="event")
            timeline.add_column(t("lookup.col_note"), key="note")
            yield timeline
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.query_one("#case-timeline", DataTable).focus()
        self.load()

    async def apply_language(self) -> None:
        await self.recompose()
        self.refresh_bindings()
        self._show(self.case)

    @work(thread=True, exclusive=True, group="case-summary")
    def load(self) -> None:
        try:
            case = self.desk.repo.cases.get(self.number)
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._show, case)

    def _show(self, case: Case | None) -> None:
        if not self.is_mounted:
            return
        self.case = case
        facts = self.query_one("#case-facts", Static)
        timeline = self.query_one("#case-timeline", DataTable)
        timeline.clear()
        if case is None:
            facts.update(t("lookup.case_gone"))
            return
        settings = self.desk.settings
        rows: list[tuple[str, str]] = [
            ("field.state", case.state.label),
            ("field.request_type", case.request_type.label),
            ("field.category", settings.category_label(case.category)),
            ("field.urgency", case.urgency.label),
            ("field.intake_at", f"{case.intake_at:%Y-%m-%d %H:%M}"),
            ("field.staff", case.staff),
            ("field.location", case.location),
            ("field.party", case.party.label if case.party else ""),
            ("field.due_date", f"{case.due_date}" if case.due_date else ""),
            ("field.description", case.description),
            ("field.outcome", case.outcome),
            ("field.reply", case.reply),
            ("field.satisfaction", case.satisfaction.label if case.satisfaction else ""),
            ("field.end_reason", case.end_reason),
            ("field.redirect_to", case.redirect_to),
            ("field.duplicate_of", case.duplicate_of or ""),
        ]
        facts.update(
            "\n".join(
                t("lookup.case_line", label=t(label), value=value) for label, value in rows if value
            )
        )
        for event in sorted(case.events, key=lambda e: e.at):
            what = event.kind.label
            if event.kind is EventKind.MOVED and event.to_state is not None:
                start = f"{event.from_state.label} > " if event.from_state else ""
                what = f"{start}{event.to_state.label}"
            timeline.add_row(f"{event.at:%Y-%m-%d %H:%M}", event.staff, what, event.note)

    def on_store_changed(self, message: StoreChanged) -> None:
        if "cases" in message.tables:
            self.load()

    def action_back(self) -> None:
        self.app.pop_screen()
