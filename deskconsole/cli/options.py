"""The options given before the command, shared by the commands and the console."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Globals:
    """Options given before the command."""

    data_dir: Path | None = None
    lang: str | None = None
    staff: str | None = None
    store: str | None = None
