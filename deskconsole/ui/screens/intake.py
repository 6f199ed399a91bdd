"""Intake (F3): write a case down faster than the paper book, keys only."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Static, TextArea

from deskconsole.domain.choices import category_choices
from deskconsole.domain.intake import (
    IntakeForm,
    IntakeInvalid,
    RelatedChoice,
    RelatedDecision,
    add_to_case,
    check,
    due_for,
    needs_unit_name,
    phone_warnings,
    register_case,
    register_duplicate,
    related_open_cases,
)
from deskconsole.domain.search import Hit, hit_for
from deskconsole.domain.workdays import workdays_until
from deskconsole.errors import DeskError
from deskconsole.i18n import t
from deskconsole.models import Case, Problem, Resident
from deskconsole.storage.drafts import DraftFile
from deskconsole.ui.browser_keys import add_binding
from deskconsole.ui.canned_replies import CANNED_KEY, offer_replies
from deskconsole.ui.desk_code_first import desk_code_first
from deskconsole.ui.literal import literal
from deskconsole.ui.messages import StoreChanged
from deskconsole.ui.screens.base import DeskScreen
from deskconsole.ui.screens.dialogs import ConfirmDialog
from deskconsole.ui.screens.intake_dialogs import RelatedCasesDialog
from deskconsole.ui.screens.resident_form import add_resident, prefill_from_query
from deskconsole.ui.widgets.choice import ChoiceField
from deskconsole.ui.widgets.footer import DeskFooter
from deskconsole.ui.widgets.form_input import FormInput
from deskconsole.ui.widgets.header import DeskHeader
from deskconsole.ui.widgets.intake_fields import (
    FIELD_KEYS,
    FORM_FIELDS,
    PROBLEM_ROW,
    ROW_FOCUS,
    field_row,
    party_choices,
    request_type_choices,
    urgency_choices,
)
from deskconsole.ui.widgets.resident_picker import ResidentPicker
from deskconsole.ui.widgets.tick_box import TickBox

DRAFT_DELAY = 0.4


class IntakeScreen(DeskScreen):
    """The intake form: resident, type, category, matter, place, urgency, party, time."""

    BINDINGS = [
        # Not a priority binding: ctrl+s must wait for the keys typed before it.
        Binding("ctrl+s", "save", "intake.key_save", tooltip="intake.key_save_tip"),
        Binding("escape", "discard", "intake.key_discard", tooltip="intake.key_discard_tip"),
        Binding("ctrl+n", "walk_in", "intake.key_walk_in", tooltip="intake.key_walk_in_tip"),
        add_binding("walk_in", "intake.key_walk_in"),
        Binding(CANNED_KEY, "canned", "replies.key_open", tooltip="replies.key_open_tip"),
        *[
            # Priority: an input would otherwise take alt+d as the letter d.
            Binding(
                f"alt+{letter}",
                f"jump('{field}')",
                f"intake.label_{field}",
                show=False,
                priority=True,
            )
            for field, letter in FIELD_KEYS.items()
        ],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft: DraftFile | None = None
        self._banner: tuple[str, dict[str, object]] | None = None
        self._draft_timer: Timer | None = None
        self._auto_location = ""
        self._filling = False
        self._ready = False
        self._phone_confirmed = ""  # the contact phone whose warning the clerk has seen

    # -- building the form ------------------------------------------------------------
    def action_canned(self) -> None:
        """Ctrl+R: a canned reply of the chosen category as the outcome: solved on the spot."""
        self.query_one("#f-solved_on_spot", Checkbox).value = True
        self.query_one("#row-outcome").display = True
        outcome = self.query_one("#f-outcome", Input)
        category = str(self._choice("category").value or "")
        offer_replies(self, outcome, self.desk.settings, category)

    def compose(self) -> ComposeResult:
        settings = self.desk.settings
        yield DeskHeader()
        yield Static("", id="intake-banner")
        with VerticalScroll(id="intake-form", can_focus=False):  # Tab goes field to field
            yield field_row(
                "resident", ResidentPicker(on_choose=self._resident_chosen, id="f-resident")
            )
            yield field_row(
                "contact",
                Horizontal(
                    FormInput(id="f-contact_name", compact=True),
                    FormInput(id="f-contact_phone", compact=True),
                    id="contact-line",
                ),
            )
            yield field_row(
                "request_type", ChoiceField(request_type_choices(), id="f-request_type")
            )
            yield field_row("category", ChoiceField(category_choices(settings), id="f-category"))
            yield field_row(
                "description", TextArea(id="f-description", compact=True, tab_behavior="focus")
            )
            yield field_row("location", FormInput(id="f-location", compact=True))
            yield field_row(
                "urgency",
                Horizontal(
                    ChoiceField(urgency_choices(), "normal", id="f-urgency"),
                    Static("", id="due-label"),
                    id="urgency-line",
                ),
            )
            yield field_row("party", ChoiceField(party_choices(), "", id="f-party_kind"))
            yield field_row("party_name", FormInput(id="f-party_name", compact=True))
            yield field_row(
                "intake_at",
                Horizontal(
                    FormInput(id="f-intake_at", compact=True),
                    TickBox(t("intake.on_spot"), id="f-solved_on_spot", compact=True),
                    id="time-line",
                ),
            )
            yield field_row("outcome", FormInput(id="f-outcome", compact=True))
        yield DeskFooter()

    def on_mount(self) -> None:
        self.desk.refresh_header()
        self.draft = DraftFile(self.desk.repo.data_dir, "intake")
        self._relabel()
        saved = self.draft.load()
        if saved:
            form = IntakeForm.from_json(saved)
            if not form.is_blank:
                self.write_form(form)
                self.notify(t("intake.draft_restored"), timeout=8)
        self._update_visibility()
        self._update_due()
        self.set_focus(self.query_one(ResidentPicker).input)
        self._ready = True
        self._take_requested_resident()

    def on_screen_resume(self) -> None:
        """Coming to the front: take the resident Lookup asked for (its ``n`` key)."""
        if self._ready:  # the first time, on_mount takes it once the form is built
            self._take_requested_resident()

    def _take_requested_resident(self) -> None:
        resident_id = self.desk.intake_resident_id
        if resident_id:
            self.desk.intake_resident_id = None
            self.use_resident(resident_id)

    def _relabel(self) -> None:
        for field in FORM_FIELDS:
            label = self.query_one(f"#label-{field}", Static)
            letter = FIELD_KEYS.get(field)
            hint = f" [dim]alt+{letter}[/]" if letter else ""
            label.update(t(f"intake.label_{field}") + hint)
        self.query_one("#f-intake_at", Input).placeholder = t(
            "intake.hint_intake_at", now=f"{self.desk.now():%H:%M}"
        )
        self.query_one("#f-location", Input).placeholder = t("intake.hint_location")
        self.query_one("#f-party_name", Input).placeholder = t("intake.hint_party_name")
        self.query_one("#f-outcome", Input).placeholder = t("intake.hint_outcome")
        self.query_one("#f-contact_name", Input).placeholder = t("intake.hint_contact_name")
        self.query_one("#f-contact_phone", Input).placeholder = t("intake.hint_contact_phone")
        self.query_one("#f-solved_on_spot", Checkbox).label = t("intake.on_spot")
        self.query_one(ResidentPicker).relabel()
        for choice in self.query(ChoiceField):
            choice.refresh(layout=True)
        self._update_due()

    async def apply_language(self) -> None:
        """Relabel in place: what was typed stays."""
        self._relabel()
        self._show_banner()
        self.refresh_bindings()

    # -- reading and writing the form ----------------------------------------------------
    def _input(self, field: str) -> Input:
        return self.query_one(f"#f-{field}", Input)

    def _choice(self, field: str) -> ChoiceField:
        return self.query_one(f"#f-{field}", ChoiceField)

    def read_form(self) -> IntakeForm:
        """What is on screen, as a form."""
        return IntakeForm(
            resident_id=self.query_one(ResidentPicker).resident_id,
            contact_name=self._input("contact_name").value,
            contact_phone=self._input("contact_phone").value,
            request_type=self._choice("request_type").value,
            category=self._choice("category").value,
            description=self.query_one("#f-description", TextArea).text,
            location=self._input("location").value,
            urgency=self._choice("urgency").value,
            party_kind=self._choice("party_kind").value,
            party_name=self._input("party_name").value,
            intake_at=self._input("intake_at").value,
            solved_on_spot=self.query_one("#f-solved_on_spot", Checkbox).value,
            outcome=self._input("outcome").value,
        )

    def write_form(self, form: IntakeForm) -> None:
        """Put ``form`` on screen (draft restore, clearing after a save)."""
        self._filling = True
        try:
            self.query_one(ResidentPicker).choose(self._hit(form.resident_id), announce=False)
            for field in (
                "contact_name",
                "contact_phone",
                "location",
                "party_name",
                "intake_at",
                "outcome",
            ):
                self._input(field).value = getattr(form, field)
            for field in ("request_type", "category", "urgency", "party_kind"):
                self._choice(field).value = getattr(form, field)
            matter = self.query_one("#f-description", TextArea)
            matter.text = form.description
            matter.move_cursor(matter.document.end)  # typing goes on after what is there
            self.query_one("#f-solved_on_spot", Checkbox).value = form.solved_on_spot
            self._auto_location = form.location if form.resident_id else ""
        finally:
            self._filling = False
        self._update_visibility()
        self._update_due()

    def _hit(self, resident_id: str) -> Hit | None:
        """The picker's row for a resident: from the index once built, else the store."""
        if not resident_id:
            return None
        index = self.desk.resident_search.built
        hit = index.get(resident_id) if index is not None else None
        if hit is None:
            doc = self.desk.repo.residents.doc(resident_id)
            hit = hit_for(doc) if doc is not None else None
        return hit

    def use_resident(self, resident_id: str) -> None:
        """Start a case for this resident (from Lookup's ``n``)."""
        hit = self._hit(resident_id)
        if hit is None:
            return
        self.query_one(ResidentPicker).choose(hit)
        self.set_focus(self._choice("request_type"))

    # -- reacting to input -----------------------------------------------------------------
    def _resident_chosen(self, resident_id: str) -> None:
        """Called by the picker as it chooses: fill the location, move on at once."""
        location = self._input("location")
        if resident_id:
            resident = self.desk.repo.residents.get(resident_id)
            if resident and (not location.value or location.value == self._auto_location):
                self._auto_location = resident.address.label_zh
                location.value = self._auto_location
            self._update_visibility()
            self.set_focus(self._choice("request_type"))
        else:
            if location.value == self._auto_location:
                location.value = ""
            self._auto_location = ""
            self._update_visibility()
        self._changed()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(ChoiceField.Changed)
    @on(Checkbox.Changed)
    def _field_changed(
        self, event: Input.Changed | TextArea.Changed | ChoiceField.Changed | Checkbox.Changed
    ) -> None:
        """Keep the draft; redo the visibility and due date only when their fields change."""
        changed = event.control.id if event.control is not None else None
        if changed in ("f-party_kind", "f-solved_on_spot"):
            self._update_visibility()
        if changed in ("f-urgency", "f-intake_at"):
            self._update_due()
        self._changed()

    def _update_visibility(self) -> None:
        if self._filling:
            return
        has_resident = bool(self.query_one(ResidentPicker).resident_id)
        self.query_one("#row-contact").display = not has_resident
        needs_name = needs_unit_name(str(self._choice("party_kind").value))
        self.query_one("#row-party_name").display = needs_name
        self.query_one("#row-outcome").display = self.query_one("#f-solved_on_spot", Checkbox).value

    def _update_due(self) -> None:
        if self._filling:
            return
        form = self.read_form()
        due = due_for(form, self.desk.settings, self.desk.now())
        label = self.query_one("#due-label", Static)
        if due is None:
            label.update(t("intake.due_unknown"))
            return
        days = workdays_until(self.desk.today(), due, self.desk.settings)
        label.update(t("intake.due", due=due.isoformat(), days=days))

    # -- drafts --------------------------------------------------------------------------------
    def _changed(self) -> None:
        if self._filling:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._save_draft)

    def _save_draft(self) -> None:
        self._write_draft(self.read_form())

    @work(thread=True, exit_on_error=False, exclusive=True, group="draft")
    def _write_draft(self, form: IntakeForm) -> None:
        if self.draft is None:
            return
        try:
            if form.is_blank:
                self.draft.clear()
            else:
                self.draft.save(form.to_json())
        except OSError as error:
            self.app.call_from_thread(
                self.notify,
                t("intake.draft_failed", reason=error.strerror or str(error)),
                severity="warning",
            )

    # -- saving ----------------------------------------------------------------------------
    def action_save(self) -> None:
        """ctrl+s: check, ask about related open cases, save durably, clear for the next."""
        form = self.read_form()
        problems = check(form, self.desk.settings, self.desk.now())
        self._show_problems(problems)
        if problems or self._warned_about_phone(form):
            return
        if desk_code_first(self.desk, self.action_save):
            return
        related = (
            related_open_cases(self.desk.repo, form.resident_id, form.category)
            if form.resident_id
            else []
        )
        if not related:
            self._save(form, RelatedDecision(RelatedChoice.NEW))
            return

        def decided(decision: RelatedDecision | None) -> None:
            if decision is not None:
                self._save(form, decision)

        self.app.push_screen(RelatedCasesDialog(related, self.desk.settings), decided)

    def _warned_about_phone(self, form: IntakeForm) -> bool:
        """A contact phone the numbering plan lacks: the first ctrl+s shows why, the next
        one saves it as typed (the resident knows their number)."""
        warnings = phone_warnings(form, self.desk.settings)
        if not warnings or form.contact_phone == self._phone_confirmed:
            return False
        self._phone_confirmed = form.contact_phone
        self._show_problems(warnings, notice=t("phone.intake_confirm"))
        return True

    def _save(self, form: IntakeForm, decision: RelatedDecision) -> None:
        desk = self.desk.case_desk
        settings, staff, now = self.desk.settings, self.desk.staff, self.desk.now()
        how, number = decision.choice, decision.number
        try:
            if how is RelatedChoice.ADD:
                case = add_to_case(desk, number, form)
            elif how is RelatedChoice.DUPLICATE:
                case = register_duplicate(
                    self.desk.repo, desk, form, number, settings=settings, staff=staff, now=now
                )
            else:
                case = register_case(self.desk.repo, form, settings=settings, staff=staff, now=now)
        except IntakeInvalid as invalid:
            self._show_problems(invalid.problems)
            return
        except DeskError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        self._announce(case, how)
        self._phone_confirmed = ""
        self.write_form(IntakeForm())  # each case starts from the defaults
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self.draft is not None:
            self.draft.clear()
        self.set_focus(self.query_one(ResidentPicker).input)

    def _announce(self, case: Case, how: RelatedChoice) -> None:
        key = {
            RelatedChoice.ADD: "intake.saved_added",
            RelatedChoice.DUPLICATE: "intake.saved_duplicate",
        }.get(how, "intake.saved_on_spot" if case.solved_on_spot else "intake.saved")
        params = {"number": case.number, "due": case.due_date or "-"}
        self._banner = (key, {**params, "original": case.duplicate_of or ""})
        self._show_banner()

    def _show_banner(self) -> None:
        """The last "Saved ..." line, in the current language (redrawn on a switch)."""
        if self._banner is None:
            return
        key, params = self._banner
        banner = self.query_one("#intake-banner", Static)
        banner.update(t(key, **params))
        banner.add_class("-saved")

    def _show_problems(self, problems: list[Problem], notice: str = "") -> None:
        """Each problem under its field; with a ``notice``, they are warnings."""
        by_row: dict[str, list[str]] = {}
        for problem in problems:
            by_row.setdefault(PROBLEM_ROW.get(problem.field, problem.field), []).append(
                problem.message
            )
        for error in self.query(".field-error").results(Static):
            text = "\n".join(by_row.get((error.id or "").removeprefix("err-"), []))
            error.update(literal(text))
            error.display = bool(text)
            error.set_class(bool(notice), "-warning")
        if problems:
            self._focus_field(problems[0].field)
            if notice:
                self.notify(notice, severity="warning")
            else:
                self.notify(t("intake.not_saved", count=len(problems)), severity="error")

    def _focus_field(self, field: str) -> None:
        row = PROBLEM_ROW.get(field, field)
        target = (
            f"f-{field}"
            if field in ("contact_phone", "contact_name")
            else ROW_FOCUS.get(row, f"f-{row}")
        )
        for widget in self.query(f"#{target}"):
            self.set_focus(widget)
            widget.scroll_visible()
            return

    def action_jump(self, field: str) -> None:
        self._focus_field(field)

    def action_walk_in(self) -> None:
        """ctrl+n: add a resident who is not on the roster yet, and take them."""
        picker = self.query_one(ResidentPicker)
        typed = "" if picker.resident_id else picker.input.value

        def added(resident: Resident) -> None:
            picker.choose(hit_for(resident))

        add_resident(self, prefill_from_query(typed), then=added)

    # -- leaving -------------------------------------------------------------------------------
    def action_discard(self) -> None:
        """Esc: close the hit list, else ask before throwing typed input away (a search
        alone is cleared at once)."""
        picker = self.query_one(ResidentPicker)
        if picker.close_hits():
            return
        if self.read_form().is_blank:
            if picker.input.value:  # only a search typed: nothing to lose
                picker.choose(None, announce=False)
                self.set_focus(picker.input)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.write_form(IntakeForm())
                self._show_problems([])
                if self.draft is not None:
                    self.draft.clear()
                self.set_focus(self.query_one(ResidentPicker).input)

        self.app.push_screen(ConfirmDialog(t("intake.confirm_discard"), destructive=True), answered)

    def on_store_changed(self, message: StoreChanged) -> None:
        if "meta" in message.tables:
            self._choice("category").set_choices(category_choices(self.desk.settings))
