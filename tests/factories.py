"""Small builders for test data."""

from __future__ import annotations

from datetime import datetime

from deskconsole.models import Case, CaseEvent, CaseState, EventKind, RequestType, Resident


def make_resident(name: str = "江建国", **fields: object) -> Resident:
    values: dict[str, object] = {
        "name": name,
        "phones": ["13800138000"],
        "address": {"compound": "金域华府", "building": "12", "unit": "2", "room": "301"},
    }
    values.update(fields)
    return Resident.model_validate(values)


def make_case(number: str = "JC-20261127-001", **fields: object) -> Case:
    at = fields.pop("intake_at", datetime(2026, 11, 27, 9, 40))
    values: dict[str, object] = {
        "number": number,
        "desk_code": number.split("-")[0],
        "intake_at": at,
        "staff": "颜成玉",
        "request_type": RequestType.HELP,
        "category": "property",
        "description": "地下室灯不亮，是开发商遗留问题",
        "events": [
            CaseEvent(at=at, staff="颜成玉", kind=EventKind.CREATED, to_state=CaseState.REGISTERED)
        ],
    }
    values.update(fields)
    return Case.model_validate(values)
