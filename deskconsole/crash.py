"""An unexpected error: a crash report readable by its owner only, with personal numbers masked.

:func:`report` writes the traceback to ``<data dir>/crashes/crash-<time>-<pid>.txt``
(mode 0600, folder 0700; the temporary folder when the data dir cannot take it) with
every ID number and phone number in it masked, and returns the one line to show.
:func:`install` makes it the ``sys.excepthook`` and ``threading.excepthook``.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from deskconsole.i18n import t

CRASH_SUBDIR = "crashes"

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_DIGIT_RUN = re.compile(r"(?<![\dA-Za-z])\d{3,}(\d{4})(?!\d)")

_crash_dir: Path | None = None


def mask_numbers(text: str) -> str:
    """``370705199001011234`` -> ``370705********1234``, ``13800138000`` ->
    ``138****8000``; any other run of seven or more digits keeps only its last four."""
    text = _ID_NUMBER.sub(lambda m: f"{m[1]}********{m[2]}", text)
    text = _MOBILE.sub(lambda m: f"{m[1]}****{m[2]}", text)
    return _DIGIT_RUN.sub(lambda m: "*" * (len(m[0]) - 4) + m[1], text)


def set_crash_dir(data_dir: Path) -> None:
    """Crash reports go to ``<data_dir>/crashes`` from now on."""
    global _crash_dir
    _crash_dir = data_dir / CRASH_SUBDIR


def report(error: BaseException, where: Path | None = None) -> str:
    """Write the masked crash report; returns the one line that names it."""
    path = save_report(error, where)
    if path is not None:
        return t("crash.report", path=str(path))
    return t("crash.no_report", error=type(error).__name__)


def save_report(error: BaseException, where: Path | None = None) -> Path | None:
    """Write the masked, owner-only report of ``error``; its path, or None if no folder
    would take it."""
    text = mask_numbers("".join(traceback.format_exception(error)))
    for folder in (where or _crash_dir, Path(tempfile.gettempdir())):
        if folder is None:
            continue
        path = _write_private(folder, text)
        if path is not None:
            return path
    return None


def _write_private(folder: Path, text: str) -> Path | None:
    name = f"crash-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    try:
        if not folder.is_dir():
            folder.mkdir(mode=0o700, parents=True)
            os.chmod(folder, 0o700)
        path = folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(text)
        return path
    except OSError:
        return None


def _hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    print(f"deskconsole: {report(error.with_traceback(tb))}", file=sys.stderr)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _hook(args.exc_type, args.exc_value, args.exc_traceback)


def install() -> None:
    """Every uncaught error, in any thread, becomes a crash report and one line."""
    sys.excepthook = _hook
    threading.excepthook = _thread_hook
