"""Command line: no command opens the console; commands do headless work.

Exit codes: 0 success, 1 a user error (one line on stderr), 2 wrong usage.
"""

from __future__ import annotations

import sys

from deskconsole.cli import bundle_cmds as _bundle_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import register_cmds as _register_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import roster_cmds as _roster_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import store_cmds as _store_cmds  # noqa: F401  (registers commands)
from deskconsole.cli.app import app
from deskconsole.errors import DeskError


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors become one line on stderr and exit code 1."""
    try:
        app(args=argv, prog_name="deskconsole")
    except DeskError as error:
        print(f"deskconsole: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
