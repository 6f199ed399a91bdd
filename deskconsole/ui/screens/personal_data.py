"""A resident's personal data from the resident view (key ``p``): a copy of everything
held on them, with or without full numbers, or the erasure of it.

The dialogs only collect answers; :func:`personal_data` does the work in workers.
Erasure asks for a reason, then twice whether to go on (Enter is no both times).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from deskconsole.domain.erasure import erase
from deskconsole.errors import DeskError
from deskconsole.export.person import export_person_file
from deskconsole.i18n import t
from deskconsole.models import Resident
from deskconsole.ui.screens.base import DeskModal, DeskScreen
from deskconsole.ui.screens.dialogs import ConfirmDialog
from deskconsole.ui.widgets.footer import DeskFooter

EXPORTS_SUBDIR = "exports"


class PersonalDataDialog(DeskModal[str | None]):
    """What to do with one resident's personal data: ``copy``, ``full`` or ``erase``."""

    BINDINGS = [
        Binding("c", "answer('copy')", "privacy.key_copy", tooltip="privacy.key_copy_tip"),
        Binding("f", "answer('full')", "privacy.key_full", tooltip="privacy.key_full_tip"),
        Binding("x", "answer('erase')", "privacy.key_erase", tooltip="privacy.key_erase_tip"),
        Binding("escape", "answer(None)", "dialog.cancel", tooltip="dialog.cancel_tip"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.resident_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text(t("privacy.dialog_title", name=self.resident_name)), classes="dialog-question"
            )
            yield Static(t("privacy.dialog_choices"), classes="dialog-hint")
        yield DeskFooter()

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)


class ReasonDialog(DeskModal[str | None]):
    """Why: a line of text, required; Enter takes it, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "dialog.cancel", tooltip="dialog.cancel_tip")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-question")
            yield Input(placeholder=t("privacy.reason_placeholder"), id="reason", max_length=500)
            yield Static("", id="reason-problem", classes="dialog-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = event.value.strip()
        if not reason:
            self.query_one("#reason-problem", Static).update(t("privacy.err_reason"))
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)


def personal_data(screen: DeskScreen, resident: Resident) -> None:
    """Ask what to do with ``resident``'s personal data, then do it."""

    def chosen(answer: str | None) -> None:
        if answer == "copy":
            _copy(screen, resident, masked=True, reason="")
        elif answer == "full":
            screen.app.push_screen(
                ReasonDialog(t("privacy.reason_full")),
                lambda reason: (
                    _copy(screen, resident, masked=False, reason=reason) if reason else None
                ),
            )
        elif answer == "erase":
            screen.app.push_screen(
                ReasonDialog(t("privacy.reason_erase", name=resident.name)),
                lambda reason: _confirm_erase(screen, resident, reason) if reason else None,
            )

    screen.app.push_screen(PersonalDataDialog(resident.name), chosen)


def _copy(screen: DeskScreen, resident: Resident, *, masked: bool, reason: str) -> None:
    desk = screen.desk
    folder: Path = desk.repo.data_dir / EXPORTS_SUBDIR

    def work() -> None:
        try:
            written = export_person_file(
                desk.repo,
                resident.id,
                str(folder) + "/",
                masked=masked,
                reason=reason,
                staff=desk.staff,
                now=desk.now(),
            )
        except DeskError as error:
            desk.call_from_thread(desk.notify, str(error), severity="error")
            return
        paths = ", ".join(str(p) for p in written)
        desk.call_from_thread(desk.notify, t("privacy.copy_written", paths=paths), timeout=15)

    screen.run_worker(work, thread=True, group="person-file")


def _confirm_erase(screen: DeskScreen, resident: Resident, reason: str) -> None:
    first = ConfirmDialog(t("privacy.erase_confirm", name=resident.name), destructive=True)
    again = ConfirmDialog(t("privacy.erase_confirm_again"), destructive=True)

    def first_answer(yes: bool | None) -> None:
        if yes:
            screen.app.push_screen(
                again, lambda sure: _erase(screen, resident, reason) if sure else None
            )

    screen.app.push_screen(first, first_answer)


def _erase(screen: DeskScreen, resident: Resident, reason: str) -> None:
    desk = screen.desk
    at: datetime = desk.now()

    def work() -> None:
        try:
            done = erase(desk.repo, resident.id, reason, staff=desk.staff, now=at)
        except DeskError as error:
            desk.call_from_thread(desk.notify, str(error), severity="error")
            return
        desk.call_from_thread(desk.notify, t("privacy.erased", cases=done.cases), timeout=15)

    screen.run_worker(work, thread=True, group="person-erase")
