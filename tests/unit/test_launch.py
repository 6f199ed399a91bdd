"""The entry point takes the keyboard early only when the console opens, and gives the
terminal back as it found it."""

from __future__ import annotations

import os
import pty
import termios
from collections.abc import Callable
from typing import Any

import pytest
import typer

from deskconsole import launch
from deskconsole.cli import app


def test_the_entry_knows_every_command_of_the_cli() -> None:
    assert set(typer.main.get_command(app).commands) == launch.COMMANDS  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("argv", "console"),
    [
        ([], True),
        (["--staff", "颜成玉", "--lang", "zh"], True),
        (["--demo"], True),
        (["export", "--day", "2026-11-27"], False),
        (["--data-dir", "/tmp/x", "stats"], False),
        (["--help"], False),
        (["--version"], False),
    ],
)
def test_only_the_console_takes_the_keyboard(argv: list[str], console: bool) -> None:
    assert launch.opens_console(argv) is console


def test_keys_typed_at_start_keep_enter_and_ctrl_s_and_the_terminal_comes_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    leader, follower = pty.openpty()
    at_exit: list[Callable[[], None]] = []
    try:
        with os.fdopen(os.dup(follower), "r") as terminal:
            monkeypatch.setattr("sys.stdin", terminal)
            monkeypatch.setattr(
                launch.atexit, "register", lambda f, *a: at_exit.append(lambda: f(*a))
            )
            before = termios.tcgetattr(follower)
            launch.take_keyboard_early()
            taken: list[Any] = termios.tcgetattr(follower)
            assert not taken[0] & (termios.ICRNL | termios.IXON)
            assert not taken[3] & (termios.ICANON | termios.ECHO)
            os.write(leader, b"jjg\r\x13")  # Enter and ctrl+s, as typed
            assert os.read(follower, 16) == b"jjg\r\x13"
            (put_back,) = at_exit
            put_back()
            assert termios.tcgetattr(follower) == before
    finally:
        os.close(leader)
        os.close(follower)
