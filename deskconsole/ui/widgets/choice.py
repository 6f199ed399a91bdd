"""A row of numbered choices picked by typing: a number, letters, pinyin, or the arrows."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from deskconsole.domain.choices import Choice, match_choice
from deskconsole.i18n import get_language

#: A pause longer than this between two keys starts a new word. Measured between the times the
#: terminal delivered the keys, not when they were handled: keys held while the console was busy
#: still belong together.
TYPEAHEAD_SECONDS = 1.2


class ChoiceField(Widget, can_focus=True):
    """Shows the choice; with focus, every option numbered, the selected one highlighted.

    Type ``2``, ``h``, ``qz`` or ``求`` to pick; left/right (or up/down) step through.
    """

    DEFAULT_CSS = """
    ChoiceField {
        height: auto;
        width: 1fr;
        padding: 0 1;
        background: $boost;
    }
    ChoiceField:focus {
        background: $primary 25%;
    }
    """

    BINDINGS = [
        Binding("left,up", "step(-1)", "choice.key_previous", show=False),
        Binding("right,down", "step(1)", "choice.key_next", show=False),
        Binding("enter", "accept", "choice.key_accept", show=False),
    ]

    value: reactive[str] = reactive("", init=False)

    class Changed(Message):
        """The selected value changed."""

        def __init__(self, field: ChoiceField, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> ChoiceField:
            return self.field

    def __init__(
        self,
        choices: list[Choice],
        value: str = "",
        *,
        moves_on: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.choices = choices
        self.moves_on = moves_on
        self._typed = ""
        self._last_key_at: float | None = None
        self.set_reactive(ChoiceField.value, value)

    @property
    def index(self) -> int | None:
        """The position of the selected value, if any."""
        return next((i for i, c in enumerate(self.choices) if c.value == self.value), None)

    def set_choices(self, choices: list[Choice]) -> None:
        """Replace the options, keeping the value if it is still offered."""
        self.choices = choices
        if self.index is None and self.value:
            self.value = ""
        self.refresh(layout=True)

    def render(self) -> Text:
        language = get_language()
        text = Text()
        if not self.has_focus:
            current = self.index
            if current is None:
                return Text("-", style="dim")
            return Text(self.choices[current].label(language), style="bold")
        for position, choice in enumerate(self.choices):
            if position:
                text.append("  ")
            number = position + 1
            label = choice.label(language)
            key = f"{number % 10} " if number <= 10 else ""
            style = "reverse bold" if choice.value == self.value else ""
            text.append(key, style=style if style else "dim")
            text.append(label, style=style)
        return text

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        if not self.choices:
            return
        current = self.index
        position = 0 if current is None else (current + delta) % len(self.choices)
        self.value = self.choices[position].value

    class Accepted(Message):
        """Enter was pressed in a field made with ``moves_on=False`` (a dialog closes)."""

        def __init__(self, field: ChoiceField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> ChoiceField:
            return self.field

    def action_accept(self) -> None:
        """Enter: keep the choice; in a form, go to the next field at once."""
        if self.moves_on:
            self.screen.focus_next()
        else:
            self.post_message(self.Accepted(self))

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if not character or not character.isprintable() or character == " ":
            if event.key == "backspace":
                self._typed = ""
                event.stop()
            return
        last, self._last_key_at = self._last_key_at, event.time
        paused = last is not None and event.time - last > TYPEAHEAD_SECONDS
        typed = ("" if paused else self._typed) + character
        found = match_choice(self.choices, typed)
        if found is None and len(typed) > 1:
            typed = character
            found = match_choice(self.choices, typed)
        if found is not None:
            self.value = self.choices[found].value
            self._typed = typed
        else:
            self.app.bell()
            self._typed = ""
        event.stop()
        event.prevent_default()

    def on_focus(self) -> None:
        self.refresh(layout=True)

    def on_blur(self) -> None:
        self._typed = ""
        self.refresh(layout=True)
