"""A board column: a title with the count, a window of card slots, and the window's position.

The column holds the sorted list of every card in its state, but mounts only as
many :class:`CaseCard` slots as its height fits. Moving the cursor slides the
window; replacing the list (a move, a filter, a reload) redraws only the slots
whose case changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize
from textual.widget import Widget

from deskconsole.domain.board import CardInfo, Due, DueCalendar, insert_sorted
from deskconsole.i18n import t
from deskconsole.models import CaseState
from deskconsole.ui.widgets.case_card import CaseCard

SLOT_HEIGHT = 4  # three lines and a gap


class TextLine(Widget):
    """One line of text that changes often: redraws without asking for a new layout.

    (``Static.update`` lays the whole screen out again, which costs more than a
    move itself on a full board.)
    """

    DEFAULT_CSS = "TextLine { height: 1; }"

    def __init__(self, text: str | Text = "", *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._text: str | Text = text

    def update(self, text: str | Text) -> None:
        """Show ``text``; redraw only when it changed."""
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        text = self._text
        return text if isinstance(text, Text) else Text(text, no_wrap=True, overflow="crop")


class ColumnBody(Vertical):
    """Where the slots live; tells its column when its height changes."""

    def on_resize(self, event: Resize) -> None:
        column = self.parent
        if isinstance(column, CaseColumn):
            column.fit_slots(event.size.height)


class CaseColumn(Vertical):
    """The cards of one state."""

    DEFAULT_CSS = """
    CaseColumn {
        width: 1fr;
        min-width: 20;
        height: 1fr;
        padding: 0 1 0 0;
    }
    CaseColumn > .column-title {
        height: 1;
        padding: 0 1;
        text-style: bold;
        background: $panel;
    }
    CaseColumn.-active > .column-title { background: $primary; color: $text; }
    CaseColumn.-active CaseCard.-selected { background: $primary; color: $text; }
    CaseColumn > ColumnBody { height: 1fr; }
    CaseColumn > .column-position { height: 1; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, state: CaseState) -> None:
        super().__init__(id=f"column-{state.value}")
        self.state = state
        self.cards: list[CardInfo] = []
        self.total = 0
        self.cursor = 0
        self.top = 0
        self.active = False
        self.loaded = False
        self.calendar: DueCalendar | None = None
        self.category_label: Callable[[str], str] = str
        self._slots: list[CaseCard] = []

    def compose(self) -> ComposeResult:
        yield TextLine(classes="column-title")
        yield ColumnBody()
        yield TextLine(classes="column-position")

    def on_mount(self) -> None:
        self.redraw()

    # -- contents ------------------------------------------------------------------
    @property
    def selected(self) -> CardInfo | None:
        """The card under the cursor."""
        return self.cards[self.cursor] if 0 <= self.cursor < len(self.cards) else None

    def index_of(self, number: str) -> int | None:
        """Where the case ``number`` is in this column."""
        return next((i for i, c in enumerate(self.cards) if c.number == number), None)

    def set_cards(
        self,
        cards: list[CardInfo],
        total: int,
        calendar: DueCalendar,
        category_label: Callable[[str], str],
        keep: str | None = None,
    ) -> None:
        """Show ``cards`` (``total`` before filtering); keep the cursor on ``keep`` if there."""
        current = keep if keep is not None else (self.selected.number if self.selected else None)
        self.cards, self.total, self.calendar = cards, total, calendar
        self.category_label = category_label
        self.loaded = True
        found = self.index_of(current) if current else None
        if found is not None:
            self.cursor = found
        self.cursor = max(0, min(self.cursor, len(cards) - 1))
        self.redraw()

    def take(self, number: str) -> CardInfo | None:
        """Remove the case ``number`` from this column; the cursor stays at its place."""
        index = self.index_of(number)
        if index is None:
            return None
        card = self.cards.pop(index)
        self.total = max(self.total - 1, 0)
        if index < self.cursor or self.cursor >= len(self.cards):
            self.cursor = max(self.cursor - 1, 0)
        self.redraw()
        return card

    def put(self, card: CardInfo, select: bool) -> None:
        """Insert ``card`` at its sorted place; ``select`` puts the cursor on it."""
        index = insert_sorted(self.cards, card)
        self.total += 1
        if select:
            self.cursor = index
        elif index <= self.cursor and len(self.cards) > 1:
            self.cursor += 1
        self.redraw()

    # -- cursor ------------------------------------------------------------------------
    def move_cursor(self, delta: int) -> None:
        """Move the cursor by ``delta`` cards, staying inside the column."""
        if not self.cards:
            return
        self.cursor = max(0, min(self.cursor + delta, len(self.cards) - 1))
        self.redraw()

    def set_active(self, active: bool) -> None:
        """Mark this column as the one the cursor is in (its selected card stands out)."""
        if active != self.active:
            self.active = active
            self.set_class(active, "-active")

    @property
    def page(self) -> int:
        """How many cards fit."""
        return max(len(self._slots), 1)

    # -- drawing --------------------------------------------------------------------------
    def fit_slots(self, height: int) -> None:
        """Mount or drop slots so that the body shows as many cards as fit."""
        wanted = max(height // SLOT_HEIGHT, 1)
        body = self.query_one(ColumnBody)
        if wanted > len(self._slots):
            new = [CaseCard() for _ in range(wanted - len(self._slots))]
            self._slots.extend(new)
            body.mount(*new)
        elif wanted < len(self._slots):
            for slot in self._slots[wanted:]:
                slot.remove()
            del self._slots[wanted:]
        self.redraw()

    def redraw(self) -> None:
        """Slide the window to the cursor and show its cards in the slots."""
        if not self.is_mounted:
            return
        count = len(self.cards)
        title = f"{self.state.label} {count}"
        if self.total != count:
            title = f"{self.state.label} {count}/{self.total}"
        self.query_one(".column-title", TextLine).update(title)
        page = self.page
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + page:
            self.top = self.cursor - page + 1
        self.top = max(0, min(self.top, max(count - page, 0)))
        for offset, slot in enumerate(self._slots):
            index = self.top + offset
            card = self.cards[index] if index < count else None
            calendar = self.calendar
            due = calendar.badge(card.state, card.due_date) if card and calendar else Due.NONE
            slot.show(
                card,
                due,
                calendar.today if calendar else date.today(),
                self.category_label,
                selected=index == self.cursor,
            )
        position = self.query_one(".column-position", TextLine)
        if not self.loaded:
            position.update(t("board.loading"))
        elif count == 0:
            position.update(t("board.column_empty"))
        elif count > page:
            last = min(self.top + page, count)
            position.update(t("board.position", first=self.top + 1, last=last, count=count))
        else:
            position.update("")

    def visible_numbers(self) -> list[str]:
        """The case numbers on screen in this column, top to bottom."""
        return [slot.number for slot in self._slots if slot.number is not None]

    def relabel(self) -> None:
        """Redraw every text in the current language."""
        self.redraw()
        for slot in self._slots:
            slot.redraw()
