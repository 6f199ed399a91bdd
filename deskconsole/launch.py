"""The program's entry point: takes the keyboard before anything else is loaded.

Loading the console takes a second. A clerk who launches it and types a case at once
types into a terminal still in line mode: it turns every Enter into a line feed and
swallows ctrl+s and ctrl+q as flow control, and the case arrives without them. When
the console (no command) is about to open on a terminal, this switches those off at once,
before the rest of the program is imported, and puts the terminal back as it was at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import sys
from typing import Any

#: The CLI's commands: any of them on the command line means no console is opened (a test
#: keeps this the same as the commands the CLI registers).
COMMANDS = frozenset(
    {
        *("audit", "backup", "bundle", "check", "db", "demo", "export", "import-residents"),
        *("person", "privacy", "purge", "restore", "serve", "settings", "stats"),
    }
)
#: Options that print and exit: no console either.
NO_CONSOLE = frozenset({"--help", "-h", "--version"})


def opens_console(argv: list[str]) -> bool:
    """True when the command line opens the console (no command, no --help)."""
    return not any(arg in COMMANDS or arg in NO_CONSOLE for arg in argv)


def take_keyboard_early() -> None:
    """Keys typed from now on reach the console as typed (Enter, ctrl+s, ctrl+q)."""
    try:
        import termios

        fd = sys.stdin.fileno()
        if not sys.stdin.isatty():
            return
        before = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError):
        return  # not a terminal, or none of ours: nothing to take
    taken = list(before)
    taken[0] &= ~(termios.ICRNL | termios.IXON)  # Enter stays Enter; ctrl+s/ctrl+q pass
    taken[3] &= ~(termios.ICANON | termios.ECHO)  # each key at once, not echoed
    try:
        termios.tcsetattr(fd, termios.TCSANOW, taken)
    except OSError:
        return
    atexit.register(_put_back, fd, before)


def _put_back(fd: int, before: list[Any]) -> None:
    import termios

    with contextlib.suppress(OSError):  # the terminal is gone
        termios.tcsetattr(fd, termios.TCSANOW, before)


def main() -> None:
    """``deskconsole``: take the keyboard when the console opens, then run the CLI."""
    if opens_console(sys.argv[1:]):
        take_keyboard_early()
    from deskconsole.cli import main as cli_main

    cli_main()
