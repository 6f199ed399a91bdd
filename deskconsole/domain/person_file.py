"""A person's file (个人信息副本): everything the store holds on one resident.

The resident record, their cases with every timeline entry (worded in the file's
language), the erasure if there was one, and the audit entries naming them. Phone
and ID numbers are masked unless the full file is asked for, which needs a reason
and goes on the audit log first (who, when, why), as every export of the file does
(:mod:`deskconsole.export.person` writes it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from deskconsole.domain.timeline import describe
from deskconsole.errors import DeskError
from deskconsole.i18n import Language
from deskconsole.models import (
    AuditEntry,
    Case,
    Erasure,
    FieldError,
    Resident,
    mask_id_number,
    mask_phone,
)
from deskconsole.models.phones import normalise_phone
from deskconsole.models.text import normalise_id_number
from deskconsole.storage import RepositoryAPI

AUDIT_ACTION = "person.export"


class PersonNotFound(DeskError):
    """No resident, or more than one, answers to what was given."""


@dataclass
class PersonFile:
    """One resident's file, ready to be written as JSON or HTML."""

    resident: Resident
    cases: list[Case]
    audit: list[AuditEntry]
    erasure: Erasure | None
    masked: bool
    community: str
    generated_at: datetime
    generated_by: str
    language: Language = "zh"
    #: Category codes mapped to their names in ``language``.
    categories: dict[str, str] = field(default_factory=dict)

    def phone(self, value: str) -> str:
        return mask_phone(value) if self.masked and value else value

    def id_number(self, value: str | None) -> str:
        if not value:
            return ""
        return mask_id_number(value) if self.masked else value

    def to_json(self) -> dict[str, Any]:
        """The file as JSON-ready data (masked as asked)."""
        resident = self.resident.model_dump(mode="json", exclude={"versions"})
        resident["phones"] = [self.phone(p) for p in self.resident.phones]
        resident["id_number"] = self.id_number(self.resident.id_number)
        cases = []
        for case in self.cases:
            doc = case.model_dump(mode="json")
            doc["contact_phone"] = self.phone(case.contact_phone)
            for event, source in zip(doc["events"], case.events, strict=True):
                event["text"] = describe(source, self.language)
            cases.append(doc)
        return {
            "kind": "deskconsole-person-file",
            "community": self.community,
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "generated_by": self.generated_by,
            "masked": self.masked,
            "resident": resident,
            "erasure": self.erasure.model_dump(mode="json") if self.erasure else None,
            "cases": cases,
            "audit": [entry.model_dump(mode="json") for entry in self.audit],
        }

    def encode(self) -> bytes:
        return orjson.dumps(self.to_json(), option=orjson.OPT_INDENT_2) + b"\n"


def find_resident(repo: RepositoryAPI, key: str) -> Resident:
    """The one resident whose record id, phone or ID number is ``key``."""
    key = key.strip()
    found = repo.residents.get(key) if key else None
    if found is not None:
        return found
    matches: dict[str, Resident] = {}
    for normalise, name in ((normalise_phone, "phone"), (normalise_id_number, "id")):
        try:
            value = normalise(key)
        except FieldError:
            continue
        if name == "id":
            resident = repo.residents.by_id_number(value)
            if resident is not None:
                matches[resident.id] = resident
        else:
            for doc in repo.residents.docs():
                if value in doc.get("phones", ()):
                    matches[doc["id"]] = Resident.model_validate(doc)
    if len(matches) == 1:
        return next(iter(matches.values()))
    if matches:
        raise PersonNotFound("privacy.err_ambiguous", given=key, count=len(matches))
    raise PersonNotFound("privacy.err_no_resident", resident=key)


def build_person_file(
    repo: RepositoryAPI, resident_id: str, *, masked: bool, staff: str, now: datetime
) -> PersonFile:
    """Everything the store holds on resident ``resident_id``."""
    resident = repo.residents.get(resident_id)
    if resident is None:
        raise PersonNotFound("privacy.err_no_resident", resident=resident_id)
    settings = repo.settings.get()
    audit = [
        e for e in repo.audit.all() if e.target == resident_id or resident_id in e.detail.values()
    ]
    return PersonFile(
        resident=resident,
        cases=sorted(repo.cases.for_residents({resident_id}), key=lambda c: c.intake_at),
        audit=audit,
        erasure=repo.erasures.get(resident_id),
        masked=masked,
        community=settings.community,
        generated_at=now,
        generated_by=staff,
        language=settings.register_lang,
        categories={
            c.code: (c.zh if settings.register_lang == "zh" else c.en) for c in settings.categories
        },
    )
