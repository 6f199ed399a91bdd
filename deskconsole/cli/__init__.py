"""Command line: no command opens the console; commands do headless work.

Exit codes: 0 success, 1 a user error or a refusal of the system (one line on stderr:
what and where), 2 wrong usage. Anything unexpected writes a crash report with personal
numbers masked (:mod:`deskconsole.crash`) and prints one line naming it.
"""

from __future__ import annotations

import sys

from deskconsole import crash
from deskconsole.cli import archive_cmds as _archive_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import audit_cmds as _audit_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import bundle_cmds as _bundle_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import db_cmds as _db_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import person_cmds as _person_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import register_cmds as _register_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import roster_cmds as _roster_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import serve_cmds as _serve_cmds  # noqa: F401  (registers commands)
from deskconsole.cli import store_cmds as _store_cmds  # noqa: F401  (registers commands)
from deskconsole.cli.app import app, data_dir_used, forget_data_dir
from deskconsole.errors import DeskError, DiskError


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors and system refusals become one line on stderr and exit 1."""
    crash.install()
    forget_data_dir()
    try:
        app(args=argv, prog_name="deskconsole")
    except DeskError as error:
        _fail(str(error))
    except OSError as error:
        _fail(str(DiskError(error, None if error.filename else data_dir_used())))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # anything unexpected: a masked report, never a traceback
        _fail(crash.report(error))


def _fail(line: str) -> None:
    print(f"deskconsole: {line}", file=sys.stderr)
    sys.exit(1)
