"""Pydantic models and enums of the desk; nothing here imports Textual or storage."""

from deskconsole.models.audit import AuditEntry
from deskconsole.models.case import Case, CaseEvent, ResponsibleParty
from deskconsole.models.dates import parse_day, parse_moment, parse_time
from deskconsole.models.enums import (
    ENDED_STATES,
    OPEN_STATES,
    CaseState,
    EventKind,
    Gender,
    PartyKind,
    RequestType,
    Satisfaction,
    Urgency,
)
from deskconsole.models.erasure import ERASED_NAME, ERASED_TEXT, Erasure
from deskconsole.models.ids import CASE_NUMBER_RE, case_number, case_number_prefix, new_id
from deskconsole.models.problems import Problem, describe, problems
from deskconsole.models.resident import Address, Resident
from deskconsole.models.session import DeskSession, Visit
from deskconsole.models.settings import DEFAULT_CATEGORIES, CategoryDef, Settings
from deskconsole.models.text import FieldError, mask_id_number, mask_phone

__all__ = [
    "CASE_NUMBER_RE",
    "DEFAULT_CATEGORIES",
    "ENDED_STATES",
    "ERASED_NAME",
    "ERASED_TEXT",
    "OPEN_STATES",
    "Address",
    "AuditEntry",
    "Case",
    "CaseEvent",
    "CaseState",
    "CategoryDef",
    "DeskSession",
    "Erasure",
    "EventKind",
    "FieldError",
    "Gender",
    "PartyKind",
    "Problem",
    "RequestType",
    "Resident",
    "ResponsibleParty",
    "Satisfaction",
    "Settings",
    "Urgency",
    "Visit",
    "case_number",
    "case_number_prefix",
    "describe",
    "mask_id_number",
    "mask_phone",
    "new_id",
    "parse_day",
    "parse_moment",
    "parse_time",
    "problems",
]
