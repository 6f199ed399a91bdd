"""Days and times as a clerk types them, for every date field, form and command.

Text is NFKC-normalised first (full-width digits and colons from an IME are plain
ones). A day is ``2026-11-27``, ``2026/11/27``, ``2026.11.27``, ``20261127``,
``2026年11月27日``, or without a year (``11-27``, ``11/27``, ``11月27日``: this year).
A time is ``14:30``, ``9:05``, ``9点30``, ``14时30分`` or ``9点``. Anything else raises
``ValueError``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from deskconsole.models.text import nfkc

_DAY = re.compile(r"(?:(?P<year>\d{4})[-/.年])?(?P<month>\d{1,2})[-/.月](?P<day>\d{1,2})日?")
_COMPACT_DAY = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")
_TIME = re.compile(r"(?P<hour>\d{1,2})(?:[:点时](?P<minute>\d{2})分?|[点时])")
_MOMENT = re.compile(
    r"(?P<day>.+?)(?:(?:\s+|T|(?<=日))(?P<time>\d{1,2}(?:[:点时]\d{2}分?|[点时])))?"
)

#: When a back-dated entry given as a day alone happened: the desk's usual opening.
OPENING = time(9, 0)


def _cleaned(text: str) -> str:
    return re.sub(r"\s+", " ", nfkc(text)).strip()


def parse_day(text: str, today: date) -> date:
    """The day ``text`` names (a day without a year is in ``today``'s year)."""
    cleaned = _cleaned(text).replace(" ", "")
    match = _DAY.fullmatch(cleaned) or _COMPACT_DAY.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"not a day: {text!r}")
    year = int(match["year"]) if match["year"] else today.year
    return date(year, int(match["month"]), int(match["day"]))


def parse_time(text: str) -> time:
    """The time of day ``text`` names (``14:30``, ``9点``)."""
    match = _TIME.fullmatch(_cleaned(text).replace(" ", ""))
    if match is None:
        raise ValueError(f"not a time: {text!r}")
    return time(int(match["hour"]), int(match["minute"] or 0))


def parse_moment(text: str, now: datetime, *, opening: time = OPENING) -> datetime:
    """A day, then optionally a time (``2026-11-27 14:30``, ``11月27日9点``).

    A day alone is now when it is today, else ``opening`` on that day (a page of the
    paper register typed in later).
    """
    match = _MOMENT.fullmatch(_cleaned(text))
    if match is None:
        raise ValueError(f"not a day and time: {text!r}")
    day = parse_day(match["day"], now.date())
    if match["time"]:
        return datetime.combine(day, parse_time(match["time"]))
    if day == now.date():
        return now.replace(second=0, microsecond=0)
    return datetime.combine(day, opening)
