"""Erasures (tombstones): a resident whose personal data was deleted, and why.

A tombstone names the person only by record ids (this desk's and the other desks'
ids known for them), never by a name or a number, so it can travel in bundles and
live in a ledger that outlasts every backup.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, field_validator

#: What an erased resident is called, in the store and on the register.
ERASED_NAME = "已删除的居民"
#: What replaces a case's free text (description) once its resident is erased.
ERASED_TEXT = "（个人信息已删除）"


class Erasure(BaseModel):
    """The personal data of resident ``resident_id`` (also known as ``other_ids``) was
    erased at ``at`` by ``staff`` for ``reason``; it cannot be undone."""

    resident_id: str = Field(min_length=1)
    other_ids: list[str] = Field(default_factory=list)
    at: datetime
    staff: str = ""
    reason: str = Field(min_length=1, max_length=500)
    desk_code: str = ""

    @field_validator("reason", "staff", mode="before")
    @classmethod
    def _trim(cls, value: object) -> str:
        return str(value or "").strip()

    @property
    def ids(self) -> frozenset[str]:
        """Every record id this erasure covers."""
        return frozenset((self.resident_id, *self.other_ids))

    def merged(self, other: Erasure) -> Erasure:
        """Two records of one erasure made one: the earliest account of it, with every
        id either knew (the same whichever side merges)."""
        if other.resident_id != self.resident_id:
            raise ValueError("not the same erasure")
        first = min(self, other, key=lambda e: (e.at, e.staff, e.reason, e.desk_code))
        ids = sorted((self.ids | other.ids) - {self.resident_id})
        return first.model_copy(update={"other_ids": ids})

    def covering(self, ids: set[str] | frozenset[str]) -> Erasure:
        """This erasure extended to cover ``ids`` as well."""
        extra = sorted((self.ids | ids) - {self.resident_id})
        return self if extra == self.other_ids else self.model_copy(update={"other_ids": extra})
