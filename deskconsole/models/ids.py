"""Identifiers: random ids for documents, and case numbers ``<desk>-<YYYYMMDD>-<NNN>``."""

from __future__ import annotations

import re
import uuid
from datetime import date

DESK_CODE_RE = re.compile(r"[A-Z][A-Z0-9]{1,5}")
CASE_NUMBER_RE = re.compile(r"(?P<desk>[A-Z][A-Z0-9]{1,5})-(?P<day>\d{8})-(?P<seq>\d{3,4})")


def new_id() -> str:
    """A new random document id (32 hex characters)."""
    return uuid.uuid4().hex


def case_number(desk_code: str, day: date, seq: int) -> str:
    """``case_number("JC", date(2026, 11, 29), 7)`` -> ``JC-20261129-007``."""
    if not DESK_CODE_RE.fullmatch(desk_code):
        raise ValueError(f"desk code {desk_code!r} must be 2-6 capital letters or digits")
    if not 1 <= seq <= 9999:
        raise ValueError(f"case sequence {seq} out of range 1-9999")
    return f"{desk_code}-{day:%Y%m%d}-{seq:03d}"


def case_number_prefix(desk_code: str, day: date) -> str:
    """The part of a case number shared by one desk's cases of one day."""
    return f"{desk_code}-{day:%Y%m%d}-"
