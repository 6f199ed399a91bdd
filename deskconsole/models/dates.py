"""Days and times as a clerk types them, for every date field, form and command.

Text is NFKC-normalised first (full-width digits and colons from an IME are plain
ones). A day is ``2026-11-27``, ``2026/11/27``, ``2026.11.27``, ``20261127``,
``2026年11月27日`` (or ``27号``), without a year (``11-27``, ``11/27``, ``11月27日``: this
year), or ``今天`` / ``昨天`` / ``前天`` (``today``, ``yesterday``). A time is ``14:30``,
``9:05``, ``14:30:00``, ``9点30``, ``14时30分``, ``9点`` or ``9点半``, after ``上午`` /
``下午`` / ``晚上`` / ``中午`` (``下午2点`` is 14:00) or before ``am`` / ``pm``. A moment is a
day, then optionally a time; a time alone is today. Anything else raises ``ValueError``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from deskconsole.models.text import nfkc

_DAY = re.compile(r"(?:(?P<year>\d{4})[-/.年])?(?P<month>\d{1,2})[-/.月](?P<day>\d{1,2})[日号]?")
_COMPACT_DAY = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "today": 0, "昨天": 1, "昨日": 1, "yesterday": 1, "前天": 2}
_HALF = r"(?:上午|早上|中午|下午|晚上)?"
_CLOCK = r"\d{1,2}(?:(?:[:点时]\d{2}(?::\d{2})?分?|[点时]半?)(?:\s?[ap]m)?|\s?[ap]m)"
_TIME = re.compile(
    r"(?P<half>上午|早上|中午|下午|晚上)?(?P<hour>\d{1,2})"
    r"(?:[:点时](?P<minute>\d{2})(?::(?P<second>\d{2}))?分?|[点时](?P<half_hour>半)?)?"
    r"(?P<ampm>am|pm)?"
)
_MOMENT = re.compile(rf"(?P<day>.+?)(?:(?:\s+|t|(?<=[日号天]))(?P<time>{_HALF}{_CLOCK}))?")
_AFTERNOON = ("下午", "晚上", "pm")

#: When a back-dated entry given as a day alone happened: the desk's usual opening.
OPENING = time(9, 0)


def _cleaned(text: str) -> str:
    return re.sub(r"\s+", " ", nfkc(text)).strip()


def parse_day(text: str, today: date) -> date:
    """The day ``text`` names (a day without a year is in ``today``'s year)."""
    cleaned = _cleaned(text).replace(" ", "").lower()
    if cleaned in _RELATIVE_DAYS:
        return date.fromordinal(today.toordinal() - _RELATIVE_DAYS[cleaned])
    match = _DAY.fullmatch(cleaned) or _COMPACT_DAY.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"not a day: {text!r}")
    year = int(match["year"]) if match["year"] else today.year
    return date(year, int(match["month"]), int(match["day"]))


def parse_time(text: str) -> time:
    """The time of day ``text`` names (``14:30``, ``9点``)."""
    match = _TIME.fullmatch(_cleaned(text).replace(" ", "").lower())
    if match is None or match.end("hour") == match.end():  # a bare number is no time
        raise ValueError(f"not a time: {text!r}")
    hour = int(match["hour"])
    half = match["half"] or match["ampm"]
    if half in _AFTERNOON and 1 <= hour < 12:
        hour += 12
    elif half == "中午" and hour < 6:
        hour += 12  # 中午1点 is 13:00
    elif half == "am" and hour == 12:
        hour = 0
    if (half and hour > 23) or (match["ampm"] and int(match["hour"]) > 12):
        raise ValueError(f"not a time: {text!r}")
    minute = 30 if match["half_hour"] else int(match["minute"] or 0)
    return time(hour, minute, int(match["second"] or 0))


def parse_moment(text: str, now: datetime, *, opening: time = OPENING) -> datetime:
    """A day, then optionally a time (``2026-11-27 14:30``, ``11月27日9点``).

    A day alone is now when it is today, else ``opening`` on that day (a page of the
    paper register typed in later).
    """
    cleaned = _cleaned(text).lower()
    if _TIME.fullmatch(cleaned.replace(" ", "")):
        return datetime.combine(now.date(), parse_time(cleaned))  # a time alone: today
    match = _MOMENT.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"not a day and time: {text!r}")
    day = parse_day(match["day"], now.date())
    if match["time"]:
        return datetime.combine(day, parse_time(match["time"]))
    if day == now.date():
        return now.replace(second=0, microsecond=0)
    return datetime.combine(day, opening)
