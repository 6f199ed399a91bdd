"""Find and pick a resident inline, with the lookup index: type, arrows, Enter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker

from deskconsole.domain.search import Hit, ResidentIndex
from deskconsole.i18n import t
from deskconsole.models import ERASED_NAME, Gender
from deskconsole.ui.key_gate import hold_keys
from deskconsole.ui.literal import visible

if TYPE_CHECKING:
    from deskconsole.ui.desk import Desk
    from deskconsole.ui.resident_search import ResidentSearch

HIT_LIMIT = 8


def live_hits(index: ResidentIndex, text: str, limit: int = HIT_LIMIT) -> list[Hit]:
    """Up to ``limit`` residents matching ``text`` who can take a new case: an erased
    resident (``已删除的居民``, nothing personal left) is never offered."""
    asked = limit
    while True:
        hits = index.search(text, asked)
        live = [hit for hit in hits if hit.name != ERASED_NAME]
        if len(live) >= limit or len(hits) < asked:
            return live[:limit]
        asked *= 4  # erased residents took places: look further


def hit_details(hit: Hit, gap: str = "  ") -> str:
    """Gender, address and masked phone, as the picker shows them beside the name."""
    gender = Gender(hit.gender).label if hit.gender else ""
    return visible("".join(gap + part for part in (gender, hit.address, hit.masked_phone) if part))


def open_note(hit: Hit) -> str:
    """``3 open``: the resident's open cases, or nothing."""
    return t("picker.open_cases", count=hit.open_cases) if hit.open_cases else ""


def hit_label(hit: Hit) -> Text:
    """One result row: name, gender, address, masked phone, open cases."""
    text = Text()
    text.append(visible(hit.name), style="bold")
    text.append(hit_details(hit))
    if hit.open_cases:
        text.append("  " + open_note(hit), style="yellow")
    return text


def summary_line(hit: Hit, width: int) -> Content:
    """The chosen resident beside the name, on one line of ``width`` cells: the open
    cases whole, the details closer together and then cut with "…" when they do not fit."""
    note = Content.styled(open_note(hit), "yellow")
    room = width - (note.cell_length + 2 if note.cell_length else 0)
    details = Content(hit_details(hit))
    if details.cell_length > room:
        details = Content(hit_details(hit, " "))
    if details.cell_length > room:
        details = details.truncate(max(room, 0), ellipsis=True)
    if not note.cell_length:
        return details
    return Content.assemble(details, "  ", note)


class PickedSummary(Widget):
    """What the picker shows of the chosen resident, always on one line."""

    DEFAULT_CSS = "PickedSummary { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hit: Hit | None = None

    def show(self, hit: Hit | None) -> None:
        self.hit = hit
        self.refresh(layout=True)

    def render(self) -> Content:
        return summary_line(self.hit, self.content_size.width) if self.hit else Content("")


