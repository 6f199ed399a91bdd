"""What a timeline event says, in the language of whoever reads it.

An event stores what happened as data: its kind, the states it moved between and
its parameters (``data``). The words are made when the event is shown or
exported, so a case taken in an English console reads in Chinese on the next
clerk's screen, and two desks merging their timelines store the very same
events. ``note`` holds only what a person typed (a reason, an outcome, a note).

Events saved before this carried generated text in ``note`` (a back-dating
remark, a repeated report, a merge conflict); that text is kept as it is and
shown as their note.
"""

from __future__ import annotations

import orjson

from deskconsole.i18n import Language, has_key, t
from deskconsole.models import CaseEvent, EventKind, PartyKind

#: CREATED: when a case back-dated from a paper page was typed in (``YYYY-MM-DD HH:MM``).
TYPED_AT = "typed_at"
#: NOTE: the note is a report made again at the desk, added to this open case.
REPORTED_AGAIN = "reported_again"
#: CONFLICT: the two values as JSON (older conflict events hold ``kept``/``other`` text).
KEPT_VALUE, OTHER_VALUE = "kept_value", "other_value"

_ENUM_FIELDS = {
    "state": "CaseState",
    "request_type": "RequestType",
    "urgency": "Urgency",
    "satisfaction": "Satisfaction",
}


def field_label(name: str, language: Language | None = None) -> str:
    """A case field's label (``Description``), or its name when it has none."""
    key = f"field.{name}"
    return t(key, language) if has_key(key) else name


def value_text(name: str, value: object, language: Language | None = None) -> str:
    """A case field's JSON value as a person reads it."""
    if value is None or value == "":
        return "-"
    if name == "party" and isinstance(value, dict):
        kind = str(value.get("kind", ""))
        return str(value.get("name") or t(f"enum.PartyKind.{kind}", language))
    if name in _ENUM_FIELDS:
        return t(f"enum.{_ENUM_FIELDS[name]}.{value}", language)
    if isinstance(value, bool):
        return t("case.yes" if value else "case.no", language)
    return str(value)


def conflict_values(event: CaseEvent, language: Language | None = None) -> tuple[str, str]:
    """The kept and the other value of a CONFLICT event, as text."""
    data = event.data
    name = data.get("field", "")
    if KEPT_VALUE in data:
        return tuple(  # type: ignore[return-value]
            value_text(name, orjson.loads(data.get(key, "null")), language)
            for key in (KEPT_VALUE, OTHER_VALUE)
        )
    return data.get("kept", "") or "-", data.get("other", "") or "-"


def describe(event: CaseEvent, language: Language | None = None) -> str:
    """What happened, in ``language`` (the current one by default); the note goes beside."""
    data = event.data

    def label(enum: str, value: str) -> str:
        return t(f"enum.{enum}.{value}", language)

    kind_label = label("EventKind", event.kind.value)
    if event.kind == EventKind.MOVED and event.to_state is not None:
        source = label("CaseState", event.from_state.value) if event.from_state else ""
        target = label("CaseState", event.to_state.value)
        text = t("case.event_moved", language, source=source, target=target)
        extra = []
        if "party" in data:
            extra.append(t("case.event_party", language, party=party_text(data["party"], language)))
        if "due_date" in data:
            extra.append(t("case.event_due", language, due=data["due_date"]))
        if "satisfaction" in data:
            extra.append(label("Satisfaction", data["satisfaction"]))
        if "redirect_to" in data:
            extra.append(t("case.event_redirect", language, where=data["redirect_to"]))
        if "duplicate_of" in data:
            extra.append(t("case.event_duplicate", language, number=data["duplicate_of"]))
        return f"{text} ({'; '.join(extra)})" if extra else text
    if event.kind == EventKind.CREATED and TYPED_AT in data:
        return t("case.event_backdated", language, kind=kind_label, typed_at=data[TYPED_AT])
    if event.kind == EventKind.NOTE and REPORTED_AGAIN in data:
        return t("case.event_reported_again", language)
    if event.kind == EventKind.PARTY:
        old = party_text(data.get("from", "-"), language)
        new = party_text(data.get("to", ""), language)
        return t("case.event_party_changed", language, old=old, new=new)
    if event.kind == EventKind.DUE:
        return t(
            "case.event_due_changed", language, old=data.get("from", "-"), new=data.get("to", "")
        )
    if event.kind == EventKind.LINKED:
        return t("case.event_linked", language, number=data.get("case", ""))
    if event.kind == EventKind.REVEALED:
        field = t(f"field.{data.get('field', 'phone')}", language)
        return t("case.event_revealed", language, field=field)
    if event.kind == EventKind.FOLLOWUP and "attempt" in data:
        return t("case.event_call", language, attempt=data["attempt"])
    if event.kind == EventKind.CONFLICT and "field" in data:
        kept, other = conflict_values(event, language)
        return t(
            "case.event_conflict",
            language,
            field=field_label(data["field"], language),
            kept=kept,
            kept_by=data.get("kept_by", "") or "-",
            other=other,
            other_by=data.get("other_by", "") or "-",
        )
    return kind_label


def party_text(text: str, language: Language | None = None) -> str:
    """A party as an event stored it: a unit's name stays; a kind of party (stored as its
    label in the writer's language) reads in the reader's."""
    for kind in PartyKind:
        key = f"enum.PartyKind.{kind.value}"
        if text in (t(key, "en"), t(key, "zh")):
            return t(key, language)
    return text
