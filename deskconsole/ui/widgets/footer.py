"""The key bar at the bottom of every screen: the keys that fit, the rest one F1 away.

Textual's footer lets keys run off the right edge (at 80 columns the board lost ``m`` and
``[``, and a key half under the palette key cut its Chinese label). This footer keeps the
screen's own keys first, then the mode keys, then the rest; what does not fit is left out,
and F1 then reads "More keys", where the help lists every key of the screen.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from deskconsole.i18n import t

#: The app's keys in the order they give way (the first stays longest); F1 always stays.
APP_KEY_ORDER = ("f2", "f3", "f4", "f5", "f7", "f6", "ctrl+q")
HELP_KEY = "f1"


@dataclass(frozen=True)
class FooterEntry:
    """One key as the footer would show it."""

    binding: Binding
    display: str
    description: str
    enabled: bool
    tooltip: str
    from_app: bool

    @property
    def width(self) -> int:
        """Cells taken in the compact footer: key, space, label, gap."""
        return cell_len(self.display) + 1 + cell_len(self.description) + 1


def fit_entries(entries: list[FooterEntry], width: int) -> tuple[list[FooterEntry], bool]:
    """The entries that fit in ``width`` cells, in their order, and whether any were left out.

    The screen's keys come first (in their order), then the app's in ``APP_KEY_ORDER``;
    the F1 entry is always kept (it leads to the others).
    """

    def rank(entry: FooterEntry) -> tuple[int, int]:
        if entry.binding.key == HELP_KEY:
            return (0, 0)
        if not entry.from_app:
            return (1, entries.index(entry))
        key = entry.binding.key
        return (2, APP_KEY_ORDER.index(key) if key in APP_KEY_ORDER else len(APP_KEY_ORDER))

    kept: set[int] = set()
    used = 0
    for entry in sorted(entries, key=rank):
        if used + entry.width <= width or entry.binding.key == HELP_KEY:
            kept.add(id(entry))
            used += entry.width
    shown = [entry for entry in entries if id(entry) in kept]
    return shown, len(shown) < len(entries)


def footer_entries(app: App[object], active: dict[str, ActiveBinding]) -> list[FooterEntry]:
    """The screen's shown keys in binding order, one per binding (``left,h`` is one key):
    two keys of one action under different names (Esc "Back", F4 "Board") are two entries."""
    entries: dict[tuple[str, str], FooterEntry] = {}
    for item in active.values():
        node, binding, enabled, tooltip = item
        one = (binding.action, binding.description)
        if not binding.show or one in entries:
            continue
        entries[one] = FooterEntry(
            binding=binding,
            display=app.get_key_display(binding),
            description=binding.description,
            enabled=enabled,
            tooltip=tooltip or binding.tooltip,
            from_app=isinstance(node, App),
        )
    return list(entries.values())


class DeskFooter(Footer):
    """Textual's compact footer, showing only the keys that fit."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._width = 0

    def _available(self) -> int:
        return self.size.width or self.app.size.width

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        entries = [
            entry
            for entry in footer_entries(self.app, dict(active))
            if not entry.binding.action.endswith("command_palette")
        ]
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_width = 0
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette_width = 2 + cell_len(self.app.get_key_display(palette.binding))
            palette_width += cell_len(palette.binding.description)
        width = self._available()
        shown, partial = fit_entries(entries, width)
        if partial:
            # F1 now says where the other keys are: fit again with its longer label.
            entries = [
                dataclasses.replace(e, description=t("footer.more"))
                if e.binding.key == HELP_KEY
                else e
                for e in entries
            ]
            shown, partial = fit_entries(entries, width)
        if not partial and sum(e.width for e in shown) + palette_width > width:
            palette = None  # ctrl+p works all the same, and the help lists it
        self._width = width
        for entry in shown:
            yield FooterKey(
                entry.binding.key,
                entry.display,
                entry.description,
                entry.binding.action,
                disabled=not entry.enabled,
                tooltip=entry.tooltip,
            ).data_bind(compact=Footer.compact)
        if palette is not None and not partial and palette_width:
            binding = palette.binding
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not palette.enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width and self._bindings_ready:
            self.call_after_refresh(self.recompose)
