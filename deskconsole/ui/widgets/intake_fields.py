"""The intake form's rows and choice lists, in the order of the paper form."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from deskconsole.domain.choices import Choice
from deskconsole.i18n import t
from deskconsole.models import PartyKind, RequestType, Urgency

#: Rows of the form, top to bottom.
FORM_FIELDS = (
    "resident",
    "contact",
    "request_type",
    "category",
    "description",
    "location",
    "urgency",
    "party",
    "party_name",
    "intake_at",
    "outcome",
)

#: alt+<letter> jumps to a row; the letter is shown beside the row's label.
FIELD_KEYS = {
    "resident": "r",
    "contact": "n",
    "request_type": "t",
    "category": "c",
    "description": "d",
    "location": "l",
    "urgency": "u",
    "party": "p",
    "intake_at": "i",
    "outcome": "o",
}

#: Which row shows a problem found in a form field.
PROBLEM_ROW = {"contact_phone": "contact", "contact_name": "contact", "party_kind": "party"}

#: The widget a row's shortcut focuses.
ROW_FOCUS = {"resident": "picker-input", "contact": "f-contact_name", "party": "f-party_kind"}


def field_row(field: str, control: Widget) -> Vertical:
    """A labelled row with room for its error message underneath."""
    return Vertical(
        Horizontal(
            Static("", id=f"label-{field}", classes="field-label"), control, classes="field-line"
        ),
        Static("", id=f"err-{field}", classes="field-error"),
        id=f"row-{field}",
        classes="field-row",
    )


def _enum_choices(members: list[RequestType] | list[Urgency] | list[PartyKind]) -> list[Choice]:
    name = type(members[0]).__name__
    return [
        Choice(m.value, t(f"enum.{name}.{m.value}", "en"), t(f"enum.{name}.{m.value}", "zh"))
        for m in members
    ]


def request_type_choices() -> list[Choice]:
    """Consultation, help, complaint, report, suggestion."""
    return _enum_choices(list(RequestType))


def urgency_choices() -> list[Choice]:
    """Urgent, normal, complex."""
    return _enum_choices(list(Urgency))


def party_choices() -> list[Choice]:
    """Not yet, then each kind of responsible party."""
    blank = Choice("", t("intake.party_later", "en"), t("intake.party_later", "zh"))
    return [blank, *_enum_choices(list(PartyKind))]
