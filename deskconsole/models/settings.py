"""Settings kept in the store: the community, the desk code, categories, time limits."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, field_validator

from deskconsole.i18n import Language, get_language
from deskconsole.models.enums import Urgency
from deskconsole.models.ids import DESK_CODE_RE
from deskconsole.models.phones import normalise_area_code
from deskconsole.models.problems import checked


class CategoryDef(BaseModel):
    """One case category: a short code and its names in both languages."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    en: str
    zh: str

    @property
    def label(self) -> str:
        """The name in the current language."""
        return self.zh if get_language() == "zh" else self.en


DEFAULT_CATEGORIES: tuple[CategoryDef, ...] = tuple(
    CategoryDef(code=code, en=en, zh=zh)
    for code, en, zh in (
        ("property", "Property & facilities", "物业设施"),
        ("utilities", "Water, power, gas, heating", "水电气暖"),
        ("environment", "Environment & sanitation", "环境卫生"),
        ("neighbour", "Neighbour dispute", "邻里纠纷"),
        ("civil_affairs", "Civil affairs", "民政事务"),
        ("health", "Family planning & health", "计生卫健"),
        ("social_security", "Social security & employment", "社保就业"),
        ("public_safety", "Public safety", "治安安全"),
        ("housing", "Housing", "住房保障"),
        ("policy", "Policy consultation", "政策咨询"),
        ("other", "Other", "其他"),
    )
)

DEFAULT_URGENCY_DAYS: dict[Urgency, int] = {
    Urgency.URGENT: 1,
    Urgency.NORMAL: 5,
    Urgency.COMPLEX: 15,
}


class Settings(BaseModel):
    """Per-store settings; stored as one document in the store."""

    community: str = "金城社区"
    street: str = "新城街道"
    desk_code: str = "JC"
    desks: dict[str, str] = Field(default_factory=dict)
    """The community of each other desk this store holds cases of, by desk code (named
    by their bundles, or set with ``deskconsole settings --desk-community``)."""
    categories: list[CategoryDef] = Field(default_factory=lambda: list(DEFAULT_CATEGORIES))
    urgency_days: dict[Urgency, int] = Field(default_factory=lambda: dict(DEFAULT_URGENCY_DAYS))
    holidays: list[date] = Field(default_factory=list)
    extra_workdays: list[date] = Field(default_factory=list)
    compounds: list[str] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)
    backups_keep: int = Field(default=14, ge=1, le=365)
    canned_replies: dict[str, list[str]] = Field(default_factory=dict)
    """Reply texts the clerk gives again and again, by category code (常用答复)."""
    register_lang: Language = "zh"
    """Language of the register's headings and labels: an official Chinese record by
    default, whatever the interface language."""
    retention_years: int = Field(default=3, ge=0, le=50)
    """Personal data of residents with no open case and nothing new for this many years
    is due for de-identification (``deskconsole purge``); 0 turns the rule off."""
    archive_after_days: int = Field(default=365, ge=0, le=3650)
    """Cases closed or ended this many days ago leave the live store for the yearly
    archive files beside it (still found by number, resident, day and period); 0 keeps
    every case live."""
    retention_reminded: date | None = None
    """When the console last reminded that residents were due (once a month)."""
    lock_idle_minutes: int = Field(default=5, ge=0, le=240)
    """The console locks itself after this many idle minutes; 0 never."""
    lock_pin: str = ""
    """The staff PIN that unlocks the console, as a salted scrypt hash (never the PIN)."""
    area_code: str = "0536"
    """Given to a local number typed without one (``8756972`` -> ``0536-8756972``); the
    default is the default community's (金城社区, Weifang)."""

    @field_validator("area_code", mode="before")
    @classmethod
    def _area_code(cls, value: object) -> str:
        return checked(normalise_area_code, str(value or ""))

    @field_validator("desk_code")
    @classmethod
    def _desk_code(cls, value: str) -> str:
        value = value.strip().upper()
        if not DESK_CODE_RE.fullmatch(value):
            raise ValueError("desk code must be 2-6 capital letters or digits, e.g. JC")
        return value

    def category(self, code: str) -> CategoryDef | None:
        """The category with this code, if configured."""
        return next((c for c in self.categories if c.code == code), None)

    def category_label(self, code: str) -> str:
        """The category's name in the current language, or its code if unknown."""
        found = self.category(code)
        return found.label if found else code
