"""Files written for people to take away (registers, bundles, problem lists), put in place safely.

- :func:`output_path` turns what the user gave (nothing, a folder, a name ending in ``/``,
  a file) into the file to write;
- :func:`write_output` refuses a target inside a store's own folder (the data dir, its
  backups, or any folder holding a store's snapshot, journal or lock), a symbolic link
  and anything that is not a regular file; then writes a temporary file beside the
  target, fsyncs it and renames it into place, so a half-written file never appears
  under the name. Files are created 0600 and folders 0700, whatever the umask.

Every failure is an :class:`OutputError`: one translated line naming the file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from deskconsole.errors import DeskError, os_reason, shown_path
from deskconsole.i18n import t
from deskconsole.storage.backup import BACKUP_DIR
from deskconsole.storage.journal import JOURNAL_NAME
from deskconsole.storage.lock import LOCK_NAME
from deskconsole.storage.snapshot import SNAPSHOT_NAME

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
#: Any of these in a folder makes it a store's folder.
STORE_MARKERS = (SNAPSHOT_NAME, JOURNAL_NAME, LOCK_NAME)


class OutputError(DeskError):
    """An output file was refused or could not be written; nothing was written there."""


def output_path(out: Path | str | None, default_name: str, cwd: Path | None = None) -> Path:
    """The file to write: ``out`` itself, or ``default_name`` inside it when ``out`` is
    an existing folder or ends with a slash; ``default_name`` here when ``out`` is None."""
    if out is None:
        return (cwd or Path.cwd()) / default_name
    text = os.fspath(out)
    path = Path(text).expanduser()
    try:
        folder = text.endswith(("/", os.sep)) or path.is_dir()
    except OSError as error:
        raise OutputError(
            "out.write_failed", path=shown_path(path), reason=os_reason(error)
        ) from None
    return path / default_name if folder else path


def store_folder(folder: Path, data_dir: Path | None = None) -> Path | None:
    """The store that the (resolved) ``folder`` belongs to, else None: a folder holding
    a store's files, a store's backups folder or anything below it, or ``data_dir``."""
    if _holds_store(folder):
        return folder
    for part in (folder, *folder.parents):
        if part.name == BACKUP_DIR and _holds_store(part.parent):
            return part.parent
    if data_dir is not None:
        home = data_dir.expanduser().resolve()
        if folder == home or folder.is_relative_to(home / BACKUP_DIR):
            return home
    return None


def _holds_store(folder: Path) -> bool:
    return any((folder / marker).exists() for marker in STORE_MARKERS)


def check_target(path: Path, data_dir: Path | None = None) -> Path:
    """``path`` made absolute, or :class:`OutputError` when it must not be written."""
    path = Path(path).expanduser().absolute()
    shown = shown_path(path)
    try:
        info = _lstat(path)
        if info is not None and stat.S_ISLNK(info.st_mode):
            raise OutputError("out.refused_link", path=shown)
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise OutputError("out.write_failed", path=shown, reason=t("os.is_dir"))
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise OutputError("out.refused_special", path=shown)
        store = store_folder(path.parent.resolve(), data_dir)  # links in the folders resolved
    except OSError as error:
        raise OutputError("out.write_failed", path=shown, reason=os_reason(error)) from None
    if store is not None:
        raise OutputError("out.refused_store", path=shown, store=shown_path(store))
    return path


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def make_folders(folder: Path) -> None:
    """Create ``folder`` and any missing parents with mode 0700."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for part in reversed(missing):
        with contextlib.suppress(FileExistsError):
            part.mkdir(mode=PRIVATE_DIR)
            os.chmod(part, PRIVATE_DIR)


def write_output(path: Path, data: bytes | Iterable[bytes], data_dir: Path | None = None) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see the module's description);
    returns the path written."""
    target = check_target(path, data_dir)
    chunks = [data] if isinstance(data, bytes) else data
    temp: str | None = None
    try:
        make_folders(target.parent)
        fd, temp = tempfile.mkstemp(
            prefix=f".{target.name[:100]}.", suffix=".part", dir=target.parent
        )
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE)
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        check_target(target, data_dir)  # nothing slipped in while writing
        os.replace(temp, target)
        temp = None
    except OSError as error:
        raise OutputError(
            "out.write_failed", path=shown_path(target), reason=os_reason(error)
        ) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    # The file is in place whole; a folder that cannot be synced only puts its surviving
    # a power cut in doubt, which is no reason to call the export failed.
    with contextlib.suppress(OSError):
        _fsync_dir(target.parent)
    return target


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
