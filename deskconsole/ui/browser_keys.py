"""Keys a browser keeps for itself, and the console's alternatives for them.

In a browser tab (``deskconsole serve``) F5 reloads the page, ctrl+w closes the tab and
ctrl+n opens a window before the console hears them. Each has an alternative that
works there and, harmlessly, in a terminal too: ctrl+g opens the register, alt+a adds
a resident who is not on the roster (where ctrl+n does), alt+w deletes the word left of
the cursor in a text field. F1 lists them when the console is served.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.widgets import Input, TextArea

#: The tooltips that mark an alternative: F1 shows these only in a browser.
BROWSER_TIPS = frozenset({"browser.register_tip", "browser.add_tip", "browser.word_tip"})

APP_BINDINGS = [
    Binding(
        "ctrl+g",
        "switch_mode('register')",
        "mode.register",
        tooltip="browser.register_tip",
        show=False,
    ),
    Binding(
        "alt+w",
        "delete_word_left",
        "browser.word",
        tooltip="browser.word_tip",
        show=False,
        priority=True,  # a text field would take it as the letter w
    ),
]


def add_binding(action: str, description: str) -> Binding:
    """alt+a for a screen's ctrl+n (``action``, shown as ``description``)."""
    return Binding(
        "alt+a", action, description, tooltip="browser.add_tip", show=False, priority=True
    )


def served(app: App[object]) -> bool:
    """The console runs in a browser tab (textual-serve's web driver)."""
    return app.is_web


def shown_in_help(app: App[object], binding: Binding) -> bool:
    """An alternative is listed in F1 only where it is needed: in a browser."""
    return binding.tooltip not in BROWSER_TIPS or served(app)


class BrowserKeys:
    """Mixin of the app: the actions behind the alternatives that are not a screen's."""

    def action_delete_word_left(self) -> None:
        """alt+w: what ctrl+w does in the focused text field."""
        focused = self.focused  # type: ignore[attr-defined]
        if isinstance(focused, Input):
            focused.action_delete_left_word()
        elif isinstance(focused, TextArea):
            focused.action_delete_word_left()
