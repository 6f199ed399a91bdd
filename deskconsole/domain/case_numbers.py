"""Finding cases by their number as a clerk says it: whole, or only its tail.

``JC-20260612-007`` (whole), ``20260612-007`` or ``0612-007`` (a day and its sequence, any
desk, the newest year first), ``007`` or ``7`` (that sequence among today's cases).
Full-width digits and lower case (from an IME) are read as typed on a keyboard.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

_WHOLE = re.compile(r"^([A-Z][A-Z0-9]{0,9})-(\d{8})-(\d{1,6})$")
_DAY_SEQ = re.compile(r"^(\d{8}|\d{4})-(\d{1,6})$")
_SEQ = re.compile(r"^\d{1,3}$")

MAX_FOUND = 20


def normalise_number(text: str) -> str:
    """A typed case number (or part of one) in the form numbers are stored in."""
    return unicodedata.normalize("NFKC", text).strip().upper().replace("－", "-")


def looks_like_case_number(text: str) -> bool:
    """True when ``text`` could only be (the tail of) a case number."""
    query = normalise_number(text)
    return bool(_WHOLE.match(query) or _DAY_SEQ.match(query) or _SEQ.match(query))


def _parts(number: str) -> tuple[str, str, int] | None:
    match = _WHOLE.match(number)
    if match is None:
        return None
    return match.group(1), match.group(2), int(match.group(3))


def find_case_numbers(text: str, numbers: Iterable[str], today: date) -> list[str]:
    """The case numbers ``text`` names, newest first (at most ``MAX_FOUND``)."""
    query = normalise_number(text)
    found: list[str] = []
    if _WHOLE.match(query):
        wanted = _parts(query)
        found = [n for n in numbers if _parts(n) == wanted]
    elif match := _DAY_SEQ.match(query):
        day, seq = match.group(1), int(match.group(2))
        for number in numbers:
            parts = _parts(number)
            if parts is not None and parts[1].endswith(day) and parts[2] == seq:
                found.append(number)
    elif _SEQ.match(query):
        seq, day = int(query), f"{today:%Y%m%d}"
        for number in numbers:
            parts = _parts(number)
            if parts is not None and parts[1] == day and parts[2] == seq:
                found.append(number)
    found.sort(key=lambda n: (_parts(n) or ("", "", 0))[1], reverse=True)
    return found[:MAX_FOUND]
