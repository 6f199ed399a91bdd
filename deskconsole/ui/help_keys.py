"""Which keys a screen offers, grouped for the F1 help: the screen's own, everywhere, editing."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode

from deskconsole.i18n import has_key, t
from deskconsole.i18n.messages.textual_keys import MESSAGES as TEXTUAL_KEYS
from deskconsole.ui.browser_keys import shown_in_help

#: Group order on the help screen: what this screen does first, Textual's editing keys last.
GROUPS = ("screen", "global", "editing")


@dataclass(frozen=True)
class HelpKey:
    """One line of the help: the key as shown, what it does, and a longer explanation."""

    key: str
    description: str
    tooltip: str


def group_of(node: DOMNode, description: str) -> str:
    """``editing`` for Textual's own keys, ``global`` for the console's keys on every
    screen, ``screen`` for the rest (the console's keys are catalog keys, Textual's are
    its English descriptions)."""
    if description in TEXTUAL_KEYS or not has_key(description):
        return "editing"
    return "global" if isinstance(node, App) else "screen"


def help_keys(app: App[object], bindings: dict[str, ActiveBinding]) -> dict[str, list[HelpKey]]:
    """The screen's active bindings as help lines, by group, translated.

    Keys that do the same (``left`` and ``h``) share one line.
    """
    lines: dict[str, dict[tuple[str, str], list[str]]] = {name: {} for name in GROUPS}
    for active in bindings.values():
        binding = active.binding
        description = t(binding.description) if binding.description else ""
        if not description or not shown_in_help(app, binding):
            continue
        tooltip = t(binding.tooltip) if binding.tooltip else ""
        group = (
            "global"
            if binding.action.endswith("command_palette")
            else group_of(active.node, binding.description)
        )
        keys = lines[group].setdefault((description, tooltip), [])
        key = app.get_key_display(binding)
        if key not in keys:
            keys.append(key)
    if app.ENABLE_COMMAND_PALETTE and not any(
        active.binding.action.endswith("command_palette") for active in bindings.values()
    ):
        palette = Binding(app.COMMAND_PALETTE_BINDING, "app.command_palette", "palette")
        lines["global"][(t("help.palette"), t("Open the command palette"))] = [
            app.get_key_display(palette)
        ]
    return {
        group: [HelpKey(" ".join(keys), text, tip) for (text, tip), keys in found.items()]
        for group, found in lines.items()
    }
