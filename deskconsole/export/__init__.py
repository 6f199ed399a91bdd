"""Register writers: CSV, XLSX, HTML and JSON, headless (used by the CLI and the console).

Each writer module has ``render(register) -> bytes``; :func:`write` puts the bytes in
place atomically (a temporary file, fsync, rename), so a half-written register never
appears under its name, and never inside the store's own folder (:mod:`deskconsole.output`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from deskconsole.domain.register import Register
from deskconsole.export import csv_writer, html_writer, json_writer
from deskconsole.export.files import ExportError, write_atomic
from deskconsole.output import output_path

FORMATS: tuple[str, ...] = ("csv", "xlsx", "html", "json")


def _xlsx(register: Register) -> bytes:
    """The workbook (openpyxl is imported only when one is written: it is slow to load)."""
    from deskconsole.export import xlsx_writer

    return xlsx_writer.render(register)


RENDERERS: dict[str, Callable[[Register], bytes]] = {
    "csv": csv_writer.render,
    "xlsx": _xlsx,
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


FULL_SUFFIX = "-full"
_SAYS_FULL = re.compile(r"(^|[-_. ])full$", re.IGNORECASE)


def default_name(register: Register, fmt: str) -> str:
    """``register-<desk code>-<date>.<ext>`` (``JC+JC2`` for a community of two desks,
    ``street`` for every desk); a one-session register adds the session, an
    unmasked one ends in ``-full`` (``register-JC-2026-11-27-full.xlsx``)."""
    session = f"-{register.session_id[:8]}" if register.session_id else ""
    full = "" if register.masked else FULL_SUFFIX
    return f"register-{register.desk_code}-{register.day.isoformat()}{session}{full}.{fmt}"


def full_name(path: Path) -> Path:
    """``day.xlsx`` -> ``day-full.xlsx``: the unmasked register never takes the name of a
    masked one (a name that already says ``full`` is kept: ``full.csv``, ``day_full.csv``)."""
    if _SAYS_FULL.search(path.stem):
        return path
    return path.with_name(f"{path.stem}{FULL_SUFFIX}{path.suffix}")


def target_path(
    register: Register, fmt: str, path: Path | str | None, cwd: Path | None = None
) -> Path:
    """Where the register goes (:func:`deskconsole.output.output_path`): nothing means the
    default name here, a folder (or a name ending in ``/``) gets the default name; an
    unmasked register named after a file gets ``-full`` added to that name."""
    target = output_path(path, default_name(register, fmt), cwd)
    return target if register.masked else full_name(target)


def write(register: Register, fmt: str, path: Path, data_dir: Path | None = None) -> Path:
    """Write the register in ``fmt`` to ``path`` (see :func:`target_path`) through
    :func:`deskconsole.output.write_output`; ``data_dir`` is the store the file must
    stay out of."""
    return write_atomic(target_path(register, fmt, path), render(register, fmt), data_dir)


__all__ = [
    "FORMATS",
    "ExportError",
    "default_name",
    "full_name",
    "render",
    "target_path",
    "write",
    "write_atomic",
]
