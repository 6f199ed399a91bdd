"""Cases (工单), their timeline events and responsible parties."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from deskconsole.models.enums import (
    CaseState,
    EventKind,
    PartyKind,
    RequestType,
    Satisfaction,
    Urgency,
)
from deskconsole.models.ids import CASE_NUMBER_RE, new_id
from deskconsole.models.masked import MaskedModel, masked_phone
from deskconsole.models.phones import normalise_phone
from deskconsole.models.problems import checked
from deskconsole.models.text import FieldError, clean_text


class ResponsibleParty(BaseModel):
    """Who handles a case: a kind of party, and a name for a department or unit."""

    model_config = ConfigDict(frozen=True)

    kind: PartyKind
    name: str = ""

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return clean_text(value)

    @property
    def label(self) -> str:
        """The name when given, else the kind's label."""
        return self.name or self.kind.label


class CaseEvent(BaseModel):
    """One entry of a case's timeline: a move, a note, a reply, a change."""

    id: str = Field(default_factory=new_id)
    at: datetime
    staff: str = ""
    kind: EventKind
    from_state: CaseState | None = None
    to_state: CaseState | None = None
    note: str = ""
    data: dict[str, str] = Field(default_factory=dict)

    @field_validator("staff", "note", mode="before")
    @classmethod
    def _typed(cls, value: object) -> str:
        return clean_text(value, multiline=True)


def _text(value: object) -> str:
    return clean_text(value, multiline=True)


class Case(MaskedModel):
    """One problem of one resident, or of a place for an anonymous walk-in; its repr masks
    the contact phone."""

    model_config = ConfigDict(validate_assignment=True, hide_input_in_errors=True)
    MASKED: ClassVar[dict[str, Callable[[Any], Any]]] = {"contact_phone": masked_phone}

    number: str
    desk_code: str
    intake_at: datetime
    session_id: str | None = None
    staff: str = ""
    resident_id: str | None = None
    contact_name: str = ""
    contact_phone: str = ""
    request_type: RequestType
    category: str
    description: str = Field(min_length=1, max_length=4000)
    location: str = ""
    urgency: Urgency = Urgency.NORMAL
    party: ResponsibleParty | None = None
    due_date: date | None = None
    state: CaseState = CaseState.REGISTERED
    outcome: str = ""
    reply: str = ""
    satisfaction: Satisfaction | None = None
    end_reason: str = ""
    redirect_to: str = ""
    duplicate_of: str | None = None
    solved_on_spot: bool = False
    events: list[CaseEvent] = Field(default_factory=list)
    updated_at: datetime = Field(default_factory=datetime.now)

    @field_validator("number", "duplicate_of")
    @classmethod
    def _number(cls, value: str | None) -> str | None:
        if value is not None and not CASE_NUMBER_RE.fullmatch(value):
            return checked(_bad_number, value)
        return value

    @field_validator(
        "description",
        "location",
        "outcome",
        "reply",
        "end_reason",
        "redirect_to",
        "contact_name",
        "staff",
        mode="before",
    )
    @classmethod
    def _trim(cls, value: object) -> str:
        return _text(value)

    @field_validator("contact_phone", mode="before")
    @classmethod
    def _contact_phone(cls, value: object) -> str:
        text = _text(value)
        return checked(normalise_phone, text, "contact_phone") if text else ""

    @property
    def day(self) -> date:
        """The intake date."""
        return self.intake_at.date()

    def is_overdue(self, today: date) -> bool:
        """Not yet resolved and past its due date."""
        return self.state.is_open and self.due_date is not None and today > self.due_date

    @property
    def last_event(self) -> CaseEvent | None:
        """The newest timeline entry."""
        return max(self.events, key=lambda e: e.at) if self.events else None


def _bad_number(value: str) -> str:
    raise FieldError("number", "err.case_number", number=value)
