"""The case view: every field, the timeline, and the changes made from here.

Notes, replies, party and due-date changes, links and moves each become a
timeline event saved before the screen shows them. Phone and ID numbers are
masked until ``v`` reveals them, which is recorded too.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from deskconsole.domain.board import DueCalendar
from deskconsole.domain.casedesk import CaseDesk
from deskconsole.domain.due_proposal import due_is_settled
from deskconsole.domain.timeline import describe
from deskconsole.domain.workflow import (
    Step,
    linked_numbers,
)
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.models import Case, CaseState, EventKind, Resident, mask_phone
from deskconsole.ui.messages import StoreChanged
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.screens.moves import MOVE_BINDINGS, CaseMoves
from deskconsole.ui.widgets.case_card import BADGE_STYLES, due_text
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.header import DeskHeader

Apply = Callable[[CaseDesk, Step, bool], Case]


def timeline_text(case: Case) -> Text:
    """One line per event in the order the case keeps them (the merge's causal order:
    a desk whose clock is behind still shows its change after what it had seen)."""
    lines = []
    for event in case.events:
        line = Text.assemble(
            (f"{event.at:%Y-%m-%d %H:%M}", "dim"),
            "  ",
            (event.staff or "-", "bold"),
            "  ",
            describe(event),
        )
        if event.kind == EventKind.REPLY:
            line.stylize("green", 0)
        if event.note:
            line.append("\n    ")
            line.append(event.note, style="italic")
        lines.append(line)
    return Text("\n").join(lines) if lines else Text(t("case.no_events"), style="dim")


class CaseScreen(CaseMoves, DeskScreen):
    """One case, all of it."""

    BINDINGS = [
        Binding("escape", "close", "case.key_back", tooltip="case.key_back_tip"),
        Binding("n", "note", "case.key_note", tooltip="case.key_note_tip"),
        Binding("r", "reply", "case.key_reply", tooltip="case.key_reply_tip"),
        Binding("p", "party", "case.key_party", tooltip="case.key_party_tip"),
        Binding("d", "due", "case.key_due", tooltip="case.key_due_tip"),
        Binding("l", "link", "case.key_link", tooltip="case.key_link_tip"),
        Binding("v", "reveal", "case.key_reveal", tooltip="case.key_reveal_tip"),
        *MOVE_BINDINGS,
    ]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.case: Case | None = None
        self.resident: Resident | None = None
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield DeskHeader()
        yield Static(id="case-title", markup=False)
        with VerticalScroll(id="case-body"):
            yield Static(id="case-fields", markup=False)
            yield Static(t("case.timeline"), id="case-timeline-title", classes="case-section")
            yield Static(id="case-timeline", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.reload()

    def reload(self) -> None:
        """Read the case (and its resident) from the store and show it."""
        self.case = self.desk.repo.cases.get(self.number)
        if self.case is not None and self.case.resident_id:
            self.resident = self.desk.repo.residents.get(self.case.resident_id)
        self.show()

    def on_store_changed(self, message: StoreChanged) -> None:
        if "cases" in message.tables or "residents" in message.tables:
            self.reload()

    # -- drawing --------------------------------------------------------------------
    def _number(self, value: str, masked: str) -> str:
        return value if self.revealed else masked

    def show(self) -> None:
        case = self.case
        title = self.query_one("#case-title", Static)
        if case is None:
            title.update(t("workflow.not_found", number=self.number))
            return
        today = self.desk.today()
        calendar = DueCalendar(today, self.desk.settings)
        badge = calendar.badge(case.state, case.due_date)
        head = Text.assemble((case.number, "bold"), "  ", (case.state.label, "reverse"))
        badge_text = due_text(case.due_date, badge, today)
        if badge_text:
            head.append("  ")
            head.append(f" {badge_text} ", style=BADGE_STYLES[badge])
        if self.revealed:
            head.append("  " + t("case.revealed_banner"), style="bold red")
        title.update(head)
        self.query_one("#case-fields", Static).update(self.fields_text(case))
        self.query_one("#case-timeline", Static).update(timeline_text(case))
        self.refresh_bindings()

    def fields_text(self, case: Case) -> Text:
        settings = self.desk.settings
        rows: list[tuple[str, str]] = []
        resident = self.resident
        if resident is not None:
            rows.append((t("field.name"), resident.name))
            if resident.phone:
                rows.append((t("field.phone"), self._number(resident.phone, resident.masked_phone)))
            if resident.id_number:
                rows.append(
                    (
                        t("field.id_number"),
                        self._number(resident.id_number, resident.masked_id_number),
                    )
                )
            if not resident.address.is_blank:
                rows.append((t("field.address"), resident.address.label_zh))
        else:
            rows.append((t("field.contact_name"), case.contact_name or t("board.no_name")))
        if case.contact_phone:
            masked = mask_phone(case.contact_phone)
            rows.append((t("field.contact_phone"), self._number(case.contact_phone, masked)))
        rows += [
            (t("field.request_type"), case.request_type.label),
            (t("field.category"), settings.category_label(case.category)),
            (t("field.urgency"), case.urgency.label),
            (t("field.description"), case.description),
            (t("field.location"), case.location),
            (t("field.intake_at"), f"{case.intake_at:%Y-%m-%d %H:%M}  {case.staff}"),
            (t("field.party"), case.party.label if case.party else "-"),
            (t("field.due_date"), case.due_date.isoformat() if case.due_date else "-"),
        ]
        optional = [
            ("field.outcome", case.outcome),
            ("field.reply", case.reply),
            ("field.satisfaction", case.satisfaction.label if case.satisfaction else ""),
            ("field.end_reason", case.end_reason),
            ("field.redirect_to", case.redirect_to),
            ("field.duplicate_of", case.duplicate_of or ""),
        ]
        rows += [(t(key), value) for key, value in optional if value]
        links = [n for n in linked_numbers(case) if n != case.duplicate_of]
        if links:
            rows.append((t("case.linked"), ", ".join(links)))
        if case.solved_on_spot:
            rows.append((t("case.on_spot"), t("case.yes")))
        width = max(cell_len(label) for label, _ in rows)
        text = Text()
        for label, value in rows:
            text.append(label + " " * (width - cell_len(label) + 2), style="dim")
            text.append(value or "-")
            text.append("\n")
        text.rstrip()
        return text

    async def apply_language(self) -> None:
        """Redraw in the new language; what is revealed stays revealed."""
        self.query_one("#case-timeline-title", Static).update(t("case.timeline"))
        self.show()

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        case = self.case
        if action == "close":
            return True
        if case is None:
            return False
        if action == "reveal":
            resident = self.resident
            return bool(case.contact_phone or (resident and (resident.phone or resident.id_number)))
        if action == "due":
            return not due_is_settled(case)  # a closed or ended case keeps its due date
        return True

    def action_close(self) -> None:
        self.dismiss()

    def case_moved(self, case: Case, source: CaseState) -> None:
        self.case = case
        self.show()

    def action_move_next(self) -> None:
        if self.case:
            self.step_case(self.number, self.case.state, forward=True)

    def action_move_prev(self) -> None:
        if self.case:
            self.step_case(self.number, self.case.state, forward=False)

    def action_move_to(self) -> None:
        self.choose_move(self.number)

    def action_reveal(self) -> None:
        """Show the full numbers (recorded once per field), or mask them again."""
        if self.revealed:
            self.revealed = False
            self.show()
            return
        case, resident = self.case, self.resident
        if case is None:
            return
        fields = []
        if resident is not None and resident.phone:
            fields.append("phone")
        if resident is not None and resident.id_number:
            fields.append("id_number")
        if case.contact_phone:
            fields.append("contact_phone")
        try:
            desk = self.casedesk
            for field in fields:
                self.case = desk.reveal(self.number, field)
        except DeskError as error:
            self.refuse(error)
            return
        self.revealed = True
        self.show()

    # -- changes through a small dialog ---------------------------------------------------------
    def _change(
        self,
        title_key: str,
        fields: tuple[str, ...],
        apply: Apply,
        initial: Step | None = None,
    ) -> None:
        """Ask for ``fields``; ``apply(desk, step, save)`` makes the change (or only checks it)."""
        case = self.case
        if case is None:
            return
        desk = self.casedesk

        def done(saved: Case) -> None:
            self.case = saved
            self.notify(t("case.saved"))
            self.show()

        self.ask_change(
            t(title_key, number=case.number),
            fields,
            case.state,
            lambda step, save: apply(desk, step, save),
            done,
            initial,
            category=case.category,
        )

    def action_note(self) -> None:
        def apply(desk: CaseDesk, step: Step, save: bool) -> Case:
            return desk.add_note(self.number, step.note, save=save)

        self._change("case.title_note", ("note",), apply)

    def action_reply(self) -> None:
        def apply(desk: CaseDesk, step: Step, save: bool) -> Case:
            return desk.add_note(self.number, step.reply, reply=True, save=save)

        self._change("case.title_reply", ("reply",), apply)

    def action_party(self) -> None:
        def apply(desk: CaseDesk, step: Step, save: bool) -> Case:
            return desk.change_party(self.number, step.party, step.reason, save=save)

        initial = Step(party=self.case.party) if self.case else None
        self._change("case.title_party", ("party_kind", "party_name", "reason"), apply, initial)

    def action_due(self) -> None:
        def apply(desk: CaseDesk, step: Step, save: bool) -> Case:
            return desk.extend_due(self.number, step.due_date, step.reason, save=save)

        initial = Step(due_date=self.case.due_date) if self.case else None
        self._change("case.title_due", ("due_date", "reason"), apply, initial)

    def action_link(self) -> None:
        def apply(desk: CaseDesk, step: Step, save: bool) -> Case:
            return desk.link(self.number, step.duplicate_of, step.note, save=save)

        self._change("case.title_link", ("duplicate_of", "note"), apply)