class ResidentPicker(Vertical):
    """An input that searches residents as you type and a short list of hits."""

    DEFAULT_CSS = """
    ResidentPicker { height: auto; }
    ResidentPicker > Horizontal { height: auto; }
    ResidentPicker #picker-summary { width: auto; padding: 0 1; color: $text-muted; }
    ResidentPicker.-chosen #picker-summary { width: 1fr; padding: 0 0 0 1; }
    ResidentPicker OptionList { max-height: 9; display: none; }
    ResidentPicker.-searching OptionList { display: block; }
    """

    BINDINGS = [
        Binding("down", "hit(1)", "picker.key_choose", show=False),
        Binding("up", "hit(-1)", "picker.key_choose", show=False),
    ]

    class Chosen(Message):
        """A resident was chosen (``resident_id``), or the choice was cleared (``""``).

        ``on_choose`` is called first, synchronously, so a form can move the focus
        before the next key is read.
        """

        def __init__(self, picker: ResidentPicker, resident_id: str) -> None:
            super().__init__()
            self.picker = picker
            self.resident_id = resident_id

    def __init__(
        self, *, on_choose: Callable[[str], None] | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.on_choose = on_choose
        self.resident_id = ""
        self._shown_name = ""
        self._shown_text: str | None = None
        self._last_hits: dict[str, Hit] = {}
        #: The text whose hit list Esc closed: its results, arriving late, stay closed.
        self._closed_for: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(placeholder=t("picker.placeholder"), id="picker-input", compact=True)
            yield PickedSummary(id="picker-summary")
        yield OptionList(id="picker-hits", compact=True)

    @property
    def input(self) -> Input:
        return self.query_one("#picker-input", Input)

    @property
    def hits(self) -> OptionList:
        return self.query_one("#picker-hits", OptionList)

    def relabel(self) -> None:
        """Show the placeholder in the current language."""
        self.input.placeholder = t("picker.placeholder")

    def choose(self, hit: Hit | None, *, announce: bool = True) -> None:
        """Take ``hit`` as the resident (``None`` clears the choice)."""
        self._shown_text = None
        self.resident_id = hit.resident_id if hit else ""
        self._shown_name = hit.name if hit else ""
        with self.input.prevent(Input.Changed):
            self.input.value = self._shown_name
            self.input.select_all()  # typing on a chosen resident starts a new search
        self.query_one(PickedSummary).show(hit)
        self.set_class(bool(hit), "-chosen")
        self.remove_class("-searching")
        if announce:
            if self.on_choose is not None:
                self.on_choose(self.resident_id)
            self.post_message(self.Chosen(self, self.resident_id))

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._closed_for = None
        if self.resident_id and event.value != self._shown_name:
            self.resident_id = ""
            self._shown_name = ""
            self.query_one(PickedSummary).show(None)
            self.remove_class("-chosen")
            if self.on_choose is not None:
                self.on_choose("")
            self.post_message(self.Chosen(self, ""))
        text = event.value.strip()
        if not text:
            self.remove_class("-searching")
            return
        self._search(text)

    @property
    def _index_holder(self) -> ResidentSearch:
        return cast("Desk", self.app).resident_search

    @work(thread=True, exit_on_error=False, exclusive=True, group="picker")
    def _search(self, text: str) -> None:
        hits = live_hits(self._index_holder.current(), text)
        self.app.call_from_thread(self._show, text, hits)

    def _show(self, text: str, hits: list[Hit]) -> bool:
        """Show the hits for ``text``; ``False`` if the input has moved on meanwhile."""
        if self.input.value.strip() != text or self.resident_id:
            return False  # a newer keystroke or a choice made meanwhile
        options = self.hits
        options.clear_options()
        if hits:
            options.add_options(Option(hit_label(hit), id=hit.resident_id) for hit in hits)
            options.highlighted = 0
        else:
            options.add_option(Option(Text(t("picker.no_match"), style="dim"), disabled=True))
        self._last_hits = {hit.resident_id: hit for hit in hits}
        self._shown_text = text
        # Not for a field left meanwhile, nor for a list Esc closed before it came.
        self.set_class(self._holds_focus() and self._closed_for != text, "-searching")
        return True

    def action_hit(self, delta: int) -> None:
        if not self.has_class("-searching"):
            return
        options = self.hits
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    @on(Input.Submitted, "#picker-input")
    def _submit(self, event: Input.Submitted) -> None:
        """Enter takes the best hit for the text as it stands now, never an older list."""
        event.stop()
        text = self.input.value.strip()
        if self.resident_id or not text:
            self.screen.focus_next()  # chosen already, or anonymous: move on
        elif self._shown_text == text and self.has_class("-searching"):
            self._take_highlighted()
        else:
            self._find_and_take(text, hold_keys(self.app))

    @work(thread=True, exit_on_error=False, group="picker-enter")
    def _find_and_take(self, text: str, release: Callable[[], None]) -> None:
        """Search for ``text`` while keys wait, then take the first hit."""
        try:
            hits = live_hits(self._index_holder.current(), text)
            self.app.call_from_thread(self._take_first, text, hits)
        finally:
            self.app.call_from_thread(release)

    def _take_first(self, text: str, hits: list[Hit]) -> None:
        if self._show(text, hits) and hits:
            self.choose(hits[0])

    @on(OptionList.OptionSelected, "#picker-hits")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._take_highlighted()

    def _take_highlighted(self) -> None:
        options = self.hits
        if options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        hit = self._last_hits.get(option.id or "")
        if hit is not None:
            self.choose(hit)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed search goes to the app's one error handler."""
        handler = getattr(self.app, "worker_changed", None)
        if handler is not None:
            handler(event)

    @on(events.DescendantBlur)
    def _left(self) -> None:
        """The hit list belongs to the field: it closes once the focus has moved on."""
        self.call_after_refresh(self._close_if_left)

    def _close_if_left(self) -> None:
        if not self._holds_focus():
            self.remove_class("-searching")

    def _holds_focus(self) -> bool:
        focused = self.screen.focused if self.is_attached else None
        return focused is not None and self in focused.ancestors_with_self

    def close_hits(self) -> bool:
        """Hide the hit list, and keep it hidden when its results arrive late (until the
        text changes); ``True`` if it was open."""
        self._closed_for = self.input.value.strip()
        if self.has_class("-searching"):
            self.remove_class("-searching")
            return True
        return False
