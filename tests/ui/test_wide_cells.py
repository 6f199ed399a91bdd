"""Chinese characters stay whole where one widget's edge falls inside them."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from deskconsole.i18n import set_language
from deskconsole.ui.screens.base import DeskScreen


class _Crowded(DeskScreen):
    """More keys than fit: Textual's footer runs them on under the palette key docked right
    (the console's own footer leaves out what does not fit; any docked widget can do this)."""

    BINDINGS = [Binding(f"f{n}", f"key{n}", f"登记诉求{n}") for n in range(1, 10)]

    def compose(self) -> ComposeResult:
        yield Static("")
        yield Footer(compact=True)


class _App(App[None]):
    def on_mount(self) -> None:
        self.push_screen(_Crowded())


def _paint(line: str, raw: str, row: int) -> str:
    """``line`` as a terminal shows it after writing ``raw`` to it (one row of cells).

    Writing over either half of a double-width character blanks the whole character,
    as terminals do.
    """
    cells: list[str] = []
    for char in line:
        cells.append(char)
        if cell_len(char) == 2:
            cells.append("")
    column, current = 0, 0
    for token in re.findall(r"\x1b\[([0-9;]*)([A-Za-z])|(.)", raw, flags=re.S):
        params, command, char = token
        if command == "H":
            current, column = (int(part) for part in params.split(";"))
            column -= 1
            continue
        if command or current != row:
            continue
        width = cell_len(char)
        for cell in range(column, column + width):
            if cells[cell] == "" and cell > 0:
                cells[cell - 1] = " "
            if cell + 1 < len(cells) and cells[cell + 1] == "":
                cells[cell + 1] = " "
        cells[column] = char
        if width == 2:
            cells[column + 1] = ""
        column += width
    return "".join(cells)


def _footer_line(app: App[None]) -> str:
    return app.screen._compositor.render_strips()[-1].text


async def test_the_palette_key_keeps_every_character_over_the_key_list() -> None:
    set_language("zh")
    app = _App()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = _footer_line(app)
        assert "命令面板" in line, line
        # The key list runs under the palette key (else this test proves nothing).
        palette = app.screen.query_one(".-command-palette").region
        cuts = app.screen._compositor.cuts[-1]
        assert any(palette.x < cut < palette.right - 1 for cut in cuts), (cuts, line)


async def test_a_partial_repaint_writes_the_character_whole() -> None:
    set_language("zh")
    app = _App()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        compositor = app.screen._compositor
        footer = app.screen.query_one(Footer)
        keys = set(footer.query("FooterKey"))
        for key in keys:
            key.refresh()
        compositor.update_widgets(keys)
        update = compositor.render_partial_update()
        assert update is not None
        raw = update.render_segments(Console(width=80, color_system=None, legacy_windows=False))
        line = _paint(_footer_line(app), raw, row=24)
        assert "命令面板" in line, line
