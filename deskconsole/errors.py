"""The error users see: a translated message that says what went wrong and where."""

from __future__ import annotations

import errno

from deskconsole.i18n import t


class DeskError(Exception):
    """An error meant for the user: ``str(error)`` is a complete, translated sentence."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **self.params)


_OS_REASONS: dict[int, str] = {
    errno.ENOSPC: "os.no_space",
    errno.EDQUOT: "os.no_space",
    errno.EROFS: "os.read_only",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.EIO: "os.io",
    errno.ENAMETOOLONG: "os.too_long",
    errno.ENOENT: "os.missing",
    errno.ENOTDIR: "os.not_dir",
    errno.EISDIR: "os.is_dir",
    errno.ELOOP: "os.loop",
}
#: A path longer than this is shortened in messages (its start and its end are kept).
PATH_SHOWN = 160


def os_reason(error: OSError) -> str:
    """Why the system refused, in the user's language (``the disk is full``)."""
    key = _OS_REASONS.get(error.errno or 0)
    if key is not None:
        return t(key)
    return error.strerror or type(error).__name__


def shown_path(path: object) -> str:
    """A path as a message shows it: a very long one is cut in the middle."""
    text = str(path)
    if len(text) <= PATH_SHOWN:
        return text
    return f"{text[:60]}...{text[-(PATH_SHOWN - 63) :]}"


class DiskError(DeskError):
    """The system refused to read or write a file: names the file and says why."""

    def __init__(self, error: OSError, path: object = None) -> None:
        where = path if path is not None else (error.filename or "-")
        super().__init__("os.failed", path=shown_path(where), reason=os_reason(error))
        self.errno = error.errno
