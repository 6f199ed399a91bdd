"""Register writers: CSV, XLSX, HTML and JSON, headless (used by the CLI and the console).

Each writer module has ``render(register) -> bytes``; :func:`write` puts the bytes in
place atomically (a temporary file, fsync, rename), so a half-written register never
appears under its name, and never inside the store's own folder (:mod:`deskconsole.output`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from deskconsole.domain.register import Register
from deskconsole.export import csv_writer, html_writer, json_writer, xlsx_writer
from deskconsole.export.files import ExportError, write_atomic
from deskconsole.output import output_path

FORMATS: tuple[str, ...] = ("csv", "xlsx", "html", "json")

RENDERERS: dict[str, Callable[[Register], bytes]] = {
    "csv": csv_writer.render,
    "xlsx": xlsx_writer.render,
    "html": html_writer.render,
    "json": json_writer.render,
}


def render(register: Register, fmt: str) -> bytes:
    """The register in ``fmt`` as bytes."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown register format {fmt!r}; use one of {FORMATS}") from None
    return renderer(register)


def default_name(register: Register, fmt: str) -> str:
    """``register-<desk code>-<date>.<ext>``; a one-session register adds the session."""
    session = f"-{register.session_id[:8]}" if register.session_id else ""
    return f"register-{register.desk_code}-{register.day.isoformat()}{session}.{fmt}"


def write(register: Register, fmt: str, path: Path, data_dir: Path | None = None) -> Path:
    """Write the register in ``fmt`` to ``path`` (a folder gets the default name);
    ``data_dir`` is the store the file must stay out of."""
    target = output_path(path, default_name(register, fmt))
    return write_atomic(target, render(register, fmt), data_dir)


__all__ = ["FORMATS", "ExportError", "default_name", "render", "write", "write_atomic"]
