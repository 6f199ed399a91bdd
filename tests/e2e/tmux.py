"""Drive deskconsole in a real terminal: tmux send-keys in, capture-pane out."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """One tmux session running one command."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.name = f"dc-{uuid.uuid4().hex[:8]}"
        width, height = size
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # env -i: the tmux server may have been started by this test run, and the run's
        # environment (COLUMNS=80, LINES=24 under pytest) would otherwise size the app.
        line = f"cd {shlex.quote(str(ROOT))} && env -i {exports} {shlex.join(command)}; sleep 30"
        subprocess.run(
            [
                "tmux",
                "-u",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                line,
            ],
            check=True,
        )

    def screen(self) -> str:
        """The visible text of the pane."""
        result = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        """Send tmux key names (``Enter``, ``C-q``, ``F4``)."""
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        """Type literal text, Chinese included."""
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def burst(self, *parts: str) -> None:
        """Send a whole sequence in one tmux command, as a fast typist or an IME does.

        Each part is a tmux key name (``F3``, ``Enter``, ``C-s``) written ``<F3>``, or
        literal text (``jjg``, ``地下室灯不亮``)."""
        command: list[str] = ["tmux"]
        for part in parts:
            if command[-1] != "tmux":
                command.append(";")
            if part.startswith("<") and part.endswith(">") and len(part) > 2:
                command += ["send-keys", "-t", self.name, part[1:-1]]
            else:
                command += ["send-keys", "-t", self.name, "-l", part]
        subprocess.run(command, check=True)

    def wait_for(self, want: str | Callable[[str], bool], timeout: float = 30.0) -> str:
        """Poll the screen until ``want`` shows (a substring or a predicate)."""
        check = want if callable(want) else (lambda screen: want in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {want!r}; screen was:\n{screen}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def deskconsole_command(*args: str) -> list[str]:
    """Run the console from this checkout's interpreter."""
    return [sys.executable, "-m", "deskconsole", *args]


def terminal_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """A clean environment for the console under test."""
    env = {
        "DESKCONSOLE_DATA_DIR": str(data_dir),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(data_dir)),
        "PYTHONPATH": str(ROOT),
    }
    env.update(extra)
    return env
