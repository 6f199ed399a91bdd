"""Phone numbers: read as residents give them, checked against China's numbering plan.

:func:`normalise_phone` takes what was typed (full-width digits from an IME, spaces,
dashes, brackets, +86 / 0086, a local number without its area code) and returns the
stored form: a mobile as 11 digits (``13905360001``), a landline as area code, dash,
local number (``0536-8756972``). What cannot be a Chinese phone number at all raises
:class:`FieldError`.

Google's libphonenumber (``phonenumbers``) parses the number and knows the plan: which
mobile prefixes are allocated, how many digits each city's numbers have.
:func:`phone_warning` says when the plan holds no such number. That is a warning, not
an error: the resident in front of the desk knows their own number, and the plan's
data may lag behind a new prefix.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber

from deskconsole.i18n import t
from deskconsole.models.text import FieldError, is_mobile, nfkc

REGION = "CN"
COUNTRY_CODE = 86
LOCAL_LENGTHS = (7, 8)

_PHONE_JUNK = re.compile(r"[\s\-()./]")
#: A landline already in its stored form: 010 and 02x are Beijing and the big cities,
#: every other area code has four digits (0536).
_STORED_LANDLINE = re.compile(r"0(?:10|2\d|[3-9]\d\d)-[1-9]\d{6,7}")
_AREA_CODE = re.compile(r"0[1-9]\d{1,2}")


def _digits(raw: str, field: str) -> tuple[str, bool]:
    """The digits of a number with a Chinese country code taken off, and whether one was
    given; another country's code is refused."""
    text = _PHONE_JUNK.sub("", nfkc(raw))
    if not text:
        raise FieldError(field, "err.required")
    international = text.startswith(("+86", "0086"))
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    elif text.startswith("+"):
        raise FieldError(field, "err.phone_foreign")
    if not text.isascii() or not text.isdigit():
        raise FieldError(field, "err.phone_chars")
    return text, international


def _in_plan(national: str) -> PhoneNumber:
    """``national`` (a mobile, or a landline with its 0) as libphonenumber reads it.

    It is given in international form: read as a national number, 179xx and 12xxx at
    the start would be taken for a carrier's dialling prefix and cut off."""
    return phonenumbers.parse(f"+{COUNTRY_CODE}{national.removeprefix('0')}", REGION)


def _parsed(national: str, field: str) -> PhoneNumber:
    """The number as libphonenumber reads it; refused if it is none."""
    try:
        return _in_plan(national)
    except NumberParseException:
        raise FieldError(field, "err.landline") from None


def _area_length(national: str) -> int:
    """How many digits of ``national`` (with its leading 0) are the area code: 3 for 010
    and 02x, 4 for the others, as the plan has it."""
    return 3 if national[1] in "12" else 4


def normalise_phone(raw: str, field: str = "phone", area_code: str = "") -> str:
    """Return a mobile as 11 digits or a landline as ``0536-8756972``.

    A local number given without its area code (7 or 8 digits) gets ``area_code``;
    without one it is kept as it is (``8756972``).
    """
    if _STORED_LANDLINE.fullmatch(raw) or is_mobile(raw):
        return raw  # a stored number read back: nothing to parse
    text, international = _digits(raw, field)
    if international and text.startswith("10"):
        text = "0" + text  # +86 10 ...: Beijing, whose area code is 010
    if text.startswith("1"):
        if is_mobile(text):
            return text
        if len(text) != 11:
            raise FieldError(field, "err.mobile_length", count=len(text))
        raise FieldError(field, "err.mobile_prefix")
    if international and not text.startswith("0"):
        text = "0" + text
    if not text.startswith("0") and len(text) in LOCAL_LENGTHS:
        if not area_code:
            return text
        text = area_code + text
    if not text.startswith("0") or len(text) < 10:
        raise FieldError(field, "err.landline")
    _parsed(text, field)
    split = _area_length(text)
    area, local = text[:split], text[split:]
    if len(local) not in LOCAL_LENGTHS or local.startswith("0"):
        raise FieldError(field, "err.landline")
    return f"{area}-{local}"


def phone_warning(phone: str) -> str | None:
    """Why the numbering plan holds no such number (translated, naming no field), or
    ``None`` when it does. ``phone`` is a stored form; a local number without an area
    code cannot be checked and gets none."""
    if is_mobile(phone):
        if _valid(phone):
            return None
        return t("phone.warn_mobile_prefix", prefix=phone[:3])
    area, _, local = phone.partition("-")
    if not local:
        return None
    if _valid(area + local):
        return None
    others = [n for n in LOCAL_LENGTHS if n != len(local) and _has_length(area, local, n)]
    if others:
        return t("phone.warn_landline_length", area=area, wanted=others[0], count=len(local))
    return t("phone.warn_landline", area=area)


def _has_length(area: str, local: str, length: int) -> bool:
    """Whether the plan has numbers of ``length`` digits in ``area`` that begin like
    ``local``: the same digits cut or padded with a 0."""
    return _valid(area + local[:length].ljust(length, "0"))


def _valid(national: str) -> bool:
    """The numbering plan holds this number."""
    try:
        return bool(phonenumbers.is_valid_number(_in_plan(national)))
    except NumberParseException:
        return False


def normalise_area_code(raw: str) -> str:
    """``0536``, ``536`` or ``０５３６`` -> ``0536``; refuses what is no area code in the
    plan (raises :class:`FieldError` for ``area_code``)."""
    text = _PHONE_JUNK.sub("", nfkc(raw))
    if not text:
        raise FieldError("area_code", "err.required")
    area = text if text.startswith("0") else "0" + text
    if not _AREA_CODE.fullmatch(area) or not _area_in_plan(area):
        raise FieldError("area_code", "phone.err_area_code", area=text)
    return area


def _area_in_plan(area: str) -> bool:
    """The plan knows ``area`` as an area code: some local number after it is valid."""
    for length in LOCAL_LENGTHS:
        for first in "2345678":
            number = _in_plan(area + first * length)
            known = phonenumbers.length_of_geographical_area_code(number)
            if phonenumbers.is_valid_number(number) and known + 1 == len(area):
                return True
    return False
