"""The case board (F4): a column per live state, cards sorted by urgency, moves by key.

Data comes from a worker that reads the raw documents; each column shows only
the cards that fit. A move changes one case and two columns: the card leaves
its column and lands in its new one without the board being rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize

from deskconsole.domain import board as board_data
from deskconsole.domain.board import (
    ARCHIVE_COLUMNS,
    LIVE_COLUMNS,
    BoardFilter,
    CardInfo,
    DueCalendar,
)
from deskconsole.domain.street import Scope, ScopeKind, Street, street_of
from deskconsole.domain.workflow import next_state, previous_state
from deskconsole.i18n import t
from deskconsole.models import Case, CaseState
from deskconsole.storage import StoreError
from deskconsole.ui.key_gate import hold_keys
from deskconsole.ui.messages import OpenCase, StoreChanged
from deskconsole.ui.scope_keys import SCOPE_BINDING, ScopeKeys
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.screens.board_commands import BoardCommands
from deskconsole.ui.screens.filter_dialog import FilterDialog
from deskconsole.ui.screens.followup import FollowupScreen
from deskconsole.ui.screens.moves import MOVE_BINDINGS, CaseMoves
from deskconsole.ui.widgets.board_strip import StripItem, strip_text
from deskconsole.ui.widgets.case_column import CaseColumn, TextLine
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader

MIN_COLUMN_WIDTH = 24
RELOAD_DELAY = 0.3

Columns = dict[CaseState, list[CardInfo]]


class BoardScreen(ScopeKeys, CaseMoves, DeskScreen):
    """Cases by state; move them along with the keys."""

    COMMANDS = {BoardCommands}
    BINDINGS = [
        Binding("enter", "open", "board.key_open", tooltip="board.key_open_tip"),
        *MOVE_BINDINGS,
        Binding("slash", "filter", "board.key_filter", tooltip="board.key_filter_tip"),
        Binding("escape", "clear_filter", "board.key_clear", tooltip="board.key_clear_tip"),
        Binding("f", "followup", "board.key_followup", tooltip="board.key_followup_tip"),
        Binding("e", "toggle_archive", "board.key_archive", tooltip="board.key_archive_tip"),
        Binding("n", "new_case", "board.key_new", tooltip="board.key_new_tip"),
        SCOPE_BINDING,
        Binding("left,h", "column(-1)", "board.key_left", show=False),
        Binding("right,l", "column(1)", "board.key_right", show=False),
        Binding("up,k", "card(-1)", "board.key_up", show=False),
        Binding("down,j", "card(1)", "board.key_down", show=False),
        Binding("pageup", "page(-1)", "board.key_page_up", show=False),
        Binding("pagedown", "page(1)", "board.key_page_down", show=False),
        Binding("home", "card(-100000)", "board.key_first", show=False),
        Binding("end", "card(100000)", "board.key_last", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.archive = False
        self.filter = BoardFilter()
        self.column_index = 0
        self.first_visible = 0
        self.loaded = False
        self._all: Columns = {}
        self._names: dict[str, tuple[str, str]] = {}
        self._calendar: DueCalendar | None = None
        self._reload_timer: object | None = None
        self._columns: list[CaseColumn] = []
        self._key_signature: tuple[object, ...] = ()
        self._release_keys: Callable[[], None] = lambda: None

    # -- layout -------------------------------------------------------------------------
    @property
    def states(self) -> tuple[CaseState, ...]:
        return ARCHIVE_COLUMNS if self.archive else LIVE_COLUMNS

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield TextLine(id="board-strip")
        yield TextLine(id="board-filter")
        with Horizontal(id="board-columns"):
            for state in self.states:
                yield CaseColumn(state)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.fit_columns(self.size.width)
        # Keys typed while the board first appears wait for its cards (``]`` right after F4).
        self._release_keys = hold_keys(self.app)
        self.load()

    def on_resize(self, event: Resize) -> None:
        self.fit_columns(event.size.width)

    @property
    def columns(self) -> list[CaseColumn]:
        """The columns left to right (kept in a list: a DOM query per key press is costly)."""
        if len(self._columns) != len(self.states) or not all(c.is_attached for c in self._columns):
            self._columns = list(self.query(CaseColumn))
        return self._columns

    def update_keys(self) -> None:
        """Refresh the footer only when the keys that apply have changed."""
        selected = self.column.selected if self.column else None
        signature = (
            selected is not None,
            selected is not None and next_state(selected.state) is not None,
            selected is not None and previous_state(selected.state) is not None,
            self.filter.is_empty,
        )
        if signature != self._key_signature:
            self._key_signature = signature
            self.refresh_bindings()

    @property
    def column(self) -> CaseColumn | None:
        """The column the cursor is in."""
        columns = self.columns
        return columns[self.column_index] if 0 <= self.column_index < len(columns) else None

    def column_for(self, state: CaseState) -> CaseColumn | None:
        return next((c for c in self.columns if c.state == state), None)

    def fit_columns(self, width: int) -> None:
        """Show as many columns as fit, always including the cursor's; hide the rest."""
        columns = self.columns
        if not columns:
            return
        fit = max(1, min(len(columns), width // MIN_COLUMN_WIDTH))
        if self.column_index < self.first_visible:
            self.first_visible = self.column_index
        elif self.column_index >= self.first_visible + fit:
            self.first_visible = self.column_index - fit + 1
        self.first_visible = max(0, min(self.first_visible, len(columns) - fit))
        for index, column in enumerate(columns):
            shown = self.first_visible <= index < self.first_visible + fit
            if column.display != shown:
                column.display = shown
            column.set_active(index == self.column_index)
        self.draw_strip()

    def draw_strip(self) -> None:
        """The line above the columns: every column with its count, hidden ones included."""
        items = []
        for index, column in enumerate(self.columns):
            style = ""
            if index == self.column_index:
                style = "reverse"
            elif not column.display:
                style = "dim"
            items.append(StripItem(column.state, len(column.cards), style))
        prefix = t("board.view_archive" if self.archive else "board.view_live")
        strip = strip_text(prefix, items, (self.size.width or self.app.size.width) - 2)
        self.query_one("#board-strip", TextLine).update(strip)
        flt = self.query_one("#board-filter", TextLine)
        narrowed = self.scope is not None and self.scope.kind is not ScopeKind.STREET
        line = [self.scope_text()] if narrowed else []
        if not self.filter.is_empty:
            line.append(t("board.filter_line", filter=self.filter.describe(self.desk.settings)))
        if self.archive and (held := self.desk.repo.cases.archive.count()):
            line.append(t("board.archive_note", count=held))
        if flt.display != bool(line):
            flt.display = bool(line)
        flt.update("  ".join(line))

    # -- data ---------------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, exclusive=True, group="board-load")
    def load(self) -> None:
        """Read the board's cases in the background, then show them."""
        archive, today, settings = self.archive, self.desk.today(), self.desk.settings
        try:
            try:
                docs = board_data.board_docs(self.desk.repo, archive, today)
                wanted = {d["resident_id"] for d in docs if d.get("resident_id")}
                names = board_data.names_of(self.desk.repo, wanted)
                columns = board_data.build_columns(docs, names, settings, self.states)
                street = street_of(self.desk.repo)
            except StoreError as error:
                self.app.call_from_thread(self.notify, str(error), severity="error")
                return
            self.app.call_from_thread(self.street_known, street)
            self.app.call_from_thread(self.show_columns, archive, columns, names)
        finally:
            self.app.call_from_thread(self._release_keys)  # after the cards, or on failure

    def show_columns(
        self, archive: bool, columns: Columns, names: dict[str, tuple[str, str]]
    ) -> None:
        """Put freshly loaded cards on the board (keeps each column's cursor on its case)."""
        if archive != self.archive:
            return
        self._all, self._names = columns, names
        self._calendar = DueCalendar(self.desk.today(), self.desk.settings)
        self.loaded = True
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show in each column the cards that pass the filter."""
        calendar = self._calendar or DueCalendar(self.desk.today(), self.desk.settings)
        today = calendar.today
        for column in self.columns:
            cards = [c for c in self._all.get(column.state, []) if self.covers(c)]
            shown = [c for c in cards if self.filter.matches(c, today)]
            column.set_cards(shown, len(cards), calendar, self.desk.settings.category_label)
        self.draw_strip()
        self.update_keys()

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.tables & {"cases", "residents", "meta"}:  # meta: the desks' communities
            if self._reload_timer is not None:
                self._reload_timer.stop()  # type: ignore[attr-defined]
            self._reload_timer = self.set_timer(RELOAD_DELAY, self.load)

    # -- a move lands -----------------------------------------------------------------------
    def case_moved(self, case: Case, source: CaseState) -> None:
        """Take the card out of its old column and put it, sorted, into its new one."""
        if case.resident_id and case.resident_id not in self._names:
            resident = self.desk.repo.residents.get(case.resident_id)
            if resident is not None:
                self._names[case.resident_id] = (resident.name, resident.address.compound)
        card = board_data.card_from_doc(
            case.model_dump(mode="json"), self._names, self.desk.settings
        )
        for state, cards in self._all.items():
            self._all[state] = [c for c in cards if c.number != case.number]
        for column in self.columns:
            column.take(case.number)
        target = self.column_for(case.state)
        if target is not None and case.state in self._all:
            board_data.insert_sorted(self._all[case.state], card)
            if self.filter.matches(card, self.desk.today()) and self.covers(card):
                target.put(card, select=True)
                self.column_index = self.columns.index(target)
            elif self.covers(card):
                target.total += 1
                target.redraw()
        self.fit_columns(self.size.width)
        self.update_keys()

    # -- keys --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        selected = self.column.selected if self.column else None
        if action in ("open", "move_to"):
            return selected is not None
        if action in ("move_next", "move_prev"):
            return selected is not None  # at an end of the path, the key says why
        if action == "clear_filter":
            return not self.filter.is_empty
        if action == "pick_scope":
            return self.scope_applies
        return True

    # -- the street's view (w) -----------------------------------------------------------
    def default_scope(self, street: Street) -> Scope:
        """The board shows every desk's cases until a community or desk is picked."""
        return street.whole()

    def covers(self, card: CardInfo) -> bool:
        """The card's desk is in the scope picked (any desk before one is)."""
        return self.scope is None or self.scope.covers(card.number.partition("-")[0])

    def scope_changed(self) -> None:
        self.apply_filter()

    def action_column(self, delta: int) -> None:
        columns = self.columns
        self.column_index = max(0, min(self.column_index + delta, len(columns) - 1))
        self.fit_columns(self.size.width)
        self.update_keys()

    def action_card(self, delta: int) -> None:
        if self.column is not None:
            self.column.move_cursor(delta)
            self.update_keys()

    def action_page(self, delta: int) -> None:
        if self.column is not None:
            self.column.move_cursor(delta * self.column.page)

    def _selected_number(self) -> str | None:
        selected = self.column.selected if self.column else None
        return selected.number if selected else None

    def action_move_next(self) -> None:
        if (selected := self.column.selected if self.column else None) is not None:
            self.step_case(selected.number, selected.state, forward=True)

    def action_move_prev(self) -> None:
        if (selected := self.column.selected if self.column else None) is not None:
            self.step_case(selected.number, selected.state, forward=False)

    def action_move_to(self) -> None:
        number = self._selected_number()
        if number:
            self.choose_move(number)

    def action_open(self) -> None:
        number = self._selected_number()
        if number:
            self.post_message(OpenCase(number))

    def action_filter(self) -> None:
        compounds = sorted({c.compound for cards in self._all.values() for c in cards})

        def chosen(result: object) -> None:
            if isinstance(result, BoardFilter):
                self.filter = result
                self.apply_filter()

        self.app.push_screen(FilterDialog(self.filter, self.desk.settings, compounds), chosen)

    def action_overdue_only(self) -> None:
        self.filter = BoardFilter(overdue_only=True)
        self.apply_filter()

    def action_clear_filter(self) -> None:
        self.filter = BoardFilter()
        self.apply_filter()

    def action_followup(self) -> None:
        self.app.push_screen(FollowupScreen())

    async def action_toggle_archive(self) -> None:
        self.archive = not self.archive
        self.column_index = 0
        self.first_visible = 0
        self.loaded = False
        self._all = {}
        container = self.query_one("#board-columns", Horizontal)
        await container.remove_children()
        await container.mount_all([CaseColumn(state) for state in self.states])
        self._columns = list(self.query(CaseColumn))
        self.fit_columns(self.size.width)
        self.update_keys()
        self.load()

    def action_new_case(self) -> None:
        self.desk.switch_mode("intake")

    async def apply_language(self) -> None:
        """Relabel in place: the loaded cards, cursor and filter stay."""
        for column in self.columns:
            column.relabel()
        self.draw_strip()
        self.refresh_bindings()
