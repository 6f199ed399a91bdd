"""Complete a file path as it is typed, from what is on disk."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester


class PathSuggester(Suggester):
    """Suggests folders, and files whose names end in one of ``suffixes``."""

    def __init__(self, suffixes: tuple[str, ...]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.suffixes = suffixes

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        expanded = os.path.expanduser(value)
        folder, _, stem = expanded.rpartition(os.sep)
        base = Path(folder or ".") if folder or not expanded.startswith(os.sep) else Path("/")
        try:
            names = sorted(os.listdir(base))
        except OSError:
            return None
        for name in names:
            if not name.startswith(stem) or name == stem or name.startswith("."):
                continue
            full = base / name
            if full.is_dir() or name.lower().endswith(self.suffixes):
                return value + name[len(stem) :] + (os.sep if full.is_dir() else "")
        return None
