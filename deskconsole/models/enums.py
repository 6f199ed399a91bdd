"""The fixed vocabularies of the desk: request types, urgency, case states, parties."""

from __future__ import annotations

from enum import StrEnum

from deskconsole.i18n import t


class Labelled(StrEnum):
    """A string enum whose members have a translated label (``enum.<Class>.<value>``)."""

    @property
    def label(self) -> str:
        """The member's name in the current language."""
        return t(f"enum.{type(self).__name__}.{self.value}")


class Gender(Labelled):
    MALE = "male"
    FEMALE = "female"


class RequestType(Labelled):
    CONSULTATION = "consultation"
    HELP = "help"
    COMPLAINT = "complaint"
    REPORT = "report"
    SUGGESTION = "suggestion"


class Urgency(Labelled):
    URGENT = "urgent"
    NORMAL = "normal"
    COMPLEX = "complex"


class CaseState(Labelled):
    REGISTERED = "registered"
    DISPATCHED = "dispatched"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    RETURNED = "returned"
    DUPLICATE = "duplicate"
    WITHDRAWN = "withdrawn"

    @property
    def is_open(self) -> bool:
        """Not yet resolved: the due date still counts."""
        return self in OPEN_STATES

    @property
    def is_ended(self) -> bool:
        """Ended without handling (returned, duplicate, withdrawn)."""
        return self in ENDED_STATES


OPEN_STATES = frozenset({CaseState.REGISTERED, CaseState.DISPATCHED, CaseState.IN_PROGRESS})
ENDED_STATES = frozenset({CaseState.RETURNED, CaseState.DUPLICATE, CaseState.WITHDRAWN})


class PartyKind(Labelled):
    COMMUNITY_OFFICE = "community_office"
    PROPERTY_COMPANY = "property_company"
    HOTLINE_OFFICE = "hotline_office"
    STREET_DEPARTMENT = "street_department"
    OTHER_UNIT = "other_unit"


class Satisfaction(Labelled):
    SATISFIED = "satisfied"
    BASICALLY = "basically"
    UNSATISFIED = "unsatisfied"


class EventKind(Labelled):
    CREATED = "created"
    MOVED = "moved"
    NOTE = "note"
    REPLY = "reply"
    PARTY = "party"
    DUE = "due"
    EDITED = "edited"
    LINKED = "linked"
    REVEALED = "revealed"
    FOLLOWUP = "followup"
    CONFLICT = "conflict"
