"""Moving a case along its lifecycle, and the other changes that go into its timeline.

Everything here is pure: a function takes a :class:`Case` and returns a new one
with the fields set and one :class:`CaseEvent` appended, or raises a translated
:class:`WorkflowError` saying why not. The lifecycle table itself lives in
:mod:`deskconsole.domain.lifecycle`; saving is the caller's business
(:class:`CaseDesk` does both for the console).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from deskconsole.domain.lifecycle import allowed_moves, may_move
from deskconsole.domain.timeline import REPORTED_AGAIN
from deskconsole.errors import DeskError
from deskconsole.i18n import listed, t
from deskconsole.models import (
    CASE_NUMBER_RE,
    ENDED_STATES,
    Case,
    CaseEvent,
    CaseState,
    EventKind,
    ResponsibleParty,
    Satisfaction,
)

S = CaseState

#: The natural path a case takes, for "move to the next state" (shift+right).
FORWARD: dict[CaseState, CaseState] = {
    S.REGISTERED: S.DISPATCHED,
    S.DISPATCHED: S.IN_PROGRESS,
    S.IN_PROGRESS: S.RESOLVED,
    S.RESOLVED: S.CLOSED,
}

#: The step back from each state, for "move to the previous state" (shift+left).
BACKWARD: dict[CaseState, CaseState] = {
    S.DISPATCHED: S.REGISTERED,
    S.IN_PROGRESS: S.DISPATCHED,
    S.RESOLVED: S.IN_PROGRESS,
    S.CLOSED: S.IN_PROGRESS,
    S.RETURNED: S.REGISTERED,
    S.DUPLICATE: S.REGISTERED,
    S.WITHDRAWN: S.REGISTERED,
}

REASON_LIMIT = 2000
#: The longest description of a case (as the model allows).
DESCRIPTION_LIMIT = 4000


class WorkflowError(DeskError):
    """A change to a case was refused; ``str(error)`` says why, in the current language."""

    field: str | None = None


class MoveRefused(WorkflowError):
    """The lifecycle does not allow this move; the message lists the moves that are allowed."""

    def __init__(self, case: Case, target: CaseState) -> None:
        self.source = case.state
        self.target = target
        self.allowed = allowed_moves(case.state)
        super().__init__(
            "workflow.refused",
            number=case.number,
            source=_Label(case.state),
            target=_Label(target),
            allowed=_Labels(self.allowed),
        )


class StepIncomplete(WorkflowError):
    """A move or change lacks something it needs, or got something wrong (names the field)."""

    def __init__(self, key: str, field: str, **params: object) -> None:
        self.field = field
        super().__init__(key, field_label=_FieldLabel(field), **params)


class _Label:
    """A state label translated when the message is shown, not when it is raised."""

    def __init__(self, state: CaseState) -> None:
        self.state = state

    def __format__(self, spec: str) -> str:
        return format(self.state.label, spec)


class _Labels:
    def __init__(self, states: tuple[CaseState, ...]) -> None:
        self.states = states

    def __format__(self, spec: str) -> str:
        return format(listed(s.label for s in self.states), spec)


class _FieldLabel:
    def __init__(self, field: str) -> None:
        self.field = field

    def __format__(self, spec: str) -> str:
        return format(t(f"field.{self.field}"), spec)


@dataclass(frozen=True)
class Step:
    """What one move needs; each target state reads the fields it needs.

    - dispatched: ``party`` (required), ``due_date`` (optional, keeps the current one)
    - resolved: ``outcome``; ``reply`` optional
    - closed: ``satisfaction``; ``note`` holds the follow-up result
    - returned: ``reason`` and ``redirect_to``
    - duplicate: ``duplicate_of`` (the original case number)
    - withdrawn: ``reason``
    - rework (resolved -> in progress), reopen (closed -> in progress): ``reason`` and
      ``due_date`` (optional, keeps the current one)
    - reopen (ended -> registered), party refused (dispatched -> registered): ``reason``
    """

    party: ResponsibleParty | None = None
    due_date: date | None = None
    outcome: str = ""
    reply: str = ""
    satisfaction: Satisfaction | None = None
    note: str = ""
    reason: str = ""
    redirect_to: str = ""
    duplicate_of: str = ""


def next_state(state: CaseState) -> CaseState | None:
    """The state after ``state`` on the natural path, or None at its end."""
    return FORWARD.get(state)


def previous_state(state: CaseState) -> CaseState | None:
    """The state to step back to from ``state``, or None for a new case."""
    return BACKWARD.get(state)


def needs_reason(source: CaseState, target: CaseState) -> bool:
    """True when this move must say why (return, withdraw, rework, reopen, party refused)."""
    if target in (S.RETURNED, S.WITHDRAWN):
        return True
    if source in ENDED_STATES or source == S.CLOSED:
        return True
    return (source, target) in {(S.RESOLVED, S.IN_PROGRESS), (S.DISPATCHED, S.REGISTERED)}


def requirements(source: CaseState, target: CaseState) -> tuple[str, ...]:
    """The :class:`Step` fields a move from ``source`` to ``target`` reads, in the order a
    form asks for them; empty when the move needs nothing. :func:`move` says which of
    them are missing or wrong."""
    if target == S.DISPATCHED:
        return ("party", "due_date")
    if target == S.IN_PROGRESS and source in (S.RESOLVED, S.CLOSED):
        return ("reason", "due_date")  # rework / reopen: the clock starts again
    if target == S.RESOLVED:
        return ("outcome", "reply")
    if target == S.CLOSED:
        return ("note", "satisfaction")
    if target == S.RETURNED:
        return ("reason", "redirect_to")
    if target == S.DUPLICATE:
        return ("duplicate_of", "reason")
    if needs_reason(source, target):
        return ("reason",)
    return ()


def move_kind(source: CaseState, target: CaseState) -> str:
    """A word for the move, for dialog titles: dispatch, resolve, close, rework, reopen ..."""
    if source in ENDED_STATES or source == S.CLOSED:
        return "reopen"
    if (source, target) == (S.RESOLVED, S.IN_PROGRESS):
        return "rework"
    if (source, target) == (S.DISPATCHED, S.REGISTERED):
        return "refused"
    if (source, target) == (S.IN_PROGRESS, S.DISPATCHED):
        return "redispatch"
    return {
        S.DISPATCHED: "dispatch",
        S.IN_PROGRESS: "start",
        S.RESOLVED: "resolve",
        S.CLOSED: "close",
        S.RETURNED: "return",
        S.DUPLICATE: "duplicate",
        S.WITHDRAWN: "withdraw",
    }.get(target, "move")


def _required(value: str, field: str, limit: int = REASON_LIMIT) -> str:
    text = value.strip()
    if not text:
        raise StepIncomplete("workflow.needs", field)
    if len(text) > limit:
        raise StepIncomplete("workflow.too_long", field, limit=limit)
    return text


def _optional(value: str, field: str, limit: int = REASON_LIMIT) -> str:
    text = value.strip()
    if len(text) > limit:
        raise StepIncomplete("workflow.too_long", field, limit=limit)
    return text


def _check_due(case: Case, due: date) -> date:
    if due < case.intake_at.date():
        raise StepIncomplete("workflow.due_before_intake", "due_date", intake=case.intake_at.date())
    return due


def check_other_number(case: Case, number: str) -> str:
    """A well-formed number of another case (upper-cased), or :class:`StepIncomplete`."""
    text = number.strip().upper()
    if not text:
        raise StepIncomplete("workflow.needs", "duplicate_of")
    if not CASE_NUMBER_RE.fullmatch(text):
        raise StepIncomplete("workflow.bad_number", "duplicate_of", number=text)
    if text == case.number:
        raise StepIncomplete("workflow.self_link", "duplicate_of")
    return text


def _event(
    case: Case,
    kind: EventKind,
    staff: str,
    at: datetime,
    note: str = "",
    data: dict[str, str] | None = None,
    to_state: CaseState | None = None,
) -> CaseEvent:
    return CaseEvent(
        at=at,
        staff=staff,
        kind=kind,
        from_state=case.state if to_state is not None else None,
        to_state=to_state,
        note=note,
        data=data or {},
    )


def _with(case: Case, event: CaseEvent, **fields: Any) -> Case:
    """A new case with ``fields`` changed and ``event`` appended (the old one untouched)."""
    updated = case.model_copy(
        update={**fields, "events": [*case.events, event], "updated_at": event.at}, deep=True
    )
    # model_copy skips validation: validate the result so a bad value never reaches the store.
    return Case.model_validate(updated.model_dump())


def move(
    case: Case,
    target: CaseState,
    staff: str,
    at: datetime,
    step: Step | None = None,
) -> Case:
    """``case`` moved to ``target`` with the fields the step sets and a MOVED event.

    Raises :class:`MoveRefused` when the lifecycle does not allow the move, and
    :class:`StepIncomplete` when the step lacks what the move needs.
    """
    step = step or Step()
    source = case.state
    if target == source:
        raise WorkflowError("workflow.same_state", number=case.number, state=_Label(source))
    if not may_move(source, target):
        raise MoveRefused(case, target)
    fields: dict[str, Any] = {}
    data: dict[str, str] = {}
    note = ""
    if needs_reason(source, target):
        note = _required(step.reason, "end_reason")
    if target == S.DISPATCHED:
        if step.party is None:
            raise StepIncomplete("workflow.needs", "party")
        if source == S.IN_PROGRESS and step.party == case.party:
            raise StepIncomplete("workflow.party_same", "party", party=step.party.label)
        fields["party"] = step.party
        data["party"] = step.party.label
        data["party_kind"] = step.party.kind.value
        if case.party is not None and case.party != step.party:
            data["party_from"] = case.party.label
        due = _check_due(case, step.due_date) if step.due_date is not None else case.due_date
        if due is None:
            raise StepIncomplete("workflow.needs", "due_date")
        fields["due_date"] = due
        data["due_date"] = due.isoformat()
        if case.due_date is not None and due != case.due_date:
            data["due_from"] = case.due_date.isoformat()
        note = note or _optional(step.note, "notes")
    elif target == S.RESOLVED:
        outcome = _required(step.outcome, "outcome")
        fields["outcome"] = note = outcome
        reply = _optional(step.reply, "reply")
        if reply:
            fields["reply"] = reply
            data["reply"] = reply
        if source == S.REGISTERED and at.date() == case.intake_at.date():
            fields["solved_on_spot"] = True
    elif target == S.CLOSED:
        if step.satisfaction is None:
            raise StepIncomplete("workflow.needs", "satisfaction")
        fields["satisfaction"] = step.satisfaction
        data["satisfaction"] = step.satisfaction.value
        note = _optional(step.note, "notes")
    elif target == S.RETURNED:
        fields["end_reason"] = note
        fields["redirect_to"] = data["redirect_to"] = _required(step.redirect_to, "redirect_to")
    elif target == S.WITHDRAWN:
        fields["end_reason"] = note
    elif target == S.DUPLICATE:
        original = check_other_number(case, step.duplicate_of)
        fields["duplicate_of"] = data["duplicate_of"] = original
        note = _optional(step.reason, "end_reason")
    elif target == S.REGISTERED:
        if source in ENDED_STATES:
            for name in ("end_reason", "redirect_to", "duplicate_of"):
                previous = getattr(case, name)
                if previous:
                    data[f"{name}_from"] = previous
            fields.update(end_reason="", redirect_to="", duplicate_of=None)
        elif source == S.DISPATCHED and case.party is not None:
            data["party_from"] = case.party.label
            fields["party"] = None
    elif target == S.IN_PROGRESS:
        if source == S.CLOSED and case.satisfaction is not None:
            data["satisfaction_from"] = case.satisfaction.value
            fields["satisfaction"] = None
        if step.party is not None:
            fields["party"] = step.party
            data["party"] = step.party.label
        if step.due_date is not None and step.due_date != case.due_date:
            fields["due_date"] = _check_due(case, step.due_date)
            data["due_date"] = step.due_date.isoformat()
            if case.due_date is not None:
                data["due_from"] = case.due_date.isoformat()
        note = note or _optional(step.note, "notes")
    event = _event(case, EventKind.MOVED, staff, at, note, data, to_state=target)
    return _with(case, event, state=target, **fields)


def add_note(case: Case, text: str, staff: str, at: datetime, *, reply: bool = False) -> Case:
    """An internal note (NOTE), or the reply given to the resident (REPLY, also sets ``reply``)."""
    body = _required(text, "reply" if reply else "notes")
    if reply:
        event = _event(case, EventKind.REPLY, staff, at, body)
        return _with(case, event, reply=body)
    return _with(case, _event(case, EventKind.NOTE, staff, at, body))


def add_report(case: Case, description: str, staff: str, at: datetime) -> Case:
    """A report made again at the desk, recorded on this open case (a NOTE marked so)."""
    body = _required(description, "description", DESCRIPTION_LIMIT)
    return _with(case, _event(case, EventKind.NOTE, staff, at, body, {REPORTED_AGAIN: "1"}))


def change_party(
    case: Case, party: ResponsibleParty, reason: str, staff: str, at: datetime
) -> Case:
    """Hand the case to another party without moving it (a PARTY event with from/to)."""
    note = _required(reason, "end_reason")
    if case.party == party:
        raise StepIncomplete("workflow.party_same", "party", party=party.label)
    data = {"to": party.label, "to_kind": party.kind.value}
    if case.party is not None:
        data["from"] = case.party.label
    return _with(case, _event(case, EventKind.PARTY, staff, at, note, data), party=party)


def extend_due(case: Case, due: date, reason: str, staff: str, at: datetime) -> Case:
    """Move the due date later, with a reason (a DUE event with from/to); a closed or ended
    case keeps its due date (the register reports it as it was)."""
    if case.state in (S.CLOSED, *ENDED_STATES):
        raise WorkflowError("workflow.due_settled", number=case.number, state=_Label(case.state))
    note = _required(reason, "end_reason")
    _check_due(case, due)
    if case.due_date is not None and due <= case.due_date:
        raise StepIncomplete("workflow.due_not_later", "due_date", current=case.due_date)
    data = {"to": due.isoformat()}
    if case.due_date is not None:
        data["from"] = case.due_date.isoformat()
    return _with(case, _event(case, EventKind.DUE, staff, at, note, data), due_date=due)


def link_duplicate(
    case: Case, other: Case, staff: str, at: datetime, note: str = ""
) -> tuple[Case, Case]:
    """Record on both cases that they are the same matter (a LINKED event on each)."""
    check_other_number(case, other.number)
    if any(e.kind == EventKind.LINKED and e.data.get("case") == other.number for e in case.events):
        raise StepIncomplete("workflow.already_linked", "duplicate_of", number=other.number)
    text = _optional(note, "notes")
    mine = _event(case, EventKind.LINKED, staff, at, text, {"case": other.number})
    theirs = _event(other, EventKind.LINKED, staff, at, text, {"case": case.number})
    return _with(case, mine), _with(other, theirs)


def linked_numbers(case: Case) -> list[str]:
    """The case numbers linked to ``case`` (by a link or as the case it duplicates)."""
    found = [e.data["case"] for e in case.events if e.kind == EventKind.LINKED and "case" in e.data]
    if case.duplicate_of and case.duplicate_of not in found:
        found.insert(0, case.duplicate_of)
    return found


REVEALABLE = ("phone", "id_number", "contact_phone")


def record_reveal(case: Case, field: str, staff: str, at: datetime) -> Case:
    """Record that a masked number (``phone``, ``id_number``, ``contact_phone``) was shown."""
    if field not in REVEALABLE:
        raise ValueError(f"cannot reveal {field!r}")
    event = _event(case, EventKind.REVEALED, staff, at, "", {"field": field})
    return _with(case, event)


def record_call(case: Case, note: str, staff: str, at: datetime) -> Case:
    """A follow-up call that did not settle the case (no answer, call back later); the
    note is optional, the event counts the attempt."""
    text = note.strip()
    if len(text) > REASON_LIMIT:
        raise StepIncomplete("workflow.too_long", "notes", limit=REASON_LIMIT)
    if case.state != S.RESOLVED:
        raise WorkflowError("workflow.not_awaiting", number=case.number, state=_Label(case.state))
    attempt = {"attempt": str(call_attempts(case) + 1)}
    return _with(case, _event(case, EventKind.FOLLOWUP, staff, at, text, attempt))


def call_attempts(case: Case) -> int:
    """How many follow-up calls failed to settle the case since it last awaited follow-up."""
    since = resolved_at(case)
    return sum(1 for e in case.events if e.kind == EventKind.FOLLOWUP and e.at >= since)


def resolved_at(case: Case) -> datetime:
    """When the case last moved to resolved (its place in the follow-up queue)."""
    moves = [e.at for e in case.events if e.kind == EventKind.MOVED and e.to_state == S.RESOLVED]
    return max(moves) if moves else case.updated_at
