"""Small dialogs that collect what a move or a change needs; the caller does the work.

One :class:`StepDialog` serves every step: it shows the fields it is asked for
(party, due date, outcome, satisfaction, reason ...) and returns a
:class:`StepAnswer`. The caller may pass a ``check`` (the pure workflow function,
run without saving) so that a missing field is reported in the dialog, with the
cursor on it and nothing typed lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from deskconsole.domain.choices import Choice
from deskconsole.domain.workflow import Step, WorkflowError
from deskconsole.i18n import t
from deskconsole.models import (
    CaseState,
    PartyKind,
    ResponsibleParty,
    Satisfaction,
    Settings,
    parse_day,
)
from deskconsole.ui.literal import literal
from deskconsole.ui.screens.base import DeskModal
from deskconsole.ui.screens.dialogs import ConfirmDialog
from deskconsole.ui.widgets.choice import ChoiceField

#: Each field a dialog can show: the catalog key of its label.
FIELD_LABELS = {
    "party_kind": "field.party",
    "party_name": "field.party_name",
    "due_date": "field.due_date",
    "outcome": "field.outcome",
    "reply": "field.reply",
    "note": "case.field_note",
    "result": "case.field_result",
    "satisfaction": "field.satisfaction",
    "decision": "case.field_decision",
    "reason": "field.end_reason",
    "redirect_to": "field.redirect_to",
    "duplicate_of": "field.duplicate_of",
}
#: Which dialog field reports a workflow error about a model field.
ERROR_FIELDS = {
    "party": "party_kind",
    "end_reason": "reason",
    "notes": "note",
}


def _both(key: str) -> tuple[str, str]:
    """A catalog entry in English and Chinese (a choice is typed in either)."""
    return t(key, "en"), t(key, "zh")


def _enum_choice(enum: str, value: str) -> Choice:
    return Choice(value, *_both(f"enum.{enum}.{value}"))


@dataclass(frozen=True)
class StepAnswer:
    """What a step dialog returns: the step and the state to move to."""

    step: Step
    target: CaseState


Answer = TypeVar("Answer")


class DialogBase(DeskModal[Answer | None], Generic[Answer]):
    """Shared frame: a title, the body, an error line, buttons; Escape cancels (None)."""

    BINDINGS = [
        Binding("escape", "cancel", "case.key_cancel", tooltip="case.key_cancel_tip"),
        Binding("ctrl+s", "submit", "case.key_save", tooltip="case.key_save_tip"),
    ]
    DEFAULT_CSS = """
    DialogBase { align: center middle; }
    DialogBase > #dialog {
        width: 70;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    DialogBase #dialog-title { text-style: bold; padding: 0 0 1 0; }
    DialogBase #dialog-fields {
        grid-size: 2;
        grid-columns: auto 1fr;
        grid-rows: 1;
        grid-gutter: 1 1;
        height: auto;
    }
    DialogBase #dialog-fields Label { color: $text-muted; }
    DialogBase #dialog-fields Input { background: $boost; }
    DialogBase #dialog-fields Input:focus { background: $primary 20%; }
    DialogBase #dialog-error { color: $error; height: auto; padding: 1 0 0 0; }
    DialogBase #dialog-error.-empty { display: none; }
    DialogBase #dialog-buttons { height: auto; align-horizontal: right; padding: 1 0 0 0; }
    DialogBase #dialog-buttons Button { margin-left: 1; }
    """

    def __init__(self, title: str, error: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.error_text = error

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self.title_text), id="dialog-title")
            yield from self.compose_body()
            yield Static(literal(self.error_text), id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield from self.compose_buttons()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def compose_buttons(self) -> ComposeResult:
        # Every dialog: the action first, Cancel last (arrows move between them).
        yield Button(t("case.button_ok"), id="ok", variant="primary", compact=True)
        yield Button(t("case.button_cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.show_error(self.error_text)

    def show_error(self, message: str, focus: Widget | None = None) -> None:
        """Show ``message`` under the fields and put the cursor on ``focus``."""
        error = self.query_one("#dialog-error", Static)
        error.update(literal(message))
        error.set_class(not message, "-empty")
        if focus is not None:
            focus.focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Esc: close; if something was typed, ask first (Enter keeps it)."""
        if not self.has_changes():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("case.confirm_discard"), destructive=True), answered)

    def has_changes(self) -> bool:
        """True when the fields hold something the clerk typed."""
        return False

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        raise NotImplementedError

    async def apply_language(self) -> None:
        """Dialogs are short-lived: keep typed input, relabel only the buttons' keys."""
        self.refresh_bindings()


