"""Allow ``python -m deskconsole``."""

from deskconsole.launch import main

main()
