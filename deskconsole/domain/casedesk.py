"""The workflow with the store: read the current case, change it, save it durably."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from deskconsole.domain import workflow
from deskconsole.domain.workflow import Step, StepIncomplete, WorkflowError
from deskconsole.models import Case, CaseState, ResponsibleParty
from deskconsole.storage import RepositoryAPI
from deskconsole.storage import cases as case_ops


class CaseNotFound(WorkflowError):
    """No case with this number in the store."""

    def __init__(self, number: str) -> None:
        super().__init__("workflow.not_found", number=number)


class CaseDesk:
    """Every change to a case goes through here: one domain call, one durable save.

    Each method reads the case, changes it and saves it in one transaction of the
    store: no other save lands between the read and the write (on a server store, a
    change another console made meanwhile refuses the save instead of being
    overwritten), and returns the saved case once it is on disk.
    """

    def __init__(self, repo: RepositoryAPI, staff: str, clock: Callable[[], datetime]) -> None:
        self.repo = repo
        self.staff = staff
        self.clock = clock

    def get(self, number: str) -> Case:
        """The stored case, or :class:`CaseNotFound`."""
        case = self.repo.cases.get(number)
        if case is None:
            raise CaseNotFound(number)
        return case

    def move(self, number: str, target: CaseState, step: Step | None = None) -> Case:
        """Move the case and save it; a duplicate is also linked from its original."""
        with self.repo.transaction() as tx:
            moved = workflow.move(self.get(number), target, self.staff, self.clock(), step)
            tx.add(case_ops.op(moved))
            if target == CaseState.DUPLICATE and moved.duplicate_of:
                tx.add(case_ops.op(self.linked_original(moved)))
        return moved

    def linked_original(self, duplicate: Case) -> Case:
        """The stored case ``duplicate`` duplicates, with the link to it (not saved)."""
        original = self._original(duplicate.duplicate_of or "")
        _, original = workflow.link_duplicate(duplicate, original, self.staff, duplicate.updated_at)
        return original

    def check(self, number: str, target: CaseState, step: Step | None = None) -> None:
        """Raise what :meth:`move` would raise, without saving anything."""
        moved = workflow.move(self.get(number), target, self.staff, self.clock(), step)
        if target == CaseState.DUPLICATE and moved.duplicate_of:
            self._original(moved.duplicate_of)

    def _original(self, number: str) -> Case:
        """The case another one duplicates or links to, which must exist."""
        original = self.repo.cases.get(number)
        if original is None:
            raise StepIncomplete("workflow.original_missing", "duplicate_of", number=number)
        return original

    def _change(self, number: str, change: Callable[[Case], Case], save: bool = True) -> Case:
        """``change`` applied to the stored case, saved in the transaction that read it
        (``save=False``: only checked)."""
        with self.repo.transaction() as tx:
            case = change(self.get(number))
            if save:
                tx.add(case_ops.op(case))
        return case

    def add_note(self, number: str, text: str, *, reply: bool = False, save: bool = True) -> Case:
        """An internal note, or the reply given to the resident (``save=False``: only check)."""
        return self._change(
            number,
            lambda case: workflow.add_note(case, text, self.staff, self.clock(), reply=reply),
            save,
        )

    def add_report(self, number: str, description: str) -> Case:
        """Record a report made again at the desk on this open case, and save it."""
        return self._change(
            number, lambda case: workflow.add_report(case, description, self.staff, self.clock())
        )

    def change_party(
        self, number: str, party: ResponsibleParty | None, reason: str, *, save: bool = True
    ) -> Case:
        """Hand the case to another party, with a reason."""
        if party is None:
            raise StepIncomplete("workflow.needs", "party")
        return self._change(
            number,
            lambda case: workflow.change_party(case, party, reason, self.staff, self.clock()),
            save,
        )

    def extend_due(self, number: str, due: date | None, reason: str, *, save: bool = True) -> Case:
        """Give the case a later due date, with a reason."""
        if due is None:
            raise StepIncomplete("workflow.needs", "due_date")
        return self._change(
            number,
            lambda case: workflow.extend_due(case, due, reason, self.staff, self.clock()),
            save,
        )

    def link(self, number: str, other_number: str, note: str = "", *, save: bool = True) -> Case:
        """Link two cases as the same matter; both get an event, saved together."""
        with self.repo.transaction() as tx:
            case = self.get(number)
            other = self._original(workflow.check_other_number(case, other_number))
            case, other = workflow.link_duplicate(case, other, self.staff, self.clock(), note)
            if save:
                tx.add(case_ops.op(case), case_ops.op(other))
        return case

    def reveal(self, number: str, field: str) -> Case:
        """Record durably that a masked number was shown on screen."""
        return self._change(
            number, lambda case: workflow.record_reveal(case, field, self.staff, self.clock())
        )

    def record_call(self, number: str, note: str, *, save: bool = True) -> Case:
        """A follow-up call that did not settle the case."""
        return self._change(
            number, lambda case: workflow.record_call(case, note, self.staff, self.clock()), save
        )
