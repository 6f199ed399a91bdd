"""Matching a name syllable by syllable: the lines the index keeps, the patterns a query
becomes.

The index keeps each name as *position lines*, one for every syllable a match may start
at and every reading of that syllable, each going on to the end of the name. A syllable
is written as its readings (the line's own first, ``/`` between), its character and a
space::

    曾小贤  ->  "zeng/ceng曾 xiao小 xian贤 "   "ceng/zeng曾 xiao小 xian贤 "   (head lines)
                "xiao小 xian贤 "   "xian贤 "                                  (tail lines)

Lines from the first syllable are *head* lines (a match from the surname on), the
others *tail* lines (from a later syllable: the given name). Both are grouped by their
first character (:func:`line_kind`), so a query scans only lines that begin as it does.

A query is a row of tokens (:func:`tokens`), each starting a syllable: a Chinese
character matches its own syllable; a run of letters covers one or more syllables, each
typed whole or by its first letters (``jiangjg``, ``jjguo``). Spaces and apostrophes
start a new syllable. Tone marks and tone numbers are dropped (``jiāng``, ``jiang1``).
:func:`pattern` turns the tokens into one regex per way of matching (:class:`Mode`),
anchored at a line start, so a scan is one ``re.search`` loop over a block's lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from enum import Enum
from functools import lru_cache

from deskconsole.domain.pinyin import (
    Position,
    char_readings,
    name_positions,
    syllable_prefixes,
    syllables,
)

HEAD = "h"
TAIL = "t"
LAST = "$"
WORD = "*"

_REST = "[a-z]*"  # the rest of the reading being typed
_MORE = "(?:/[a-z]+)*"  # the syllable's other readings
_CHAR = "[^\\x00-\\x7f]?"  # its character (none for a word of letters)
_END = _MORE + _CHAR + " "
_PICK = "(?:[a-z]+/)*"  # readings passed over before the one typed
_TONED = re.compile(r"(?:[a-zv]+[1-5]?|[^\x00-\x7f]|[ '])+")
_NAME_QUERY = re.compile(r"(?:[a-zv]+|[\u3400-\u9fff\uf900-\ufaff]|[ '])+")


class Mode(Enum):
    """How the typed syllables must cover the name's."""

    EXACT = "exact"  # every syllable typed whole, to the end of the name
    PREFIX = "prefix"  # syllables typed whole, the last perhaps only begun
    INITIALS = "initials"  # one letter per syllable
    MIXED = "mixed"  # each syllable typed whole or by its first letters


def syllable_text(char: str, readings: tuple[str, ...], first: str | None = None) -> str:
    """``"zeng/ceng曾 "``: the readings (``first`` ahead), the character, a space."""
    ordered = readings if first is None else (first, *(r for r in readings if r != first))
    return "/".join(ordered) + char + " "


@lru_cache(maxsize=131072)
def name_lines(name: str) -> tuple[tuple[str, str], ...]:
    """:func:`position_lines` of a name as ``(kind + second, line)`` (cached: names
    repeat, and a block re-flattens every name it holds when one of them changes).

    The lines from the second syllable on depend only on the syllables from there,
    which many names share (one given name after many surnames): they are made once
    for each such ending (:func:`_tail_lines`)."""
    positions = name_positions(name)
    if not positions:
        return ()
    head = tuple((HEAD + line[0] + second, line) for second, line in _lines_at(positions, 0))
    return head + _tail_lines(positions[1:])


@lru_cache(maxsize=65536)
def _tail_lines(rest: tuple[Position, ...]) -> tuple[tuple[str, str], ...]:
    """The lines of a name that start after its first syllable, from the syllables
    after the first (the same whatever the first was)."""
    return tuple(
        (TAIL + line[0] + second, line)
        for place in range(len(rest))
        for second, line in _lines_at(rest, place)
    )


def position_lines(positions: tuple[Position, ...]) -> Iterator[tuple[str, str, str]]:
    """``(kind, second, line)`` for every syllable a match may start at and each of its
    readings: ``second`` is the first letter of a reading of the next syllable (a line
    is given once for each), ``$`` at the end of the name, ``*`` after a word of letters."""
    for place in range(len(positions)):
        where = HEAD if place == 0 else TAIL
        for second, line in _lines_at(positions, place):
            yield where + line[0], second, line


