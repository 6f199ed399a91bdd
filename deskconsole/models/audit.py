"""Audit entries: who did something that must be answerable (unmasked export, corrections)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from deskconsole.models.ids import new_id


class AuditEntry(BaseModel):
    """One recorded action: time, staff, what, on what, details."""

    id: str = Field(default_factory=new_id)
    at: datetime
    staff: str = ""
    action: str
    target: str = ""
    detail: dict[str, str] = Field(default_factory=dict)
