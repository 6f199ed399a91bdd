"""Failing or killing the n-th file-system call of a forked child process.

The ``os`` functions the store calls are replaced by counting wrappers. With a plan
``(kind, at)`` the ``at``-th call fails with ENOSPC, EIO or EROFS, or the process is
killed there (a write is first half done, as a crash in the middle of it would leave).
"""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CALLS = (
    "open",
    "read",
    "pread",
    "write",
    "pwrite",
    "fsync",
    "ftruncate",
    "replace",
    "rename",
    "link",
    "unlink",
    "mkdir",
    "rmdir",
)
ERRORS = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO, "EROFS": errno.EROFS}
KINDS = (*ERRORS, "kill")
REAL: dict[str, Callable[..., Any]] = {name: getattr(os, name) for name in CALLS}


@dataclass
class Plan:
    """Which call to break (1-based) and how; ``at=0`` only counts."""

    kind: str = "count"
    at: int = 0
    count: int = 0
    fired: str = ""


def _half_write(name: str, args: tuple[Any, ...]) -> None:
    if name == "write":
        fd, data = args[0], bytes(args[1])
        REAL["write"](fd, data[: len(data) // 2])
    elif name == "pwrite":
        fd, data, offset = args[0], bytes(args[1]), args[2]
        REAL["pwrite"](fd, data[: len(data) // 2], offset)


def _wrap(name: str, plan: Plan) -> Callable[..., Any]:
    real = REAL[name]

    def call(*args: Any, **kwargs: Any) -> Any:
        plan.count += 1
        if plan.count == plan.at:
            plan.fired = name
            if plan.kind == "kill":
                _half_write(name, args)
                os.kill(os.getpid(), signal.SIGKILL)
            if plan.kind == "ENOSPC":
                _half_write(name, args)
            code = ERRORS[plan.kind]
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    return call


def install(plan: Plan) -> None:
    """Route the ``os`` calls through ``plan`` (in the child only: it never returns them)."""
    for name in CALLS:
        setattr(os, name, _wrap(name, plan))
