"""Allow ``python -m deskconsole``."""

from deskconsole.cli import main

main()
