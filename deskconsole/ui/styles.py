"""Find the ``*.tcss`` files: inside the installed package, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

STYLE_FILES = ("app.tcss", "lookup.tcss", "intake.tcss", "board.tcss", "register.tcss")


def styles_dir() -> Path:
    """``deskconsole/styles`` in a wheel; ``<checkout>/styles`` in a source tree."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "styles"
    if shipped.is_dir():
        return shipped
    return package.parent / "styles"


def style_paths() -> list[Path]:
    """Every stylesheet the app loads, in order."""
    directory = styles_dir()
    return [directory / name for name in STYLE_FILES]
