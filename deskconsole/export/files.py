"""Putting an exported file in place: whole or not at all."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from deskconsole.errors import DeskError


class ExportError(DeskError):
    """A register could not be written; says where and why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__("register.write_failed", path=str(path), reason=reason)
        self.path = path
        self.reason = reason


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, fsync it, rename it over ``path``."""
    path = Path(path).expanduser()
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise ExportError(path, error.strerror or str(error)) from None
    return path.resolve()
