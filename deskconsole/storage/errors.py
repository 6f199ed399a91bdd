"""Errors raised by the store; each names the file and what to do."""

from __future__ import annotations

from pathlib import Path

from deskconsole.errors import DeskError, os_reason, shown_path


def file_of(error: OSError, default: Path) -> Path:
    """The file an OS error concerns (a temp file is named by the file it becomes)."""
    if not error.filename or not isinstance(error.filename, str):
        return default
    name = error.filename
    return Path(name[: -len(".tmp")] if name.endswith(".tmp") else name)


def reason_of(error: OSError) -> str:
    """One translated phrase for what the operating system refused."""
    return os_reason(error).replace("\n", " ")


class StoreError(DeskError):
    """Something is wrong with the store."""


class StoreLockedError(StoreError):
    """Another process owns the store for writing."""

    def __init__(self, data_dir: Path, holder: str) -> None:
        super().__init__("store.locked", data_dir=str(data_dir), holder=holder)
        self.holder = holder


class StoreCorruptError(StoreError):
    """A store file is damaged; it is left untouched."""

    def __init__(self, path: Path, detail: str, backup: Path | None) -> None:
        key = "store.corrupt_with_backup" if backup else "store.corrupt_no_backup"
        super().__init__(
            key,
            path=str(path),
            detail=detail,
            backup=str(backup or ""),
            data_dir=str(path.parent),
        )
        self.path = path
        self.detail = detail
        self.backup = backup


class StoreTooNewError(StoreError):
    """The store was written by a newer version of deskconsole."""

    def __init__(self, path: Path, schema: int, supported: int) -> None:
        super().__init__("store.too_new", path=str(path), schema=schema, supported=supported)


class StoreWriteError(StoreError):
    """A write failed (disk full, read-only); nothing acknowledged was lost."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__("store.write_failed", path=shown_path(path), reason=reason)
        self.path = path
        self.reason = reason

    @classmethod
    def of(cls, path: Path, error: OSError) -> StoreWriteError:
        """The error for ``error`` raised while writing ``path``."""
        return cls(file_of(error, path), reason_of(error))


class StoreOpenError(StoreError):
    """A store file cannot be opened or read (permissions, I/O error, path too long)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__("store.open_failed", path=shown_path(path), reason=reason)
        self.path = path
        self.reason = reason

    @classmethod
    def of(cls, path: Path, error: OSError) -> StoreOpenError:
        """The error for ``error`` raised while opening ``path``."""
        return cls(file_of(error, path), reason_of(error))


class StoreReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__("store.read_only", data_dir=str(data_dir))