class StepDialog(DialogBase[StepAnswer]):
    """Collects the fields of one workflow step; returns a :class:`StepAnswer` or None."""

    def __init__(
        self,
        title: str,
        fields: Sequence[str],
        target: CaseState,
        *,
        settings: Settings,
        today: date,
        initial: Step | None = None,
        check: Callable[[CaseState, Step], None] | None = None,
        error: str = "",
        rework_target: CaseState | None = None,
        units: Sequence[str] = (),
    ) -> None:
        super().__init__(title, error)
        self.fields = list(fields)
        self.target = target
        self.settings = settings
        self.today = today
        self.initial = initial or Step()
        self.check = check
        self.rework_target = rework_target
        self.units = sorted({*settings.units, *units})

    def compose_body(self) -> ComposeResult:
        step = self.initial
        with Grid(id="dialog-fields"):
            for name in self.fields:
                yield Label(t(FIELD_LABELS[name]), id=f"label-{name}")
                yield self._widget(name, step)

    def _widget(self, name: str, step: Step) -> Widget:
        wid = f"field-{name}"
        if name == "party_kind":
            choices = [_enum_choice("PartyKind", kind.value) for kind in PartyKind]
            return ChoiceField(choices, step.party.kind.value if step.party else "", id=wid)
        if name == "satisfaction":
            choices = [_enum_choice("Satisfaction", s.value) for s in Satisfaction]
            value = step.satisfaction.value if step.satisfaction else ""
            return ChoiceField(choices, value, id=wid)
        if name == "decision":
            choices = [
                Choice(self.target.value, *_both("case.decision_close")),
                Choice((self.rework_target or self.target).value, *_both("case.decision_rework")),
            ]
            return ChoiceField(choices, self.target.value, id=wid)
        text = {
            "party_name": step.party.name if step.party else "",
            "due_date": step.due_date.isoformat() if step.due_date else "",
            "outcome": step.outcome,
            "reply": step.reply,
            "note": step.note,
            "result": step.note,
            "reason": step.reason,
            "redirect_to": step.redirect_to,
            "duplicate_of": step.duplicate_of,
        }[name]
        placeholder = {
            "due_date": "YYYY-MM-DD",
            "duplicate_of": "JC-20261129-007",
            "party_name": t("case.party_name_hint"),
        }.get(name, "")
        suggester = None
        if name in ("party_name", "redirect_to") and self.units:
            suggester = SuggestFromList(self.units, case_sensitive=False)
        return Input(text, placeholder=placeholder, id=wid, compact=True, suggester=suggester)

    def on_mount(self) -> None:
        super().on_mount()
        self._offered = self._typed()
        first = self.query(f"#field-{self.fields[0]}") if self.fields else None
        if first:
            first.first().focus()

    def _typed(self) -> dict[str, str]:
        return {name: self._value(name) for name in self.fields}

    def has_changes(self) -> bool:
        return self._typed() != getattr(self, "_offered", self._typed())

    def _value(self, name: str) -> str:
        if name not in self.fields:
            return ""
        widget = self.query_one(f"#field-{name}")
        return widget.value  # type: ignore[attr-defined,no-any-return]

    def collect(self) -> StepAnswer:
        """Read the fields into a step; raise a :class:`DeskError` for an unreadable date."""
        kind, name = self._value("party_kind"), self._value("party_name").strip()
        party = None
        if kind:
            party = ResponsibleParty(kind=PartyKind(kind), name=name)
        elif name:
            party = ResponsibleParty(kind=PartyKind.OTHER_UNIT, name=name)
        due = None
        due_text = self._value("due_date").strip()
        if due_text:
            try:
                due = parse_day(due_text, self.today)
            except ValueError:
                raise _FieldProblem("due_date", t("err.date")) from None
        satisfaction = self._value("satisfaction")
        step = Step(
            party=party,
            due_date=due,
            outcome=self._value("outcome"),
            reply=self._value("reply"),
            satisfaction=Satisfaction(satisfaction) if satisfaction else None,
            note=self._value("result") or self._value("note"),
            reason=self._value("reason"),
            redirect_to=self._value("redirect_to"),
            duplicate_of=self._value("duplicate_of"),
        )
        target = CaseState(self._value("decision")) if "decision" in self.fields else self.target
        if target != self.target:
            # Rework after an unsatisfied follow-up: the result is the reason.
            step = replace(step, reason=step.reason or step.note)
        return StepAnswer(step, target)

    def action_submit(self) -> None:
        try:
            answer = self.collect()
            if self.check is not None:
                self.check(answer.target, answer.step)
        except _FieldProblem as problem:
            self.show_error(
                t("err.field", field=t(FIELD_LABELS[problem.field]), reason=problem.reason),
                self.query_one(f"#field-{problem.field}"),
            )
            return
        except WorkflowError as error:
            field = ERROR_FIELDS.get(error.field or "", error.field or "")
            if field == "reason" and "reason" not in self.fields and "result" in self.fields:
                field = "result"
            widgets = self.query(f"#field-{field}") if field in self.fields else None
            self.show_error(str(error), widgets.first() if widgets else None)
            return
        self.dismiss(answer)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()


class _FieldProblem(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


class ChoiceDialog(DialogBase[CaseState]):
    """Pick one of a few states to move to; returns the state or None."""

    DEFAULT_CSS = """
    ChoiceDialog OptionList { height: auto; max-height: 12; border: none; padding: 0; }
    """

    def __init__(self, title: str, choices: Sequence[tuple[CaseState, str]]) -> None:
        super().__init__(title)
        self.choices = list(choices)

    def compose_body(self) -> ComposeResult:
        yield OptionList(
            *[Option(label, id=state.value) for state, label in self.choices], id="choices"
        )

    def compose_buttons(self) -> ComposeResult:
        yield Button(t("case.button_cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(CaseState(event.option.id or ""))

    def action_submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            options.action_select()
