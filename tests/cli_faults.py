"""A child process for the CLI fault tests: runs one command again and again, the system
refusing one file-system call in turn (the 1st, the 2nd, ... under a folder), and prints
one JSON line per run: which call failed, the exit code, stdout and stderr.

    python -m tests.cli_faults SPEC.json

SPEC: {"template": dir copied fresh for each run, "work": where the copy goes,
"argv": the command (``{work}`` is replaced by the copy's path), "errnos": [...]}.
A run whose error escaped ``main`` prints ``"escaped": <traceback>``.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import shutil
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import deskconsole.cli as cli
from deskconsole.i18n import catalog

catalog()  # loaded before any call can fail


class Faults:
    """Counts the calls that touch ``under`` and fails the ``fail_at``-th with ``code``."""

    def __init__(self) -> None:
        self.under = ""
        self.fail_at = 0
        self.code = 0
        self.count = 0
        self.failed = ""

    def hit(self, name: str, path: object = None) -> None:
        if path is not None and not os.fsdecode(os.fspath(path)).startswith(self.under):
            return
        self.count += 1
        if self.count == self.fail_at:
            self.failed = f"{name}({path})"
            raise OSError(self.code, os.strerror(self.code), None if path is None else str(path))


FAULTS = Faults()
PATHED = ("open", "mkdir", "replace", "rename", "unlink", "stat", "lstat", "listdir", "scandir")


def _pathed(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def patched(path: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(path, int):
            FAULTS.hit(f"os.{name}", path)
        return real(path, *args, **kwargs)

    return patched


def _fd(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def patched(fd: int, *args: Any, **kwargs: Any) -> Any:
        FAULTS.hit(f"os.{name}")
        return real(fd, *args, **kwargs)

    return patched


def install() -> None:
    for name in PATHED:
        setattr(os, name, _pathed(name, getattr(os, name)))
    for name in ("fsync", "write"):
        setattr(os, name, _fd(name, getattr(os, name)))
    real_open = io.open

    def opened(file: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(file, int):
            FAULTS.hit("open", file)
        return real_open(file, *args, **kwargs)

    io.open = opened  # type: ignore[assignment]
    builtins.open = opened


def run_once(argv: list[str]) -> tuple[int, str, str, str]:
    out, err = io.StringIO(), io.StringIO()
    escaped = ""
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:
            escaped = traceback.format_exc()
            code = -1
    return code, out.getvalue(), err.getvalue(), escaped


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text("utf-8"))
    template, work = Path(spec["template"]), Path(spec["work"])
    install()
    run = 0
    for code in spec["errnos"]:
        fail_at = 1
        while True:
            run += 1
            copy = work / f"run{run}"
            FAULTS.under, FAULTS.fail_at = "\0", 0  # the copy itself is never failed
            shutil.copytree(template, copy, symlinks=True)
            FAULTS.under, FAULTS.fail_at, FAULTS.code = str(copy), fail_at, code
            FAULTS.count, FAULTS.failed = 0, ""
            argv = [a.replace("{work}", str(copy)) for a in spec["argv"]]
            exit_code, out, err, escaped = run_once(argv)
            FAULTS.under = "\0"
            print(
                json.dumps(
                    {
                        "errno": code,
                        "at": fail_at,
                        "failed": FAULTS.failed,
                        "code": exit_code,
                        "out": out,
                        "err": err,
                        "escaped": escaped,
                    }
                ),
                flush=True,
            )
            if not FAULTS.failed:  # every call was tried: the sweep is over
                break
            fail_at += 1


if __name__ == "__main__":
    main(sys.argv[1])
