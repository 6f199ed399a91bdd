"""The console's answer to an unexpected error: a masked crash report and one line.

Textual would print a traceback with every local variable (a resident's whole record
among them); instead the report goes to an owner-only file with personal numbers
masked (:mod:`deskconsole.crash`) and the console exits showing the one line that
names it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.css.query import NoMatches

from deskconsole import crash


class CrashGuard:
    """Mixed into the App: replaces Textual's traceback on a fatal error."""

    crash_line: str | None = None

    def crash_dir(self) -> Path | None:
        """Where the report goes; the app's data dir by default."""
        repo = getattr(self, "repo", None)
        return repo.data_dir / crash.CRASH_SUBDIR if repo is not None else None

    def _handle_exception(self, error: Exception) -> None:
        if isinstance(error, NoMatches) and self._quitting():
            # Quitting while a screen was being put up: Textual mounts no children on a
            # closing screen, so its on_mount finds none. The console is ending anyway.
            return
        self.crash_line = crash.report(error, self.crash_dir())
        super()._handle_exception(error)  # type: ignore[misc]

    def _quitting(self) -> bool:
        """Asked to exit, or already shutting down."""
        return bool(getattr(self, "_exit", False)) or not getattr(self, "_running", True)

    def _fatal_error(self) -> None:
        app: Any = self
        app.bell()
        app._exit_renderables.append(Text(f"deskconsole: {self.crash_line}"))
        app._close_messages_no_wait()
