"""Desk sessions (驻点): one sitting of the mobile desk in one compound."""

from __future__ import annotations

from datetime import date, datetime, time

from pydantic import BaseModel, Field, field_validator

from deskconsole.models.ids import new_id


class Visit(BaseModel):
    """A visitor who only asked a question, counted at the desk."""

    at: datetime
    category: str | None = None


class DeskSession(BaseModel):
    """Date, compound, hours, staff on duty, partner units present, visitor tally."""

    id: str = Field(default_factory=new_id)
    desk_code: str = ""  # the desk that held it; empty in stores from before desk codes
    date: date
    compound: str = Field(min_length=1, max_length=60)
    start: time | None = None
    end: time | None = None
    staff: list[str] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list)
    visits: list[Visit] = Field(default_factory=list)
    ended_at: datetime | None = None
    notes: str = ""
    updated_at: datetime = Field(default_factory=datetime.now)

    @field_validator("compound", "notes", mode="before")
    @classmethod
    def _trim(cls, value: object) -> str:
        return str(value or "").strip()

    @field_validator("staff", "partners", mode="before")
    @classmethod
    def _names(cls, value: object) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            items: list[object] = list(value.replace("，", ",").replace("、", ",").split(","))
        elif isinstance(value, list | tuple):
            items = list(value)
        else:
            items = [value]
        return [str(item).strip() for item in items if str(item).strip()]

    def held_by(self, desk_code: str) -> bool:
        """True when this desk held the session (sessions without a code count as ours)."""
        return self.desk_code in ("", desk_code)

    @property
    def is_open(self) -> bool:
        """Started and not yet ended."""
        return self.ended_at is None

    @property
    def visitor_count(self) -> int:
        """How many visitors only asked a question."""
        return len(self.visits)
