"""Normalisation and checks for the text residents give at the desk.

Everything here is pure: it takes what was typed (full-width digits from an IME,
spaces, dashes, country codes) and returns the canonical form, or raises
:class:`FieldError` with a message that names the field.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from deskconsole.i18n import t


class FieldError(ValueError):
    """A value a user typed is wrong; the message names the field and says why."""

    def __init__(self, field: str, key: str, **params: object) -> None:
        self.field = field
        self.key = key
        self.params = params
        super().__init__(self.message())

    def message(self) -> str:
        """The message in the current language, e.g. ``ID number: ...``."""
        return t("err.field", field=t(f"field.{self.field}"), reason=t(self.key, **self.params))


_DOTS = "\u00b7\u2022\u2027\u30fb\u2219\u22c5\u0387\uff65"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"
_MOBILE = re.compile(r"1[3-9]\d{9}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PROVINCES = frozenset(
    (
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
        83,
        91,
    )
)


#: Bidirectional overrides and isolates: they reorder what a reader sees.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Text as typed, without terminal control characters (ESC, BEL ...) or bidirectional
    overrides; tabs become spaces, ``\r\n`` a newline (kept only in ``multiline`` text);
    trimmed."""
    text = str(value or "")
    if not text.isprintable():
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        text = "".join(
            char
            for char in text
            if (char == "\n" and multiline)
            or (char not in _BIDI and unicodedata.category(char) != "Cc")
        )
        if not multiline:
            text = text.replace("\n", " ")
    return text.strip()


def nfkc(text: str) -> str:
    """Fold full-width forms (``１３８``, ``－``) to ASCII and unify dashes; drop control
    characters; trim."""
    folded = unicodedata.normalize("NFKC", clean_text(text))
    for dash in _DASHES:
        folded = folded.replace(dash, "-")
    return folded.strip()


def is_cjk(char: str) -> bool:
    """True for a CJK unified ideograph."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def normalise_name(raw: str) -> str:
    """Trim a name, unify the middle dot of minority names, drop spaces between CJK."""
    name = nfkc(raw)
    for dot in _DOTS:
        name = name.replace(dot, "\u00b7")
    name = re.sub(r"\s*\u00b7\s*", "\u00b7", name)
    name = re.sub(r"\s+", " ", name)
    if name and all(is_cjk(c) or c in " \u00b7" for c in name):
        name = name.replace(" ", "")
    if not name:
        raise FieldError("name", "err.required")
    if len(name) > 40:
        raise FieldError("name", "err.too_long", limit=40)
    if any(c.isdigit() for c in name):
        raise FieldError("name", "err.name_digits")
    if not any(c.isalpha() for c in name):
        raise FieldError("name", "err.name_letters")
    return name


def is_mobile(phone: str) -> bool:
    """True for a normalised mobile number."""
    return bool(_MOBILE.fullmatch(phone))


def id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number_from_15(old: str) -> str | None:
    """A first-generation 15-digit ID number as the 18-character number it became (GB
    11643: the birth year gets ``19`` in front, then the check character is added);
    ``None`` if ``old`` is not 15 digits."""
    text = re.sub(r"\s", "", nfkc(old))
    if len(text) != 15 or not (text.isascii() and text.isdigit()):
        return None
    first17 = text[:6] + "19" + text[6:]
    return first17 + id_check_char(first17)


def gender_of_id_number(id_number: str) -> str | None:
    """``male`` or ``female`` from the 17th character (odd for men), if it is a digit."""
    if len(id_number) != 18 or not id_number[16].isdigit():
        return None
    return "male" if int(id_number[16]) % 2 else "female"


def normalise_id_number(raw: str, today: date | None = None) -> str:
    """Check an 18-character resident ID number (region, birth date, checksum)."""
    text = re.sub(r"\s", "", nfkc(raw)).upper()
    if not text:
        raise FieldError("id_number", "err.required")
    if len(text) != 18:
        raise FieldError("id_number", "err.id_length", count=len(text))
    if (
        not text[:17].isascii()
        or not text[:17].isdigit()
        or not (text[17].isdigit() or text[17] == "X")
    ):
        raise FieldError("id_number", "err.id_chars")
    if int(text[:2]) not in _PROVINCES:
        raise FieldError("id_number", "err.id_region", region=text[:2])
    try:
        birth = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise FieldError("id_number", "err.id_birth", birth=text[6:14]) from None
    if birth.year < 1900 or birth > (today or date.today()):
        raise FieldError("id_number", "err.id_birth", birth=text[6:14])
    if id_check_char(text[:17]) != text[17]:
        raise FieldError("id_number", "err.id_checksum")
    return text


def mask_id_number(id_number: str) -> str:
    """``370705199001011234`` -> ``370705********1234``."""
    if len(id_number) < 10:
        return "*" * len(id_number)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def mask_phone(phone: str) -> str:
    """``13800138000`` -> ``138****8000``; ``0536-8881234`` -> ``0536-***1234``."""
    if is_mobile(phone):
        return phone[:3] + "****" + phone[-4:]
    area, _, local = phone.rpartition("-")
    if len(local) <= 4:
        return phone
    masked = "*" * (len(local) - 4) + local[-4:]
    return f"{area}-{masked}" if area else masked


_BUILDING_SUFFIX = re.compile(r"(号楼|号|栋|幢|楼|座)$")
_UNIT_SUFFIX = re.compile(r"(单元|门)$")
_ROOM_SUFFIX = re.compile(r"(室|号|户)$")


def normalise_address_part(raw: str, part: str) -> str:
    """Trim an address part and drop its usual suffix (``12号楼`` -> ``12``)."""
    text = re.sub(r"\s+", "", nfkc(raw)) if part != "compound" else re.sub(r"\s+", " ", nfkc(raw))
    if part == "building":
        text = _BUILDING_SUFFIX.sub("", text)
    elif part == "unit":
        text = _UNIT_SUFFIX.sub("", text)
    elif part == "room":
        text = _ROOM_SUFFIX.sub("", text)
    if len(text) > 40:
        raise FieldError(part, "err.too_long", limit=40)
    return text
