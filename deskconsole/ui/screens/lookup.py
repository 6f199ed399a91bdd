"""Lookup (F2, the start screen): one search box, results on every keystroke."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from deskconsole.domain.search import Hit, normalise_query
from deskconsole.i18n import t
from deskconsole.models import Gender
from deskconsole.ui.browser_keys import add_binding
from deskconsole.ui.key_gate import InputEvent, hold_keys
from deskconsole.ui.literal import LiteralTable, literal
from deskconsole.ui.lookup_cases import CaseLine
from deskconsole.ui.messages import OpenResident, StoreChanged
from deskconsole.ui.names import shown_name
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.screens.resident_form import add_resident, prefill_from_query
from deskconsole.ui.screens.roster_import import ImportScreen
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader

#: Keys that only edit the search or move in the results (``takes_before_store``).
TAKEN_BEFORE_STORE = frozenset(
    {"backspace", "delete", "left", "right", "home", "end", "up", "down", "escape"}
)
MIN_PAGE = 20
MAX_ROWS = 500


def gender_label(value: str | None) -> str:
    """``男`` / ``Male``, or blank."""
    return Gender(value).label if value else ""


COLUMNS = ("name", "gender", "address", "phone", "open")
ID_COLUMNS = ("name", "gender", "address", "id_number", "phone", "open")


def result_row(hit: Hit, with_id: bool = False) -> tuple[str, ...]:
    """The cells of one result row (with the masked ID number after the address)."""
    cells = [shown_name(hit.name), gender_label(hit.gender), hit.address, hit.masked_phone]
    if with_id:
        cells.insert(3, hit.masked_id)
    return (*cells, str(hit.open_cases) if hit.open_cases else "")


def column_label(key: str) -> str:
    """The heading of a result column."""
    if key in ("address", "open"):
        return t(f"lookup.col_{key}")
    return t(f"field.{key}")


def by_id_number(hits: list[Hit]) -> bool:
    """True when a result was found by its ID number (the rows then show it, masked)."""
    return any(hit.field == "id_number" for hit in hits)


class LookupScreen(DeskScreen):
    """Find a resident by characters, pinyin, phone, room or ID tail."""

    BINDINGS = [
        Binding("enter", "open", "lookup.key_open", tooltip="lookup.key_open_tip"),
        Binding("ctrl+n", "add", "lookup.key_add", tooltip="lookup.key_add_tip"),
        add_binding("add", "lookup.key_add"),
        Binding("ctrl+o", "import_roster", "lookup.key_import", tooltip="lookup.key_import_tip"),
        Binding("escape", "clear", "lookup.key_clear", tooltip="lookup.key_clear_tip"),
        Binding("down", "move(1)", "lookup.key_next", show=False),
        Binding("up", "move(-1)", "lookup.key_previous", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._limit = MIN_PAGE
        self._shown_query: str | None = None
        self._more = False
        self._count = 0
        self._matches: int | None = None

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Input(placeholder=t("lookup.placeholder"), id="lookup-query")
        yield Static(t("lookup.loading"), id="lookup-status")
        yield CaseLine()
        table: DataTable[str] = LiteralTable(
            id="lookup-results", cursor_type="row", zebra_stripes=True
        )
        for key in COLUMNS:
            table.add_column(column_label(key), key=key)
        yield table
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.query_one("#lookup-query", Input).focus()
        self.run_search(self.query_text, self._page())

    async def apply_language(self) -> None:
        query = self.query_text
        await self.recompose_keeping_focus()
        self.query_one("#lookup-query", Input).value = query
        self._shown_query = None
        self.refresh_bindings()
        self.run_search(query, self._limit)

    # -- searching ---------------------------------------------------------------------
    @property
    def query_text(self) -> str:
        """What is typed in the search box."""
        found = self.query("#lookup-query")
        return found.first(Input).value if found else ""

    @property
    def table(self) -> DataTable[str]:
        return self.query_one("#lookup-results", DataTable)

    def _page(self) -> int:
        """As many rows as the table shows (refilling a row costs about a millisecond)."""
        height = self.table.size.height - 1 if self.is_mounted else 0
        return max(height, MIN_PAGE)

    @on(Input.Changed, "#lookup-query")
    def _typed(self, event: Input.Changed) -> None:
        self._limit = self._page()
        self.run_search(event.value, self._limit)
        self.query_one(CaseLine).show_for(event.value)

    @work(thread=True, exit_on_error=False, exclusive=True, group="lookup-search")
    def run_search(self, query: str, limit: int) -> None:
        """Search off the UI thread; a newer keystroke makes this result stale."""
        index = self.desk.resident_search.current()
        hits = index.search(query, limit + 1)
        worker = get_current_worker()
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show, query, hits[:limit], len(hits) > limit, len(index))
        if len(hits) > limit:  # the rows are up: now count every match, for the status line
            matches = index.count(query)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_matches, query, matches)

    def _show_matches(self, query: str, matches: int) -> None:
        if self.is_attached and query == self._shown_query == self.query_text:
            self._matches = matches
            self._status(query, self.table.row_count)

    def _show(self, query: str, hits: list[Hit], more: bool, total: int) -> None:
        if not self.is_attached or query != self.query_text or not self.query("#lookup-results"):
            return  # the box changed meanwhile (or is being redrawn): a newer search is coming
        table = self.table
        same_query = query == self._shown_query
        keep = table.cursor_row if same_query else 0
        with_id = by_id_number(hits)
        if with_id != ("id_number" in table.columns):
            same_query = False
            table.clear(columns=True)
            for key in ID_COLUMNS if with_id else COLUMNS:
                table.add_column(column_label(key), key=key)
        shown = [str(row.value) for row in table.rows]
        wanted = [hit.resident_id for hit in hits]
        if same_query and wanted[: len(shown)] == shown:
            if isinstance(table, LiteralTable):  # the rows stay, the cursor too: new counts
                for hit in hits[: len(shown)]:
                    table.update_row(hit.resident_id, *result_row(hit, with_id))
            for hit in hits[len(shown) :]:  # more rows for the same query: append only
                table.add_row(*result_row(hit, with_id), key=hit.resident_id)
        else:
            table.clear()
            for hit in hits:
                table.add_row(*result_row(hit, with_id), key=hit.resident_id)
        if hits:
            table.move_cursor(row=min(keep, len(hits) - 1), animate=False)
        if query != self._shown_query or not more:
            self._matches = None if more else len(hits)
        self._shown_query = query
        self._more = more
        self._count = total
        self._status(query, len(hits))
        self.refresh_bindings()

    def store_read(self) -> None:
        """The store is read: the rows shown before it was get their open-case counts
        (in place: the rows and the cursor stay where they are)."""
        if not self.desk.resident_search.ready:
            self._shown_query = None  # the early index was not the store's: rows anew, and
            # Enter searches again before it opens anything
        if self.query("#lookup-results"):
            self.run_search(self.query_text, self._limit)

    def _status(self, query: str, shown: int) -> None:
        line: str | Text
        if not normalise_query(query):
            line = t("lookup.hint", count=f"{self._count:,}")
        elif shown == 0:
            line = literal(t("lookup.none", query=query.strip()))
        elif self._more and self._matches is None:
            line = t("lookup.found_first", count=shown)
        elif self._more:
            line = t(
                "lookup.found_more", count=shown, matches=f"{self._matches:,}", total=self._total
            )
        else:
            line = t("lookup.found", count=shown, total=self._total)
        if not self.desk.resident_search.counted:  # answered before the store is read
            line = Text.assemble(line, " ", t("lookup.counting"))
        self.query_one("#lookup-status", Static).update(line)

    @property
    def _total(self) -> str:
        return f"{self._count:,}"

    @on(DataTable.RowHighlighted, "#lookup-results")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._more and event.cursor_row >= self.table.row_count - 1:
            self._limit = min(self._limit + self._page(), MAX_ROWS)
            self.run_search(self.query_text, self._limit)

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.tables & {"residents", "cases"}:
            self._shown_query = None  # rows may have changed: refill, do not append
            self.run_search(self.query_text, self._limit)

    def on_screen_resume(self) -> None:
        self._shown_query = None
        self.run_search(self.query_text, self._limit)

    # -- keys ---------------------------------------------------------------------------
    def takes_before_store(self, event: InputEvent) -> bool:
        """True for a key this screen handles without the store: typing in the search box
        or moving in the results, once the index answers before the store is read."""
        if self.app.screen is not self or self.focused not in (self.table, self._box):
            return False
        if isinstance(event, events.Paste):
            return self.focused is self._box
        return event.is_printable or event.key in TAKEN_BEFORE_STORE

    @property
    def _box(self) -> Input | None:
        found = self.query("#lookup-query")
        return found.first(Input) if found else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return self.table.row_count > 0
        if action == "move":  # also before the rows of what is typed are in: they come first
            return self.table.row_count > 0 or self._shown_query != self.query_text
        if action == "clear":
            return bool(self.query_text)
        return True

    @property
    def highlighted_id(self) -> str | None:
        """The resident under the cursor."""
        table = self.table
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0))
        return str(row_key.value)

    def action_move(self, step: int) -> None:
        """Up/Down: move in the rows of the query as it stands now."""
        if self._shown_query != self.query_text:
            self._move_after_search(self.query_text, step, hold_keys(self.app))
            return
        table = self.table
        table.move_cursor(row=max(0, min(table.cursor_row + step, table.row_count - 1)))

    @work(thread=True, exit_on_error=False, group="lookup-open")
    def _move_after_search(self, query: str, step: int, release: Callable[[], None]) -> None:
        """The rows on screen are for an older query: search now (keys wait), then move."""
        try:
            index = self.desk.resident_search.current()
            hits = index.search(query, self._limit + 1)
            self.app.call_from_thread(self._show_and_move, query, hits, len(index), step)
        finally:
            self.app.call_from_thread(release)

    def _show_and_move(self, query: str, hits: list[Hit], total: int, step: int) -> None:
        self._show(query, hits[: self._limit], len(hits) > self._limit, total)
        if self._shown_query == query:
            self.action_move(step)

    def action_open(self) -> None:
        """Enter: open the case a typed number names, else the resident under the cursor."""
        self.query_one(CaseLine).open_if_named(self.query_text, self._open_resident)

    def _open_resident(self) -> None:
        """Open the resident under the cursor, for the query as it stands now."""
        if self._shown_query != self.query_text:
            self._open_first(self.query_text, hold_keys(self.app))
            return
        resident_id = self.highlighted_id
        if resident_id is not None:
            self.post_message(OpenResident(resident_id))

    @work(thread=True, exit_on_error=False, group="lookup-open")
    def _open_first(self, query: str, release: Callable[[], None]) -> None:
        """The rows on screen are for an older query: search now (keys wait), open the first."""
        try:
            index = self.desk.resident_search.current()
            hits = index.search(query, self._limit + 1)
            self.app.call_from_thread(self._show_and_open, query, hits, len(index))
        finally:
            self.app.call_from_thread(release)

    def _show_and_open(self, query: str, hits: list[Hit], total: int) -> None:
        self._show(query, hits[: self._limit], len(hits) > self._limit, total)
        if hits and self._shown_query == query:
            self.post_message(OpenResident(hits[0].resident_id))

    @on(Input.Submitted, "#lookup-query")
    def _submitted(self) -> None:
        self.action_open()

    @on(DataTable.RowSelected, "#lookup-results")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenResident(str(event.row_key.value)))

    def action_clear(self) -> None:
        box = self.query_one("#lookup-query", Input)
        box.value = ""
        box.focus()

    def action_add(self) -> None:
        add_resident(self, prefill_from_query(self.query_text))

    def action_import_roster(self) -> None:
        self.app.push_screen(ImportScreen())

    def on_key(self, event: object) -> None:
        """Typing while the table has focus goes on in the search box."""
        character = getattr(event, "character", None)
        if (
            self.focused is self.table
            and character
            and character.isprintable()
            and not character.isspace()
        ):
            box = self.query_one("#lookup-query", Input)
            box.focus()
            box.insert_text_at_cursor(character)
            event.stop()  # type: ignore[attr-defined]
