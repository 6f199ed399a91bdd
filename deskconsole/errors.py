"""The error users see: a translated message that says what went wrong and where."""

from __future__ import annotations

from deskconsole.i18n import t


class DeskError(Exception):
    """An error meant for the user: ``str(error)`` is a complete, translated sentence."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **self.params)