def _lines_at(positions: tuple[Position, ...], place: int) -> Iterator[tuple[str, str]]:
    """``(second, line)`` of the lines that start at syllable ``place``: one for each of
    its readings (put first) and each first letter of the next syllable's readings."""
    char, readings = positions[place]
    rest = "".join(syllable_text(c, r) for c, r in positions[place + 1 :])
    if not char:
        seconds: Iterable[str] = (WORD,)
    elif place + 1 == len(positions):
        seconds = (LAST,)
    else:
        after_char, after = positions[place + 1]
        seconds = dict.fromkeys(r[0] for r in after) if after else (after_char,)
    for first in readings or (None,):
        line = syllable_text(char, readings, first) + rest
        for second in seconds:
            yield second, line


def buckets(query: list[str], mode: Mode) -> frozenset[str] | None:
    """The ``second`` letters (see :func:`position_lines`) of the lines a match of
    ``query`` in ``mode`` may lie in, or ``None`` for all of them."""
    lead, rest = query[0], query[1:]
    found: set[str] = set()
    if lead.isascii():
        found.add(WORD)
        if mode is Mode.INITIALS and len(lead) > 1:
            return frozenset((*found, lead[1]))
        starts = syllables() if mode in (Mode.EXACT, Mode.PREFIX) else syllable_prefixes()
        found.update(lead[end] for end in range(1, len(lead)) if lead[:end] in starts)
        single = lead in syllable_prefixes()
    else:
        single = True
    if rest:
        found.add(_lead(rest[0]))
    elif mode is Mode.EXACT:
        if not lead.isascii() or lead in syllables():
            found.add(LAST)
    elif single:
        return None
    return frozenset(found)


def _lead(token: str) -> str:
    if token[0].isascii():
        return token[0]
    readings = char_readings(token)
    return readings[0][0] if readings else token


def fold_tones(text: str) -> str:
    """``jiāng`` -> ``jiang``, ``lǚ`` -> ``lv``, ``jiang1 jian4`` -> ``jiang jian``; other
    text as it was."""
    if text.isascii() and not any(c.isdigit() for c in text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    out: list[str] = []
    for char in decomposed:
        if char == "\u0308" and out and out[-1] == "u":
            out[-1] = "v"
        elif not unicodedata.combining(char):
            out.append(char)
    folded = unicodedata.normalize("NFC", "".join(out)).replace("ü", "v")
    if any(c.isdigit() for c in folded):
        if not _TONED.fullmatch(folded) or not any(c.isalpha() for c in folded):
            return text
        folded = re.sub(r"(?<=[a-z])[1-5]", " ", folded).strip()
    return folded


def tokens(text: str) -> list[str] | None:
    """The syllable-starting tokens of a name query, or ``None`` when it is not one
    (digits, other signs): ``江jg`` -> 江, jg; ``ouyang xiulan`` -> ouyang, xiulan."""
    text = fold_tones(text).replace("ü", "v")
    if not text or not _NAME_QUERY.fullmatch(text):
        return None
    found: list[str] = []
    run = ""
    for char in text:
        if "a" <= char <= "z":
            run += char
            continue
        if run:
            found.append(run)
            run = ""
        if char not in " '":
            found.append(char)
    if run:
        found.append(run)
    return found or None


def first_kind(where: str, query: list[str]) -> str:
    """The kind of line (see :func:`position_lines`) a match of ``query`` starts in."""
    return where + _lead(query[0])


def pattern(query: list[str], mode: Mode) -> re.Pattern[str]:
    """The regex that finds lines matching ``query`` in ``mode``, from a line's start."""
    parts = ["\n"]
    open_syllable = False
    for number, token in enumerate(query):
        if open_syllable:
            parts.append(_finish(mode))
        if token[0].isascii():
            parts.append(_letters(token, mode, first=number == 0))
            open_syllable = True
        else:
            parts.append(_character(token, first=number == 0))
            open_syllable = False
    if mode is Mode.EXACT:
        if open_syllable:
            parts.append(_finish(mode))
        parts.append("\n")
    return re.compile("".join(parts))


def _finish(mode: Mode) -> str:
    whole = mode in (Mode.EXACT, Mode.PREFIX)
    return _END if whole else _REST + _END


def _letters(run: str, mode: Mode, first: bool) -> str:
    parts = [run[0] if first else _PICK + run[0]]
    for letter in run[1:]:
        if mode is Mode.INITIALS:
            parts.append(f"{_REST}{_END}{_PICK}{letter}")
        elif mode is Mode.MIXED:
            parts.append(f"(?:{_REST}{_END}{_PICK})?{letter}")
        else:
            parts.append(f"(?:{_END}{_PICK})?{letter}")
    return "".join(parts)


def _character(char: str, first: bool) -> str:
    if not first:
        return f"(?:[a-z]+{_MORE})?{re.escape(char)} "
    readings = char_readings(char)
    lead = re.escape(readings[0]) + _MORE if readings else ""
    return f"{lead}{re.escape(char)} "
