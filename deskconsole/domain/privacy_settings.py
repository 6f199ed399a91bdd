"""The store's personal-data settings: retention, the idle lock and the unlock PIN."""

from __future__ import annotations

from datetime import date

from deskconsole.domain.pin import hash_pin
from deskconsole.models import Settings
from deskconsole.storage import RepositoryAPI


def update_privacy(
    repo: RepositoryAPI,
    *,
    retention_years: int | None = None,
    lock_minutes: int | None = None,
    pin: str | None = None,
    clear_pin: bool = False,
    reminded: date | None = None,
) -> Settings:
    """Save what is given (a new PIN is hashed here; the PIN itself is never stored)."""
    with repo.transaction():
        values = repo.settings.get().model_dump()
        if retention_years is not None:
            values["retention_years"] = retention_years
        if lock_minutes is not None:
            values["lock_idle_minutes"] = lock_minutes
        if pin is not None:
            values["lock_pin"] = hash_pin(pin)
        elif clear_pin:
            values["lock_pin"] = ""
        if reminded is not None:
            values["retention_reminded"] = reminded
        return repo.settings.save(Settings.model_validate(values))
