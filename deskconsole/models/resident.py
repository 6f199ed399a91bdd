"""Residents and their addresses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from deskconsole.models.enums import Gender
from deskconsole.models.ids import new_id
from deskconsole.models.masked import MaskedModel, masked_id, masked_phones
from deskconsole.models.phones import normalise_phone
from deskconsole.models.problems import checked
from deskconsole.models.text import (
    clean_text,
    mask_id_number,
    mask_phone,
    nfkc,
    normalise_address_part,
    normalise_id_number,
    normalise_name,
)


class Address(BaseModel):
    """Compound (小区) / building (楼) / unit (单元) / room (室); parts may be blank."""

    model_config = ConfigDict(frozen=True)

    compound: str = ""
    building: str = ""
    unit: str = ""
    room: str = ""

    @field_validator("compound", "building", "unit", "room", mode="before")
    @classmethod
    def _part(cls, value: object, info: object) -> str:
        if value is None:
            return ""
        return checked(normalise_address_part, str(value), info.field_name)  # type: ignore[attr-defined]

    @property
    def is_blank(self) -> bool:
        """True when no part is given."""
        return not (self.compound or self.building or self.unit or self.room)

    @property
    def key(self) -> str:
        """A stable key for the household at this address."""
        return "|".join((self.compound, self.building, self.unit, self.room))

    @property
    def short(self) -> str:
        """``12-2-301`` (building-unit-room), skipping blank parts."""
        return "-".join(p for p in (self.building, self.unit, self.room) if p)

    @property
    def label(self) -> str:
        """``金域华府 12-2-301``."""
        return " ".join(p for p in (self.compound, self.short) if p)

    @property
    def label_zh(self) -> str:
        """``金域华府12号楼2单元301室``."""
        parts = [self.compound]
        if self.building:
            parts.append(f"{self.building}号楼")
        if self.unit:
            parts.append(f"{self.unit}单元")
        if self.room:
            parts.append(f"{self.room}室")
        return "".join(parts)


class Resident(MaskedModel):
    """A resident on the roster, or a walk-in added at the desk; its repr masks the numbers."""

    model_config = ConfigDict(validate_assignment=True, hide_input_in_errors=True)
    MASKED: ClassVar[dict[str, Callable[[Any], Any]]] = {
        "phones": masked_phones,
        "id_number": masked_id,
    }

    id: str = Field(default_factory=new_id)
    name: str
    gender: Gender | None = None
    phones: list[str] = Field(default_factory=list)
    id_number: str | None = None
    address: Address = Field(default_factory=Address)
    notes: str = ""
    created_at: datetime = Field(default_factory=datetime.now)
    updated_at: datetime = Field(default_factory=datetime.now)
    #: When each field last changed (see :mod:`deskconsole.models.versions`).
    versions: dict[str, datetime] = Field(default_factory=dict)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return checked(normalise_name, str(value or ""))

    @field_validator("gender", mode="before")
    @classmethod
    def _gender(cls, value: object) -> object:
        text = nfkc(str(value or "")).lower()
        if not text:
            return None
        aliases = {"男": "male", "m": "male", "女": "female", "f": "female"}
        return aliases.get(text, text)

    @field_validator("phones", mode="before")
    @classmethod
    def _phones(cls, value: object) -> list[str]:
        if value is None or value == "":
            return []
        items = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
        phones: list[str] = []
        for item in items:
            for part in (
                str(item).replace("，", ",").replace("；", ",").replace(";", ",").split(",")
            ):
                if part.strip():
                    phone = checked(normalise_phone, part)
                    if phone not in phones:
                        phones.append(phone)
        return phones

    @field_validator("id_number", mode="before")
    @classmethod
    def _id_number(cls, value: object) -> str | None:
        if value is None or not str(value).strip():
            return None
        return checked(normalise_id_number, str(value))

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, value: object) -> str:
        return clean_text(value, multiline=True)

    @property
    def phone(self) -> str:
        """The first phone number, or an empty string."""
        return self.phones[0] if self.phones else ""

    @property
    def masked_phone(self) -> str:
        """The first phone, masked (``138****8000``)."""
        return mask_phone(self.phone) if self.phone else ""

    @property
    def masked_id_number(self) -> str:
        """The ID number, masked (``370705********1234``)."""
        return mask_id_number(self.id_number) if self.id_number else ""
