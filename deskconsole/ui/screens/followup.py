"""The follow-up list: cases awaiting a call back, who has waited longest first.

The secretary works down the list: reveal the phone (recorded), call, record the
result and satisfaction; the case closes or goes back to in progress and leaves
the list. A call that reached nobody is noted and the case stays.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from deskconsole.domain.workflow import call_attempts, resolved_at
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.models import Case, CaseState, Resident, mask_phone
from deskconsole.storage import StoreError
from deskconsole.ui.messages import OpenCase, StoreChanged
from deskconsole.ui.names import shown_name
from deskconsole.ui.screens.base import DeskScreen, left_behind
from deskconsole.ui.screens.moves import CaseMoves
from deskconsole.ui.widgets.fit_table import FitTable
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader

#: Rows shown at once: the oldest first, which is where the work is.
LIMIT = 100
COLUMNS = ("waited", "number", "name", "phone", "calls", "outcome", "category")
#: Narrower screens leave out the category; the outcome narrows, ending in "…".
WIDE = 100
GIVE_WAY = {"outcome": 10, "category": 8}
OUTCOME_WIDTH = 24


class FollowupScreen(CaseMoves, DeskScreen):
    """Cases awaiting a follow-up call."""

    BINDINGS = [
        Binding("escape", "close", "case.key_back", tooltip="case.key_back_tip"),
        Binding(
            "enter",
            "record",
            "board.followup_key_record",
            tooltip="board.followup_key_record_tip",
            priority=True,
        ),
        Binding(
            "v", "reveal", "board.followup_key_reveal", tooltip="board.followup_key_reveal_tip"
        ),
        Binding("c", "no_answer", "board.followup_key_call", tooltip="board.followup_key_call_tip"),
        Binding("o", "open", "board.followup_key_open", tooltip="board.followup_key_open_tip"),
        Binding("f4", "close", "mode.board", tooltip="key.board_tip"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cases: list[Case] = []
        self.total = 0
        self.residents: dict[str, Resident] = {}
        self.revealed: str | None = None  # the case whose phone is shown, while its row is
        self.shown: list[str] = list(COLUMNS)  # the columns on screen
        self.mode = ""  # the section the list was opened in
        self.left_mode = False  # another section was shown since

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(id="followup-title")
        yield FitTable(
            id="followup-table", cursor_type="row", zebra_stripes=True, give_way=GIVE_WAY
        )
        yield DeskFooter()

    def on_mount(self) -> None:
        self.mode = self.app.current_mode
        self.desk.refresh_header()
        table = self.query_one(DataTable)
        self._add_columns(table)
        self.load()

    def _add_columns(self, table: DataTable[str]) -> None:
        self.shown = [c for c in COLUMNS if c != "category" or self.size.width >= WIDE]
        for key in self.shown:
            width = OUTCOME_WIDTH if key == "outcome" else None
            table.add_column(t(f"board.followup_col_{key}"), key=key, width=width)

    def on_resize(self) -> None:
        if self.is_mounted and ("category" in self.shown) != (self.size.width >= WIDE):
            self.redraw()

    @work(thread=True, exit_on_error=False, exclusive=True, group="followup-load")
    def load(self) -> None:
        """Read the cases awaiting follow-up and their residents in the background."""
        try:
            cases = self.desk.repo.cases.in_states([CaseState.RESOLVED])
            cases.sort(key=lambda c: (resolved_at(c), c.number))
            total = len(cases)
            cases = cases[:LIMIT]
            residents = {}
            for case in cases:
                if case.resident_id and case.resident_id not in residents:
                    resident = self.desk.repo.residents.get(case.resident_id)
                    if resident is not None:
                        residents[case.resident_id] = resident
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.show_cases, cases, total, residents)

    def show_cases(self, cases: list[Case], total: int, residents: dict[str, Resident]) -> None:
        """Fill the table, keeping the cursor on the same case when it is still there."""
        table = self.query_one(DataTable)
        current = self.selected
        self.cases, self.total, self.residents = cases, total, residents
        table.clear()
        for case in cases:
            table.add_row(*self.row(case), key=case.number)
        if current is not None:
            index = next((i for i, c in enumerate(cases) if c.number == current.number), None)
            if index is not None:
                table.move_cursor(row=index)
        self.draw_title()
        self.refresh_bindings()

    def draw_title(self) -> None:
        shown = len(self.cases)
        key = "board.followup_title_some" if self.total > shown else "board.followup_title"
        self.query_one("#followup-title", Static).update(t(key, count=self.total, shown=shown))

    def phone(self, case: Case) -> tuple[str, str, str]:
        """(field, full number, masked number) of whom to call."""
        resident = self.residents.get(case.resident_id or "")
        if resident is not None and resident.phone:
            return "phone", resident.phone, resident.masked_phone
        if case.contact_phone:
            return "contact_phone", case.contact_phone, mask_phone(case.contact_phone)
        return "", "", ""

    def row(self, case: Case) -> list[str]:
        """The cells of ``case`` in the columns shown."""
        resident = self.residents.get(case.resident_id or "")
        name = shown_name(resident.name) if resident else (case.contact_name or t("board.no_name"))
        _, full, masked = self.phone(case)
        waited = (self.desk.today() - resolved_at(case).date()).days
        cells = {
            "waited": t("board.age", days=waited),
            "number": case.number,
            "name": name,
            "phone": (full if case.number == self.revealed else masked) or "-",
            "calls": str(call_attempts(case) or ""),
            "outcome": case.outcome.strip().split("\n", 1)[0],
            "category": self.desk.settings.category_label(case.category),
        }
        return [cells[key] for key in self.shown]

    @property
    def selected(self) -> Case | None:
        if not self.is_mounted:
            return None
        table = self.query_one(DataTable)
        if not self.cases or table.cursor_row < 0 or table.cursor_row >= len(self.cases):
            return None
        return self.cases[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The phone shown belongs to the row the cursor left: mask it again."""
        selected = self.selected  # where the cursor is now (a refill highlights row 0 first)
        if self.revealed is not None and (selected is None or selected.number != self.revealed):
            self.hide_phone()

    def on_screen_suspend(self) -> None:
        if self.revealed is not None and left_behind(self):
            self.hide_phone()
        self.left_mode = self.app.current_mode != self.mode

    def on_screen_resume(self) -> None:
        """F4 after another section shows the board itself, not the list left open on it."""
        if self.left_mode:
            self.dismiss()

    def hide_phone(self) -> None:
        """Mask the phone shown in full."""
        number, self.revealed = self.revealed, None
        case = next((c for c in self.cases if c.number == number), None)
        if case is not None:
            self._replace(case)

    def on_store_changed(self, message: StoreChanged) -> None:
        if "cases" in message.tables:
            self.load()

    # -- keys ----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close":
            return True
        case = self.selected
        if case is None:
            return False
        if action == "reveal":
            return bool(self.phone(case)[0])
        return True

    def action_close(self) -> None:
        self.dismiss()

    def action_record(self) -> None:
        case = self.selected
        if case is not None:
            self.start_move(case.number, CaseState.CLOSED, followup=True)

    def case_moved(self, case: Case, source: CaseState) -> None:
        """The case left the list: drop its row, keep the cursor at the same place."""
        table = self.query_one(DataTable)
        index = next((i for i, c in enumerate(self.cases) if c.number == case.number), None)
        if index is None:
            return
        self.cases.pop(index)
        self.total -= 1
        self.notify(t("workflow.done", number=case.number, state=case.state.label))
        table.remove_row(case.number)
        self.draw_title()
        self.refresh_bindings()

    def action_reveal(self) -> None:
        case = self.selected
        if case is None:
            return
        field, _, _ = self.phone(case)
        if case.number == self.revealed or not field:
            return
        try:
            saved = self.casedesk.reveal(case.number, field)
        except DeskError as error:
            self.refuse(error)
            return
        self.revealed = case.number
        self._replace(saved)

    def _replace(self, case: Case) -> None:
        table = self.query_one(DataTable)
        index = next((i for i, c in enumerate(self.cases) if c.number == case.number), None)
        if index is None:
            return
        self.cases[index] = case
        for key, value in zip(self.shown, self.row(case), strict=True):
            table.update_cell(case.number, key, value)

    def action_no_answer(self) -> None:
        """Note a call that did not settle the case (no answer, call back later)."""
        case = self.selected
        if case is None:
            return
        number = case.number
        desk = self.casedesk

        def done(saved: Case) -> None:
            self._replace(saved)
            self.notify(t("board.followup_called", number=number, attempt=call_attempts(saved)))

        self.ask_change(
            t("board.followup_title_call", number=number),
            ("note",),
            case.state,
            lambda step, save: desk.record_call(number, step.note, save=save),
            done,
        )

    def action_open(self) -> None:
        case = self.selected
        if case is not None:
            self.post_message(OpenCase(case.number))

    async def apply_language(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Columns and rows again (another language, another width)."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        self._add_columns(table)
        for case in self.cases:
            table.add_row(*self.row(case), key=case.number)
        if 0 < row < len(self.cases):
            table.move_cursor(row=row)
        self.draw_title()
        self.refresh_bindings()
