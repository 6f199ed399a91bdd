"""The console's wiring: screens reach each other through the app's messages, and share
what the app owns, never by imports hidden inside functions or a module's globals."""

from __future__ import annotations

import ast
from pathlib import Path

import deskconsole

UI = Path(deskconsole.__file__).parent / "ui"


def _imports_inside_functions(tree: ast.AST) -> list[int]:
    """Lines of imports made in a function body (outside ``if TYPE_CHECKING:``)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    found.append(inner.lineno)
    return found


def test_no_console_module_imports_inside_a_function() -> None:
    offenders = [
        f"{path.relative_to(UI)}:{line}"
        for path in sorted(UI.rglob("*.py"))
        for line in _imports_inside_functions(ast.parse(path.read_text("utf-8")))
    ]
    assert offenders == []


def test_the_console_reads_no_private_screen_stacks() -> None:
    offenders = [
        str(path.relative_to(UI))
        for path in sorted(UI.rglob("*.py"))
        if "_screen_stacks" in path.read_text("utf-8")
    ]
    assert offenders == []


def test_screens_reach_the_console_through_desk_not_app() -> None:
    """Only the console's subclass imports ``ui/app.py``; screens, widgets and commands
    see the app as ``ui/desk.py``'s Desk (even for type checking)."""
    importers = sorted(
        str(path.relative_to(UI))
        for path in UI.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "deskconsole.ui.app"
    )
    assert importers == ["first_start.py"]
