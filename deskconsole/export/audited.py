"""Writing the register to a file, the one way the CLI and the console both use.

A register with full phone and ID numbers leaves the store only on record: the
audit entry (who, when, what, where) is saved durably first, and when it cannot
be, no file is written.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from deskconsole.domain.register import Register, unmasked_export_audit
from deskconsole.export import render, target_path, write_atomic
from deskconsole.output import check_target
from deskconsole.storage import RepositoryAPI


def export_register(
    repo: RepositoryAPI,
    register: Register,
    fmt: str,
    path: Path | str | None,
    *,
    staff: str,
    at: datetime,
) -> Path:
    """Write ``register`` in ``fmt`` to ``path`` (:func:`deskconsole.export.target_path`:
    a folder gets the default name, an unmasked register its own ``-full`` name), never
    into the store's own files; an unmasked one is recorded in the audit log first.
    Returns the file written."""
    target = check_target(target_path(register, fmt, path), repo.data_dir)
    content = render(register, fmt)
    if not register.masked:
        repo.audit.add(unmasked_export_audit(register, fmt, target, staff, at))
    return write_atomic(target, content, repo.data_dir)
