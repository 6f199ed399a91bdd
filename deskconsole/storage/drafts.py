"""Drafts: what is being typed, kept on disk so a crash or a slip loses nothing.

A draft is one small JSON file in the data directory, replaced atomically on
every save; it is not part of the store and never holds a finished case.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from deskconsole.storage.files import write_atomic


class DraftFile:
    """One named draft in a data directory."""

    def __init__(self, data_dir: Path, name: str) -> None:
        self.path = data_dir / f"draft-{name}.json"

    def save(self, content: dict[str, Any]) -> None:
        """Replace the draft (atomic; raises ``OSError`` when the disk refuses)."""
        write_atomic(self.path, [json.dumps(content, ensure_ascii=False).encode("utf-8")])

    def load(self) -> dict[str, Any] | None:
        """The saved draft, or ``None``; an unreadable draft is moved aside, not trusted."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_suffix(".damaged"))
            return None
        return raw if isinstance(raw, dict) else None

    def clear(self) -> None:
        """Forget the draft (after the case was saved or the input discarded)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
