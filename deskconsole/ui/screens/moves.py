"""Moving a case from any screen: ask what the step needs, move it, save it, report.

The board, the case view and the follow-up list share this: a screen mixes in
:class:`CaseMoves` and implements :meth:`CaseMoves.case_moved` to show the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from deskconsole.domain.casedesk import CaseDesk
from deskconsole.domain.due_proposal import proposed_due
from deskconsole.domain.lifecycle import allowed_moves, may_move
from deskconsole.domain.workflow import (
    MoveRefused,
    Step,
    move_kind,
    next_state,
    previous_state,
    requirements,
)
from deskconsole.errors import DeskError
from deskconsole.i18n import listed, t
from deskconsole.models import Case, CaseState
from deskconsole.ui.canned_replies import AnswerStepDialog, wants_replies
from deskconsole.ui.screens.case_dialogs import ChoiceDialog, StepAnswer, StepDialog

if TYPE_CHECKING:
    from deskconsole.ui.desk import Desk

S = CaseState


#: The dialog fields that collect a step field (the others are named alike).
DIALOG_FIELDS: dict[str, tuple[str, ...]] = {
    "party": ("party_kind", "party_name"),
    "note": ("result",),  # the follow-up call's result
}


def fields_for(source: CaseState, target: CaseState, followup: bool = False) -> tuple[str, ...]:
    """The dialog fields for what the move needs (:func:`requirements`); on the follow-up
    list, closing also offers to send the case back for rework."""
    fields = tuple(
        field for name in requirements(source, target) for field in DIALOG_FIELDS.get(name, (name,))
    )
    return (*fields, "decision") if followup and target == S.CLOSED else fields


def step_dialog(category: str, *args: Any, **kwargs: Any) -> StepDialog:
    """The step dialog; one with an outcome or reply field offers canned replies."""
    if wants_replies(args[1]):
        return AnswerStepDialog(*args, category=category, **kwargs)
    return StepDialog(*args, **kwargs)


def move_title(case: Case, target: CaseState) -> str:
    """``Dispatch JC-20261127-003`` in the current language."""
    return t(f"workflow.title_{move_kind(case.state, target)}", number=case.number)


def target_label(source: CaseState, target: CaseState) -> str:
    """``Dispatched (dispatch)``: the state and what the move means."""
    return t(
        "workflow.choice", state=target.label, kind=t(f"workflow.kind_{move_kind(source, target)}")
    )


#: The move keys the board and the case view share.
MOVE_BINDINGS = [
    Binding(
        "shift+right,right_square_bracket",
        "move_next",
        "board.key_next",
        tooltip="board.key_next_tip",
        key_display="]",
    ),
    Binding(
        "shift+left,left_square_bracket",
        "move_prev",
        "board.key_prev",
        tooltip="board.key_prev_tip",
        key_display="[",
    ),
    Binding("m", "move_to", "board.key_move", tooltip="board.key_move_tip"),
]


class CaseMoves:
    """Mixin for a DeskScreen: ``start_move`` asks, moves, saves and calls ``case_moved``."""

    if TYPE_CHECKING:
        desk: Desk

        def notify(self, message: str, **kwargs: object) -> None: ...

    @property
    def casedesk(self) -> CaseDesk:
        """The workflow on this console's store, staff and clock (the app's)."""
        return self.desk.case_desk

    def case_moved(self, case: Case, source: CaseState) -> None:
        """Called once a move is saved; show it (the moved card or row is the feedback)."""
        raise NotImplementedError

    def refuse(self, error: DeskError) -> None:
        """Tell the user why a step was refused."""
        self.notify(str(error), severity="error", timeout=8)

    def start_move(self, number: str, target: CaseState, *, followup: bool = False) -> None:
        """Move case ``number`` to ``target``, asking first for what the step needs."""
        try:
            case = self.casedesk.get(number)
        except DeskError as error:
            self.refuse(error)
            return
        if target == case.state or not may_move(case.state, target):
            self.refuse(MoveRefused(case, target))
            return
        fields = fields_for(case.state, target, followup)
        if not fields:
            self._finish(case, target, StepAnswer(Step(), target), ())
            return
        initial = Step()
        if target == S.DISPATCHED:
            due = proposed_due(case, self.desk.now(), self.desk.settings)
            # Dispatching again goes to another party: only a first dispatch keeps one offered.
            party = case.party if case.state == S.REGISTERED else None
            initial = Step(party=party, due_date=due)
        elif "due_date" in fields:  # rework, reopen: the clock starts again
            due = proposed_due(case, self.desk.now(), self.desk.settings, restart=True)
            initial = Step(due_date=due)
        self._ask(case, target, fields, initial, "")

    def step_case(self, number: str, state: CaseState, *, forward: bool) -> None:
        """``]`` / ``[``: the next step or the step back; at an end, say which moves exist."""
        target = next_state(state) if forward else previous_state(state)
        if target is None:
            allowed = listed(target_label(state, s) for s in allowed_moves(state))
            refusal = "board.no_next" if forward else "board.no_prev"
            self.notify(
                t(refusal, number=number, state=state.label, allowed=allowed),
                severity="warning",
                timeout=8,
            )
            return
        self.start_move(number, target)

    def choose_move(self, number: str) -> None:
        """Offer every move the lifecycle allows for this case (the ``m`` key)."""
        try:
            case = self.casedesk.get(number)
        except DeskError as error:
            self.refuse(error)
            return
        choices = [
            (target, target_label(case.state, target)) for target in allowed_moves(case.state)
        ]
        title = t("workflow.choose_title", number=case.number, state=case.state.label)

        def chosen(target: CaseState | None) -> None:
            if target is not None:
                self.start_move(number, target)

        self.desk.push_screen(ChoiceDialog(title, choices), callback=chosen)

    def ask_change(
        self,
        title: str,
        fields: Sequence[str],
        state: CaseState,
        apply: Callable[[Step, bool], Case],
        done: Callable[[Case], None],
        initial: Step | None = None,
        error: str = "",
        category: str = "",
    ) -> None:
        """Ask for ``fields`` in a dialog; ``apply(step, False)`` checks, ``apply(step, True)``
        saves. A failed save brings the dialog back with the message and what was typed."""

        def check(_target: CaseState, step: Step) -> None:
            apply(step, False)

        dialog = step_dialog(
            category,
            title,
            fields,
            state,
            settings=self.desk.settings,
            today=self.desk.today(),
            initial=initial,
            check=check,
            error=error,
        )

        def answered(answer: StepAnswer | None) -> None:
            if answer is None:
                return
            try:
                saved = apply(answer.step, True)
            except DeskError as failure:
                self.ask_change(
                    title, fields, state, apply, done, answer.step, str(failure), category
                )
                return
            done(saved)

        self.desk.push_screen(dialog, callback=answered)

    def _ask(
        self,
        case: Case,
        target: CaseState,
        fields: Sequence[str],
        initial: Step,
        error: str,
    ) -> None:
        casedesk = self.casedesk
        dialog = step_dialog(
            case.category,
            move_title(case, target),
            fields,
            target,
            settings=self.desk.settings,
            today=self.desk.today(),
            initial=initial,
            check=lambda chosen, step: casedesk.check(case.number, chosen, step),
            error=error,
            rework_target=S.IN_PROGRESS if "decision" in fields else None,
        )

        def answered(answer: StepAnswer | None) -> None:
            if answer is not None:
                self._finish(case, target, answer, fields)

        self.desk.push_screen(dialog, callback=answered)

    def _finish(
        self, case: Case, target: CaseState, answer: StepAnswer, fields: Sequence[str]
    ) -> None:
        step = answer.step
        if answer.target == S.IN_PROGRESS and case.state == S.RESOLVED and step.due_date is None:
            # Rework chosen on the follow-up call: a fresh due date, never one already past.
            fresh = proposed_due(case, self.desk.now(), self.desk.settings, restart=True)
            step = replace(step, due_date=fresh)
        try:
            saved = self.casedesk.move(case.number, answer.target, step)
        except DeskError as error:
            if fields:
                # Nothing typed is lost: the dialog comes back with the message.
                self._ask(case, target, fields, answer.step, str(error))
            else:
                self.refuse(error)
            return
        self.case_moved(saved, case.state)
