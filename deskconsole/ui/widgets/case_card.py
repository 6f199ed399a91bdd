"""One card on the case board: number, resident, category, party, age and a due badge.

A card is a slot: a column keeps a few of them and shows in each whichever case
falls at that position of its window, so a column of 1,000 cases mounts only as
many cards as fit on the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.content import Content
from textual.widget import Widget

from deskconsole.domain.board import CardInfo, Due
from deskconsole.i18n import t
from deskconsole.ui.names import shown_name

BADGE_STYLES = {
    Due.OVERDUE: "bold #ffffff on #d70000",
    Due.SOON: "bold #000000 on #ff8700",
    Due.OK: "dim",
    Due.NONE: "dim",
}


def due_text(due_date: date | None, due: Due, today: date) -> str:
    """``late 3d`` / ``due today`` / ``due 12-03`` in the current language."""
    if due_date is None or due == Due.NONE:
        return ""
    if due == Due.OVERDUE:
        return t("board.badge_overdue", days=(today - due_date).days)
    if due_date == today:
        return t("board.badge_today")
    return t("board.badge_due", date=f"{due_date:%m-%d}")


def _line(left: Content, right: Content, width: int) -> Content:
    """``left`` and ``right`` on one line of ``width`` cells; ``left`` is cut to make room,
    ending in "…" (cut by cells: a Chinese character takes two)."""
    room = width - right.cell_length - (1 if right.cell_length else 0)
    if left.cell_length > room:
        left = left.truncate(max(room, 0), ellipsis=True)
    gap = max(width - left.cell_length - right.cell_length, 1 if right.cell_length else 0)
    return Content.assemble(left, " " * gap, right)


def card_lines(
    card: CardInfo,
    due: Due,
    today: date,
    width: int,
    category_label: Callable[[str], str],
) -> Content:
    """The three lines of a card, fitted to ``width`` cells."""
    age_days = (today - card.intake_at.date()).days
    age = Content.styled(t("board.age", days=age_days), "dim")
    first = _line(Content.styled(card.number, "bold"), age, width)
    who = Content.assemble(
        shown_name(card.name) or t("board.no_name"),
        ("  " + category_label(card.category), "italic"),
    )
    second = _line(who, Content(""), width)
    badge_text = due_text(card.due_date, due, today)
    if card.ended_note:
        party = Content.styled(card.ended_note, "italic")
    else:
        party = Content.styled(
            card.party_label or t("board.no_party"), "" if card.party_label else "dim"
        )
    badge = Content.styled(f" {badge_text} ", BADGE_STYLES[due]) if badge_text else Content("")
    third = _line(party, badge, width)
    return Content("\n").join([first, second, third])


class CaseCard(Widget):
    """A card slot; :meth:`show` puts a case in it (or empties it)."""

    DEFAULT_CSS = """
    CaseCard {
        height: 3;
        margin-bottom: 1;
        padding: 0 1;
        background: $boost;
    }
    CaseCard.-empty { background: transparent; }
    CaseCard.-selected { background: $primary-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.card: CardInfo | None = None
        self.due = Due.NONE
        self.today = date.today()
        self.category_label: Callable[[str], str] = str

    @property
    def number(self) -> str | None:
        """The case number shown, or None for an empty slot."""
        return self.card.number if self.card else None

    def show(
        self,
        card: CardInfo | None,
        due: Due,
        today: date,
        category_label: Callable[[str], str],
        selected: bool,
    ) -> None:
        """Show ``card`` here; redraw only when something changed."""
        changed = (card, due, today) != (self.card, self.due, self.today)
        self.card, self.due, self.today, self.category_label = card, due, today, category_label
        self.update_classes({"-empty": card is None, "-selected": selected and card is not None})
        if changed:
            self.refresh()

    def redraw(self) -> None:
        """Render again (after a language switch)."""
        self.refresh()

    def render(self) -> Content:
        if self.card is None:
            return Content("")
        return card_lines(
            self.card, self.due, self.today, self.content_size.width, self.category_label
        )
