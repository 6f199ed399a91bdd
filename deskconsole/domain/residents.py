"""Who is who: when two resident records are one person, and a resident with new values.

One rule serves the roster import, the bundle import and the resident form:

- the same ID number is the same person;
- else the same name with one of the same phones, unless both give different ID
  numbers;
- else, when neither an ID number nor a phone is given, the same name at the same
  address.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from deskconsole.i18n import t
from deskconsole.models import Address, Resident, mask_phone

ADDRESS_PARTS = ("compound", "building", "unit", "room")
#: The resident fields a form or a roster row gives, besides the address parts.
VALUE_FIELDS = ("name", "gender", "id_number", "phones", "notes")
_CLEARED: dict[str, Any] = {"gender": None, "id_number": None, "phones": [], "notes": ""}


class MatchedBy(StrEnum):
    """Which part of the rule found the person."""

    ID_NUMBER = "id_number"
    PHONE = "phone"
    ADDRESS = "address"


@dataclass(frozen=True)
class Match:
    """The stored resident (a document) that some values describe, and why."""

    doc: Mapping[str, Any]
    by: MatchedBy
    phone: str = ""  #: the shared phone, for :attr:`MatchedBy.PHONE`

    @property
    def message(self) -> str:
        """Why new values are refused: they describe this resident (phone masked)."""
        name = str(self.doc["name"])
        where = Address.model_validate(self.doc.get("address") or {}).label or t(
            "lookup.no_address"
        )
        if self.by is MatchedBy.ID_NUMBER:
            return t("lookup.same_id_number", name=name, address=where)
        if self.by is MatchedBy.PHONE:
            return t("lookup.same_person", name=name, address=f"{where} {mask_phone(self.phone)}")
        return t("lookup.same_address", name=name, address=where)


def values_of(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A resident document as the values the rule reads (name, ID number, phones, address)."""
    values = {
        "name": doc["name"],
        "id_number": doc.get("id_number"),
        "phones": doc.get("phones") or [],
    }
    values.update(doc.get("address") or {})
    return values


def _address_key(address: Mapping[str, Any] | None) -> str:
    address = address or {}
    return "|".join(str(address.get(p) or "") for p in ADDRESS_PARTS)


class ResidentMatcher:
    """Finds the resident some values describe, among the documents it was given."""

    def __init__(self, docs: Iterable[Mapping[str, Any]]) -> None:
        self.by_id_number: dict[str, Mapping[str, Any]] = {}
        self.by_name_phone: dict[tuple[str, str], Mapping[str, Any]] = {}
        self.by_name_address: dict[tuple[str, str], Mapping[str, Any]] = {}
        for doc in docs:
            self.add(doc)

    def add(self, doc: Mapping[str, Any]) -> None:
        """Let later look-ups find ``doc`` too."""
        if doc.get("id_number"):
            self.by_id_number[doc["id_number"]] = doc
        for phone in doc.get("phones") or ():
            self.by_name_phone.setdefault((doc["name"], phone), doc)
        self.by_name_address.setdefault((doc["name"], _address_key(doc.get("address"))), doc)

    def match(self, values: Mapping[str, Any]) -> Match | None:
        """The resident ``values`` (normalised, as the roster checks them) describe."""
        id_number = values.get("id_number")
        if id_number and id_number in self.by_id_number:
            return Match(self.by_id_number[id_number], MatchedBy.ID_NUMBER)
        for phone in values.get("phones", ()):
            doc = self.by_name_phone.get((values["name"], phone))
            if doc is not None and (not id_number or not doc.get("id_number")):
                return Match(doc, MatchedBy.PHONE, phone)
        if not id_number and not values.get("phones"):
            parts = {p: values.get(p, "") for p in ADDRESS_PARTS}
            doc = self.by_name_address.get((values["name"], _address_key(parts)))
            if doc is not None:
                return Match(doc, MatchedBy.ADDRESS)
        return None

    def find(self, values: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """The document of the resident ``values`` describe, or ``None``."""
        found = self.match(values)
        return found.doc if found is not None else None


def same_person(
    docs: Iterable[Mapping[str, Any]], values: Mapping[str, Any], own_id: str | None = None
) -> Match | None:
    """Another stored resident (not ``own_id``) that ``values`` describe: saving them
    would give one person two records."""
    return ResidentMatcher(d for d in docs if d["id"] != own_id).match(values)


def with_values(
    resident: Resident | Mapping[str, Any],
    values: Mapping[str, Any],
    *,
    clear_missing: bool = False,
) -> Resident:
    """``resident`` with ``values`` (normalised, blanks left out) laid over it.

    A roster row changes only what it gives; a form (``clear_missing``) shows every
    field, so one it leaves out was emptied and is cleared.
    """
    data = resident.model_dump() if isinstance(resident, Resident) else dict(resident)
    for name in VALUE_FIELDS:
        if name in values:
            data[name] = values[name]
        elif clear_missing and name in _CLEARED:
            data[name] = _CLEARED[name]
    address = dict(data.get("address") or {})
    for part in ADDRESS_PARTS:
        if part in values:
            address[part] = values[part]
        elif clear_missing:
            address[part] = ""
    data["address"] = address
    return Resident.model_validate(data)


def new_resident(values: Mapping[str, Any], now: datetime) -> Resident:
    """A resident from normalised values (as the roster checks them)."""
    return Resident(
        name=values["name"],
        gender=values.get("gender"),
        phones=values.get("phones", []),
        id_number=values.get("id_number"),
        address=Address(**{p: values.get(p, "") for p in ADDRESS_PARTS}),
        notes=values.get("notes", ""),
        created_at=now,
        updated_at=now,
    )
