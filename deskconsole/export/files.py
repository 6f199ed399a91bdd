"""Putting an exported file in place: whole or not at all, never over the store."""

from __future__ import annotations

from pathlib import Path

from deskconsole.output import OutputError, write_output

#: The error of a register that could not be written (refused, or the disk said no).
ExportError = OutputError


def write_atomic(path: Path, data: bytes, data_dir: Path | None = None) -> Path:
    """Write ``data`` to ``path`` through :func:`deskconsole.output.write_output`."""
    return write_output(path, data, data_dir)
